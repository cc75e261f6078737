// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What a command needs from its configuration, checked before the framework boots, so that a mistake an operator can
 * fix is one line (what, why, which file to fix) and exit code 2, not pages of component errors after a minute's
 * wait. Only what can be told for certain from outside is checked: the database answers with the configured user,
 * the key file is there and readable, the legal basis's file is there, the HTTP port is free.
 */
final class Preflight {

    /** A check that failed: its message is the one line for the operator. */
    static final class Failed extends Exception {

        private static final long serialVersionUID = 1L;

        Failed(String message) {
            super(message);
        }
    }

    static final String STORE = "dk.tidlig.store.cfg";
    static final String KEYS = "dk.tidlig.keys.cfg";
    static final String LEGAL_BASIS = "dk.tidlig.legalbasis.cfg";
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Home home;
    private final Path config;

    /** @param config the configuration folder the command runs on (config/, or the demo's copy) */
    Preflight(Home home, Path config) {
        this.home = home;
        this.config = config;
    }

    /** The database named in dk.tidlig.store.cfg answers, and lets the configured user in. */
    void database() throws Failed {
        Properties store = read(STORE, "it names the database tidlig keeps everything in");
        String url = store.getProperty("url", "").strip();
        String file = shown(STORE);
        if (url.isEmpty()) {
            throw new Failed("no database is configured: set url in " + file + " (e.g. jdbc:mariadb://db.kommune.local:3306/tidlig)");
        }
        if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
            throw new Failed("url in " + file + " is not a MariaDB JDBC URL (jdbc:mariadb://host:3306/tidlig)");
        }
        String shownUrl = withoutQuery(url);
        if (url.contains("${")) {
            return; // filled in by the configuration admin from the environment: told apart by the store itself
        }
        Properties info = new Properties();
        info.setProperty("user", store.getProperty("user", "tidlig").strip());
        info.setProperty("password", store.getProperty(".password", ""));
        info.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        try (Connection c = new org.mariadb.jdbc.Driver().connect(url, info)) {
            if (c == null) {
                throw new Failed("url in " + file + " is not a MariaDB JDBC URL (jdbc:mariadb://host:3306/tidlig)");
            }
        } catch (SQLException e) {
            throw new Failed("cannot use the database " + shownUrl + ": " + why(e, info.getProperty("user"), databaseName(url), file));
        }
    }

    /** Why a connection failed and what to fix, in words; never the password, never a stack trace. */
    static String why(SQLException e, String user, String database, String file) {
        String server = "fix url in " + file + ", or start the database server";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "the connection was refused (no database server listens at that host and port): " + server;
            }
            if (t instanceof UnknownHostException) {
                return "the host name is not known: fix url in " + file;
            }
            if (t instanceof NoRouteToHostException) {
                return "there is no route to the host: " + server;
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within " + CONNECT_TIMEOUT_MS / 1000 + " seconds (the wrong host, or a firewall): " + server;
            }
            if (t instanceof SQLException s) {
                if (s.getErrorCode() == 1045 || s.getErrorCode() == 1698 || "28000".equals(s.getSQLState())) {
                    return "the server refused user '" + user + "': fix user or .password in " + file;
                }
                if (s.getErrorCode() == 1044) {
                    return "user '" + user + "' has no rights on the database '" + database + "': GRANT ALL ON " + database + ".* TO '" + user
                            + "', or fix user in " + file;
                }
                if (s.getErrorCode() == 1049) {
                    return "the server has no database '" + database + "': create it (CREATE DATABASE " + database
                            + " CHARACTER SET utf8mb4), or fix url in " + file;
                }
            }
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst("^\\(conn=\\d+\\) ", "");
        return (message.isBlank() ? e.getClass().getSimpleName() : message) + ": check " + file;
    }

    /** The key file named in dk.tidlig.keys.cfg exists and can be read, unless tidlig is to create it. */
    void keyFile() throws Failed {
        Properties keys = read(KEYS, "it names the key file");
        if (Boolean.parseBoolean(keys.getProperty("createKeysIfMissing", "false").strip())) {
            return;
        }
        String name = keys.getProperty("keyFile", "etc/keys/tidlig.keys").strip();
        Path file = home.root().resolve(name);
        if (!Files.exists(file)) {
            throw new Failed("the key file " + name + " (keyFile in " + shown(KEYS) + ") does not exist: for a new installation create it "
                    + "with 'bin/tidlig keys init'; otherwise restore it from the key backup, as nothing stored can be read without it");
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new Failed("the key file " + name + " (keyFile in " + shown(KEYS) + ") cannot be read by this user: "
                    + "run tidlig as the user that owns it");
        }
    }

    /** The legal basis's configuration exists (a basis left blank in it is told apart later, by the gate). */
    void legalBasis() throws Failed {
        read(LEGAL_BASIS, "without it nothing is scored or re-identified; README, \"Legal basis\"");
    }

    /** Nothing listens on the HTTP port already. */
    static void port(String host, int port, String setting) throws Failed {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (UnknownHostException e) {
            throw new Failed("the HTTP host " + host + " is not known: fix http.host in etc/tidlig.properties");
        } catch (IOException e) {
            throw new Failed("port " + port + " on " + host + " is in use (another tidlig, or another program): stop it, or set "
                    + setting + " in etc/tidlig.properties");
        }
    }

    private Properties read(String name, String what) throws Failed {
        Path file = config.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new Failed(shown(name) + " is missing (" + what + "): restore it from the distribution's config/ folder");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new Failed("cannot read " + shown(name) + ": " + e.getMessage());
        }
        return p;
    }

    /** A configuration file as the operator finds it: relative to the distribution folder. */
    private String shown(String name) {
        Path file = config.resolve(name).toAbsolutePath().normalize();
        return file.startsWith(home.root()) ? home.root().relativize(file).toString() : file.toString();
    }

    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    static String databaseName(String url) {
        String path = withoutQuery(url);
        int slash = path.indexOf('/', path.indexOf("//") + 2);
        return slash < 0 ? "" : path.substring(slash + 1);
    }
}
