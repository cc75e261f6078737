// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

/**
 * Connections that each read the same committed state of some tables, so that one read can be spread over them and
 * still be one consistent read: each connection's transaction opens its snapshot (InnoDB's read view, in repeatable
 * read) while a further connection holds the tables locked for reading ({@code LOCK TABLES … READ}). While that lock is
 * held no transaction that changed one of the tables is open (it would hold the table's metadata lock until its end) and
 * none can begin to change one, so every snapshot opened then sees the tables as the same commits left them. Writers
 * wait for the moment it takes to open the snapshots; the reads themselves lock nothing.
 * <p>
 * One connection is used instead, with a warning the first time, where that cannot hold or cannot be had: on a Galera
 * cluster (a table lock does not stop the writes other nodes replicate), without the LOCK TABLES privilege, or when a
 * writer keeps the lock from being had within {@link #lockWaitSeconds}.
 */
final class SharedSnapshot implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedSnapshot.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final List<Connection> connections;

    private SharedSnapshot(List<Connection> connections) {
        this.connections = connections;
    }

    /** The connections to read on: as many as asked for, or one. */
    List<Connection> connections() {
        return connections;
    }

    /**
     * Opens the snapshots.
     *
     * @param ds where the connections come from
     * @param wanted how many connections to read on
     * @param tables the tables whose state the snapshots share
     * @param lockWaitSeconds how long to wait for writers to end before one connection is used instead
     * @param betweenSnapshots run, in tests, once the first snapshot is open and before the others are
     */
    static SharedSnapshot open(DataSource ds, int wanted, List<String> tables, int lockWaitSeconds, Runnable betweenSnapshots) throws SQLException {
        List<Connection> opened = new ArrayList<>();
        try {
            opened.add(reader(ds));
            if (wanted > 1) {
                // every connection is had before the tables are locked: writers do not wait while the pool is waited for
                for (int k = 1; k < wanted; k++) {
                    opened.add(reader(ds));
                }
                try (Connection lock = ds.getConnection()) {
                    lock.setAutoCommit(true);
                    String refused = galera(lock) ? "on a Galera cluster a table lock does not hold the writes other nodes replicate"
                            : lock(lock, tables, lockWaitSeconds);
                    if (refused == null) {
                        try {
                            begin(opened.get(0));
                            betweenSnapshots.run();
                            for (int k = 1; k < wanted; k++) {
                                begin(opened.get(k));
                            }
                        } finally {
                            unlock(lock);
                        }
                        return new SharedSnapshot(List.copyOf(opened));
                    }
                    if (WARNED.compareAndSet(false, true)) {
                        LOG.warn("Reading on one connection, not {}: {}", wanted, refused);
                    } else {
                        LOG.debug("Reading on one connection, not {}: {}", wanted, refused);
                    }
                }
                while (opened.size() > 1) {
                    opened.remove(opened.size() - 1).close();
                }
            }
            begin(opened.get(0));
            return new SharedSnapshot(List.of(opened.get(0)));
        } catch (SQLException | RuntimeException | Error e) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** Commits the read-only transactions (the snapshots end). */
    void commit() throws SQLException {
        for (Connection c : connections) {
            c.commit();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failed = null;
        for (Connection c : connections) {
            try {
                c.close(); // a transaction not committed is rolled back by the pool
            } catch (SQLException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static Connection reader(DataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        try {
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Opens the connection's snapshot now, not at its first read. */
    private static void begin(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        }
    }

    private static boolean galera(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        }
    }

    /** Locks the tables for reading, or says why they could not be. */
    private static String lock(Connection c, List<String> tables, int lockWaitSeconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout=" + Math.max(1, lockWaitSeconds));
            s.execute("LOCK TABLES " + String.join(", ", tables.stream().map(t -> t + " READ").toList()));
            return null;
        } catch (SQLException e) {
            resetLockWait(c);
            // 1044 and 1142: no LOCK TABLES privilege; 1205: a writer held a table longer than the wait
            if (e.getErrorCode() == 1044 || e.getErrorCode() == 1142) {
                return "the database user lacks the LOCK TABLES privilege that gives several connections one state to read "
                        + "(GRANT LOCK TABLES to it to read on several at once)";
            }
            if (e.getErrorCode() == 1205) {
                return "a writer held the tables for more than " + lockWaitSeconds + " s";
            }
            throw e;
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("UNLOCK TABLES");
            s.execute("SET SESSION lock_wait_timeout=DEFAULT");
        } catch (SQLException | RuntimeException e) {
            c.abort(Runnable::run); // its session ends, and the lock with it, rather than go back to the pool holding it
            throw e;
        }
    }

    /** The pooled connection goes back with the server's wait for locks. */
    private static void resetLockWait(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout=DEFAULT");
        } catch (SQLException e) {
            c.abort(Runnable::run); // rather than let it go back with another wait
            throw e;
        }
    }
}
