// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.Database;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.ScoringInput;
import dk.tidlig.store.StoreException;

/** The score store on MariaDB. */
@Component(service = ScoreStore.class)
public class JdbcScoreStore implements ScoreStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcScoreStore.class);
    private static final HexFormat HEX = HexFormat.of();
    private final DataSource ds;

    @Activate
    public JdbcScoreStore(@Reference Database database) {
        this(database, WRITERS);
    }

    /** The tables the scoring input is read from, which its connections read in one state. */
    private static final List<String> INPUT_TABLES = List.of("residence_history", "residence", "person", "relation", "disputed_event",
            "risk_event");
    /** How long writers may keep the input's tables from being locked for the moment the snapshots open. */
    int snapshotLockWaitSeconds = 5;
    /** Run, in tests, when the first of the input's snapshots is open and before the others are. */
    volatile Runnable betweenSnapshots = () -> { };

    /**
     * Reads the input in one consistent state of the tables: the persons with their addresses, the relations and the
     * events each on a connection of its own at the same time where several can read one state ({@link SharedSnapshot}),
     * else one after the other on one connection. At 5.9 million citizens the read is the database's work more than the
     * JVM's (its scans and the rows it sends), and one connection keeps one of its threads busy.
     */
    @Override
    public ScoringInput load(String tenant, LocalDate windowStart, LocalDate asOf) {
        try (SharedSnapshot snapshot = SharedSnapshot.open(ds, readers(), INPUT_TABLES, snapshotLockWaitSeconds, betweenSnapshots)) {
            List<Connection> c = snapshot.connections();
            ScoringInput.Builder input = ScoringInput.builder();
            Parts parts = new Parts();
            if (c.size() == 1) {
                long t0 = System.nanoTime();
                readPersons(c.get(0), tenant, asOf, input);
                parts.personsNanos = System.nanoTime() - t0;
                parts.relations = readRelations(c.get(0), tenant);
                parts.relationsNanos = System.nanoTime() - t0 - parts.personsNanos;
                parts.events = readEvents(c.get(0), tenant, windowStart, asOf);
                parts.eventsNanos = System.nanoTime() - t0 - parts.personsNanos - parts.relationsNanos;
            } else {
                List<java.util.concurrent.FutureTask<Void>> reading = List.of(new java.util.concurrent.FutureTask<>(() -> {
                    long t0 = System.nanoTime();
                    parts.relations = readRelations(c.get(1), tenant);
                    parts.relationsNanos = System.nanoTime() - t0;
                    return null;
                }), new java.util.concurrent.FutureTask<>(() -> {
                    long t0 = System.nanoTime();
                    parts.events = readEvents(c.get(2), tenant, windowStart, asOf);
                    parts.eventsNanos = System.nanoTime() - t0;
                    return null;
                }));
                Throwable failed = null;
                List<java.util.concurrent.FutureTask<Void>> started = new ArrayList<>();
                try {
                    for (int k = 0; k < reading.size(); k++) {
                        Thread reader = new Thread(reading.get(k), k == 0 ? "tidlig-score-read-relations" : "tidlig-score-read-events");
                        reader.setDaemon(true);
                        reader.start();
                        started.add(reading.get(k));
                    }
                    long t0 = System.nanoTime();
                    readPersons(c.get(0), tenant, asOf, input);
                    parts.personsNanos = System.nanoTime() - t0;
                } catch (Throwable e) {
                    failed = e;
                }
                // every reader started has ended before its connection goes back to the pool, whatever happened
                failed = awaitAll(started, failed); // and the readers' parts are seen here
                if (failed != null) {
                    throw rethrown(failed);
                }
            }
            snapshot.commit();
            // the relations and events in the order of one read, whichever ended first: the persons named only by them are
            // numbered as they come, and the input's fingerprint is the same on one connection or several. Each part is let
            // go once added (at 5.9 million citizens the relations' is some 400 MB)
            long added = System.nanoTime();
            int relationCount = parts.relations.size();
            int eventCount = parts.events.size();
            input.relations(parts.relations);
            parts.relations = null;
            input.events(parts.events);
            parts.events = null;
            LOG.info("Scoring input of {} read on {}: the persons and their addresses in {} s, {} relations in {} s, {} events in {} s, "
                    + "the relations' and events' persons found in {} s", tenant, c.size() == 1 ? "one connection" : c.size() + " connections at once",
                    seconds(parts.personsNanos), relationCount, seconds(parts.relationsNanos), eventCount, seconds(parts.eventsNanos),
                    seconds(System.nanoTime() - added));
            return input.build();
        } catch (SQLException e) {
            throw new StoreException("reading the scoring input", e);
        }
    }

    /** A failure of this thread's or another's, thrown as it is where it can be (an SQLException, unchecked), else wrapped. */
    private static SQLException rethrown(Throwable failed) {
        if (failed instanceof SQLException x) {
            return x;
        } else if (failed instanceof RuntimeException x) {
            throw x;
        } else if (failed instanceof Error x) {
            throw x;
        }
        throw new IllegalStateException(failed);
    }

    /** The relations and events a read gives, until they are added to its input. */
    private static final class Parts {
        ScoringInput.Relations relations;
        ScoringInput.Events events;
        long personsNanos;
        long relationsNanos;
        long eventsNanos;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /**
     * The connections the input is read on: three on two or more processors, where the pool has room for them and the
     * fourth that locks the tables while their snapshots open; else one.
     */
    private int readers() {
        if (writers < 2) {
            return 1;
        }
        return ds instanceof com.zaxxer.hikari.HikariDataSource pool && pool.getMaximumPoolSize() < 4 ? 1 : 3;
    }

    /**
     * The persons with where each lived on the day: the current address if they had moved in by then, else the earlier
     * address (CPR record 023) they lived at that day; moving day counts for the new address.
     */
    private static void readPersons(Connection c, String tenant, LocalDate asOf, ScoringInput.Builder input) throws SQLException {
        // The earlier addresses of the day are read first (few: those who moved since), then the persons with their current
        // address in one scan in the order of their pseudonyms, and the two are merged: a look-up of the earlier address for
        // each person in the persons' query took 24 of its 40 s at 5.9 million citizens
        Earlier earlier = new Earlier();
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, municipality_code, household FROM residence_history "
                + "WHERE tenant=? AND from_key <= ? AND moved_out > ? ORDER BY pid, from_key")) {
            ps.setString(1, tenant);
            ps.setObject(2, asOf);
            ps.setObject(3, asOf);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    earlier.add(rs.getBytes(1), rs.getString(2), rs.getBytes(3)); // the latest move before the day wins
                }
            }
        }
        // the current addresses, then the persons, each in one scan of its table in the order of the pseudonyms (its
        // primary key), merged here: the persons joined to their addresses in one query took 11.5 s at 5.9 million
        // citizens, the two scans 5.5 s
        Current current = new Current();
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, since IS NULL OR since <= ?, municipality_code, household FROM residence "
                + "WHERE tenant=? ORDER BY pid")) {
            ps.setObject(1, asOf);
            ps.setString(2, tenant);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    current.add(rs.getBytes(1), rs.getBoolean(2), rs.getString(3), rs.getBytes(4));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pid, birth_date, sex, status, municipality_code FROM person WHERE tenant=? "
                + "ORDER BY pid")) {
            ps.setString(1, tenant);
            ps.setFetchSize(10_000);
            int at = 0; // the first current address not before this person's
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] pid = rs.getBytes(1);
                    at = current.seek(at, pid);
                    String sex = rs.getString(3);
                    String status = rs.getString(4);
                    String municipality;
                    byte[] household;
                    if (current.is(at, pid) && current.movedIn(at)) {
                        municipality = current.municipality(at);
                        household = current.household(at);
                    } else {
                        int k = earlier.find(pid);
                        municipality = k >= 0 && earlier.municipality.get(k) != null ? earlier.municipality.get(k) : rs.getString(5);
                        household = k >= 0 ? earlier.household.get(k) : null;
                    }
                    input.person(pid, rs.getObject(2, LocalDate.class), sex == null ? null : Sex.fromCprCode(sex),
                            status == null ? null : PersonStatus.valueOf(status), municipality, household);
                }
            }
        }
    }

    private static ScoringInput.Relations readRelations(Connection c, String tenant) throws SQLException {
        ScoringInput.Relations relations = new ScoringInput.Relations();
        try (PreparedStatement ps = c.prepareStatement("SELECT type, from_pid, to_pid, start_date, end_date FROM relation "
                + "WHERE tenant=? ORDER BY type, from_pid, to_pid")) {
            ps.setString(1, tenant);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                String lastType = null;
                RelationType type = null;
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (!name.equals(lastType)) { // the rows come by type
                        type = RelationType.valueOf(name);
                        lastType = name;
                    }
                    relations.add(type, rs.getBytes(2), rs.getBytes(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class));
                }
            }
        }
        return relations;
    }

    private static ScoringInput.Events readEvents(Connection c, String tenant, LocalDate windowStart, LocalDate asOf) throws SQLException {
        // the data points marked as disputed (few: each is a person's judgement) are left out here, not by a look-up per event
        java.util.Set<String> disputed = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT source_system, source_record_id FROM disputed_event WHERE tenant=?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    disputed.add(rs.getString(1) + "\u0000" + rs.getString(2));
                }
            }
        }
        ScoringInput.Events events = new ScoringInput.Events();
        // in the order of the unique key on (tenant, source_system, source_record_id), read along that key: the server
        // chose a scan of the table and a sort of its rows, which took 12 of the read's 47 s at 5.9 million citizens
        // against 8 s along the key (the same rows in the same order, the key's collations being the columns')
        try (PreparedStatement ps = c.prepareStatement("SELECT source_system, source_record_id, subject_pid, indicator, start_date, end_date "
                + "FROM risk_event FORCE INDEX (risk_event_by_source) WHERE tenant=? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?) "
                + "AND (registered_on IS NULL OR registered_on <= ?) ORDER BY source_system, source_record_id")) {
            ps.setString(1, tenant);
            ps.setObject(2, asOf);
            ps.setObject(3, windowStart);
            ps.setObject(4, asOf);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String source = rs.getString(1);
                    byte[] record = rs.getBytes(2); // the column's UTF-8, as the input holds it
                    if (disputed.isEmpty() || !disputed.contains(source + "\u0000" + new String(record, java.nio.charset.StandardCharsets.UTF_8))) {
                        events.add(source, record, rs.getBytes(3), Indicator.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class),
                                rs.getObject(6, LocalDate.class));
                    }
                }
            }
        }
        return events;
    }

    /**
     * The current addresses of a municipality's persons, in the order of their pseudonyms, in columns: the pseudonyms and
     * households as pairs of longs, whether the person had moved in by the day as bits, the municipality codes as the few
     * strings they are (about 190 MB at 5.9 million citizens, for the time of the read).
     */
    private static final class Current {
        private long[] pidHi = new long[1024];
        private long[] pidLo = new long[1024];
        private long[] householdHi = new long[1024];
        private long[] householdLo = new long[1024];
        private String[] municipality = new String[1024];
        private final java.util.BitSet movedIn = new java.util.BitSet();
        private final Map<String, String> codes = new java.util.HashMap<>();
        private int n;

        void add(byte[] pid, boolean movedInByTheDay, String municipalityCode, byte[] household) {
            if (pid.length != 16 || household.length != 16) {
                throw new IllegalStateException("a pseudonym or household of " + pid.length + " or " + household.length + " bytes, not 16");
            }
            if (n == pidHi.length) {
                int size = n * 2;
                pidHi = java.util.Arrays.copyOf(pidHi, size);
                pidLo = java.util.Arrays.copyOf(pidLo, size);
                householdHi = java.util.Arrays.copyOf(householdHi, size);
                householdLo = java.util.Arrays.copyOf(householdLo, size);
                municipality = java.util.Arrays.copyOf(municipality, size);
            }
            pidHi[n] = word(pid, 0);
            pidLo[n] = word(pid, 8);
            householdHi[n] = word(household, 0);
            householdLo[n] = word(household, 8);
            municipality[n] = codes.computeIfAbsent(municipalityCode, k -> k);
            movedIn.set(n, movedInByTheDay);
            n++;
        }

        /** From {@code at} on, the first address whose person is not before this one (in unsigned byte order). */
        int seek(int at, byte[] pid) {
            long hi = word(pid, 0);
            long lo = word(pid, 8);
            while (at < n) {
                int c = Long.compareUnsigned(pidHi[at], hi);
                if (c > 0 || c == 0 && Long.compareUnsigned(pidLo[at], lo) >= 0) {
                    break;
                }
                at++;
            }
            return at;
        }

        boolean is(int at, byte[] pid) {
            return at < n && pidHi[at] == word(pid, 0) && pidLo[at] == word(pid, 8);
        }

        boolean movedIn(int at) {
            return movedIn.get(at);
        }

        String municipality(int at) {
            return municipality[at];
        }

        byte[] household(int at) {
            byte[] out = new byte[16];
            for (int k = 0; k < 8; k++) {
                out[k] = (byte) (householdHi[at] >>> (56 - 8 * k));
                out[8 + k] = (byte) (householdLo[at] >>> (56 - 8 * k));
            }
            return out;
        }

        private static long word(byte[] b, int from) {
            long v = 0;
            for (int k = 0; k < 8; k++) {
                v = v << 8 | (b[from + k] & 0xFF);
            }
            return v;
        }
    }

    /** The earlier addresses persons lived at on a day, in the order of their pseudonyms, one per person. */
    private static final class Earlier {
        final List<byte[]> pid = new ArrayList<>();
        final List<String> municipality = new ArrayList<>();
        final List<byte[]> household = new ArrayList<>();

        void add(byte[] person, String municipalityCode, byte[] dwelling) {
            int last = pid.size() - 1;
            if (last >= 0 && java.util.Arrays.equals(pid.get(last), person)) {
                municipality.set(last, municipalityCode);
                household.set(last, dwelling);
            } else {
                pid.add(person);
                municipality.add(municipalityCode);
                household.add(dwelling);
            }
        }

        /** The index of the person's earlier address, or -1. */
        int find(byte[] person) {
            int i = java.util.Collections.binarySearch(pid, person, java.util.Arrays::compareUnsigned);
            return i < 0 ? -1 : i;
        }
    }

    /** Families written per round of statements. */
    private static final int SAVE_CHUNK = 2_000;
    private static final MultiRow FAMILY = new MultiRow("INSERT INTO family_score (run_id, family_id, child_pid, child_birth, score, flagged, "
            + "indicators, offer_id) VALUES", "(?,?,?,?,?,?,?,?)", "");
    private static final MultiRow CONTRIBUTION = new MultiRow("INSERT INTO score_contribution (run_id, family_id, seq, indicator, role, "
            + "person_pid, source_system, source_record_id, start_date, end_date, points, basis) VALUES", "(?,?,?,?,?,?,?,?,?,?,?,?)", "");
    private static final MultiRow MEMBER = new MultiRow("INSERT INTO family_member (run_id, family_id, seq, person_pid, role) VALUES",
            "(?,?,?,?,?)", "");

    private record Contributed(String familyId, int seq, Contribution contribution) {
    }

    private record Member(String familyId, int seq, FamilyScore.Adult adult) {
    }

    /**
     * Connections that write a run's families at the same time, each its part of them. The database does the work of a
     * run's store (the index work of some two million rows at 5.9 million citizens), and on one connection it used one
     * processor while the JVM waited for it; two parts keep two busy. Not more: the pool is shared with the
     * application's users.
     */
    static final int WRITERS = Runtime.getRuntime().availableProcessors() > 1 ? 2 : 1;

    /** Connections that write a run's families at once: {@link #WRITERS}, or as a test sets. */
    private final int writers;
    /** Called, in tests, when every part but the first is committed and the run's row not yet. */
    volatile Runnable partsCommitted = () -> { };

    /** Outside OSGi, with the number of connections that write a run's families at once. */
    JdbcScoreStore(Database database, int writers) {
        this.ds = database.dataSource();
        this.writers = Math.max(1, writers);
    }

    /** The parts a run of this many families is written in: one per {@link #SAVE_CHUNK} families, at most one per writer. */
    int parts(int families) {
        return Math.max(1, Math.min(writers, families / SAVE_CHUNK));
    }

    /**
     * Stores a run so that it is seen whole or not at all, its families written in parts on several connections at once.
     * The run's row is inserted first and held uncommitted, with the first part, on this connection: that keeps its id
     * this run's and the run out of sight. The run is marked as being stored (committed) and its mark held locked by
     * this transaction; the other parts are written and committed each on a connection of its own; then the run's row,
     * its first part and the mark's removal are committed together. Every query reaches a run's families through its
     * row in score_run, so until then no one sees a part. A process that dies before that leaves parts that no query
     * reaches and its mark, no longer locked: the next run, the daily retention or a replacement of the keys removes
     * them ({@link #removeAbandonedParts(DataSource)}). A small run is one part, stored in one transaction.
     */
    @Override
    public ScoreRun save(ScoreRun run, List<FamilyScore> scores, java.util.Map<String, String> offers) {
        removeAbandonedPartsOrWarn(ds);
        int parts = parts(scores.size());
        int each = (scores.size() + parts - 1) / parts;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long id = -1;
            boolean marked = false;
            boolean unchecked = false;
            List<java.util.concurrent.FutureTask<Void>> writing = new ArrayList<>();
            Throwable failed = null;
            try {
                id = insertRun(c, run);
                if (parts > 1) {
                    marked = mark(c, id, run.municipalityCode());
                    // this transaction's checks of the first part's foreign keys would lock the ends of index pages of
                    // family_score (next-key locks, in repeatable read) where the other parts insert: they would wait for
                    // this transaction, which waits for them (a lock wait InnoDB cannot see as a deadlock; it ended the
                    // first run at 5.9 million citizens after 50 s). Each part writes a family before its contributions
                    // and adults, so the checks repeat what the order guarantees.
                    foreignKeyChecks(c, false);
                    unchecked = true;
                }
                final long runId = id;
                for (int k = 1; k < parts; k++) {
                    List<FamilyScore> part = scores.subList(Math.min(scores.size(), k * each), Math.min(scores.size(), (k + 1) * each));
                    java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
                        writePart(runId, part, offers);
                        return null;
                    });
                    Thread writer = new Thread(task, "tidlig-score-writer-" + k);
                    writer.setDaemon(true);
                    writer.start();
                    writing.add(task);
                }
                List<FamilyScore> first = scores.subList(0, Math.min(scores.size(), each));
                for (int from = 0; from < first.size(); from += SAVE_CHUNK) {
                    writeChunk(c, runId, first.subList(from, Math.min(first.size(), from + SAVE_CHUNK)), offers);
                }
            } catch (Throwable e) {
                failed = e;
            } finally {
                failed = awaitAll(writing, failed); // nothing is written after this, whatever happened
            }
            try {
                if (failed == null) {
                    partsCommitted.run();
                    if (marked) {
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM score_run_storing WHERE run_id=?")) {
                            ps.setLong(1, id);
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                }
            } catch (Throwable e) {
                failed = e;
            }
            if (unchecked) {
                try {
                    foreignKeyChecks(c, true);
                } catch (SQLException | RuntimeException e) {
                    c.abort(Runnable::run); // a pooled connection that would go on without the checks is dropped instead
                }
            }
            if (failed != null) {
                try {
                    c.rollback();
                    if (marked) {
                        removeParts(c, List.of(id)); // this connection's lock on the mark is gone with the rollback
                    }
                } catch (SQLException | RuntimeException e) {
                    failed.addSuppressed(e); // the mark stays, unlocked: a later run removes the parts
                }
                throw rethrown(failed);
            }
            // as it reads back: TIMESTAMP(3) keeps milliseconds
            return new ScoreRun(id, run.municipalityCode(), run.modelId(), run.modelVersion(), run.modelDigest(), run.asOf(),
                    run.windowStart(), run.legalBasisId(), run.inputFingerprint(), run.startedAt().truncatedTo(ChronoUnit.MILLIS),
                    run.finishedAt().truncatedTo(ChronoUnit.MILLIS), run.familiesScored(), run.familiesFlagged());
        } catch (SQLException e) {
            throw new StoreException("storing a score run", e);
        }
    }

    /** Inserts the run's row, not committed, and gives its id. */
    private static long insertRun(Connection c, ScoreRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO score_run (tenant, model_id, model_version, model_digest, as_of, "
                + "window_start, legal_basis_id, input_fingerprint, started_at, finished_at, families_scored, families_flagged) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, run.municipalityCode());
            ps.setString(2, run.modelId());
            ps.setString(3, run.modelVersion());
            ps.setString(4, run.modelDigest());
            ps.setObject(5, run.asOf());
            ps.setObject(6, run.windowStart());
            ps.setString(7, run.legalBasisId());
            ps.setString(8, run.inputFingerprint());
            Sql.time(ps, 9, run.startedAt());
            Sql.time(ps, 10, run.finishedAt());
            ps.setInt(11, run.familiesScored());
            ps.setInt(12, run.familiesFlagged());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Marks the run as being stored, committed on a connection of its own before any part is, and locks the mark in the
     * run's transaction {@code c} until the run is committed or given up: a mark no one holds is an abandoned run's. A
     * cleaner that took the mark between the two has removed it (there were no parts yet): the run is then refused.
     */
    private boolean mark(Connection c, long runId, String tenant) throws SQLException {
        try (Connection m = ds.getConnection(); PreparedStatement ps = m.prepareStatement("INSERT INTO score_run_storing (run_id, tenant, started_at) "
                + "VALUES (?, ?, UTC_TIMESTAMP(3))")) {
            m.setAutoCommit(true);
            ps.setLong(1, runId);
            ps.setString(2, tenant);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM score_run_storing WHERE run_id=? FOR UPDATE")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("score run " + runId + " was taken for abandoned as it began; run it again");
                }
            }
        }
        return true;
    }

    /**
     * Waits until every writer (or reader) has ended, even when interrupted, and gives the first failure, the run's own
     * or a writer's, with the others added to it.
     */
    private static Throwable awaitAll(List<? extends java.util.concurrent.FutureTask<?>> writers, Throwable failed) {
        boolean interrupted = false;
        for (java.util.concurrent.FutureTask<?> task : writers) {
            while (true) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failed == null) {
                        failed = e.getCause();
                    } else {
                        failed.addSuppressed(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failed;
    }

    /**
     * Writes and commits a part of the run's families other than the first, with their contributions and adults, on a
     * connection of its own. Its foreign keys are not checked: the run's row is another connection's, not yet committed
     * (checking it would wait for that connection, which waits for this one), and each family is written before its
     * contributions and adults in this transaction. The keys are still declared for what deletes runs and families
     * (retention, a family's decline).
     */
    private void writePart(long runId, List<FamilyScore> part, java.util.Map<String, String> offers) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            foreignKeyChecks(c, false);
            try {
                for (int from = 0; from < part.size(); from += SAVE_CHUNK) {
                    writeChunk(c, runId, part.subList(from, Math.min(part.size(), from + SAVE_CHUNK)), offers);
                }
                c.commit();
            } catch (Throwable e) {
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException x) {
                    e.addSuppressed(x);
                }
                throw e;
            } finally {
                try {
                    foreignKeyChecks(c, true);
                } catch (SQLException | RuntimeException e) {
                    c.abort(Runnable::run); // a pooled connection that would go on without the checks is dropped instead
                }
            }
        }
    }

    /**
     * {@link #removeAbandonedParts(DataSource)}, and if that fails a warning: what is left is removed the next time. On Galera a
     * node's run being stored is not locked on the other nodes, and its mark taken there for abandoned; the two
     * transactions then meet at certification and one of them fails (the cleaning, or the run, which is then not
     * published): a run is still seen whole or not at all, and a failed cleaning must not fail a run or a retention.
     */
    static void removeAbandonedPartsOrWarn(DataSource ds) {
        try {
            removeAbandonedParts(ds);
        } catch (StoreException e) {
            LOG.warn("The parts of score runs never stored whole were not removed this time: {}", e.getCause() == null ? e.getMessage()
                    : e.getCause().getMessage());
        }
    }

    /**
     * Removes what runs whose storing never ended left behind: the parts of each run marked as being stored whose mark
     * no transaction holds (the run's process died, or its connection), with the mark, in one transaction. A run being
     * stored holds its mark locked, and is passed over. Called before each run is stored, by the daily retention and
     * before keys are replaced, so that abandoned parts (which no query reaches) do not outlive a family's decline or
     * retention for long.
     */
    static void removeAbandonedParts(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Long> abandoned = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM score_run_storing ORDER BY run_id FOR UPDATE SKIP LOCKED");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        abandoned.add(rs.getLong(1));
                    }
                }
                for (long id : abandoned) {
                    LOG.warn("Score run {} was never stored whole (its process or connection stopped): its parts are removed", id);
                }
                removeParts(c, abandoned);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("removing the parts of score runs that were never stored whole", e);
        }
    }

    /** Deletes the parts and the marks of these runs on {@code c} and commits (the marks locked by it, or by no one). */
    private static void removeParts(Connection c, List<Long> runs) throws SQLException {
        if (runs.isEmpty()) {
            return;
        }
        for (long id : runs) {
            for (String table : List.of("score_contribution", "family_member", "family_score", "score_run_storing")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id=?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
        }
        c.commit();
    }

    private static void foreignKeyChecks(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION foreign_key_checks=" + (on ? 1 : 0));
        }
    }

    private static void writeChunk(Connection c, long runId, List<FamilyScore> chunk, java.util.Map<String, String> offers) throws SQLException {
        List<Contributed> contributions = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (FamilyScore f : chunk) {
            int seq = 0;
            for (Contribution k : f.contributions()) {
                contributions.add(new Contributed(f.familyId(), seq++, k));
            }
            seq = 0;
            for (FamilyScore.Adult a : f.adults()) {
                members.add(new Member(f.familyId(), seq++, a));
            }
        }
        FAMILY.execute(c, chunk, (ps, i, f) -> {
            ps.setLong(i, runId);
            ps.setString(i + 1, f.familyId());
            ps.setBytes(i + 2, HEX.parseHex(f.child()));
            ps.setObject(i + 3, f.childBirth());
            ps.setInt(i + 4, f.score());
            ps.setBoolean(i + 5, f.flagged());
            ps.setInt(i + 6, f.indicators().size());
            ps.setString(i + 7, offers.get(f.familyId()));
            return i + 8;
        });
        CONTRIBUTION.execute(c, contributions, (ps, i, x) -> {
            Contribution k = x.contribution();
            ps.setLong(i, runId);
            ps.setString(i + 1, x.familyId());
            ps.setInt(i + 2, x.seq());
            ps.setString(i + 3, k.indicator().name());
            ps.setString(i + 4, k.role().name());
            ps.setBytes(i + 5, HEX.parseHex(k.person()));
            ps.setString(i + 6, k.sourceSystem());
            ps.setString(i + 7, k.sourceRecordId());
            ps.setObject(i + 8, k.start());
            Sql.date(ps, i + 9, k.end());
            ps.setInt(i + 10, k.points());
            ps.setString(i + 11, k.basis());
            return i + 12;
        });
        MEMBER.execute(c, members, (ps, i, m) -> {
            ps.setLong(i, runId);
            ps.setString(i + 1, m.familyId());
            ps.setInt(i + 2, m.seq());
            ps.setBytes(i + 3, HEX.parseHex(m.adult().person()));
            ps.setString(i + 4, m.adult().role().name());
            return i + 5;
        });
    }

    @Override
    public Optional<ScoreRun> latestRun(String tenant) {
        return runs("SELECT * FROM score_run WHERE tenant=? ORDER BY id DESC LIMIT 1", tenant);
    }

    @Override
    public Optional<ScoreRun> run(long id) {
        return runs("SELECT * FROM score_run WHERE id=?", id);
    }

    private Optional<ScoreRun> runs(String sql, Object param) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ScoreRun(rs.getLong("id"), rs.getString("tenant"), rs.getString("model_id"), rs.getString("model_version"),
                        rs.getString("model_digest"), Sql.date(rs, "as_of"), Sql.date(rs, "window_start"), rs.getString("legal_basis_id"),
                        rs.getString("input_fingerprint"), Sql.time(rs, "started_at"), Sql.time(rs, "finished_at"),
                        rs.getInt("families_scored"), rs.getInt("families_flagged")));
            }
        } catch (SQLException e) {
            throw new StoreException("reading score runs", e);
        }
    }

    @Override
    public List<FamilyScore> results(long runId, boolean flaggedOnly, int limit) {
        return families("SELECT family_id, child_pid, child_birth, score, flagged FROM family_score WHERE run_id=?"
                + (flaggedOnly ? " AND flagged" : "") + " ORDER BY score DESC, family_id LIMIT ?", runId, limit);
    }

    /** A family's offer: the stored one, or the family itself. */
    private static final String OFFER = "COALESCE(offer_id, family_id)";

    @Override
    public List<String> flaggedOffers(long runId, int limit) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + OFFER + " AS o, MAX(score) AS s FROM family_score "
                + "WHERE run_id=? AND flagged GROUP BY o ORDER BY s DESC, o LIMIT ?")) {
            ps.setLong(1, runId);
            ps.setInt(2, limit);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading a run's offers", e);
        }
    }

    @Override
    public Map<String, Integer> familiesPerOffer(long runId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + OFFER + " AS o, COUNT(*) FROM family_score "
                + "WHERE run_id=? GROUP BY o")) {
            ps.setLong(1, runId);
            ps.setFetchSize(10_000);
            Map<String, Integer> out = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("counting a run's families per offer", e);
        }
    }

    @Override
    public List<FamilyScore> offer(long runId, String offerId) {
        // by the index on (run_id, offer_id), or for a run before offers by the primary key: never a scan of the run
        return families("SELECT family_id, child_pid, child_birth, score, flagged FROM family_score WHERE run_id=? AND offer_id=? "
                + "UNION ALL SELECT family_id, child_pid, child_birth, score, flagged FROM family_score WHERE run_id=? AND offer_id IS NULL "
                + "AND family_id=? ORDER BY score DESC, family_id", runId, offerId, runId, offerId);
    }

    @Override
    public RunFigures figures(long runId) {
        int[] scores = new int[1024];
        int[] indicators = new int[1024];
        int n = 0;
        Map<Indicator, Integer> flagged = new java.util.EnumMap<>(Indicator.class);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT f.score, f.flagged, GROUP_CONCAT(DISTINCT k.indicator) "
                + "FROM family_score f LEFT JOIN score_contribution k ON k.run_id = f.run_id AND k.family_id = f.family_id WHERE f.run_id=? "
                + "GROUP BY f.family_id, f.score, f.flagged")) {
            ps.setFetchSize(10_000);
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == scores.length) {
                        scores = java.util.Arrays.copyOf(scores, n * 2);
                        indicators = java.util.Arrays.copyOf(indicators, n * 2);
                    }
                    String list = rs.getString(3);
                    String[] names = list == null || list.isEmpty() ? new String[0] : list.split(",");
                    scores[n] = rs.getInt(1);
                    indicators[n] = names.length;
                    n++;
                    if (rs.getBoolean(2)) {
                        for (String name : names) {
                            flagged.merge(Indicator.valueOf(name), 1, Integer::sum);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading a run's figures", e);
        }
        return new RunFigures(java.util.Arrays.copyOf(scores, n), java.util.Arrays.copyOf(indicators, n), flagged);
    }

    @Override
    public Map<String, List<FamilyScore>> offers(long runId, List<String> offerIds) {
        Map<String, List<FamilyScore>> out = new LinkedHashMap<>();
        if (offerIds.isEmpty()) {
            return out;
        }
        offerIds.forEach(o -> out.put(o, new ArrayList<>()));
        Map<String, String> offerOfFamily = new java.util.HashMap<>();
        for (List<String> part : Sql.parts(offerIds)) {
            String in = Sql.placeholders(part.size());
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT family_id, offer_id FROM family_score WHERE run_id=? "
                    + "AND offer_id IN (" + in + ") UNION ALL SELECT family_id, family_id FROM family_score WHERE run_id=? AND offer_id IS NULL "
                    + "AND family_id IN (" + in + ")")) {
                int i = 1;
                ps.setLong(i++, runId);
                for (String o : part) {
                    ps.setString(i++, o);
                }
                ps.setLong(i++, runId);
                for (String o : part) {
                    ps.setString(i++, o);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        offerOfFamily.put(rs.getString(1), rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("reading a run's offers", e);
            }
        }
        List<String> families = new ArrayList<>(offerOfFamily.keySet());
        for (List<String> part : Sql.parts(families)) {
            for (FamilyScore f : families("SELECT family_id, child_pid, child_birth, score, flagged FROM family_score WHERE run_id=? AND family_id IN ("
                    + Sql.placeholders(part.size()) + ") ORDER BY score DESC, family_id", runId, part.toArray())) {
                out.get(offerOfFamily.get(f.familyId())).add(f);
            }
        }
        out.values().removeIf(List::isEmpty);
        // an offer's families may come from more than one query: highest score first, as offer() gives them
        out.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(FamilyScore::score).reversed().thenComparing(FamilyScore::familyId)));
        return out;
    }

    @Override
    public Optional<String> offerOf(long runId, String familyId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + OFFER + " FROM family_score WHERE run_id=? "
                + "AND family_id=?")) {
            ps.setLong(1, runId);
            ps.setString(2, familyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a family's offer", e);
        }
    }

    @Override
    public java.util.OptionalInt flaggedRank(long runId, String familyId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT f.flagged, (SELECT COUNT(*) FROM family_score o "
                + "WHERE o.run_id = f.run_id AND o.flagged AND (o.score > f.score OR (o.score = f.score AND o.family_id < f.family_id))) "
                + "FROM family_score f WHERE f.run_id=? AND f.family_id=?")) {
            ps.setLong(1, runId);
            ps.setString(2, familyId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1) ? java.util.OptionalInt.of(rs.getInt(2) + 1) : java.util.OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a family's place on the list", e);
        }
    }

    @Override
    public Optional<FamilyScore> family(long runId, String familyId) {
        return families("SELECT family_id, child_pid, child_birth, score, flagged FROM family_score WHERE run_id=? AND family_id=?",
                runId, familyId).stream().findFirst();
    }

    @Override
    public List<Appearance> history(String tenant, String familyId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT r.id, r.as_of, r.model_id, r.model_version, "
                + "f.score, f.flagged FROM family_score f JOIN score_run r ON r.id = f.run_id WHERE r.tenant=? AND f.family_id=? ORDER BY r.id DESC")) {
            ps.setString(1, tenant);
            ps.setString(2, familyId);
            List<Appearance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Appearance(rs.getLong(1), Sql.date(rs, "as_of"), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading a family's history", e);
        }
    }

    /** Family scores chosen by the query (run id first), with their contributions and adults. */
    private List<FamilyScore> families(String sql, long runId, Object... params) {
        try (Connection c = ds.getConnection()) {
            Map<String, Head> families = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, runId);
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 2, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        families.put(rs.getString(1), new Head(HEX.formatHex(rs.getBytes(2)), Sql.date(rs, "child_birth"), rs.getInt(4),
                                rs.getBoolean(5), new ArrayList<>(), new ArrayList<>()));
                    }
                }
            }
            if (families.isEmpty()) {
                return List.of();
            }
            List<String> ids = new ArrayList<>(families.keySet());
            for (List<String> part : Sql.parts(ids)) {
                forEachRow(c, "score_contribution", runId, part, rs -> families.get(rs.getString("family_id")).contributions().add(new Contribution(
                        Indicator.valueOf(rs.getString("indicator")), FamilyRole.valueOf(rs.getString("role")), HEX.formatHex(rs.getBytes("person_pid")),
                        rs.getString("source_system"), rs.getString("source_record_id"), Sql.date(rs, "start_date"), Sql.date(rs, "end_date"),
                        rs.getInt("points"), rs.getString("basis"))));
                forEachRow(c, "family_member", runId, part, rs -> families.get(rs.getString("family_id")).adults().add(new FamilyScore.Adult(
                        HEX.formatHex(rs.getBytes("person_pid")), FamilyRole.valueOf(rs.getString("role")))));
            }
            List<FamilyScore> out = new ArrayList<>();
            families.forEach((id, h) -> out.add(new FamilyScore(id, h.child(), h.birth(), h.score(), h.flagged(), h.contributions(), h.adults())));
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading score results", e);
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** The rows of a per-family table (contributions, members) for some families of a run, in family and seq order. */
    private static void forEachRow(Connection c, String table, long runId, List<String> familyIds, RowConsumer each) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE run_id=? AND family_id IN ("
                + Sql.placeholders(familyIds.size()) + ") ORDER BY family_id, seq")) {
            ps.setLong(1, runId);
            for (int i = 0; i < familyIds.size(); i++) {
                ps.setString(i + 2, familyIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs);
                }
            }
        }
    }

    /** A family score row while its contributions are read. */
    private record Head(String child, LocalDate birth, int score, boolean flagged, List<Contribution> contributions, List<FamilyScore.Adult> adults) {
    }
}
