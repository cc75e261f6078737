// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.micrometer.core.instrument.MeterRegistry;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IngestStore;

/**
 * The shared ingest pipeline every adapter feeds: validate, pseudonymise, store idempotently in
 * chunks, quarantine what is invalid, and record each delivery's outcome. Chunks are stored by writer
 * threads of the pipeline's own, one at a time per delivery, while the delivery's reader goes on.
 */
@Component(service = IngestService.class, configurationPid = {"dk.tidlig.retention", "dk.tidlig.ingest"})
public class IngestPipeline implements IngestService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IngestPipeline.class);

    /** Lines per chunk (one transaction) unless configured. */
    public static final int CHUNK_LINES = 5_000;

    /**
     * The settings the pipeline needs: the retention's (events past it are not stored again) and the ingest's
     * own.
     */
    public @interface Config {
        int eventRetentionMonths() default 60;

        /** Lines per chunk: one transaction holds a chunk's rows, quarantined lines and the delivery's progress. */
        int chunkLines() default CHUNK_LINES;

        /**
         * A delivery read by a process on another host (a second node) that has stored nothing for this long is taken
         * for abandoned: the next process that gets the same file resumes it.
         */
        int ownerSilentMinutes() default OWNER_SILENT_MINUTES;
    }

    /** Minutes without progress after which another host's delivery counts as abandoned, unless configured. */
    public static final int OWNER_SILENT_MINUTES = 15;

    private final IngestStore store;
    private final KeyRing keys;
    private final RecordValidator validator;
    private final DeliveryArchive archive;
    private final ExecutorService writers = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tidlig-ingest-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private volatile int eventRetentionMonths;
    /** Where the ingest's counts and durations go when the metrics bundle runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MeterRegistry meters;
    private volatile int chunkLines;
    private volatile java.time.Duration ownerSilence = java.time.Duration.ofMinutes(OWNER_SILENT_MINUTES);
    /** Today, for the events' retention cut: the system's clock, or a fixed day for a reproducible back-test. */
    private final Clock clock;

    /** Refuses when the key file and the rows hold different generations of a key; set by the framework, or by {@link #guardedBy}. */
    @Reference
    private dk.tidlig.core.internal.crypto.KeyGuard guard;

    @Activate
    public IngestPipeline(@Reference IngestStore store, @Reference KeyRing keys, @Reference RecordValidator validator,
            @Reference DeliveryArchive archive, Config config) {
        this(store, keys, validator, archive, config.eventRetentionMonths(), config.chunkLines());
        ownerSilence = silence(config.ownerSilentMinutes());
    }

    static java.time.Duration silence(int minutes) {
        if (minutes < 1) {
            throw new IllegalArgumentException("dk.tidlig.ingest: ownerSilentMinutes must be at least 1, not " + minutes);
        }
        return java.time.Duration.ofMinutes(minutes);
    }

    /** Outside OSGi, with the archive of deliveries and the events' retention in months. */
    public IngestPipeline(IngestStore store, KeyRing keys, RecordValidator validator, DeliveryArchive archive, int eventRetentionMonths) {
        this(store, keys, validator, archive, eventRetentionMonths, CHUNK_LINES);
    }

    /** Outside OSGi, with the lines per chunk too. */
    public IngestPipeline(IngestStore store, KeyRing keys, RecordValidator validator, DeliveryArchive archive, int eventRetentionMonths,
            int chunkLines) {
        this(store, keys, validator, archive, eventRetentionMonths, chunkLines, Clock.systemDefaultZone());
    }

    /** Outside OSGi, with the clock that says what day it is (events ended before the retention period are not stored). */
    public IngestPipeline(IngestStore store, KeyRing keys, RecordValidator validator, DeliveryArchive archive, int eventRetentionMonths,
            int chunkLines, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.keys = keys;
        this.validator = validator;
        this.archive = archive;
        this.eventRetentionMonths = eventRetentionMonths;
        this.chunkLines = checkedChunk(chunkLines);
    }

    private static int checkedChunk(int lines) {
        if (lines < 1 || lines > 1_000_000) {
            throw new IllegalArgumentException("dk.tidlig.ingest: chunkLines must be between 1 and 1000000, not " + lines);
        }
        return lines;
    }

    @Modified
    void modified(Config config) {
        eventRetentionMonths = config.eventRetentionMonths();
        chunkLines = checkedChunk(config.chunkLines());
        ownerSilence = silence(config.ownerSilentMinutes());
    }

    @Deactivate
    void deactivate() {
        writers.shutdown();
    }

    @Override
    public FileIngest begin(AdapterDescriptor adapter, String municipalityCode, FileOrigin origin) {
        String tenant = municipalityCode.strip().replaceFirst("^0", "");
        String name = CprNumbers.mask(origin.fileName());
        LocalDate eventsEndedBefore = LocalDate.now(clock).minusMonths(Math.max(1, eventRetentionMonths));
        DeliveryArchive archived = origin.archiveId() == null ? null : archive;
        String reading = IngestOwner.newReading();
        Optional<FileRecord> interrupted = resumable(tenant, adapter, origin, reading);
        if (interrupted.isPresent()) {
            FileRecord r = interrupted.get();
            LOG.info("{}: delivery {} ({}) was interrupted after {} of its lines were stored; it is resumed after them", adapter.id(), r.id(),
                    name, r.lines());
            guarded(tenant, r.id(), reading);
            return new FileIngestSession(store, keys, validator, adapter, tenant, name, r.id(), reading, chunkLines, writers, eventsEndedBefore,
                    archived, origin.archiveId(), r, new IngestMeters(meters));
        }
        long fileId = store.beginFile(tenant, adapter.id(), adapter.sourceSystem(), name, origin.sha256(), origin.size(), reading,
                origin.archiveId(), origin.deliveredBy());
        guarded(tenant, fileId, reading);
        return new FileIngestSession(store, keys, validator, adapter, tenant, name, fileId, reading, chunkLines, writers, eventsEndedBefore,
                archived, origin.archiveId(), null, new IngestMeters(meters));
    }

    /**
     * Refuses a delivery whose rows would hold pseudonyms of another generation than the municipality's: asked after the
     * delivery is on record as running, so that a rekeying either sees it running (and refuses) or has ended (and this
     * sees its generation). The delivery is left interrupted: delivered again with the right key file, it is resumed.
     */
    private void guarded(String tenant, long fileId, String reading) {
        if (guard == null) {
            return;
        }
        try {
            guard.require(tenant, dk.tidlig.core.internal.crypto.KeyPurpose.PSEUDONYM, dk.tidlig.core.internal.crypto.KeyPurpose.HOUSEHOLD);
        } catch (dk.tidlig.core.internal.crypto.KeyGuard.MismatchException e) {
            store.interrupted(fileId, reading, e.getMessage());
            throw e;
        }
    }

    /** Outside OSGi: guarded against a key file of another generation than the rows. */
    public IngestPipeline guardedBy(dk.tidlig.core.internal.crypto.KeyGuard keyGuard) {
        this.guard = keyGuard;
        return this;
    }

    /**
     * An interrupted delivery of the same content by the same adapter (its process died, or it was marked
     * interrupted), taken over by this process: the file is then read again and stored after the lines already
     * stored. When two processes want it, one takes it and the other starts a delivery of its own (idempotent).
     */
    private Optional<FileRecord> resumable(String tenant, AdapterDescriptor adapter, FileOrigin origin, String reading) {
        for (FileRecord r : store.unfinished(tenant, adapter.id())) {
            boolean orphaned = "INTERRUPTED".equals(r.status()) || IngestOwner.isGone(r, ownerSilence, clock.instant());
            if (orphaned && r.sha256().equals(origin.sha256()) && r.size() == origin.size() && store.claim(r, reading)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.nio.file.Path file, String name) throws java.io.IOException {
        return archive.receive(municipalityCode.strip().replaceFirst("^0", ""), adapter.id(), file, name);
    }

    @Override
    public DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.io.InputStream content, String name) throws java.io.IOException {
        return archive.receive(municipalityCode.strip().replaceFirst("^0", ""), adapter.id(), content, name);
    }
}
