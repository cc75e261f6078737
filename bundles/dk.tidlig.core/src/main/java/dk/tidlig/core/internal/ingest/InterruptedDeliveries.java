// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.internal.command.Deployed;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IngestStore;

/**
 * Deliveries whose process died while reading them (killed, out of memory, power loss): none is left RUNNING.
 * The server (and the demo's server) resumes each one whose sealed copy the archive of deliveries still holds, as
 * soon as its adapter is deployed, through the adapter's own ingest route; the ingest pipeline recognises the
 * delivery by its content and stores only the lines after those already stored. A delivery read where it lay
 * ({@code bin/tidlig import}) has no sealed copy: it is marked INTERRUPTED with what was stored, and importing the
 * same file again resumes it the same way.
 */
@Component(service = InterruptedDeliveries.class, immediate = true, configurationPid = "dk.tidlig.ingest")
public class InterruptedDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedDeliveries.class);

    private final BundleContext context;
    private final IngestStore store;
    private final DeliveryArchive archive;
    private final CamelContext camel;
    /** The server's resumer, one delivery at a time; null for a command, which resumes nothing by itself. */
    private final ExecutorService resumer;
    /** How long another host's delivery may make no progress before it counts as abandoned. */
    private final java.time.Duration silence;

    @Activate
    public InterruptedDeliveries(BundleContext context, @Reference IngestStore store, @Reference DeliveryArchive archive,
            @Reference CamelContext camel, IngestPipeline.Config config) {
        this.silence = IngestPipeline.silence(config.ownerSilentMinutes());
        this.context = context;
        this.store = store;
        this.archive = archive;
        this.camel = camel;
        String mode = context.getProperty("tidlig.mode");
        this.resumer = "server".equals(mode) || "demo".equals(mode) ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tidlig-resume");
            t.setDaemon(true);
            return t;
        }) : null;
        if (resumer != null) {
            resumer.submit(this::sweep);
        }
    }

    @Deactivate
    void stop() {
        if (resumer != null) {
            resumer.shutdownNow();
        }
    }

    /** An adapter's routes are up (the platform publishes its inbox with them): resume what it left. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bind(AdapterInbox inbox) {
        if (resumer != null) {
            String id = inbox.adapter().descriptor().id();
            resumer.submit(() -> resume(id));
        }
    }

    void unbind(AdapterInbox inbox) {
        // a delivery being resumed fails with its route, and stays resumable
    }

    /**
     * Marks every delivery whose process died and that has no sealed copy as INTERRUPTED, with how much of it was
     * stored and how to store the rest.
     *
     * @return the deliveries marked
     */
    public List<FileRecord> sweep() {
        List<FileRecord> marked = new ArrayList<>();
        try {
            for (FileRecord r : store.unfinished(null, null)) {
                if ("RUNNING".equals(r.status()) && IngestOwner.isGone(r, silence, java.time.Instant.now()) && !sealedCopy(r).isPresent()
                        && store.interrupted(r.id(), r.owner(), reason(r))) {
                    LOG.warn("{}: delivery {} ({}) was interrupted after {} of its lines were stored; importing the same file again stores the rest",
                            r.adapterId(), r.id(), CprNumbers.mask(r.fileName()), r.lines());
                    marked.add(r);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not look for interrupted deliveries: {}", CprNumbers.mask(String.valueOf(e.getMessage())));
        }
        return marked;
    }

    private static String reason(FileRecord r) {
        return "interrupted after " + r.lines() + " of its lines were stored (up to line " + r.linesDone()
                + "); importing the same file again stores the rest";
    }

    private Optional<DeliveryArchive.Entry> sealedCopy(FileRecord r) {
        if (r.archiveId() == null) {
            return Optional.empty();
        }
        try {
            return archive.get(r.archiveId());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the inbox still holds the delivery's clear-text file (its process died before it could delete it). */
    private boolean stillInInbox(String adapterId, FileRecord r) {
        java.nio.file.Path inbox = Deployed.inbox(context, adapterId).map(i -> i.settings().inbox()).orElse(null);
        if (inbox == null || !java.nio.file.Files.isDirectory(inbox)) {
            return false;
        }
        try (var files = java.nio.file.Files.list(inbox)) {
            return files.anyMatch(f -> CprNumbers.mask(f.getFileName().toString()).equals(r.fileName()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Resumes the adapter's deliveries whose process died and whose sealed copy is archived, oldest first. */
    void resume(String adapterId) {
        try {
            for (FileRecord r : store.unfinished(null, adapterId)) {
                if (!"RUNNING".equals(r.status()) || !IngestOwner.isGone(r, silence, java.time.Instant.now())) {
                    continue;
                }
                Optional<DeliveryArchive.Entry> copy = sealedCopy(r);
                if (copy.isEmpty()) {
                    store.interrupted(r.id(), r.owner(), reason(r));
                    continue;
                }
                Deployed.await(context, camel, adapterId, 60_000);
                if (stillInInbox(adapterId, r)) {
                    // killed before the file was received whole: the inbox reads it again, and the pipeline resumes it then
                    continue;
                }
                LOG.info("{}: resuming delivery {} ({}) after the {} lines stored before its process stopped", adapterId, r.id(),
                        CprNumbers.mask(r.fileName()), r.lines());
                try (ProducerTemplate template = camel.createProducerTemplate()) {
                    Exchange ex = template.send(SourceAdapter.ingestEndpoint(adapterId), x -> x.getIn().setBody(archive.file(copy.get())));
                    FileOutcome o = ex.getMessage().getBody(FileOutcome.class);
                    if (o != null) {
                        LOG.info("{}: delivery {} resumed: {}", adapterId, o.fileId(), o.status().name().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("{}: could not resume an interrupted delivery: {}", adapterId, CprNumbers.mask(String.valueOf(e.getMessage())));
        }
    }
}
