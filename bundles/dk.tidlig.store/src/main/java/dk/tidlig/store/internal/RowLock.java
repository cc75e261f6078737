// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A lock that every database node knows: a row of {@code store_lock}, taken in the caller's transaction and held until it
 * commits or rolls back. On one MariaDB server a second writer waits for it; on a Galera cluster two writers on different
 * nodes conflict when they commit, and one is rolled back (a deadlock error) to be written again. Never MariaDB's
 * {@code GET_LOCK}, which only the node it was taken on knows.
 */
final class RowLock {

    /** How long a taker waits for the lock, as {@code GET_LOCK} did. */
    static final int WAIT_SECONDS = 120;

    /** The names {@link #begin} writes into its statement as they are: no quote or other character that SQL reads. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    private RowLock() {
    }

    /** Reads what {@link #begin}'s query found. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Starts a transaction, takes the lock in it and, once the lock is granted, runs {@code query} in the same transaction,
     * all in one round trip to the server (a compound statement), where turning auto-commit off, taking the lock and
     * reading were three, each a wait for a server that a delivery keeps busy. The connection stays in auto-commit mode
     * as far as the driver knows; the transaction is the server's, and ends with {@link #commit} or {@link #rollback}.
     *
     * <p>The query's read is the transaction's first consistent read, so it sees every transaction that held the lock
     * before this one (what {@link #take} followed by the read gives too).
     *
     * <p>Since the server's session stays in auto-commit mode, each write in the transaction must be one statement sent
     * on its own, never a JDBC batch: a deadlock ends the transaction, and the commands of a batch sent after it would
     * each commit by themselves, outside the lock. A single statement that meets the end of its transaction fails whole.
     *
     * @param name  the lock; letters, digits and {@code ._:-} only, as it is written into the statement
     * @param query one SELECT without parameters, a constant of the caller's (it is written into the statement as it is)
     */
    static <T> T begin(Connection c, String name, String query, Rows<T> read) throws SQLException {
        if (!c.getAutoCommit()) {
            throw new IllegalStateException("begin starts its own transaction: leave auto-commit on");
        }
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a lock's name is letters, digits and ._:- only");
        }
        try (Statement st = c.createStatement()) {
            // a plain statement, not a prepared one: a compound statement cannot be prepared by the server, which a
            // connection may be set to do (useServerPrepStmts)
            st.execute("BEGIN NOT ATOMIC START TRANSACTION; " + taking("'" + name + "'") + "; " + query + "; END");
            try (ResultSet rs = st.getResultSet()) {
                if (rs == null) {
                    throw new SQLException("the lock's statement gave no rows for its query");
                }
                return read.read(rs);
            }
        }
    }

    /** Ends a transaction {@link #begin} started, keeping its work. */
    static void commit(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMIT");
        }
    }

    /**
     * Ends a transaction {@link #begin} started, undoing its work, after {@code cause} went wrong in it; to be called for
     * anything thrown, errors too, since the pool does not roll back a connection it believes in auto-commit mode. Where
     * even that fails the connection is taken out of the pool and closed, which ends the transaction on the server: handed
     * back, it would hold the lock for every other writer, and give its open transaction to the next borrower.
     *
     * @return whether the transaction was rolled back and the connection may be used again; if not, the failure is
     *         added to {@code cause}
     */
    static boolean rollback(Connection c, DataSource pool, Throwable cause) {
        try (Statement st = c.createStatement()) {
            st.execute("ROLLBACK");
            return true;
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
            try {
                if (pool instanceof HikariDataSource hikari) {
                    hikari.evictConnection(c);
                } else {
                    c.abort(Runnable::run);
                }
            } catch (SQLException | RuntimeException closing) {
                cause.addSuppressed(closing);
            }
            return false;
        }
    }

    /** Takes the lock in the connection's transaction (auto-commit must be off). */
    static void take(Connection c, String name) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("a row lock is held by a transaction: turn auto-commit off first");
        }
        // wait for the lock as long as GET_LOCK did (two minutes), whatever the server's or the session's setting: for this
        // statement alone, in the same round trip (a SET SESSION before it was one more wait for the server per chunk of a
        // delivery and per group of audit entries, where a busy server makes every round trip slow)
        // gen + 1: the row always changes, so two nodes of a Galera cluster always conflict on it
        try (PreparedStatement ps = c.prepareStatement(taking("?"))) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }

    /**
     * The statement that takes the lock {@code name} (a parameter's {@code ?} or a quoted literal) and waits for it as long
     * as {@link #WAIT_SECONDS}, whatever the server's or the session's setting.
     */
    private static String taking(String name) {
        return "SET STATEMENT innodb_lock_wait_timeout = " + WAIT_SECONDS + " FOR INSERT INTO store_lock (name, gen, taken_at) VALUES ("
                + name + ", 0, NOW(3)) ON DUPLICATE KEY UPDATE gen = gen + 1, taken_at = NOW(3)";
    }
}
