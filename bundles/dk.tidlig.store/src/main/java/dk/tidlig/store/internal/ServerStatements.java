// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements prepared once on the server for each database connection and kept with it, for the few large statements
 * that are run again and again with new values: the multi-row writes of {@link MultiRow} at their full sizes.
 * <p>
 * Connector/J prepares a statement on the client by default: it writes every value into the statement's text, and the
 * server parses that text again at every execution, a thousand rows of values each time. Prepared on the server, the
 * statement is parsed once, and its values are sent in binary. Measured on a vault-shaped table (250 rows a statement),
 * that took about two fifths less of the server's processor time per row (6.9 against 11.2 µs). Each such statement
 * holds some memory on the server (about 1 MB for 250 rows of seven values): the ingest keeps about twenty for each
 * connection it writes on. The
 * driver's own cache of prepared statements does not keep statements this long, so they are kept here, by the
 * driver's connection beneath the pool's: a statement prepared on it outlives the pool's borrowing of it, and is
 * closed with it. A connection that is not Connector/J's gets none ({@link #of} answers {@code null}).
 */
final class ServerStatements {

    /** The statements of each connection that is open, by their text. Closed connections are dropped as new ones come. */
    private static final Map<org.mariadb.jdbc.Connection, Map<String, PreparedStatement>> OPEN = new IdentityHashMap<>();

    private ServerStatements() {
    }

    /**
     * The statement prepared on the server for this connection, prepared now if it is not yet; {@code null} where the
     * connection is not Connector/J's. The caller binds every parameter and must not close it.
     */
    static PreparedStatement of(Connection c, String sql) throws SQLException {
        if (!c.isWrapperFor(org.mariadb.jdbc.Connection.class)) {
            return null;
        }
        org.mariadb.jdbc.Connection driver = c.unwrap(org.mariadb.jdbc.Connection.class);
        Map<String, PreparedStatement> statements = statementsOf(driver);
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = driver.prepareInternal(sql, Statement.NO_GENERATED_KEYS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, true);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static Map<String, PreparedStatement> statementsOf(org.mariadb.jdbc.Connection driver) throws SQLException {
        synchronized (OPEN) {
            Map<String, PreparedStatement> statements = OPEN.get(driver);
            if (statements == null) {
                // a connection the pool closed (its lifetime over, or broken) is forgotten with its statements here; each
                // statement refers to its connection, so a weak map would never let either go
                for (Iterator<org.mariadb.jdbc.Connection> it = OPEN.keySet().iterator(); it.hasNext();) {
                    if (it.next().isClosed()) {
                        it.remove();
                    }
                }
                statements = new ConcurrentHashMap<>();
                OPEN.put(driver, statements);
            }
            return statements;
        }
    }

    /** Whether statements are kept for this connection (for tests). */
    static boolean keeps(org.mariadb.jdbc.Connection driver) {
        synchronized (OPEN) {
            return OPEN.containsKey(driver);
        }
    }
}
