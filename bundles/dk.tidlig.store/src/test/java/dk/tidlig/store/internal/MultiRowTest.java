// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;

/** Multi-row statements against a real MariaDB: every row arrives, in order, across statements. */
class MultiRowTest {

    private static TestDatabase db;
    private static MariaDbDatabase database;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("multirow");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, false);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    record Item(int k, String v) {
    }

    static final MultiRow UPSERT = new MultiRow("INSERT INTO mr (t, k, v) VALUES", "(?,?,?)", "ON DUPLICATE KEY UPDATE v=VALUES(v)");

    @Test
    void theStatementHasOneTuplePerRow() {
        assertThat(UPSERT.sql(3)).isEqualTo("INSERT INTO mr (t, k, v) VALUES (?,?,?),(?,?,?),(?,?,?) ON DUPLICATE KEY UPDATE v=VALUES(v)");
        assertThat(new MultiRow("DELETE FROM mr WHERE t=? AND k IN (", "?", ")").sql(2)).isEqualTo("DELETE FROM mr WHERE t=? AND k IN ( ?,? )");
        assertThatThrownBy(() -> UPSERT.sql(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsBeyondOneStatementAllArriveAndALaterRowForAKeyWins() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mr (t VARCHAR(4) NOT NULL, k INT NOT NULL, v VARCHAR(20), PRIMARY KEY (t, k))");
            // 2,500 rows: ten statements; key 7 comes again in the seventh
            List<Item> rows = new ArrayList<>(IntStream.range(0, 2_499).mapToObj(i -> new Item(i, "v" + i)).toList());
            rows.add(1_500, new Item(7, "later"));
            c.setAutoCommit(false);
            UPSERT.execute(c, rows, (ps, i, r) -> {
                ps.setString(i, "101");
                ps.setInt(i + 1, r.k());
                ps.setString(i + 2, r.v());
                return i + 3;
            });
            c.commit();
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(k) FROM mr WHERE t='101'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2_499);
                assertThat(rs.getLong(2)).isEqualTo(2_498L * 2_499 / 2);
            }
            try (ResultSet rs = s.executeQuery("SELECT v FROM mr WHERE t='101' AND k=7")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("later");
            }
            // an IN list with a leading parameter, across statements
            new MultiRow("DELETE FROM mr WHERE t=? AND k IN (", "?", ")").execute(c, IntStream.range(0, 2_400).boxed().toList(), ps -> {
                ps.setString(1, "101");
                return 2;
            }, (ps, i, k) -> {
                ps.setInt(i, k);
                return i + 1;
            });
            c.commit();
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mr")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(99);
            }
            UPSERT.execute(c, List.<Item>of(), (ps, i, r) -> i);
        }
    }

    record Typed(int k, byte[] b, java.time.LocalDate d, String v) {
    }

    static final MultiRow TYPED = new MultiRow("INSERT INTO mr_typed (k, b, d, v, at) VALUES", "(?,?,?,?,@mr_now)",
            "ON DUPLICATE KEY UPDATE b=VALUES(b), d=VALUES(d), v=VALUES(v)");

    private static long prepared(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /**
     * Statements of 250 and of 50 rows are prepared on the server once per connection and kept beyond the pool's
     * borrowing; what is left goes in a statement prepared on the client. Every value arrives as bound, nulls, bytes,
     * days and text beyond ASCII alike, whichever way its statement was prepared.
     */
    @Test
    void statementsPreparedOnTheServerAreKeptWithTheirConnectionAndCarryEveryValue() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mr_typed (k INT NOT NULL PRIMARY KEY, b VARBINARY(40), d DATE, v VARCHAR(40), at TIMESTAMP(3) NOT NULL)");
        }
        java.util.function.IntFunction<Typed> row = i -> new Typed(i, i % 7 == 0 ? null : java.nio.ByteBuffer.allocate(8).putLong(i * 2654435761L).array(),
                i % 5 == 0 ? null : java.time.LocalDate.of(2020, 1, 1).plusDays(i), i % 3 == 0 ? null : "æøå'\\\"" + i);
        MultiRow.Binder<Typed> binder = (ps, i, r) -> {
            ps.setInt(i, r.k());
            ps.setBytes(i + 1, r.b());
            Sql.date(ps, i + 2, r.d());
            Sql.string(ps, i + 3, r.v());
            return i + 4;
        };
        org.mariadb.jdbc.Connection physical;
        long before;
        try (Connection c = database.dataSource().getConnection()) {
            physical = c.unwrap(org.mariadb.jdbc.Connection.class);
            try (Statement s = c.createStatement()) {
                s.execute("SET @mr_now = '2026-12-06 10:11:12.345'");
            }
            before = prepared(c);
            // 4 × 250 + 4 × 50 + 37 rows: statements of each kind
            TYPED.execute(c, IntStream.range(0, 1_237).mapToObj(row).toList(), binder);
            assertThat(prepared(c) - before).as("the two sizes prepared on the server, once each").isEqualTo(2);
        }
        // borrowed again until the same connection comes back (a pool of two): nothing is prepared again
        for (int attempt = 0;; attempt++) {
            try (Connection c = database.dataSource().getConnection()) {
                if (c.unwrap(org.mariadb.jdbc.Connection.class) != physical) {
                    assertThat(attempt).as("the pool hands the same connection back").isLessThan(10);
                    continue;
                }
                long again = prepared(c);
                TYPED.execute(c, IntStream.range(0, 2_150).mapToObj(row).toList(), binder);
                assertThat(prepared(c)).as("the kept statements are used again").isEqualTo(again);
                break;
            }
        }
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT k, b, d, v, at FROM mr_typed ORDER BY k")) {
            int n = 0;
            while (rs.next()) {
                Typed expected = row.apply(n);
                assertThat(rs.getInt(1)).isEqualTo(n);
                assertThat(rs.getBytes(2)).as("bytes of " + n).isEqualTo(expected.b());
                assertThat(rs.getObject(3, java.time.LocalDate.class)).as("day of " + n).isEqualTo(expected.d());
                assertThat(rs.getString(4)).as("text of " + n).isEqualTo(expected.v());
                assertThat(rs.getTimestamp(5).toLocalDateTime()).isEqualTo(java.time.LocalDateTime.of(2026, 12, 6, 10, 11, 12, 345_000_000));
                n++;
            }
            assertThat(n).isEqualTo(2_150);
        }
    }

    /**
     * A query by a list of keys, in statements of 250 and 50 keys prepared on the server, the last list filled up with
     * its last key: each row found once, whatever the number of keys, and none of another tenant's.
     */
    @Test
    void aQueryByKeysFindsEachRowOnceHoweverManyKeys() throws Exception {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mr_keys (t VARCHAR(4) NOT NULL, k INT NOT NULL, PRIMARY KEY (t, k))");
            s.execute("INSERT INTO mr_keys SELECT 'a', seq FROM seq_0_to_2999");
            s.execute("INSERT INTO mr_keys SELECT 'b', seq FROM seq_0_to_2999");
            MultiRow byKey = new MultiRow("SELECT k FROM mr_keys WHERE t=? AND k IN (", "?", ")");
            for (int n : new int[] {0, 1, 49, 50, 51, 249, 250, 999, 1_234, 2_999}) {
                // every other key is held (even numbers below 3,000 and beyond it), in no order
                List<Integer> keys = new ArrayList<>(IntStream.range(0, n).map(i -> i * 2).boxed().toList());
                java.util.Collections.shuffle(keys, new java.util.Random(n));
                List<Integer> found = new ArrayList<>();
                byKey.query(c, keys, ps -> {
                    ps.setString(1, "a");
                    return 2;
                }, (ps, i, k) -> {
                    ps.setInt(i, k);
                    return i + 1;
                }, rs -> found.add(rs.getInt(1)));
                assertThat(found).as(n + " keys").hasSize((int) keys.stream().filter(k -> k < 3_000).count())
                        .doesNotHaveDuplicates().allMatch(k -> k % 2 == 0 && k < 2 * n);
            }
        }
    }

    /** The statements of a connection the pool closed are forgotten once another connection keeps statements. */
    @Test
    void closedConnectionsAreForgotten() throws Exception {
        MultiRow insert = new MultiRow("INSERT IGNORE INTO mr_forget (k) VALUES", "(?)", "");
        MultiRow.Binder<Integer> binder = (ps, i, k) -> {
            ps.setInt(i, k);
            return i + 1;
        };
        MariaDbDatabase other = new MariaDbDatabase(db.url(), db.user(), db.password(), 1, false);
        org.mariadb.jdbc.Connection closed;
        try (Connection c = other.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS mr_forget (k INT NOT NULL PRIMARY KEY)");
            insert.execute(c, IntStream.range(0, 100).boxed().toList(), binder);
            closed = c.unwrap(org.mariadb.jdbc.Connection.class);
        }
        assertThat(ServerStatements.keeps(closed)).isTrue();
        other.close();
        assertThat(closed.isClosed()).isTrue();
        MariaDbDatabase third = new MariaDbDatabase(db.url(), db.user(), db.password(), 1, false);
        try (Connection c = third.dataSource().getConnection()) {
            insert.execute(c, IntStream.range(100, 200).boxed().toList(), binder);
            assertThat(ServerStatements.keeps(c.unwrap(org.mariadb.jdbc.Connection.class))).isTrue();
            assertThat(ServerStatements.keeps(closed)).as("the closed connection forgotten, with its statements").isFalse();
        } finally {
            third.close();
        }
    }
}
