// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.AuditRecord;

/**
 * The audit chain's appends against a real MariaDB: serialised by the row lock across nodes (two pools, each with a lock of
 * its own in the process, as two servers of one installation have), and in few round trips, since a user's view waits for
 * its entry.
 */
class JdbcAuditStoreTest {

    private static final Function<AuditRecord, String> HASHER = r -> {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((r.seq() + "|" + r.prevHash() + "|" + r.actor() + "|" + r.detail()).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    };

    private TestDatabase db;
    private MariaDbDatabase first;
    private MariaDbDatabase second;

    @BeforeEach
    void start() {
        db = TestDatabase.create("audit-store");
        first = new MariaDbDatabase(db.url(), db.user(), db.password(), 1, true);
        second = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, false);
    }

    @AfterEach
    void stop() {
        second.close();
        first.close();
        db.close();
    }

    @Test
    void twoNodesAppendingAtOnceMakeOneUnbrokenChain() throws Exception {
        List<JdbcAuditStore> nodes = List.of(new JdbcAuditStore(first), new JdbcAuditStore(second));
        int threads = 8;
        int groups = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JdbcAuditStore node = nodes.get(t % 2);
            String actor = "node" + (t % 2) + "-worker" + t;
            done.add(pool.submit(() -> {
                go.await();
                for (int g = 0; g < groups; g++) {
                    List<AuditRecord> stored = node.appendAll(List.of(draft(actor, g + ".a"), draft(actor, g + ".b")), HASHER);
                    assertThat(stored.get(1).seq()).isEqualTo(stored.get(0).seq() + 1);
                    assertThat(stored.get(1).prevHash()).isEqualTo(stored.get(0).hash());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<AuditRecord> chain = new ArrayList<>();
        nodes.get(0).forEach(chain::add);
        assertThat(chain).hasSize(threads * groups * 2);
        String prev = AuditRecord.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            AuditRecord r = chain.get(i);
            assertThat(r.seq()).as("entry %d", i).isEqualTo(i + 1);
            assertThat(r.prevHash()).as("entry %d follows the one before", r.seq()).isEqualTo(prev);
            assertThat(r.hash()).isEqualTo(HASHER.apply(r.withHash(null)));
            prev = r.hash();
        }
    }

    @Test
    void aGroupOfEntriesIsStoredInThreeRoundTripsAndLeavesNoTransactionOpen() throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(first); // a pool of one connection: the appends use the one asked here
        store.appendAll(List.of(draft("warm", "0")), HASHER);
        long before = questions();
        store.appendAll(List.of(draft("a", "1"), draft("b", "2"), draft("c", "3")), HASHER);
        long after = questions();
        // the statements the server was sent in between, less the question that reads the count
        assertThat(after - before - 1).as("transaction, lock and head; the entries; the commit").isEqualTo(3);
        try (Connection c = first.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@in_transaction, @@autocommit")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no transaction left open on the pooled connection").isZero();
            assertThat(rs.getInt(2)).as("auto-commit as the pool hands it out").isEqualTo(1);
        }
        List<AuditRecord> chain = new ArrayList<>();
        store.forEach(chain::add);
        assertThat(chain).extracting(AuditRecord::detail).containsExactly("0", "1", "2", "3");
    }

    /** A failure in the hasher (an exception or an error) and one on the server (a hash too long for its column). */
    static java.util.stream.Stream<Function<AuditRecord, String>> failures() {
        return java.util.stream.Stream.of(
                r -> {
                    throw new IllegalStateException("the hasher failed");
                },
                r -> {
                    throw new AssertionError("the hasher failed");
                },
                r -> HASHER.apply(r) + "x");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("failures")
    @org.junit.jupiter.api.Timeout(60)
    void anAppendThatFailsHalfWayStoresNothingAndReleasesTheLock(Function<AuditRecord, String> failure) throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(first); // a pool of one connection: the failed append's is the one asked after
        store.appendAll(List.of(draft("a", "1")), HASHER);
        Function<AuditRecord, String> failing = r -> r.detail().equals("3") ? failure.apply(r) : HASHER.apply(r);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendAll(List.of(draft("b", "2"), draft("c", "3")), failing));
        try (Connection c = first.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@in_transaction")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the connection back in the pool holds no transaction").isZero();
        }
        // another node takes the lock at once: the failed transaction was rolled back, not left holding it
        long started = System.nanoTime();
        new JdbcAuditStore(second).appendAll(List.of(draft("d", "4")), HASHER);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        List<AuditRecord> chain = new ArrayList<>();
        store.forEach(chain::add);
        assertThat(chain).extracting(AuditRecord::detail).containsExactly("1", "4");
        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
    }

    private long questions() throws Exception {
        try (Connection c = first.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static AuditRecord draft(String actor, String detail) {
        return new AuditRecord(0, "159", Instant.now(), actor, "OUTREACH_WORKER", "LIST_VIEW", "", detail, 1, null, null);
    }
}
