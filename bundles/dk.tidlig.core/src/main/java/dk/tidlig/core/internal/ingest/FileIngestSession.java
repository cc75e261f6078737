package dk.tidlig.core.internal.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.IngestFailedException;
import dk.tidlig.adapter.Line;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.SourceRecord;
import dk.tidlig.store.IngestStore;
import dk.tidlig.store.LineResult;
import dk.tidlig.store.LineRows;
import dk.tidlig.store.QuarantineRow;
import dk.tidlig.store.Row;

/**
 * The ingest of one file: validate each line's records, pseudonymise them, and store them in batches
 * (one transaction each) or quarantine the line. Not thread-safe: one file is read by one thread.
 */
final class FileIngestSession implements FileIngest {

    private static final Logger LOG = LoggerFactory.getLogger(FileIngestSession.class);
    /** A quarantined line is kept sealed up to this many characters. */
    static final int QUARANTINE_KEEP = 16_384;

    private final IngestStore store;
    private final KeyRing keys;
    private final RecordValidator validator;
    private final Pseudonymiser pseudonymiser;
    private final AdapterDescriptor adapter;
    private final String tenant;
    private final String fileName;
    private final long fileId;
    private final int batchLines;
    /** Events that ended before this day are past their retention: not stored again. */
    private final java.time.LocalDate eventsEndedBefore;
    /** The sealed copy's archive, whose record the outcome completes; null for a file read where it is. */
    private final DeliveryArchive archive;
    private final String archiveId;
    private final Set<PersonId> vaulted = new HashSet<>();
    private final List<LineRows> pending = new ArrayList<>();
    private final List<QuarantineRow> quarantine = new ArrayList<>();
    private long lines;
    private long accepted;
    private long duplicates;
    private long quarantined;
    private long skipped;
    private boolean ended;
    /** Set when storing failed: the session then only accepts fail(). */
    private IngestFailedException broken;

    FileIngestSession(IngestStore store, KeyRing keys, RecordValidator validator, AdapterDescriptor adapter, String tenant, String fileName,
            long fileId, int batchLines, java.time.LocalDate eventsEndedBefore, DeliveryArchive archive, String archiveId) {
        this.eventsEndedBefore = eventsEndedBefore;
        this.archive = archive;
        this.archiveId = archiveId;
        this.store = store;
        this.keys = keys;
        this.validator = validator;
        this.adapter = adapter;
        this.tenant = tenant;
        this.fileName = fileName;
        this.fileId = fileId;
        this.batchLines = batchLines;
        this.pseudonymiser = new Pseudonymiser(keys, tenant);
    }

    @Override
    public void accept(Line line, List<? extends SourceRecord> records) {
        usable();
        if (records.isEmpty()) {
            skip(line);
            return;
        }
        if (records.stream().anyMatch(this::pastRetention)) {
            // an old file delivered again must not bring back what retention deleted
            records = records.stream().filter(r -> !pastRetention(r)).toList();
            if (records.isEmpty()) {
                skip(line);
                return;
            }
        }
        Optional<String> problems = validator.problems(records);
        if (problems.isPresent()) {
            reject(line, problems.get());
            return;
        }
        lines++;
        List<Row> rows = new ArrayList<>();
        for (SourceRecord r : records) {
            rows.addAll(pseudonymiser.rows(r, vaulted));
        }
        pending.add(new LineRows(line.number(), rows));
        if (pending.size() >= batchLines) {
            flush();
        }
    }

    private boolean pastRetention(SourceRecord r) {
        if (!(r instanceof dk.tidlig.model.RiskEvent e) || e.start() == null) {
            return false;
        }
        java.time.LocalDate last = e.end() != null ? e.end() : e.indicator().isPeriod() ? null : e.start();
        return last != null && last.isBefore(eventsEndedBefore);
    }

    @Override
    public void reject(Line line, String reason) {
        usable();
        lines++;
        quarantined++;
        // the reason is ours; mask anyway in case a mapper quoted a value against the rules. A long line is kept in part.
        String text = line.text();
        String why = reason;
        if (text.length() > QUARANTINE_KEEP) {
            text = text.substring(0, Character.isHighSurrogate(text.charAt(QUARANTINE_KEEP - 1)) ? QUARANTINE_KEEP - 1 : QUARANTINE_KEEP);
            why = reason + " (the line's first " + text.length() + " of " + line.text().length() + " characters are kept)";
        }
        quarantine.add(new QuarantineRow(line.number(), CprNumbers.mask(why),
                keys.seal("quarantine|" + tenant + "|" + fileId + "|" + line.number(), text)));
        if (quarantine.size() >= batchLines) {
            flush();
        }
    }

    @Override
    public void skip(Line line) {
        usable();
        lines++;
        skipped++;
    }

    private void usable() {
        if (broken != null) {
            throw broken;
        }
    }

    private void flush() {
        try {
            if (!quarantine.isEmpty()) {
                store.quarantine(tenant, fileId, quarantine);
                quarantine.clear();
            }
            if (!pending.isEmpty()) {
                for (LineResult r : store.write(tenant, adapter.sourceSystem(), fileId, pending)) {
                    switch (r) {
                        case STORED -> accepted++;
                        case DUPLICATE -> duplicates++;
                        default -> skipped++; // a retraction of an event that is not held
                    }
                }
                pending.clear();
            }
        } catch (RuntimeException e) {
            broken = new IngestFailedException("storing lines of delivery " + fileId + " failed: " + CprNumbers.mask(e.getMessage()), e);
            throw broken;
        }
    }

    @Override
    public FileOutcome complete() {
        flush();
        return end(FileOutcome.Status.COMPLETED, null);
    }

    @Override
    public FileOutcome reject(String reason) {
        flush();
        return end(FileOutcome.Status.REJECTED, CprNumbers.mask(reason));
    }

    @Override
    public FileOutcome fail(String reason) {
        // lines not yet stored are lost with the failure (re-delivering the file stores them); keep the
        // quarantined ones if the database still answers, so the count and the table agree
        int lostQuarantine = quarantine.size();
        if (broken == null && !quarantine.isEmpty()) {
            try {
                store.quarantine(tenant, fileId, quarantine);
                lostQuarantine = 0;
            } catch (RuntimeException e) {
                // the database is gone too: those lines are counted as not read
            }
        }
        quarantined -= lostQuarantine;
        lines -= pending.size() + lostQuarantine;
        pending.clear();
        quarantine.clear();
        try {
            return end(FileOutcome.Status.FAILED, CprNumbers.mask(reason));
        } catch (RuntimeException e) {
            LOG.error("{}: could not record the failure of delivery {}: {}", adapter.id(), fileId, e.getMessage());
            return outcome(FileOutcome.Status.FAILED, CprNumbers.mask(reason));
        }
    }

    private FileOutcome end(FileOutcome.Status status, String reason) {
        if (ended) {
            throw new IllegalStateException("delivery " + fileId + " has already ended");
        }
        ended = true;
        if (accepted + duplicates + quarantined + skipped != lines) {
            // every line is counted once: a gap is a bug, not a property of the file
            LOG.error("{}: delivery {} does not add up: {} lines, {} accepted, {} duplicates, {} quarantined, {} skipped", adapter.id(), fileId,
                    lines, accepted, duplicates, quarantined, skipped);
        }
        if (archive != null) {
            archive.ended(archiveId, fileId, status.name(), reason);
        }
        store.endFile(fileId, status.name(), lines, accepted, duplicates, quarantined, skipped, reason);
        return outcome(status, reason);
    }

    private FileOutcome outcome(FileOutcome.Status status, String reason) {
        return new FileOutcome(fileId, adapter.id(), fileName, status, lines, accepted, duplicates, quarantined, skipped, reason);
    }
}
