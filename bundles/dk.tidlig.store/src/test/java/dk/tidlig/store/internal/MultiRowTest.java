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
            // 2,500 rows: three statements, the last one short; key 7 comes again in the second statement
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
}
