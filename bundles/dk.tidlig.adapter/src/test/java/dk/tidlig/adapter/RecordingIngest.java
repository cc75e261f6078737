// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * An in-memory ingest for testing routes and mappers without a database. It validates and counts like
 * the real pipeline: a line with an invalid record is quarantined with the violations as reason, a
 * line whose records were all seen before (by value) is a duplicate.
 */
public class RecordingIngest implements IngestService {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure().messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    public final List<FileOutcome> outcomes = new ArrayList<>();
    /** When at least 0: storing fails (as a database outage would) once this many lines were accepted. */
    public volatile int failAfterLines = -1;
    public final Map<Long, String> quarantine = new HashMap<>();
    public final List<SourceRecord> stored = new ArrayList<>();
    /** What was received from an inbox, by archive id: the archive of deliveries, in memory. */
    public final Map<String, byte[]> received = new java.util.LinkedHashMap<>();
    /** When set: receiving fails (as a full disk would). */
    public volatile boolean failReceiving;
    /** How many times a file was given to be received (sealed or not). */
    public final java.util.concurrent.atomic.AtomicInteger receiveAttempts = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.nio.file.Path file, String name)
            throws java.io.IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return receive(adapter, municipalityCode, in, name);
        }
    }

    @Override
    public synchronized DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.io.InputStream in, String name)
            throws java.io.IOException {
        receiveAttempts.incrementAndGet();
        if (failReceiving) {
            throw new java.io.IOException("the archive is full (simulated)");
        }
        byte[] content = in.readAllBytes();
        String id = "r" + (received.size() + 1);
        received.put(id, content);
        return new DeliveredFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public java.io.InputStream open() {
                return new java.io.ByteArrayInputStream(content);
            }

            @Override
            public String archiveId() {
                return id;
            }
        };
    }
    private final java.util.Set<SourceRecord> seen = new java.util.HashSet<>();

    @Override
    public synchronized FileIngest begin(AdapterDescriptor adapter, String municipalityCode, FileOrigin origin) {
        return new FileIngest() {
            long lines;
            long accepted;
            long duplicates;
            long quarantined;
            long skipped;

            @Override
            public void accept(Line line, List<? extends SourceRecord> records) {
                java.util.TreeSet<String> problems = new java.util.TreeSet<>();
                for (SourceRecord r : records) {
                    VALIDATOR.validate(r).forEach(v -> problems.add(v.getPropertyPath() + ": " + v.getMessage()));
                }
                if (!problems.isEmpty()) {
                    reject(line, String.join("; ", problems));
                    return;
                }
                if (failAfterLines >= 0 && accepted + duplicates >= failAfterLines) {
                    throw new IngestFailedException("storing failed (simulated)", new IllegalStateException("database gone"));
                }
                lines++;
                if (records.isEmpty()) {
                    skipped++;
                    return;
                }
                boolean fresh = false;
                boolean onlyRetractions = true;
                for (SourceRecord r : records) {
                    if (r instanceof Retraction retraction) {
                        // as the pipeline does: remove a held event with this id, if there is one
                        synchronized (RecordingIngest.this) {
                            fresh |= stored.removeIf(s -> s instanceof RiskEvent e && retraction.sourceRecordId().equals(e.sourceRecordId()));
                            seen.removeIf(s -> s instanceof RiskEvent e && retraction.sourceRecordId().equals(e.sourceRecordId()));
                        }
                        continue;
                    }
                    onlyRetractions = false;
                    if (seen.add(r)) {
                        stored.add(r);
                        fresh = true;
                    }
                }
                if (fresh) {
                    accepted++;
                } else if (onlyRetractions) {
                    skipped++;
                } else {
                    duplicates++;
                }
            }

            @Override
            public void reject(Line line, String reason) {
                lines++;
                quarantined++;
                quarantine.put(line.number(), reason);
            }

            @Override
            public void skip(Line line) {
                lines++;
                skipped++;
            }

            private FileOutcome end(FileOutcome.Status status, String reason) {
                FileOutcome o = new FileOutcome(outcomes.size() + 1, adapter.id(), origin.fileName(), status, lines, accepted,
                        duplicates, quarantined, skipped, reason);
                synchronized (RecordingIngest.this) {
                    outcomes.add(o);
                }
                return o;
            }

            @Override
            public FileOutcome complete() {
                return end(FileOutcome.Status.COMPLETED, null);
            }

            @Override
            public FileOutcome reject(String reason) {
                return end(FileOutcome.Status.REJECTED, reason);
            }

            @Override
            public FileOutcome fail(String reason) {
                return end(FileOutcome.Status.FAILED, reason);
            }
        };
    }
}
