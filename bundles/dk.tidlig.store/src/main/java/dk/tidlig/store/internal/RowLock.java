// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A lock that every database node knows: a row of {@code store_lock}, taken in the caller's transaction and held until it
 * commits or rolls back. On one MariaDB server a second writer waits for it; on a Galera cluster two writers on different
 * nodes conflict when they commit, and one is rolled back (a deadlock error) to be written again. Never MariaDB's
 * {@code GET_LOCK}, which only the node it was taken on knows.
 */
final class RowLock {

    /** How long a taker waits for the lock, as {@code GET_LOCK} did. */
    static final int WAIT_SECONDS = 120;

    private RowLock() {
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
        try (PreparedStatement ps = c.prepareStatement("SET STATEMENT innodb_lock_wait_timeout = " + WAIT_SECONDS + " FOR "
                + "INSERT INTO store_lock (name, gen, taken_at) VALUES (?, 0, NOW(3)) ON DUPLICATE KEY UPDATE gen = gen + 1, taken_at = NOW(3)")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }
}
