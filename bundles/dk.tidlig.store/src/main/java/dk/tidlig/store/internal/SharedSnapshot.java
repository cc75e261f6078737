// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Connections that each read the same committed state of some tables, so that one read can be spread over them and
 * still be one consistent read: each connection's transaction opens its snapshot (InnoDB's read view, in repeatable
 * read) while a further connection holds the tables locked for reading ({@code LOCK TABLES … READ}). While that lock is
 * held no transaction that changed one of the tables is open (it would hold the table's metadata lock until its end) and
 * none can begin to change one, so every snapshot opened then sees the tables as the same commits left them. Writers
 * of the tables wait while the lock is waited for (until the open writers end, at most the lock wait) and while the
 * snapshots open; the reads themselves lock nothing.
 * <p>
 * One connection is used instead, with a warning the first time for each reason, where that cannot hold or cannot be
 * had: on a Galera cluster (a table lock does not stop the writes other nodes replicate), without the LOCK TABLES
 * privilege, when a writer keeps the lock from being had within the lock wait or the server ends the wait as a
 * deadlock (the lock is taken a table at a time, and a writer may hold one and want another), and while another read
 * of this process holds several connections (two such reads could each hold three and wait for a fourth).
 */
final class SharedSnapshot implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedSnapshot.class);
    /** The reasons for one connection warned of already: each once, then at debug level. */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** One read of this process on several connections at a time. */
    private static final java.util.concurrent.Semaphore PARALLEL = new java.util.concurrent.Semaphore(1);

    private final List<Connection> connections;
    private final boolean parallel;

    private SharedSnapshot(List<Connection> connections, boolean parallel) {
        this.connections = connections;
        this.parallel = parallel;
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
        boolean permit = wanted > 1 && PARALLEL.tryAcquire();
        try {
            opened.add(reader(ds));
            if (wanted > 1 && !permit) {
                warn(wanted, "another read of this process is on several connections");
            } else if (wanted > 1) {
                // every connection is had before the tables are locked: writers do not wait while the pool is waited for
                for (int k = 1; k < wanted; k++) {
                    opened.add(reader(ds));
                }
                try (Connection lock = ds.getConnection()) {
                    lock.setAutoCommit(true);
                    long before = lockWait(lock); // a session may have its own (sessionVariables in the URL)
                    String refused = galera(lock) ? "on a Galera cluster a table lock does not hold the writes other nodes replicate"
                            : lock(lock, tables, lockWaitSeconds, before);
                    if (refused == null) {
                        Throwable failed = null;
                        try {
                            begin(opened.get(0));
                            betweenSnapshots.run();
                            for (int k = 1; k < wanted; k++) {
                                begin(opened.get(k));
                            }
                        } catch (SQLException | RuntimeException | Error e) {
                            failed = e;
                            throw e;
                        } finally {
                            unlock(lock, before, failed);
                        }
                        return new SharedSnapshot(List.copyOf(opened), true);
                    }
                    warn(wanted, refused);
                }
                while (opened.size() > 1) {
                    opened.remove(opened.size() - 1).close();
                }
            }
            if (permit) {
                PARALLEL.release();
                permit = false;
            }
            begin(opened.get(0));
            return new SharedSnapshot(List.of(opened.get(0)), false);
        } catch (SQLException | RuntimeException | Error e) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (permit) {
                PARALLEL.release();
            }
            throw e;
        }
    }

    private static void warn(int wanted, String reason) {
        if (WARNED.add(reason.replaceAll("[0-9]+", "N"))) {
            LOG.warn("Reading on one connection, not {}: {}", wanted, reason);
        } else {
            LOG.debug("Reading on one connection, not {}: {}", wanted, reason);
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
        if (parallel) {
            PARALLEL.release();
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

    private static long lockWait(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@session.lock_wait_timeout")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Locks the tables for reading, or says why they could not be; the lock wait is set back to {@code before} if so. */
    private static String lock(Connection c, List<String> tables, int lockWaitSeconds, long before) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout=" + Math.max(1, lockWaitSeconds));
            s.execute("LOCK TABLES " + String.join(", ", tables.stream().map(t -> t + " READ").toList()));
            return null;
        } catch (SQLException e) {
            resetLockWait(c, before, null);
            // 1044 and 1142: no LOCK TABLES privilege; 1205: a writer held a table longer than the wait; 1213: the server
            // ended the wait as a deadlock with a writer that holds one of the tables and wants another
            if (e.getErrorCode() == 1044 || e.getErrorCode() == 1142) {
                return "the database user lacks the LOCK TABLES privilege that gives several connections one state to read "
                        + "(GRANT LOCK TABLES to it to read on several at once)";
            }
            if (e.getErrorCode() == 1205) {
                return "a writer held the tables for more than " + lockWaitSeconds + " s";
            }
            if (e.getErrorCode() == 1213) {
                return "the server ended the wait for the tables as a deadlock with a writer";
            }
            throw e;
        }
    }

    private static void unlock(Connection c, long before, Throwable failed) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("UNLOCK TABLES");
        } catch (SQLException | RuntimeException e) {
            c.abort(Runnable::run); // its session ends, and the lock with it, rather than go back to the pool holding it
            if (failed != null) {
                failed.addSuppressed(e);
                return;
            }
            throw e;
        }
        resetLockWait(c, before, failed);
    }

    /** The pooled connection goes back with the lock wait it had. */
    private static void resetLockWait(Connection c, long before, Throwable failed) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout=" + before);
        } catch (SQLException | RuntimeException e) {
            c.abort(Runnable::run); // rather than let it go back with another wait
            if (failed != null) {
                failed.addSuppressed(e);
                return;
            }
            throw e;
        }
    }
}
