// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.LineResult;
import dk.tidlig.store.LineRows;
import dk.tidlig.store.Row;
import dk.tidlig.store.Sealed;

/**
 * Several source systems deliver at once, as the adapters' inbox routes do: the CPR extract and a FHIR
 * delivery both carry persons, identities and relations, the others carry events. Every batch must be
 * stored; none may fail on a lock conflict between them.
 */
class ConcurrentIngestTest {

    private static final int PERSONS = 1_500;
    private static final int BATCH = 250;

    private static TestDatabase db;
    private static MariaDbDatabase database;
    private static JdbcIngestStore ingest;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("concurrent");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 8, true);
        ingest = new JdbcIngestStore(database);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    private static PersonId pid(int n) {
        byte[] b = new byte[16];
        b[0] = (byte) (n >>> 8);
        b[1] = (byte) n;
        b[15] = 0x11;
        return PersonId.of(b);
    }

    private static byte[] hash(int seed, int n) {
        byte[] b = new byte[16];
        b[0] = (byte) seed;
        b[1] = (byte) (n >>> 8);
        b[2] = (byte) n;
        return b;
    }

    /** Lines carrying persons, names and parent relations, in an order of the source's own. */
    private static List<LineRows> registerLines(int seed) {
        List<Integer> order = new ArrayList<>();
        for (int n = 0; n < PERSONS; n++) {
            order.add(n);
        }
        Collections.shuffle(order, new Random(seed));
        List<LineRows> lines = new ArrayList<>();
        for (int n : order) {
            lines.add(new LineRows(lines.size() + 1, List.of(
                    new Row.PersonRow(pid(n), LocalDate.of(1980 + n % 40, 1 + n % 12, 1 + n % 28), n % 2 == 0 ? Sex.FEMALE : Sex.MALE,
                            PersonStatus.RESIDENT, "159", hash(seed, n)),
                    new Row.IdentityRow(pid(n), IdentityKind.NAME, new Sealed("k1", new byte[12], new byte[] {(byte) seed, (byte) n}),
                            hash(seed + 1, n)),
                    new Row.RelationRow(RelationType.MOTHER_OF, pid((n + 1) % PERSONS), pid(n), LocalDate.of(2020, 1, 1), null,
                            hash(seed + 2, n)))));
        }
        return lines;
    }

    private static List<LineRows> eventLines(String prefix, Indicator indicator) {
        List<LineRows> lines = new ArrayList<>();
        for (int n = 0; n < PERSONS; n++) {
            lines.add(new LineRows(n + 1, List.of(new Row.EventRow(prefix + n, pid(n), indicator, LocalDate.of(2025, 1, 1 + n % 28), null,
                    List.of(), hash(7, n)))));
        }
        return lines;
    }

    private static Callable<Integer> deliver(String sourceSystem, List<LineRows> lines) {
        return () -> {
            long file = ingest.beginFile("159", sourceSystem.toLowerCase(), sourceSystem, sourceSystem + ".txt", "cd".repeat(32), 1);
            int stored = 0;
            for (int from = 0; from < lines.size(); from += BATCH) {
                for (LineResult r : ingest.write("159", sourceSystem, file, lines.subList(from, Math.min(lines.size(), from + BATCH)))) {
                    stored += r == LineResult.STORED ? 1 : 0;
                }
            }
            return stored;
        };
    }

    @Test
    void sourceSystemsDeliveringAtOnceAllGetStored() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Integer>> done = pool.invokeAll(List.of(
                    deliver("CPR", registerLines(1)),
                    deliver("FHIR", registerLines(2)),
                    deliver("Tandpleje", eventLines("TP-", Indicator.CHILD_DENTAL_NO_SHOW)),
                    deliver("Sundhedspleje", eventLines("SP-", Indicator.CHILD_HEALTH_VISITOR_NO_SHOW)),
                    deliver("Underretninger", eventLines("U-", Indicator.CHILD_NOTIFICATION))), 5, TimeUnit.MINUTES);
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(PERSONS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT COUNT(*) FROM person")).isEqualTo(PERSONS);
        assertThat(count("SELECT COUNT(*) FROM risk_event")).isEqualTo(3L * PERSONS);
        for (String table : List.of("identity_vault", "relation", "risk_event")) {
            assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE content_hash IS NULL")).as("every row of " + table + " holds its content's hash")
                    .isZero();
        }
    }

    @Test
    void deadlocksAreRecognisedAlsoInsideBatchFailures() {
        SQLException deadlock = new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213);
        assertThat(JdbcIngestStore.isDeadlockOrLockTimeout(new java.sql.BatchUpdateException("batch", "HY000", 0, new int[0], deadlock)))
                .isTrue();
        assertThat(JdbcIngestStore.isDeadlockOrLockTimeout(new SQLException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
        assertThat(JdbcIngestStore.isDeadlockOrLockTimeout(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
        assertThat(JdbcIngestStore.isDeadlockOrLockTimeout(new IllegalStateException("no SQL at all"))).isFalse();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
