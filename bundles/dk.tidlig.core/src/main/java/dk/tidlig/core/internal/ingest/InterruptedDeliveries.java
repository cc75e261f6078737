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
    /**
     * One resume at a time in the process. An instance is replaced when a service it holds is (the configurations arrive
     * one by one while the server starts), and the one it replaces may still be resuming a delivery: the new one waits
     * for it, and then finds the delivery finished, instead of starting a second reading of the same file beside it.
     */
    private static final java.util.concurrent.locks.ReentrantLock RESUMING = new java.util.concurrent.locks.ReentrantLock();

    /** The server's resumer, one delivery at a time; null for a command, which resumes nothing by itself. */
    private final ExecutorService resumer;
    /** False once deactivated: what is queued is left to the instance that replaces this one. */
    private volatile boolean active = true;
    /** The delivery being resumed, or null. */
    private volatile Long resuming;
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

    /**
     * Nothing queued starts any more. A delivery being resumed is not interrupted: it is read to its end (an interrupted
     * read would end it as failed, when it is only this component that is being replaced).
     */
    @Deactivate
    void stop() {
        active = false;
        if (resumer != null) {
            resumer.shutdown();
        }
        Long delivery = resuming;
        if (delivery != null) {
            LOG.info("Resumer replaced while delivery {} is resumed: it is read to its end first", delivery);
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
        if (!active) {
            return marked;
        }
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
        if (!active) {
            return;
        }
        try {
            RESUMING.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            resumeLocked(adapterId);
        } finally {
            RESUMING.unlock();
        }
    }

    private void resumeLocked(String adapterId) {
        try {
            for (FileRecord r : store.unfinished(null, adapterId)) {
                if (!active) {
                    return;
                }
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
                resuming = r.id();
                try (ProducerTemplate template = camel.createProducerTemplate()) {
                    Exchange ex = template.send(SourceAdapter.ingestEndpoint(adapterId), x -> x.getIn().setBody(archive.file(copy.get())));
                    FileOutcome o = ex.getMessage().getBody(FileOutcome.class);
                    if (o != null) {
                        LOG.info("{}: delivery {} resumed: {}", adapterId, o.fileId(), o.status().name().toLowerCase(java.util.Locale.ROOT));
                    }
                } finally {
                    resuming = null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("{}: could not resume an interrupted delivery: {}", adapterId, CprNumbers.mask(String.valueOf(e.getMessage())));
        }
    }
}
