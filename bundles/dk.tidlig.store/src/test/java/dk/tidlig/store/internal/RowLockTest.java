// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;

/**
 * The row lock waits its two minutes whatever the session's own lock wait, and leaves the session's setting as it was: the
 * wait is set for the lock's statement alone.
 */
class RowLockTest {

    private static TestDatabase db;
    private static MariaDbDatabase database;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("rowlock");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    @Test
    void aTakerWaitsForTheHolderLongerThanItsSessionsOwnWaitAndKeepsThatSetting() throws Exception {
        try (Connection holder = database.dataSource().getConnection(); Connection taker = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            RowLock.take(holder, "rowlock-test");
            try (Statement st = taker.createStatement()) {
                st.execute("SET SESSION innodb_lock_wait_timeout = 1");
            }
            taker.setAutoCommit(false);
            CompletableFuture<Void> taking = CompletableFuture.runAsync(() -> {
                try {
                    RowLock.take(taker, "rowlock-test");
                } catch (java.sql.SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(3_000); // three times the session's own wait
            assertThat(taking).as("still waiting for the holder").isNotDone();
            holder.commit();
            taking.get(30, TimeUnit.SECONDS);
            taker.commit();
            try (Statement st = taker.createStatement(); ResultSet rs = st.executeQuery("SELECT @@session.innodb_lock_wait_timeout")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the session's own setting, untouched").isEqualTo(1);
            }
            // and the session's own wait still holds for its other statements: another row held elsewhere times out in a second
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("INSERT INTO store_lock (name, gen, taken_at) VALUES ('rowlock-other', 0, NOW(3)) "
                        + "ON DUPLICATE KEY UPDATE gen = gen + 1");
            }
            try (Statement st = taker.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("UPDATE store_lock SET gen = gen + 1 WHERE name = 'rowlock-other'"))
                        .hasMessageContaining("Lock wait timeout");
            } finally {
                taker.rollback();
                holder.rollback();
            }
        }
    }

    @Test
    void theLockIsRefusedOutsideATransaction() throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> RowLock.take(c, "rowlock-test")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aTransactionBegunWithTheLockWaitsForTheHolderTooAndReadsWhatTheHolderCommitted() throws Exception {
        try (Connection holder = database.dataSource().getConnection(); Connection taker = database.dataSource().getConnection()) {
            try (Statement st = holder.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS rowlock_seen (n INT PRIMARY KEY)");
            }
            holder.setAutoCommit(false);
            RowLock.take(holder, "rowlock-begin");
            try (Statement st = holder.createStatement()) {
                st.executeUpdate("INSERT INTO rowlock_seen VALUES (1)");
            }
            try (Statement st = taker.createStatement()) {
                st.execute("SET SESSION innodb_lock_wait_timeout = 1");
            }
            CompletableFuture<Integer> taking = CompletableFuture.supplyAsync(() -> {
                try {
                    return RowLock.begin(taker, "rowlock-begin", "SELECT COUNT(*) FROM rowlock_seen", rs -> rs.next() ? rs.getInt(1) : -1);
                } catch (java.sql.SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(3_000); // three times the session's own wait
            assertThat(taking).as("still waiting for the holder").isNotDone();
            holder.commit();
            holder.setAutoCommit(true);
            assertThat(taking.get(30, TimeUnit.SECONDS)).as("the read comes after the lock: it sees the holder's row").isEqualTo(1);
            try (Statement st = taker.createStatement(); ResultSet rs = st.executeQuery("SELECT @@in_transaction")) {
                rs.next();
                assertThat(rs.getInt(1)).as("in the transaction begun").isEqualTo(1);
            }
            RowLock.commit(taker);
            try (Statement st = taker.createStatement(); ResultSet rs = st.executeQuery("SELECT @@in_transaction, @@session.innodb_lock_wait_timeout")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
                assertThat(rs.getInt(2)).as("the session's own setting, untouched").isEqualTo(1);
            }
        }
    }

    @Test
    void aLockNameThatSqlWouldReadIsRefused() throws Exception {
        try (Connection c = database.dataSource().getConnection()) {
            assertThatThrownBy(() -> RowLock.begin(c, "x'); DROP TABLE store_lock; --", "SELECT 1", rs -> null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
