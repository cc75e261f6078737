// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

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
import dk.tidlig.store.IngestChunk;
import dk.tidlig.store.IngestStore;
import dk.tidlig.store.LineResult;
import dk.tidlig.store.LineRows;
import dk.tidlig.store.QuarantineRow;
import dk.tidlig.store.Row;

/**
 * The ingest of one file: validate each line's records, pseudonymise them, and store them in chunks or
 * quarantine the line. A chunk (its rows, its quarantined lines and the delivery's progress) is stored in one
 * transaction by a writer thread while the reading thread maps and seals the next one, so the JVM's work
 * and the database's overlap. Two chunks at most are with the store at once, each handed over with the one
 * before it: the store commits them in line order, and may write the second's rows while the first is being
 * committed ({@link IngestStore#writeChunk(String, String, long, IngestChunk, IngestChunk, java.util.concurrent.CompletionStage)}).
 * At most {@link #IN_FLIGHT} chunks wait, so memory stays bounded. The counts reported are those of the stored
 * chunks, which the delivery's record holds too. Not thread-safe: one file is read by one thread.
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
    /** This reading's owner token: the chunks and the end are stored only while the delivery is still this reading's. */
    private final String owner;
    private final int chunkLines;
    /** Chunks handed to the writer and not yet stored, at most: two with the store, one waiting. */
    static final int IN_FLIGHT = 3;
    private final Executor writer;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    /** The chunk handed to the writer last, and whether it was stored (completes with false when storing it failed). */
    private IngestChunk lastChunk;
    private CompletableFuture<Boolean> lastStored = CompletableFuture.completedFuture(true);
    /** Whether the chunk handed over before the last was stored: the next chunk is handed to the store after it. */
    private CompletableFuture<Boolean> beforeLastStored = CompletableFuture.completedFuture(true);
    /** Events that ended before this day are past their retention: not stored again. */
    private final java.time.LocalDate eventsEndedBefore;
    /** The sealed copy's archive, whose record the outcome completes; null for a file read where it is. */
    private final DeliveryArchive archive;
    private final String archiveId;
    private final Set<PersonId> vaulted = new HashSet<>();
    /** The chunk being read: its lines' rows, its quarantined lines, its skipped lines and its last line. */
    private List<LineRows> pending = new ArrayList<>();
    private List<QuarantineRow> quarantine = new ArrayList<>();
    private long chunkSkipped;
    private long lastLine;
    /** About how many bytes of the file the lines handed in so far stand for: their characters and line breaks. */
    private long bytesRead;
    // the stored chunks' counts: written by the writer thread, read after waiting for it
    private long lines;
    private long accepted;
    private long duplicates;
    private long quarantined;
    private long skipped;
    private boolean ended;
    private final IngestMeters meters;
    private final long startedNanos = System.nanoTime();
    /** Set when storing failed: the session then only accepts fail(). */
    private volatile IngestFailedException broken;

    FileIngestSession(IngestStore store, KeyRing keys, RecordValidator validator, AdapterDescriptor adapter, String tenant, String fileName,
            long fileId, String owner, int chunkLines, Executor writer, java.time.LocalDate eventsEndedBefore, DeliveryArchive archive, String archiveId,
            dk.tidlig.store.FileRecord resumed, IngestMeters meters) {
        this.meters = meters;
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
        this.owner = owner;
        this.chunkLines = chunkLines;
        this.writer = writer;
        this.pseudonymiser = new Pseudonymiser(keys, tenant);
        if (resumed != null) {
            // the lines already stored are read again (the mapper needs them) but not stored twice
            lines = resumed.lines();
            accepted = resumed.accepted();
            duplicates = resumed.duplicates();
            quarantined = resumed.quarantined();
            skipped = resumed.skipped();
            lastLine = resumed.linesDone();
            alreadyStored = resumed.lines();
        }
    }

    /**
     * Of a resumed delivery, how many of the lines handed in are still to be passed over: they were stored before
     * the interruption. A deterministic mapper hands in the same lines in the same order each time, and each
     * call of accept, reject or skip is one line, so the first {@code lines} calls are those stored.
     */
    private long alreadyStored;

    /** True for a line of a resumed delivery that was stored before; an accepted one's persons count as vaulted in this file. */
    private boolean stored(List<? extends SourceRecord> records) {
        if (alreadyStored == 0) {
            return false;
        }
        alreadyStored--;
        if (records != null) {
            List<? extends SourceRecord> kept = records.stream().filter(r -> !pastRetention(r)).toList();
            if (!kept.isEmpty() && validator.problems(kept).isEmpty()) {
                for (SourceRecord r : kept) {
                    pseudonymiser.remember(r, vaulted);
                }
            }
        }
        return true;
    }

    @Override
    public void accept(Line line, List<? extends SourceRecord> records) {
        usable();
        if (stored(records)) {
            counted(line);
            return;
        }
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
        List<Row> rows = new ArrayList<>();
        for (SourceRecord r : records) {
            rows.addAll(pseudonymiser.rows(r, vaulted));
        }
        pending.add(new LineRows(line.number(), rows));
        read(line);
    }

    /** A line is in the chunk being read; a full chunk goes to the writer. */
    private void read(Line line) {
        counted(line);
        lastLine = Math.max(lastLine, line.number());
        if (pending.size() + quarantine.size() + chunkSkipped >= chunkLines) {
            submit();
        }
    }

    private void counted(Line line) {
        bytesRead += line.text().length() + 1;
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
        if (stored(null)) {
            counted(line);
            return;
        }
        // the reason is ours; mask anyway in case a mapper quoted a value against the rules. A long line is kept in part.
        String text = line.text();
        String why = reason;
        if (text.length() > QUARANTINE_KEEP) {
            text = text.substring(0, Character.isHighSurrogate(text.charAt(QUARANTINE_KEEP - 1)) ? QUARANTINE_KEEP - 1 : QUARANTINE_KEEP);
            why = reason + " (the line's first " + text.length() + " of " + line.text().length() + " characters are kept)";
        }
        quarantine.add(new QuarantineRow(line.number(), CprNumbers.mask(why),
                keys.seal("quarantine|" + tenant + "|" + fileId + "|" + line.number(), text)));
        read(line);
    }

    @Override
    public void skip(Line line) {
        usable();
        if (stored(null)) {
            counted(line);
            return;
        }
        chunkSkipped++;
        read(line);
    }

    private void usable() {
        if (broken != null) {
            throw broken;
        }
    }

    /** Hands the chunk being read to the writer, waiting while {@link #IN_FLIGHT} chunks wait to be stored. */
    private void submit() {
        if (pending.isEmpty() && quarantine.isEmpty() && chunkSkipped == 0) {
            return;
        }
        IngestChunk chunk = new IngestChunk(pending, quarantine, chunkSkipped, lastLine, owner, bytesRead);
        pending = new ArrayList<>();
        quarantine = new ArrayList<>();
        chunkSkipped = 0;
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw broken("the ingest of delivery " + fileId + " was interrupted", null);
        }
        IngestChunk before = lastChunk;
        CompletableFuture<Boolean> beforeStored = lastStored;
        // two chunks at most with the store: this one goes once the chunk before the one before it is done
        CompletableFuture<Boolean> stored = beforeLastStored.handleAsync((done, failed) -> {
            try {
                return broken == null && store(chunk, before, beforeStored);
            } finally {
                inFlight.release();
            }
        }, writer);
        beforeLastStored = lastStored;
        lastStored = stored;
        lastChunk = chunk;
    }

    /**
     * On a writer's thread: stores a chunk and counts it, or breaks the session. The store commits it after the chunk
     * before, so the counts grow in line order, one chunk at a time.
     *
     * @return whether the chunk was stored
     */
    private boolean store(IngestChunk chunk, IngestChunk before, CompletableFuture<Boolean> beforeStored) {
        try {
            long stored = 0;
            long same = 0;
            long nothing = chunk.skipped();
            for (LineResult r : store.writeChunk(tenant, adapter.sourceSystem(), fileId, chunk, before, beforeStored)) {
                switch (r) {
                    case STORED -> stored++;
                    case DUPLICATE -> same++;
                    default -> nothing++; // a retraction of an event that is not held
                }
            }
            accepted += stored;
            duplicates += same;
            quarantined += chunk.quarantine().size();
            skipped += nothing;
            lines += chunk.lineCount();
            meters.lines(tenant, adapter.id(), "accepted", stored);
            meters.lines(tenant, adapter.id(), "duplicate", same);
            meters.lines(tenant, adapter.id(), "quarantined", chunk.quarantine().size());
            meters.lines(tenant, adapter.id(), "skipped", nothing);
            return true;
        } catch (RuntimeException e) {
            broken("storing lines of delivery " + fileId + " failed: " + CprNumbers.mask(e.getMessage()), e);
            return false;
        }
    }

    private IngestFailedException broken(String message, Throwable cause) {
        IngestFailedException e = new IngestFailedException(message, cause);
        if (broken == null) {
            broken = e;
        }
        return broken;
    }

    /** Waits until every chunk handed to the writer is stored (or storing one failed). */
    private void drain() {
        // the last chunk was handed to the store after the one before the one before it was done: these two are all
        CompletableFuture.allOf(beforeLastStored, lastStored).join();
    }

    /** The delivery's id. */
    long fileId() {
        return fileId;
    }

    @Override
    public FileOutcome complete() {
        usable();
        submit();
        drain();
        usable();
        return end(FileOutcome.Status.COMPLETED, null);
    }

    @Override
    public FileOutcome reject(String reason) {
        usable();
        submit();
        drain();
        usable();
        return end(FileOutcome.Status.REJECTED, CprNumbers.mask(reason));
    }

    @Override
    public FileOutcome fail(String reason) {
        // what was read is still stored if the database answers (re-delivering the file stores the rest); the
        // counts are those of the stored chunks, so the delivery's record and the tables agree
        if (broken == null) {
            try {
                submit();
            } catch (RuntimeException e) {
                // interrupted: the chunk being read is not stored
            }
        }
        drain();
        pending.clear();
        quarantine.clear();
        chunkSkipped = 0;
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
        if (!store.endFile(fileId, owner, status.name(), lines, accepted, duplicates, quarantined, skipped, reason)) {
            // another process took the delivery over (this one seemed gone): it records the end, not this one
            LOG.warn("{}: delivery {} ({}) was taken over by another process; this one stopped after {} lines", adapter.id(), fileId, fileName,
                    lines);
            return outcome(FileOutcome.Status.FAILED, "taken over by another process after " + lines + " lines");
        }
        if (archive != null) {
            archive.ended(archiveId, fileId, status.name(), reason);
        }
        meters.delivery(tenant, adapter.id(), status.name(), java.time.Duration.ofNanos(System.nanoTime() - startedNanos));
        return outcome(status, reason);
    }

    private FileOutcome outcome(FileOutcome.Status status, String reason) {
        return new FileOutcome(fileId, adapter.id(), fileName, status, lines, accepted, duplicates, quarantined, skipped, reason);
    }
}
