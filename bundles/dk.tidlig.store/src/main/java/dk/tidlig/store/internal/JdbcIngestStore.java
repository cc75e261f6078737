// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.DetailCode;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.store.Database;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.IngestChunk;
import dk.tidlig.store.IngestStore;
import dk.tidlig.store.LineResult;
import dk.tidlig.store.LineRows;
import dk.tidlig.store.QuarantineEntry;
import dk.tidlig.store.QuarantineRow;
import dk.tidlig.store.Row;
import dk.tidlig.store.Row.EventRow;
import dk.tidlig.store.Row.AttributeRow;
import dk.tidlig.store.Row.IdentityRow;
import dk.tidlig.store.Row.PreviousResidenceRow;
import dk.tidlig.store.Row.PersonRow;
import dk.tidlig.store.Row.RelationRow;
import dk.tidlig.store.Row.RetractionRow;
import dk.tidlig.store.Row.ResidenceRow;
import dk.tidlig.store.Sealed;
import dk.tidlig.store.StoreException;

/**
 * The ingest store on MariaDB. A batch is one transaction: a query per table reads the content hashes the data tables
 * hold for its rows (each row holds the hash of the content it was last written with), duplicates are dropped in memory,
 * and the remaining rows are written with multi-row statements per table.
 */
@Component(service = IngestStore.class)
public class JdbcIngestStore implements IngestStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcIngestStore.class);

    private static final MultiRow UPSERT_PERSON = new MultiRow(
            "INSERT INTO person (tenant, pid, birth_date, sex, status, municipality_code, updated_at, seen_on) VALUES",
            "(?,?,?,?,?,?,@tidlig_now,CURRENT_DATE)",
            "ON DUPLICATE KEY UPDATE birth_date=VALUES(birth_date), sex=COALESCE(VALUES(sex), sex), status=COALESCE(VALUES(status), status), "
                    + "municipality_code=COALESCE(VALUES(municipality_code), municipality_code), updated_at=VALUES(updated_at), seen_on=CURRENT_DATE");
    private static final MultiRow UPSERT_RESIDENCE = new MultiRow(
            "INSERT INTO residence (tenant, pid, household, municipality_code, since, updated_at, seen_on, content_hash, dwelling_key, dwelling_iv, "
                    + "dwelling) VALUES",
            "(?,?,?,?,?,@tidlig_now,CURRENT_DATE,?,?,?,?)",
            "ON DUPLICATE KEY UPDATE household=VALUES(household), municipality_code=VALUES(municipality_code), since=VALUES(since), "
                    + "updated_at=VALUES(updated_at), seen_on=CURRENT_DATE, content_hash=VALUES(content_hash), dwelling_key=VALUES(dwelling_key), "
                    + "dwelling_iv=VALUES(dwelling_iv), dwelling=VALUES(dwelling)");
    private static final MultiRow UPSERT_IDENTITY = new MultiRow(
            "INSERT INTO identity_vault (tenant, pid, kind, key_id, iv, ciphertext, updated_at, seen_on, content_hash) VALUES",
            "(?,?,?,?,?,?,@tidlig_now,CURRENT_DATE,?)",
            "ON DUPLICATE KEY UPDATE key_id=VALUES(key_id), iv=VALUES(iv), ciphertext=VALUES(ciphertext), updated_at=VALUES(updated_at), "
                    + "seen_on=CURRENT_DATE, content_hash=VALUES(content_hash)");
    private static final MultiRow UPSERT_RELATION = new MultiRow(
            "INSERT INTO relation (tenant, type, from_pid, to_pid, start_key, start_date, end_date, source_system, updated_at, seen_on, "
                    + "content_hash) VALUES",
            "(?,?,?,?,COALESCE(?, '0001-01-01'),?,?,?,@tidlig_now,CURRENT_DATE,?)",
            "ON DUPLICATE KEY UPDATE start_date=VALUES(start_date), end_date=VALUES(end_date), source_system=VALUES(source_system), "
                    + "updated_at=VALUES(updated_at), seen_on=CURRENT_DATE, content_hash=VALUES(content_hash)");
    private static final MultiRow UPSERT_EVENT = new MultiRow(
            "INSERT INTO risk_event (tenant, source_system, source_record_id, subject_pid, indicator, start_date, end_date, file_id, line_no, "
                    + "received_at, registered_on, content_hash) VALUES",
            "(?,?,?,?,?,?,?,?,?,@tidlig_now,?,?)",
            "ON DUPLICATE KEY UPDATE subject_pid=VALUES(subject_pid), indicator=VALUES(indicator), start_date=VALUES(start_date), "
                    + "end_date=VALUES(end_date), file_id=VALUES(file_id), line_no=VALUES(line_no), received_at=VALUES(received_at), "
                    + "registered_on=VALUES(registered_on), content_hash=VALUES(content_hash)");
    private static final MultiRow UPSERT_PREVIOUS_RESIDENCE = new MultiRow(
            "INSERT INTO residence_history (tenant, pid, from_key, household, municipality_code, moved_in, moved_out, updated_at, seen_on, "
                    + "content_hash, dwelling_key, dwelling_iv, dwelling) VALUES",
            "(?,?,COALESCE(?, '0001-01-01'),?,?,?,?,@tidlig_now,CURRENT_DATE,?,?,?,?)",
            "ON DUPLICATE KEY UPDATE household=VALUES(household), municipality_code=VALUES(municipality_code), moved_out=VALUES(moved_out), "
                    + "updated_at=VALUES(updated_at), seen_on=CURRENT_DATE, content_hash=VALUES(content_hash), dwelling_key=VALUES(dwelling_key), "
                    + "dwelling_iv=VALUES(dwelling_iv), dwelling=VALUES(dwelling)");
    private static final MultiRow UPSERT_ATTRIBUTE = new MultiRow(
            "INSERT INTO person_attribute (tenant, pid, name, value, updated_at, seen_on, content_hash) VALUES",
            "(?,?,?,?,@tidlig_now,CURRENT_DATE,?)",
            "ON DUPLICATE KEY UPDATE value=VALUES(value), updated_at=VALUES(updated_at), seen_on=CURRENT_DATE, content_hash=VALUES(content_hash)");
    /*
     * A row delivered unchanged is marked as seen today, so that retention can tell the data no source delivers any more:
     * the same statement with only seen_on set on the key held (and, should retention have deleted the row since it was
     * read, the row stored again: it was delivered today). A multi-row UPDATE with a list of composite keys is planned as
     * a scan of the table; an insert finds each key by the primary key.
     */
    private static final Writes PERSON = Writes.of(UPSERT_PERSON);
    private static final Writes RESIDENCE = Writes.of(UPSERT_RESIDENCE);
    private static final Writes IDENTITY = Writes.of(UPSERT_IDENTITY);
    private static final Writes RELATION = Writes.of(UPSERT_RELATION);
    private static final Writes PREVIOUS_RESIDENCE = Writes.of(UPSERT_PREVIOUS_RESIDENCE);
    private static final Writes ATTRIBUTE = Writes.of(UPSERT_ATTRIBUTE);
    /**
     * A person's CPR number in a chunk not read first after one that found CPR numbers held (Found.CPR_NUMBERS; after
     * one that found nothing, a plain insert): stored if it is new, and otherwise only marked as seen today, and
     * rewritten only where the content held differs (a row written before V26 holds no hash), as the usual way would
     * classify it. Every line that vaults a CPR number gives a row of its own besides (the person, the event, the
     * relation), and that one proves whether the line is new, so a held CPR number need not fail the chunk: the registers
     * name persons whom the CPR extract has vaulted already in line after line. The hash is assigned last: the
     * conditions before it compare with the hash held. Unlike a read, it locks the number held (the usual way wrote
     * nothing to one seen today): deliveries of other source systems naming the same persons at the same time wait for
     * each other's chunks, at most until a chunk written beside gives up after OVERLAP_WAIT_SECONDS.
     */
    private static final MultiRow CPR_UNREAD = new MultiRow(UPSERT_IDENTITY.head(), UPSERT_IDENTITY.tuple(),
            "ON DUPLICATE KEY UPDATE seen_on=CURRENT_DATE, key_id=IF(content_hash <=> VALUES(content_hash), key_id, VALUES(key_id)), "
                    + "iv=IF(content_hash <=> VALUES(content_hash), iv, VALUES(iv)), "
                    + "ciphertext=IF(content_hash <=> VALUES(content_hash), ciphertext, VALUES(ciphertext)), "
                    + "updated_at=IF(content_hash <=> VALUES(content_hash), updated_at, VALUES(updated_at)), content_hash=VALUES(content_hash)");
    /** Events carry no day seen (retention goes by their own days): they are upserted, or inserted as new. */
    private static final MultiRow INSERT_EVENT = new MultiRow(UPSERT_EVENT.head(), UPSERT_EVENT.tuple(), "");

    /** How a batch's rows are written. */
    private enum Mode {
        /** new and changed rows, classified against what was read */
        UPSERT,
        /** rows delivered unchanged: only their day seen */
        TOUCH,
        /**
         * rows of a batch not read first, all taken to be new: a row held after all fails the statement (1062), but for a
         * person's CPR number, which is only seen again (CPR_UNREAD)
         */
        INSERT
    }

    /** One table's statement in each {@link Mode}. */
    private record Writes(MultiRow upsert, MultiRow touch, MultiRow insert) {
        static Writes of(MultiRow upsert) {
            return new Writes(upsert, new MultiRow(upsert.head(), upsert.tuple(), "ON DUPLICATE KEY UPDATE seen_on=CURRENT_DATE"),
                    new MultiRow(upsert.head(), upsert.tuple(), ""));
        }

        MultiRow in(Mode mode) {
            return switch (mode) {
                case UPSERT -> upsert;
                case TOUCH -> touch;
                case INSERT -> insert;
            };
        }
    }

    /** The content hashes held of a source system's events, by their record ids. */
    private static final MultiRow HELD_EVENTS = new MultiRow(
            "SELECT source_record_id, content_hash FROM risk_event FORCE INDEX (risk_event_by_source) "
                    + "WHERE tenant=? AND source_system=? AND source_record_id IN (", "?", ")");
    /** The events a chunk written without reading first retracts: any found sends it the usual way (see noneHeld). */
    private static final MultiRow HELD_RETRACTED = new MultiRow(
            "SELECT source_record_id FROM risk_event FORCE INDEX (risk_event_by_source) WHERE tenant=? AND source_system=? "
                    + "AND source_record_id IN (", "?", ") FOR UPDATE");
    /*
     * The deletes name their key: a list of more keys than eq_range_index_dive_limit (200) is planned by the index's
     * statistics, and while those are behind a table that has grown (the server recounts them in the background), the
     * planner took a scan of the whole table for each statement (100-400 ms each for risk_event_detail at 650,000
     * citizens, the server a core busy and the ingest at a few hundred lines a second).
     */
    /** The details of events written again: they are replaced whole. */
    private static final MultiRow DELETE_DETAILS = new MultiRow("DELETE d FROM risk_event_detail d FORCE INDEX (PRIMARY) "
            + "WHERE d.tenant=? AND d.source_system=? AND d.source_record_id IN (", "?", ")");
    private static final MultiRow DELETE_EVENTS = new MultiRow("DELETE e FROM risk_event e FORCE INDEX (risk_event_by_source) "
            + "WHERE e.tenant=? AND e.source_system=? AND e.source_record_id IN (", "?", ")");
    private static final MultiRow INSERT_DETAIL = new MultiRow(
            "INSERT INTO risk_event_detail (tenant, source_system, source_record_id, seq, code_system, code, display) VALUES",
            "(?,?,?,?,?,?,?)", "");

    private final DataSource ds;
    /** The chunks whose rows were read before they were written (for the tests: the others were not). */
    private final java.util.concurrent.atomic.LongAdder chunksRead = new java.util.concurrent.atomic.LongAdder();
    /** The chunks written beside the chunk before them (for the tests). */
    private final java.util.concurrent.atomic.LongAdder chunksOverlapped = new java.util.concurrent.atomic.LongAdder();
    /** What a delivery's last chunk found held of its rows, and so how its next chunk is written. */
    private enum Found {
        /** rows: the next chunk is read first */
        ROWS,
        /** nothing: the next chunk's rows all go in with plain INSERTs */
        NOTHING,
        /**
         * nothing but persons' CPR numbers in the vault (a register's chunk): as {@link #NOTHING}, the CPR numbers with
         * CPR_UNREAD. Only then: that statement cost the CPR extract's new numbers more than a plain insert.
         */
        CPR_NUMBERS
    }

    /**
     * By delivery: what its last chunk found held of its rows; unless rows, its next one is written without reading
     * first. The newest 256 deliveries are remembered; a delivery forgotten is read first again, which is always right.
     */
    private final Map<Long, Found> foundBefore = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Found> eldest) {
            return size() > 256;
        }
    });

    @Activate
    public JdbcIngestStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public long beginFile(String tenant, String adapterId, String sourceSystem, String fileName, String sha256, long size, String owner,
            String archiveId, String deliveredBy) {
        String sql = "INSERT INTO ingest_file (tenant, adapter_id, source_system, file_name, sha256, size_bytes, status, started_at, owner, archive_id, "
                + "progress_at, delivered_by) VALUES (?,?,?,?,?,?,'RUNNING',?,?,?,?,?)";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, tenant);
            ps.setString(2, adapterId);
            ps.setString(3, sourceSystem);
            ps.setString(4, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
            ps.setString(5, sha256);
            ps.setLong(6, size);
            Instant now = Instant.now();
            Sql.time(ps, 7, now);
            Sql.string(ps, 8, owner);
            Sql.string(ps, 9, archiveId);
            Sql.time(ps, 10, now);
            Sql.string(ps, 11, deliveredBy == null || deliveredBy.length() <= 120 ? deliveredBy : deliveredBy.substring(0, 120));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("recording a delivery", e);
        }
    }

    @Override
    public List<FileRecord> unfinished(String tenant, String adapterId) {
        String sql = "SELECT * FROM ingest_file WHERE status IN ('RUNNING', 'INTERRUPTED')" + (tenant == null ? "" : " AND tenant=?")
                + (adapterId == null ? "" : " AND adapter_id=?") + " ORDER BY id";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (tenant != null) {
                ps.setString(i++, tenant);
            }
            if (adapterId != null) {
                ps.setString(i, adapterId);
            }
            return files(ps);
        } catch (SQLException e) {
            throw new StoreException("reading unfinished deliveries", e);
        }
    }

    @Override
    public boolean claim(FileRecord seen, String owner) {
        String sql = "UPDATE ingest_file SET owner=?, status='RUNNING', reason=NULL, progress_at=? WHERE id=? AND status IN ('RUNNING', "
                + "'INTERRUPTED') AND owner <=> ? AND progress_at <=> ? AND lines_done=?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            Sql.time(ps, 2, Instant.now());
            ps.setLong(3, seen.id());
            Sql.string(ps, 4, seen.owner());
            if (seen.progressAt() == null) {
                ps.setNull(5, java.sql.Types.TIMESTAMP);
            } else {
                Sql.time(ps, 5, seen.progressAt());
            }
            ps.setLong(6, seen.linesDone());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("taking over an interrupted delivery", e);
        }
    }

    @Override
    public boolean interrupted(long fileId, String expectedOwner, String reason) {
        return ifStillOwned("UPDATE ingest_file SET status='INTERRUPTED', reason=? WHERE id=? AND status='RUNNING'",
                reason.length() > 500 ? reason.substring(0, 497) + "..." : reason, fileId, expectedOwner, "recording an interrupted delivery");
    }

    /** A compare-and-set on a delivery's owner: the update (value, id) holds only while the delivery is still that owner's (null for none). */
    private boolean ifStillOwned(String update, String value, long fileId, String expectedOwner, String what) {
        String sql = update + " AND " + (expectedOwner == null ? "owner IS NULL" : "owner=?");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setLong(2, fileId);
            if (expectedOwner != null) {
                ps.setString(3, expectedOwner);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** A row to write, with the line it came from, and its place in the order in which every batch locks rows. */
    private record Pending(Row row, long line, int table, byte[] lockKey) {
        Pending(Row row, long line) {
            this(row, line, tableOrder(row), JdbcIngestStore.lockKey(row));
        }
    }

    @Override
    public LineResult[] write(String tenant, String sourceSystem, long fileId, List<LineRows> lines) {
        if (lines.isEmpty()) {
            return new LineResult[0];
        }
        writing(tenant, sourceSystem, fileId);
        return inTransaction(tenant, sourceSystem, "storing a batch of " + lines.size() + " lines",
                c -> writeBatch(c, tenant, sourceSystem, fileId, lines));
    }

    /**
     * A chunk of a delivery whose chunk before found none of its rows held (a first delivery, or the new part of a larger
     * register) is written without reading the data tables first: its rows go in with plain INSERTs, and should one of
     * them be held after all, the statement fails with a duplicate key, the transaction is rolled back whole, and the
     * chunk is written again the usual way, read and classified. An INSERT that succeeds proves, under the rows' locks,
     * what the read would have found: nothing. The reads were a quarter of the server's work for a first delivery. Its
     * retractions' events alone are looked up (a retraction inserts nothing to fail): one found is held after all too.
     */
    @Override
    public LineResult[] writeChunk(String tenant, String sourceSystem, long fileId, IngestChunk chunk) {
        writing(tenant, sourceSystem, fileId);
        Found before = foundBefore.get(fileId);
        boolean[] unread = {!chunk.lines().isEmpty() && before != null && before != Found.ROWS};
        boolean cprNumbersHeld = before == Found.CPR_NUMBERS;
        Found[] next = {Found.ROWS};
        LineResult[] written = inTransaction(tenant, sourceSystem, "storing a chunk of " + chunk.lineCount() + " lines", c -> {
            LineResult[] results;
            if (chunk.lines().isEmpty()) {
                results = new LineResult[0];
            } else if (unread[0]) {
                try {
                    results = writeBatch(c, tenant, sourceSystem, fileId, chunk.lines(), Holdings.none(), true, cprNumbersHeld);
                } catch (SQLException e) {
                    if (!isDuplicateKey(e) && !(e instanceof HeldAfterAll)) {
                        throw e;
                    }
                    unread[0] = false;
                    throw new HeldAfterAll();
                }
                next[0] = before;
            } else {
                Holdings held = held(c, tenant, sourceSystem, chunk.lines());
                chunksRead.increment();
                next[0] = found(held, chunk.lines());
                results = writeBatch(c, tenant, sourceSystem, fileId, chunk.lines(), held, false, false);
            }
            insertQuarantine(c, tenant, fileId, chunk.quarantine());
            progress(c, fileId, chunk, results);
            return results;
        });
        foundBefore.put(fileId, next[0]);
        return written;
    }

    /**
     * A new chunk is written while the chunk before it is still being stored, on a connection of its own, when that cannot
     * change what either finds held: the delivery's chunk before the one being stored found nothing held, and the two
     * share no key (a retraction's key is its event's). Its rows then go in with plain INSERTs, as {@link #writeChunk} writes a
     * new chunk, without the source system's lock; once the chunk before is committed, it takes the lock, stores its
     * quarantined lines and the delivery's progress, and commits. So the chunks are committed in their order, and on 2
     * cores the server inserts one chunk's rows while the JVM binds and sends the next's, where the writer and the one
     * connection took turns.
     *
     * <p>What could go wrong is given up, not waited out: a row held after all (1062, or a retracted event found), a lock conflict with another
     * delivery, or a chunk before that takes longer than {@link #OVERLAP_WAIT_SECONDS} (it might be waiting, through a third
     * delivery, for a row this one holds) roll this chunk back, and it is written the usual way after the chunk before.
     */
    @Override
    public LineResult[] writeChunk(String tenant, String sourceSystem, long fileId, IngestChunk chunk, IngestChunk before,
            java.util.concurrent.CompletionStage<Boolean> beforeStored) {
        java.util.concurrent.CompletableFuture<Boolean> prior = beforeStored.toCompletableFuture();
        writing(tenant, sourceSystem, fileId);
        Found found = foundBefore.get(fileId);
        if (before != null && !prior.isDone() && mayOverlap(tenant, sourceSystem, fileId, chunk, before, found)) {
            LineResult[] results = overlapped(tenant, sourceSystem, fileId, chunk, prior, found);
            if (results != null) {
                return results;
            }
        }
        return IngestStore.super.writeChunk(tenant, sourceSystem, fileId, chunk, before, prior);
    }

    /** How long a chunk written beside the one before it waits for that one's commit before it gives up. */
    static final int OVERLAP_WAIT_SECONDS = 5;

    /**
     * When each delivery last wrote, by its source system's lock. A chunk written beside the one before takes that lock
     * last, after its rows; another delivery of the same source system holding the lock and wanting one of those rows
     * would meet it in a deadlock (or, while the chunk before is not committed, wait up to {@link #OVERLAP_WAIT_SECONDS}).
     * So a chunk is written beside only while no other delivery of its source system has written in this process
     * lately (an ended delivery no longer counts; one that stopped without an end, after 30 s). Another node's is not seen
     * here: such a meeting is rolled back by the server and written again.
     */
    private final Map<String, Map<Long, Long>> lastWrote = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long LATELY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private void writing(String tenant, String sourceSystem, long fileId) {
        lastWrote.computeIfAbsent(lockName(tenant, sourceSystem), k -> new java.util.concurrent.ConcurrentHashMap<>()).put(fileId,
                System.nanoTime());
    }

    /** Whether a delivery of the source system other than this one has written lately; forgets those that have not. */
    private boolean othersWriting(String tenant, String sourceSystem, long fileId) {
        Map<Long, Long> files = lastWrote.get(lockName(tenant, sourceSystem));
        if (files == null) {
            return false;
        }
        long now = System.nanoTime();
        files.values().removeIf(t -> now - t > LATELY_NANOS);
        return files.keySet().stream().anyMatch(f -> f != fileId);
    }

    /** A pool with connections to spare: a chunk written beside another never waits for one. */
    private boolean connectionToSpare() {
        if (ds instanceof com.zaxxer.hikari.HikariDataSource pool) {
            var bean = pool.getHikariPoolMXBean();
            return pool.getMaximumPoolSize() >= 4 && (bean == null || bean.getIdleConnections() > 0);
        }
        return true;
    }

    private boolean mayOverlap(String tenant, String sourceSystem, long fileId, IngestChunk chunk, IngestChunk before, Found found) {
        if (chunk.lines().isEmpty() || found == null || found == Found.ROWS || othersWriting(tenant, sourceSystem, fileId)
                || !connectionToSpare()) {
            return false;
        }
        java.util.Set<java.nio.ByteBuffer> keys = new java.util.HashSet<>();
        for (LineRows line : before.lines()) {
            for (Row row : line.rows()) {
                keys.add(tableKey(row));
            }
        }
        for (LineRows line : chunk.lines()) {
            for (Row row : line.rows()) {
                if (keys.contains(tableKey(row))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A row's table and key, as its lock order has them; a retraction's are those of the event it retracts. */
    private static java.nio.ByteBuffer tableKey(Row row) {
        byte[] key = lockKey(row);
        byte[] out = new byte[key.length + 1];
        out[0] = (byte) tableOrder(row);
        System.arraycopy(key, 0, out, 1, key.length);
        return java.nio.ByteBuffer.wrap(out);
    }

    /** The chunk's rows written beside the chunk before and committed after it; null when it is to be written the usual way. */
    private LineResult[] overlapped(String tenant, String sourceSystem, long fileId, IngestChunk chunk,
            java.util.concurrent.CompletableFuture<Boolean> prior, Found found) {
        String what = "storing a chunk of " + chunk.lineCount() + " lines";
        Connection connection;
        try {
            connection = ds.getConnection();
        } catch (SQLException e) {
            return null; // no connection to spare: written the usual way, on one
        }
        try (Connection c = connection) {
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                LineResult[] results;
                try {
                    results = writeBatch(c, tenant, sourceSystem, fileId, chunk.lines(), Holdings.none(), true, found == Found.CPR_NUMBERS);
                } catch (SQLException e) {
                    if (isDuplicateKey(e) || e instanceof HeldAfterAll || isDeadlockOrLockTimeout(e)) {
                        return null;
                    }
                    throw e;
                }
                boolean stored;
                try {
                    stored = Boolean.TRUE.equals(prior.get(OVERLAP_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
                } catch (java.util.concurrent.TimeoutException e) {
                    return null;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                    stored = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException(what + " was interrupted");
                }
                if (!stored) {
                    throw new StoreException("the chunk of delivery " + fileId + " before lines up to " + chunk.lastLine() + " was not stored");
                }
                try {
                    RowLock.take(c, lockName(tenant, sourceSystem));
                    insertQuarantine(c, tenant, fileId, chunk.quarantine());
                    progress(c, fileId, chunk, results);
                    c.commit();
                    committed = true;
                } catch (SQLException e) {
                    if (isDeadlockOrLockTimeout(e)) {
                        return null;
                    }
                    throw e;
                }
                foundBefore.put(fileId, found);
                chunksOverlapped.increment();
                return results;
            } finally {
                // whatever ended it (an error, an Error), an uncommitted chunk is rolled back here: turning auto-commit on
                // with the transaction open would commit it, out of order and without the delivery's progress
                if (!committed) {
                    c.rollback();
                }
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** How many chunks were written beside the chunk before them, in this instance's life. */
    long chunksOverlapped() {
        return chunksOverlapped.sum();
    }

    /** How many chunks were read before they were written, in this instance's life. */
    long chunksRead() {
        return chunksRead.sum();
    }

    /** A row written as new was held after all: the chunk's transaction is rolled back and the chunk written the usual way. */
    static final class HeldAfterAll extends SQLException {
        private static final long serialVersionUID = 1L;

        HeldAfterAll() {
            // the server's message names the key's value; it is not kept
            super("a row of the chunk is held already");
        }
    }

    /** MariaDB's duplicate key (1062), for a statement or reported by a batch. */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == 1062) {
                return true;
            }
        }
        return false;
    }

    /** Work done in one transaction under the source system's lock; rolled back on failure, whole. */
    @FunctionalInterface
    private interface TransactionBody {
        LineResult[] run(Connection c) throws SQLException;
    }

    private LineResult[] inTransaction(String tenant, String sourceSystem, String what, TransactionBody body) {
        try (Connection c = ds.getConnection()) {
            String lock = lockName(tenant, sourceSystem);
            int isolation = c.getTransactionIsolation();
            // No gap locks: the source system's row lock already orders its batches, and batches of
            // different source systems touch different ledger, event and detail keys; with REPEATABLE READ
            // their next-key locks would still collide at the borders between the systems' key ranges.
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                for (int attempt = 1;; attempt++) {
                    try {
                        RowLock.take(c, lock);
                        LineResult[] results = body.run(c);
                        c.commit();
                        committed = true;
                        return results;
                    } catch (SQLException | RuntimeException e) {
                        c.rollback();
                        if (e instanceof HeldAfterAll) {
                            attempt--; // not a conflict: the chunk is written again at once, read first
                            continue;
                        }
                        if (attempt >= MAX_ATTEMPTS || !isDeadlockOrLockTimeout(e)) {
                            throw e;
                        }
                        // Persons, identities and relations are shared by the source systems (the CPR extract and a
                        // FHIR delivery may both carry a person): two batches may still wait for each other. The
                        // server rolled one of them back whole; it is written again after a short, random pause.
                        LOG.debug("A batch of {} lost a lock conflict with another delivery; writing it again (attempt {})",
                                sourceSystem, attempt + 1);
                        pause(attempt);
                    }
                }
            } finally {
                if (!committed) {
                    c.rollback(); // an Error, say: turning auto-commit on with the transaction open would commit it
                }
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    /** The delivery's counts grow by the chunk's, in the chunk's transaction. */
    private static void progress(Connection c, long fileId, IngestChunk chunk, LineResult[] results) throws SQLException {
        long accepted = 0;
        long duplicates = 0;
        long nothing = 0;
        for (LineResult r : results) {
            switch (r) {
                case STORED -> accepted++;
                case DUPLICATE -> duplicates++;
                default -> nothing++; // a retraction of an event that is not held
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET line_count=line_count+?, accepted=accepted+?, "
                + "duplicates=duplicates+?, quarantined=quarantined+?, skipped=skipped+?, lines_done=GREATEST(lines_done, ?), progress_at=?, "
                + "bytes_done=LEAST(size_bytes, GREATEST(bytes_done, ?)) WHERE id=? AND owner <=> ?")) {
            ps.setLong(1, chunk.lineCount());
            ps.setLong(2, accepted);
            ps.setLong(3, duplicates);
            ps.setLong(4, chunk.quarantine().size());
            ps.setLong(5, chunk.skipped() + nothing);
            ps.setLong(6, chunk.lastLine());
            Sql.time(ps, 7, Instant.now());
            ps.setLong(8, chunk.bytesRead());
            ps.setLong(9, fileId);
            Sql.string(ps, 10, chunk.owner());
            if (ps.executeUpdate() != 1) {
                // another process took the delivery over (this one seemed to have died): what this one read is not stored
                throw new TakenOverException(fileId);
            }
        }
    }

    /** The delivery is no longer this process's: the chunk's transaction is rolled back. */
    static final class TakenOverException extends SQLException {
        private static final long serialVersionUID = 1L;

        TakenOverException(long fileId) {
            super("delivery " + fileId + " was taken over by another process; this one stops reading it");
        }
    }

    /** How often a batch that lost a deadlock is tried in all. */
    static final int MAX_ATTEMPTS = 6;

    /** MariaDB's deadlock (1213, SQLSTATE 40001) and lock wait timeout (1205), also when reported by a JDBC batch. */
    static boolean isDeadlockOrLockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                if ("40001".equals(s.getSQLState()) || s.getErrorCode() == 1213 || s.getErrorCode() == 1205) {
                    return true;
                }
                SQLException next = s.getNextException();
                if (next != null && next != t && isDeadlockOrLockTimeout(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    static void pause(int attempt) throws SQLException {
        long bound = 40L << Math.min(attempt, 5);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(bound / 2, bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to write the batch again", e);
        }
    }

    /** Classifies the batch's lines against what the data tables hold and writes what changed; the caller commits. */
    private LineResult[] writeBatch(Connection c, String tenant, String sourceSystem, long fileId, List<LineRows> lines) throws SQLException {
        return writeBatch(c, tenant, sourceSystem, fileId, lines, held(c, tenant, sourceSystem, lines), false, false);
    }

    /**
     * Classifies the batch's lines against {@code held} and writes what changed; the caller commits.
     *
     * @param unread true when the data tables were not read: {@code held} is empty and every row is written with a plain
     *               INSERT, which fails (1062) should one of them be held after all
     */
    private LineResult[] writeBatch(Connection c, String tenant, String sourceSystem, long fileId, List<LineRows> lines, Holdings held,
            boolean unread, boolean cprNumbersHeld) throws SQLException {
        if (unread && cprNumbersHeld && someLineOnlyVaultsCprNumbers(lines)) {
            throw new HeldAfterAll(); // its CPR numbers alone tell whether it is new: only a read does
        }
        LineResult[] results = new LineResult[lines.size()];
        Map<String, byte[]> state = new HashMap<>();
        held.rows().forEach((k, h) -> state.put(k, h.hash()));
        Map<String, Facts> persons = new HashMap<>(held.persons());
        Map<String, Pending> toWrite = new LinkedHashMap<>();
        Map<String, Pending> toTouch = new LinkedHashMap<>();
        Map<String, String> toDelete = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            LineRows line = lines.get(i);
            boolean changed = false;
            boolean onlyRetractions = true;
            for (Row row : line.rows()) {
                String key = row.ledgerKey();
                if (row instanceof RetractionRow r) {
                    if (state.remove(key) != null) {
                        toWrite.remove(key);
                        if (held.rows().containsKey(key)) {
                            toDelete.put(key, r.sourceRecordId());
                        }
                        changed = true;
                    }
                    continue;
                }
                onlyRetractions = false;
                Pending write = null;
                if (row instanceof PersonRow r) {
                    // a person's row fills in what it gives and keeps what it leaves out (a FHIR Patient gives no status): it
                    // changes something only when the facts it leaves behind differ from those held
                    Facts before = persons.get(key);
                    Facts after = before == null ? Facts.of(r) : before.with(r);
                    if (!after.equals(before)) {
                        persons.put(key, after);
                        write = new Pending(after.row(r), line.line());
                    }
                } else {
                    byte[] known = state.get(key);
                    if (known == null || !Arrays.equals(known, row.contentHash())) {
                        state.put(key, row.contentHash());
                        write = new Pending(row, line.line());
                    }
                }
                if (write != null) {
                    toWrite.remove(key); // a later version in the same batch wins, in line order
                    toWrite.put(key, write);
                    changed = true;
                } else if (!(row instanceof EventRow) && !held.seenToday(key)) {
                    toTouch.putIfAbsent(key, new Pending(row, line.line()));
                }
            }
            results[i] = changed ? LineResult.STORED : onlyRetractions ? LineResult.NOTHING : LineResult.DUPLICATE;
        }
        if (unread) {
            noneHeld(c, tenant, sourceSystem, lines);
        }
        delete(c, tenant, sourceSystem, toDelete);
        toTouch.keySet().removeAll(toWrite.keySet());
        // Every batch locks shared rows in the same order (by table, then by key), so that two batches wait
        // for each other rather than deadlock where they can. (A chunk not read first writes the vault's CPR numbers
        // before its other vault rows, one statement each: a deadlock that order meets is rolled back by the server and
        // written again.)
        List<Pending> rows = new ArrayList<>(toWrite.values());
        rows.sort(LOCK_ORDER);
        List<Pending> touched = new ArrayList<>(toTouch.values());
        touched.sort(LOCK_ORDER);
        if (!rows.isEmpty() || !touched.isEmpty()) {
            // the time the rows are written: set once for the chunk's statements, not encoded again for every row
            try (PreparedStatement ps = c.prepareStatement("SET @tidlig_now = ?")) {
                Sql.time(ps, 1, Instant.now());
                ps.execute();
            }
        }
        writeRows(c, tenant, sourceSystem, fileId, rows, unread ? Mode.INSERT : Mode.UPSERT, held.rows().keySet(), cprNumbersHeld);
        writeRows(c, tenant, sourceSystem, fileId, touched, Mode.TOUCH, java.util.Set.of(), false);
        return results;
    }

    /** A person's registered facts, as the person table holds them. */
    private record Facts(java.time.LocalDate birth, Sex sex, PersonStatus status, String municipality) {

        static Facts of(PersonRow r) {
            return new Facts(r.birthDate(), r.sex(), r.status(), r.municipalityCode());
        }

        /** The facts after the row is written: its day of birth, and what else it gives (as the upsert's COALESCE). */
        Facts with(PersonRow r) {
            return new Facts(r.birthDate(), r.sex() != null ? r.sex() : sex, r.status() != null ? r.status() : status,
                    r.municipalityCode() != null ? r.municipalityCode() : municipality);
        }

        PersonRow row(PersonRow delivered) {
            return new PersonRow(delivered.pid(), birth, sex, status, municipality, delivered.contentHash());
        }
    }

    /** By table, then by key: computed once per row, compared as bytes (no strings made per comparison). */
    private static final java.util.Comparator<Pending> LOCK_ORDER = (a, b) -> a.table() != b.table() ? Integer.compare(a.table(), b.table())
            : Arrays.compareUnsigned(a.lockKey(), b.lockKey());

    private static int tableOrder(Row row) {
        if (row instanceof PersonRow) {
            return 0;
        } else if (row instanceof ResidenceRow) {
            return 1;
        } else if (row instanceof PreviousResidenceRow) {
            return 2;
        } else if (row instanceof AttributeRow) {
            return 3;
        } else if (row instanceof IdentityRow) {
            return 4;
        } else if (row instanceof RelationRow) {
            return 5;
        }
        return 6;
    }

    private static byte[] lockKey(Row row) {
        if (row instanceof PreviousResidenceRow r) {
            return concat(r.pid().bytes(), String.valueOf(r.from()));
        } else if (row instanceof AttributeRow r) {
            return concat(r.pid().bytes(), r.name().name());
        } else if (row instanceof PersonRow r) {
            return r.pid().bytes();
        } else if (row instanceof ResidenceRow r) {
            return r.pid().bytes();
        } else if (row instanceof IdentityRow r) {
            return concat(r.pid().bytes(), r.kind().name());
        } else if (row instanceof RelationRow r) {
            byte[] type = r.type().name().getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(type, type.length + 33);
            out[type.length] = ':';
            System.arraycopy(r.from().bytes(), 0, out, type.length + 1, 16);
            System.arraycopy(r.to().bytes(), 0, out, type.length + 17, 16);
            return out;
        } else if (row instanceof EventRow r) {
            return r.sourceRecordId().getBytes(StandardCharsets.UTF_8);
        } else if (row instanceof RetractionRow r) {
            return r.sourceRecordId().getBytes(StandardCharsets.UTF_8); // the event it retracts
        }
        return row.ledgerKey().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] pid, String suffix) {
        byte[] s = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(pid, pid.length + 1 + s.length);
        out[pid.length] = ':';
        System.arraycopy(s, 0, out, pid.length + 1, s.length);
        return out;
    }

    /**
     * What of the chunk's own rows was held (the read returns all of a person's vault; only the rows the chunk gives
     * count): rows; only persons' CPR numbers in the vault, which a chunk not read first writes without failing (see
     * CPR_UNREAD), so that the next chunk of a register, whose lines name persons the CPR extract has vaulted, is not read
     * first either; or nothing.
     */
    private static Found found(Holdings held, List<LineRows> lines) {
        boolean cprNumbers = false;
        for (LineRows line : lines) {
            for (Row row : line.rows()) {
                String key = row.ledgerKey();
                if (!(row instanceof PersonRow ? held.persons().containsKey(key) : held.rows().containsKey(key))) {
                    continue;
                }
                if (row instanceof IdentityRow r && r.kind() == IdentityKind.CPR) {
                    cprNumbers = true;
                } else {
                    return Found.ROWS;
                }
            }
        }
        return cprNumbers ? Found.CPR_NUMBERS : Found.NOTHING;
    }

    /** Whether a line gives nothing but CPR numbers to vault (no line the pipeline makes does: see CPR_UNREAD). */
    private static boolean someLineOnlyVaultsCprNumbers(List<LineRows> lines) {
        for (LineRows line : lines) {
            boolean other = line.rows().isEmpty();
            for (Row row : line.rows()) {
                if (!(row instanceof IdentityRow r && r.kind() == IdentityKind.CPR)) {
                    other = true;
                    break;
                }
            }
            if (!other) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a chunk written without reading first: what its retractions retract is not held, or the chunk is rolled back
     * ({@link HeldAfterAll}) and written the usual way. Its inserts prove that of themselves (1062); a retraction writes
     * nothing to fail, so its event is looked up, and only its event (the registers' exports list every attended
     * appointment and every period of work, which retract nothing, beside their events). The read locks what it finds
     * and waits for a row another transaction inserted and has not committed, so that a concurrent delivery's event is
     * not missed.
     */
    private static void noneHeld(Connection c, String tenant, String sourceSystem, List<LineRows> lines) throws SQLException {
        java.util.Set<String> retracted = new java.util.LinkedHashSet<>();
        for (LineRows line : lines) {
            for (Row row : line.rows()) {
                if (row instanceof RetractionRow r) {
                    retracted.add(r.sourceRecordId());
                }
            }
        }
        if (retracted.isEmpty()) {
            return;
        }
        boolean[] found = {false};
        HELD_RETRACTED.query(c, new ArrayList<>(retracted), ofSource(tenant, sourceSystem), (ps, i, id) -> {
            ps.setString(i, id);
            return i + 1;
        }, rs -> found[0] = true);
        if (found[0]) {
            throw new HeldAfterAll();
        }
    }

    /** Removes retracted events and their details (before the batch's writes). */
    private static void delete(Connection c, String tenant, String sourceSystem, Map<String, String> retracted) throws SQLException {
        if (retracted.isEmpty()) {
            return;
        }
        MultiRow.Leading ofThisSource = ofSource(tenant, sourceSystem);
        List<Map.Entry<String, String>> gone = new ArrayList<>(retracted.entrySet());
        DELETE_EVENTS.execute(c, gone, ofThisSource, (ps, i, e) -> {
            ps.setString(i, e.getValue());
            return i + 1;
        });
        DELETE_DETAILS.execute(c, gone, ofThisSource, (ps, i, e) -> {
            ps.setString(i, e.getValue());
            return i + 1;
        });
    }

    /**
     * Batches of one source system and tenant are written one at a time, whoever writes them (the server's inbox and an
     * import command at once, or two nodes): the classification read and the writes must see each other. The source
     * system's row lock ({@link RowLock}) serialises them without locking key ranges, on every database node.
     */
    private static String lockName(String tenant, String sourceSystem) {
        byte[] h = recordKey(tenant + "|" + sourceSystem);
        return "ingest-" + java.util.HexFormat.of().formatHex(h);
    }

    /** A row held without a content hash (written before V26): held, its content unknown, so never a duplicate. */
    private static final byte[] UNKNOWN = new byte[0];
    /** The key column's value of a day not given (a relation's start, an earlier residence's day moved in). */
    private static final java.time.LocalDate NO_DAY = java.time.LocalDate.of(1, 1, 1);

    /** What the database holds of a row: the hash of the content it was last written with, and whether a delivery held it today. */
    private record Held(byte[] hash, boolean seenToday) {
    }

    /** What the database holds of a batch's records, by record key: persons by their facts, the other rows by their hashes. */
    private record Holdings(Map<String, Held> rows, Map<String, Facts> persons, java.util.Set<String> personsSeenToday) {
        /** Nothing held: for a batch not read first. */
        static Holdings none() {
            return new Holdings(Map.of(), Map.of(), java.util.Set.of());
        }

        boolean seenToday(String key) {
            Held h = rows.get(key);
            return h != null ? h.seenToday() : personsSeenToday.contains(key);
        }
    }

    /**
     * What the database holds of the batch's records, read from the data tables themselves by the primary keys the
     * batch's writes will use next: each row holds the hash of the content it was last written with.
     */
    private Holdings held(Connection c, String tenant, String sourceSystem, List<LineRows> lines) throws SQLException {
        Map<Class<?>, java.util.Set<PersonId>> pids = new HashMap<>();
        Map<RelationType, java.util.Set<PersonId>> relationsFrom = new java.util.EnumMap<>(RelationType.class);
        java.util.Set<String> events = new java.util.LinkedHashSet<>();
        for (LineRows line : lines) {
            for (Row row : line.rows()) {
                if (row instanceof EventRow r) {
                    events.add(r.sourceRecordId());
                } else if (row instanceof RetractionRow r) {
                    events.add(r.sourceRecordId());
                } else if (row instanceof RelationRow r) {
                    relationsFrom.computeIfAbsent(r.type(), t -> new java.util.LinkedHashSet<>()).add(r.from());
                } else {
                    pids.computeIfAbsent(row.getClass(), t -> new java.util.LinkedHashSet<>()).add(pidOf(row));
                }
            }
        }
        Holdings held = new Holdings(new HashMap<>(), new HashMap<>(), new java.util.HashSet<>());
        byPerson(c, pids.get(PersonRow.class), "SELECT pid, seen_on >= CURRENT_DATE, birth_date, sex, status, municipality_code FROM person FORCE INDEX (PRIMARY) "
                + "WHERE tenant=? AND pid IN (", tenant, rs -> {
                    String key = Row.personKey(PersonId.of(rs.getBytes(1)));
                    String sex = rs.getString(4);
                    String status = rs.getString(5);
                    held.persons().put(key, new Facts(rs.getObject(3, java.time.LocalDate.class), sex == null ? null : Sex.fromCprCode(sex),
                            status == null ? null : PersonStatus.valueOf(status), rs.getString(6)));
                    if (rs.getBoolean(2)) {
                        held.personsSeenToday().add(key);
                    }
                });
        byPerson(c, pids.get(ResidenceRow.class), "SELECT pid, seen_on >= CURRENT_DATE, content_hash FROM residence FORCE INDEX (PRIMARY) WHERE tenant=? AND pid IN (",
                tenant, rs -> put(held, rs, Row.residenceKey(PersonId.of(rs.getBytes(1)))));
        byPerson(c, pids.get(PreviousResidenceRow.class), "SELECT pid, seen_on >= CURRENT_DATE, content_hash, from_key FROM residence_history FORCE INDEX (PRIMARY) "
                + "WHERE tenant=? AND pid IN (", tenant, rs -> put(held, rs, Row.previousResidenceKey(PersonId.of(rs.getBytes(1)),
                        day(rs.getObject(4, java.time.LocalDate.class)))));
        byPerson(c, pids.get(AttributeRow.class), "SELECT pid, seen_on >= CURRENT_DATE, content_hash, name FROM person_attribute FORCE INDEX (PRIMARY) "
                + "WHERE tenant=? AND pid IN (", tenant, rs -> put(held, rs, Row.attributeKey(PersonId.of(rs.getBytes(1)),
                        Row.Attribute.valueOf(rs.getString(4)))));
        byPerson(c, pids.get(IdentityRow.class), "SELECT pid, seen_on >= CURRENT_DATE, content_hash, kind FROM identity_vault FORCE INDEX (PRIMARY) "
                + "WHERE tenant=? AND pid IN (", tenant, rs -> put(held, rs, Row.identityKey(PersonId.of(rs.getBytes(1)),
                        IdentityKind.valueOf(rs.getString(4)))));
        for (Map.Entry<RelationType, java.util.Set<PersonId>> type : relationsFrom.entrySet()) {
            byPerson(c, type.getValue(), "SELECT from_pid, seen_on >= CURRENT_DATE, content_hash, to_pid, start_key FROM relation FORCE INDEX (PRIMARY) WHERE tenant=? "
                    + "AND type='" + type.getKey().name() + "' AND from_pid IN (", tenant, rs -> put(held, rs, Row.relationKey(type.getKey(),
                            PersonId.of(rs.getBytes(1)), PersonId.of(rs.getBytes(4)), day(rs.getObject(5, java.time.LocalDate.class)))));
        }
        HELD_EVENTS.query(c, new ArrayList<>(events), ofSource(tenant, sourceSystem), (ps, i, id) -> {
            ps.setString(i, id);
            return i + 1;
        }, rs -> {
            byte[] hash = rs.getBytes(2);
            held.rows().put(Row.eventKey(rs.getString(1)), new Held(hash == null ? UNKNOWN : hash, true));
        });
        return held;
    }

    private static void put(Holdings held, ResultSet rs, String key) throws SQLException {
        byte[] hash = rs.getBytes(3);
        held.rows().put(key, new Held(hash == null ? UNKNOWN : hash, rs.getBoolean(2)));
    }

    /**
     * Reads the rows of one table held for these persons, the person's pseudonym last in the statement. The statements
     * name the primary key: most bind only its first columns, which the planner estimates by the index's statistics for
     * lists of more than 200 keys, and stale statistics made it scan whole tables (see DELETE_DETAILS).
     */
    private static void byPerson(Connection c, java.util.Set<PersonId> persons, String select, String tenant, MultiRow.Reader reader) throws SQLException {
        if (persons == null) {
            return;
        }
        new MultiRow(select, "?", ")").query(c, new ArrayList<>(persons), ps -> {
            ps.setString(1, tenant);
            return 2;
        }, (ps, i, pid) -> {
            ps.setBytes(i, pid.bytes());
            return i + 1;
        }, reader);
    }

    /** A key column's day: the day, or null where the key holds the day not given. */
    private static java.time.LocalDate day(java.time.LocalDate key) {
        return NO_DAY.equals(key) ? null : key;
    }

    private static PersonId pidOf(Row row) {
        if (row instanceof PersonRow r) {
            return r.pid();
        } else if (row instanceof ResidenceRow r) {
            return r.pid();
        } else if (row instanceof PreviousResidenceRow r) {
            return r.pid();
        } else if (row instanceof AttributeRow r) {
            return r.pid();
        } else if (row instanceof IdentityRow r) {
            return r.pid();
        }
        throw new IllegalArgumentException("not a person's row: " + row.getClass().getSimpleName());
    }

    /** Binds a vault row: the tenant, the pseudonym, the kind, the sealed value and its content's hash. */
    private static MultiRow.Binder<IdentityRow> identity(String tenant) {
        return (ps, i, r) -> {
            ps.setString(i, tenant);
            ps.setBytes(i + 1, r.pid().bytes());
            ps.setString(i + 2, r.kind().name());
            ps.setString(i + 3, r.sealed().keyId());
            ps.setBytes(i + 4, r.sealed().iv());
            ps.setBytes(i + 5, r.sealed().ciphertext());
            ps.setBytes(i + 6, r.contentHash());
            return i + 7;
        };
    }

    /** Binds a sealed value (or nulls) to three parameters: its key's id, its nonce, its ciphertext; returns the next index. */
    private static int sealed(PreparedStatement ps, int i, Sealed s) throws SQLException {
        Sql.string(ps, i, s == null ? null : s.keyId());
        ps.setBytes(i + 1, s == null ? null : s.iv());
        ps.setBytes(i + 2, s == null ? null : s.ciphertext());
        return i + 3;
    }

    /**
     * Writes the batch's new and changed rows, table by table in lock order, with multi-row statements, each with the
     * hash of its content.
     */
    private static void writeRows(Connection c, String tenant, String sourceSystem, long fileId, List<Pending> rows, Mode mode,
            java.util.Set<String> held, boolean cprNumbersHeld) throws SQLException {
        List<PersonRow> persons = new ArrayList<>();
        List<ResidenceRow> residences = new ArrayList<>();
        List<IdentityRow> identities = new ArrayList<>();
        List<RelationRow> relations = new ArrayList<>();
        List<PreviousResidenceRow> previous = new ArrayList<>();
        List<AttributeRow> attributes = new ArrayList<>();
        List<Pending> events = new ArrayList<>();
        List<Detail> details = new ArrayList<>();
        for (Pending p : rows) {
            Row row = p.row();
            if (row instanceof PreviousResidenceRow r) {
                previous.add(r);
            } else if (row instanceof AttributeRow r) {
                attributes.add(r);
            } else if (row instanceof PersonRow r) {
                persons.add(r);
            } else if (row instanceof ResidenceRow r) {
                residences.add(r);
            } else if (row instanceof IdentityRow r) {
                identities.add(r);
            } else if (row instanceof RelationRow r) {
                relations.add(r);
            } else if (row instanceof EventRow r) {
                events.add(p);
                int seq = 0;
                for (DetailCode d : r.details()) {
                    details.add(new Detail(r.sourceRecordId(), seq++, d));
                }
            }
        }
        PERSON.in(mode).execute(c, persons, (ps, i, r) -> {
            ps.setString(i, tenant);
            ps.setBytes(i + 1, r.pid().bytes());
            Sql.date(ps, i + 2, r.birthDate());
            Sql.string(ps, i + 3, r.sex() == null ? null : r.sex().cprCode());
            Sql.string(ps, i + 4, r.status() == null ? null : r.status().name());
            Sql.string(ps, i + 5, r.municipalityCode());
            return i + 6;
        });
        RESIDENCE.in(mode).execute(c, residences, (ps, i, r) -> {
            ps.setString(i, tenant);
            ps.setBytes(i + 1, r.pid().bytes());
            ps.setBytes(i + 2, r.household());
            ps.setString(i + 3, r.municipalityCode());
            Sql.date(ps, i + 4, r.since());
            ps.setBytes(i + 5, r.contentHash());
            return sealed(ps, i + 6, r.dwelling());
        });
        PREVIOUS_RESIDENCE.in(mode).execute(c, previous, (ps, i, r) -> {
            ps.setString(i, tenant);
            ps.setBytes(i + 1, r.pid().bytes());
            Sql.date(ps, i + 2, r.from());
            ps.setBytes(i + 3, r.household());
            ps.setString(i + 4, r.municipalityCode());
            Sql.date(ps, i + 5, r.from());
            Sql.date(ps, i + 6, r.until());
            ps.setBytes(i + 7, r.contentHash());
            return sealed(ps, i + 8, r.dwelling());
        });
        ATTRIBUTE.in(mode).execute(c, attributes, (ps, i, r) -> {
            ps.setString(i, tenant);
            ps.setBytes(i + 1, r.pid().bytes());
            ps.setString(i + 2, r.name().name());
            ps.setString(i + 3, r.value());
            ps.setBytes(i + 4, r.contentHash());
            return i + 5;
        });
        if (mode == Mode.INSERT && cprNumbersHeld) {
            List<IdentityRow> cpr = new ArrayList<>();
            identities.removeIf(r -> r.kind() == IdentityKind.CPR && cpr.add(r));
            CPR_UNREAD.execute(c, cpr, identity(tenant));
        }
        IDENTITY.in(mode).execute(c, identities, identity(tenant));
        RELATION.in(mode).execute(c, relations, (ps, i, r) -> {
            ps.setString(i, tenant);
            ps.setString(i + 1, r.type().name());
            ps.setBytes(i + 2, r.from().bytes());
            ps.setBytes(i + 3, r.to().bytes());
            Sql.date(ps, i + 4, r.start());
            Sql.date(ps, i + 5, r.start());
            Sql.date(ps, i + 6, r.end());
            ps.setString(i + 7, sourceSystem);
            ps.setBytes(i + 8, r.contentHash());
            return i + 9;
        });
        if (mode == Mode.TOUCH) {
            return; // events carry no day seen: retention goes by their own days
        }
        (mode == Mode.INSERT ? INSERT_EVENT : UPSERT_EVENT).execute(c, events, (ps, i, p) -> {
            EventRow r = (EventRow) p.row();
            ps.setString(i, tenant);
            ps.setString(i + 1, sourceSystem);
            ps.setString(i + 2, r.sourceRecordId());
            ps.setBytes(i + 3, r.subject().bytes());
            ps.setString(i + 4, r.indicator().name());
            Sql.date(ps, i + 5, r.start());
            Sql.date(ps, i + 6, r.end());
            ps.setLong(i + 7, fileId);
            ps.setLong(i + 8, p.line());
            Sql.date(ps, i + 9, r.registered());
            ps.setBytes(i + 10, r.contentHash());
            return i + 11;
        });
        if (mode == Mode.UPSERT) {
            // an event written again (a correction) has its details replaced whole; a new one has none
            List<Pending> again = new ArrayList<>();
            for (Pending p : events) {
                if (held.contains(p.row().ledgerKey())) {
                    again.add(p);
                }
            }
            DELETE_DETAILS.execute(c, again, ofSource(tenant, sourceSystem), (ps, i, p) -> {
                ps.setString(i, ((EventRow) p.row()).sourceRecordId());
                return i + 1;
            });
        }
        INSERT_DETAIL.execute(c, details, (ps, i, d) -> {
            ps.setString(i, tenant);
            ps.setString(i + 1, sourceSystem);
            ps.setString(i + 2, d.sourceRecordId());
            ps.setInt(i + 3, d.seq());
            ps.setString(i + 4, d.code().system());
            ps.setString(i + 5, d.code().code());
            Sql.string(ps, i + 6, d.code().display());
            return i + 7;
        });
    }

    /** The leading parameters of a statement on one source system's rows. */
    private static MultiRow.Leading ofSource(String tenant, String sourceSystem) {
        return ps -> {
            ps.setString(1, tenant);
            ps.setString(2, sourceSystem);
            return 3;
        };
    }

    /** One detail code of an event, in its place. */
    private record Detail(String sourceRecordId, int seq, DetailCode code) {
    }

    @Override
    public void quarantine(String tenant, long fileId, List<QuarantineRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection()) {
            insertQuarantine(c, tenant, fileId, rows);
        } catch (SQLException e) {
            throw new StoreException("quarantining " + rows.size() + " lines", e);
        }
    }

    private static void insertQuarantine(Connection c, String tenant, long fileId, List<QuarantineRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO quarantine (tenant, file_id, line_no, reason, key_id, iv, raw_line, created_at) VALUES (?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Instant now = Instant.now();
            for (QuarantineRow q : rows) {
                ps.setString(1, tenant);
                ps.setLong(2, fileId);
                ps.setLong(3, q.line());
                ps.setString(4, q.reason().length() > 500 ? q.reason().substring(0, 497) + "..." : q.reason());
                ps.setString(5, q.rawLine().keyId());
                ps.setBytes(6, q.rawLine().iv());
                ps.setBytes(7, q.rawLine().ciphertext());
                Sql.time(ps, 8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public boolean endFile(long fileId, String owner, String status, long lines, long accepted, long duplicates, long quarantined, long skipped,
            String reason) {
        lastWrote.values().forEach(files -> files.remove(fileId)); // an ended delivery writes no more
        String sql = "UPDATE ingest_file SET status=?, line_count=?, accepted=?, duplicates=?, quarantined=?, skipped=?, reason=?, finished_at=?, "
                + "progress_at=? WHERE id=? AND owner <=> ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            ps.setLong(2, lines);
            ps.setLong(3, accepted);
            ps.setLong(4, duplicates);
            ps.setLong(5, quarantined);
            ps.setLong(6, skipped);
            Sql.string(ps, 7, reason == null ? null : reason.length() > 500 ? reason.substring(0, 497) + "..." : reason);
            Instant now = Instant.now();
            Sql.time(ps, 8, now);
            Sql.time(ps, 9, now);
            ps.setLong(10, fileId);
            Sql.string(ps, 11, owner);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("recording the outcome of a delivery", e);
        }
    }

    @Override
    public Optional<FileRecord> file(long fileId) {
        List<FileRecord> r = files("SELECT * FROM ingest_file WHERE id=?", fileId);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public List<FileRecord> filesWithContent(String sha256) {
        return files("SELECT * FROM ingest_file WHERE sha256=? ORDER BY id DESC", sha256);
    }

    @Override
    public List<FileRecord> deliveries(String tenant, String adapterId, int limit) {
        String sql = "SELECT * FROM ingest_file WHERE tenant=?" + (adapterId == null ? "" : " AND adapter_id=?") + " ORDER BY id DESC LIMIT ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            if (adapterId != null) {
                ps.setString(i++, adapterId);
            }
            ps.setInt(i, Math.max(0, limit));
            return files(ps);
        } catch (SQLException e) {
            throw new StoreException("reading deliveries", e);
        }
    }

    @Override
    public Map<String, Instant> lastCompleted(String tenant) {
        Map<String, Instant> out = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT adapter_id, MAX(started_at) AS last_at FROM ingest_file WHERE tenant=? AND status='COMPLETED' GROUP BY adapter_id")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Sql.time(rs, "last_at"));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the last deliveries", e);
        }
    }

    @Override
    public List<QuarantineEntry> quarantined(String tenant, Long fileId, boolean openOnly, int limit) {
        String sql = "SELECT q.id, q.file_id, f.adapter_id, q.line_no, q.reason, q.created_at, q.resolved_at, q.resolved_by FROM quarantine q "
                + "JOIN ingest_file f ON f.id = q.file_id WHERE q.tenant=?" + (fileId == null ? "" : " AND q.file_id=?")
                + (openOnly ? " AND q.resolved_at IS NULL" : "") + " ORDER BY q.file_id DESC, q.line_no, q.id LIMIT ?";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            if (fileId != null) {
                ps.setLong(i++, fileId);
            }
            ps.setInt(i, Math.max(0, limit));
            List<QuarantineEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(quarantineEntry(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading quarantined lines", e);
        }
    }

    private static QuarantineEntry quarantineEntry(ResultSet rs) throws SQLException {
        long by = rs.getLong("resolved_by");
        return new QuarantineEntry(rs.getLong("id"), rs.getLong("file_id"), rs.getString("adapter_id"), rs.getLong("line_no"), rs.getString("reason"),
                Sql.time(rs, "created_at"), Sql.time(rs, "resolved_at"), rs.wasNull() ? null : by);
    }

    @Override
    public Optional<QuarantineEntry.Content> quarantinedLine(String tenant, long id) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT q.id, q.file_id, f.adapter_id, q.line_no, q.reason, "
                + "q.created_at, q.resolved_at, q.resolved_by, q.key_id, q.iv, q.raw_line FROM quarantine q JOIN ingest_file f ON f.id = q.file_id "
                + "WHERE q.tenant=? AND q.id=?")) {
            ps.setString(1, tenant);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                QuarantineEntry e = quarantineEntry(rs);
                return Optional.of(new QuarantineEntry.Content(e, new Sealed(rs.getString("key_id"), rs.getBytes("iv"), rs.getBytes("raw_line"))));
            }
        } catch (SQLException e) {
            throw new StoreException("reading a quarantined line", e);
        }
    }

    @Override
    public int resolveQuarantine(String tenant, long fileId, long byFileId) {
        // the same file delivered again (the same content through the same adapter) kept the same lines aside: corrected too
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE quarantine q JOIN ingest_file f ON f.id = q.file_id "
                + "JOIN ingest_file o ON o.id = ? AND o.tenant = f.tenant AND o.adapter_id = f.adapter_id AND o.sha256 = f.sha256 "
                + "SET q.resolved_at=?, q.resolved_by=? WHERE q.tenant=? AND f.id < ? AND q.resolved_at IS NULL")) {
            ps.setLong(1, fileId);
            Sql.time(ps, 2, Instant.now());
            ps.setLong(3, byFileId);
            ps.setString(4, tenant);
            ps.setLong(5, byFileId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("resolving quarantined lines", e);
        }
    }

    private List<FileRecord> files(String sql, Object param) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            return files(ps);
        } catch (SQLException e) {
            throw new StoreException("reading deliveries", e);
        }
    }

    private static List<FileRecord> files(PreparedStatement ps) throws SQLException {
        List<FileRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new FileRecord(rs.getLong("id"), rs.getString("tenant"), rs.getString("adapter_id"), rs.getString("source_system"),
                        rs.getString("file_name"), rs.getString("sha256"), rs.getLong("size_bytes"), rs.getString("status"),
                        rs.getLong("line_count"), rs.getLong("accepted"), rs.getLong("duplicates"), rs.getLong("quarantined"),
                        rs.getLong("skipped"), rs.getLong("lines_done"), rs.getString("owner"), rs.getString("archive_id"), rs.getString("reason"),
                        Sql.time(rs, "started_at"), Sql.time(rs, "finished_at"), Sql.time(rs, "progress_at"), rs.getLong("bytes_done"),
                        rs.getString("delivered_by")));
            }
        }
        return out;
    }

    /** SHA-256 of a (non-personal) name, 16 bytes: the name of a source system's lock. */
    static byte[] recordKey(String name) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
