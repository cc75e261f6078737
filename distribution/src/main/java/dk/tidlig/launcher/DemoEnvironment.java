// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dk.tidlig.embeddeddb.EmbeddedMariaDb;

/**
 * What the demo runs on, all inside var/demo: an embedded MariaDB (data in var/demo/db) and a copy of
 * config/ with etc/demo/ laid over it (the embedded database, a legal basis labelled as synthetic test
 * data, generated keys, quick inbox polling). The municipality's own config/ is never changed.
 */
public final class DemoEnvironment implements AutoCloseable {

    private final Home home;
    private final PrintStream notices;
    private EmbeddedMariaDb db;
    private int port;

    /** @param notices where to say what was found and done (an orphaned database stopped); never standard output */
    DemoEnvironment(Home home, PrintStream notices) {
        this.home = home;
        this.notices = notices;
    }

    /**
     * Starts the embedded database, or joins the one a running demo started. Returns its port.
     *
     * <p>The launcher that starts the database records itself in var/demo/db.owner (its process id and the port).
     * A later launcher joins that database while its owner runs. When the owner is gone (killed with {@code kill -9},
     * so it could not stop the database), the database it left running on var/demo/db is stopped, and a new one
     * started over the same data: nothing is left orphaned, and nothing is lost (InnoDB recovers as after a crash).
     */
    int startDatabase() throws IOException {
        Path data = home.demo().resolve("db");
        Owner owner = Owner.read(home.demo().resolve(OWNER));
        if (owner != null && owner.alive() && listening(owner.port())) {
            port = owner.port();
            return port;
        }
        for (ProcessHandle orphan : EmbeddedMariaDb.serversOn(data)) {
            notices.println("tidlig: stopping the embedded MariaDB (process " + orphan.pid() + ") that a stopped tidlig left running on "
                    + home.root().relativize(data));
            EmbeddedMariaDb.stop(orphan, Duration.ofSeconds(60));
        }
        Files.deleteIfExists(home.demo().resolve(OWNER));
        startAfreshOverAnOlderDemo();
        if (afresh) {
            startAfresh();
        }
        Files.createDirectories(home.demo());
        // sized for the citizens the command names, or for the tables already held when it names none (score --demo)
        db = EmbeddedMariaDb.start(home.var().resolve("mariadb"), data, true,
                EmbeddedMariaDb.Sizing.forWork(citizens, EmbeddedMariaDb.Sizing.tablesHeldIn(data), physicalMemory()));
        port = db.port();
        try {
            db.createDatabase("tidlig");
        } catch (java.sql.SQLException e) {
            throw new IOException("could not create the demo database: " + e.getMessage(), e);
        }
        new Owner(ProcessHandle.current().pid(), port).write(home.demo().resolve(OWNER));
        if (trialCapacity != null) {
            Files.writeString(home.demo().resolve(TRIAL), "# bin/tidlig demo --trial made this demo: offers are drawn by lottery\ncapacity="
                    + trialCapacity + "\n", StandardCharsets.UTF_8);
        }
        return port;
    }

    static final String OWNER = "db.owner";
    /** Present while the demo is an outreach trial (bin/tidlig demo --trial), with the trial's capacity. */
    static final String TRIAL = "trial.properties";
    static final int DEFAULT_TRIAL_CAPACITY = 30;

    private boolean afresh;
    private Integer trialCapacity;
    private long citizens;

    /** The citizens the command works with (its --citizens), for the database's buffer pool; 0 when not known. */
    DemoEnvironment forCitizens(long n) {
        citizens = n;
        return this;
    }

    /** The machine's memory in bytes (the container's, in one), or 0 when this Java cannot tell. */
    static long physicalMemory() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
    }

    /**
     * For {@code bin/tidlig demo}: an outreach trial starts from an empty database (its outcomes after the lottery must not
     * be there before it), and so does a plain demo after a trial. Only the demo's keys are kept: it holds invented people.
     */
    void forDemo(boolean trial, int capacity) {
        afresh = trial || Files.exists(home.demo().resolve(TRIAL));
        trialCapacity = trial ? capacity : null;
    }

    private void startAfresh() throws IOException {
        if (!Files.isDirectory(home.demo())) {
            return;
        }
        notices.println("tidlig: the demo starts afresh (" + (trialCapacity != null ? "an outreach trial" : "after an outreach trial")
                + "): var/demo is emptied but for its keys");
        try (var entries = Files.list(home.demo())) {
            for (Path p : entries.toList()) {
                if (!p.getFileName().toString().equals("keys")) {
                    deleteTree(p);
                }
            }
        }
    }

    /** The launcher that started the demo's database, and its port. */
    record Owner(long pid, int port) {

        static Owner read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            try {
                return new Owner(Long.parseLong(p.getProperty("pid", "").strip()), Integer.parseInt(p.getProperty("port", "").strip()));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        void write(Path file) throws IOException {
            Files.writeString(file, "# the tidlig launcher that started the demo's database\npid=" + pid + "\nport=" + port + "\n",
                    StandardCharsets.UTF_8);
        }

        /**
         * Whether the owner still runs: a live Java process of that id. A reused id is some other program; a killed
         * process not yet reaped (a zombie) has no command any more.
         */
        boolean alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).orElse(false);
        }
    }

    /**
     * A demo made by tidlig 0.1 has a key file of the first format, whose pseudonyms this version cannot
     * reproduce: its database and keys are removed so that the demo starts afresh (it holds invented people only).
     */
    private void startAfreshOverAnOlderDemo() throws IOException {
        Path keys = home.demo().resolve("keys/tidlig.keys");
        if (Files.isRegularFile(keys) && !Files.readString(keys, StandardCharsets.ISO_8859_1).contains("master.key=")) {
            for (String old : List.of("keys", "db", "config", "inbox", "db.port", OWNER)) {
                deleteTree(home.demo().resolve(old));
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Configurations of the installation the demo never copies: the municipality's own sign-in (the demo signs in
     * its own users, and would otherwise hold the production client secret).
     */
    static final List<String> NOT_FOR_THE_DEMO = List.of("dk.tidlig.web.oidc.cfg");

    /**
     * A model file that {@code bin/tidlig model fit --demo} wrote into the demo's configuration: it stays (it is the demo's
     * own, like its database), unless config/ has a file of that name, which then is copied over it.
     */
    private boolean learnedInTheDemo(Path cfg) throws IOException {
        String name = cfg.getFileName().toString();
        return name.startsWith("dk.tidlig.scoring.model-") && !Files.exists(home.config().resolve(name))
                && Files.readString(cfg, StandardCharsets.UTF_8).contains("Learned by bin/tidlig model fit");
    }

    /**
     * Writes var/demo/config: config/*.cfg without their secrets (properties whose names start with a dot) and
     * without {@link #NOT_FOR_THE_DEMO}, adapter settings from etc/demo/adapters.properties, etc/demo/*.cfg over them.
     */
    Path writeConfig() throws IOException {
        Path target = home.demo().resolve("config");
        Files.createDirectories(target);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(target, "*.cfg")) {
            for (Path p : old) {
                if (!learnedInTheDemo(p)) {
                    Files.delete(p);
                }
            }
        }
        Properties adapterOverrides = new Properties();
        Path overrides = home.etc().resolve("demo/adapters.properties");
        if (Files.exists(overrides)) {
            try (var in = Files.newBufferedReader(overrides, StandardCharsets.UTF_8)) {
                adapterOverrides.load(in);
            }
        }
        try (DirectoryStream<Path> cfgs = Files.newDirectoryStream(home.config(), "*.cfg")) {
            for (Path cfg : cfgs) {
                String name = cfg.getFileName().toString();
                if (NOT_FOR_THE_DEMO.contains(name)) {
                    continue;
                }
                List<String> lines = withoutSecrets(Files.readAllLines(cfg, StandardCharsets.UTF_8));
                Properties values = new Properties();
                if (name.startsWith("dk.tidlig.adapter.")) {
                    String adapter = name.substring("dk.tidlig.adapter.".length(), name.length() - ".cfg".length());
                    adapterOverrides.forEach((k, v) -> values.put(k, v.toString().replace("@ADAPTER@", adapter)));
                }
                Files.writeString(target.resolve(name), override(lines, values), StandardCharsets.UTF_8);
            }
        }
        try (DirectoryStream<Path> demo = Files.newDirectoryStream(home.etc().resolve("demo"), "*.cfg")) {
            for (Path cfg : demo) {
                String text = Files.readString(cfg, StandardCharsets.UTF_8).replace("@DB_PORT@", Integer.toString(port));
                Files.writeString(target.resolve(cfg.getFileName()), text, StandardCharsets.UTF_8);
            }
        }
        Path trial = home.demo().resolve(TRIAL);
        if (Files.isRegularFile(trial)) {
            // the trial's order of offers, under the demo's basis, which names the lottery for it
            Properties t = new Properties();
            try (var in = Files.newBufferedReader(trial, StandardCharsets.UTF_8)) {
                t.load(in);
            }
            Properties outreach = new Properties();
            outreach.setProperty("offerOrder", "LOTTERY");
            outreach.setProperty("capacityPerMonth", t.getProperty("capacity", Integer.toString(DEFAULT_TRIAL_CAPACITY)).strip());
            overrideFile(target.resolve("dk.tidlig.outreach.cfg"), outreach);
            Properties basis = new Properties();
            basis.setProperty("namesLottery", "true");
            overrideFile(target.resolve("dk.tidlig.legalbasis.cfg"), basis);
        }
        return target;
    }

    private static void overrideFile(Path cfg, Properties values) throws IOException {
        List<String> lines = Files.exists(cfg) ? Files.readAllLines(cfg, StandardCharsets.UTF_8) : List.of();
        Files.writeString(cfg, override(lines, values), StandardCharsets.UTF_8);
    }

    /**
     * Replaces the values of the given keys in a .cfg file's lines, keeping everything else; keys not in
     * the file are added at the end. (A .cfg line has no trailing comments: a note goes on its own line.)
     */
    public static String override(List<String> lines, Properties values) {
        Map<String, String> pending = new LinkedHashMap<>();
        values.stringPropertyNames().stream().sorted().forEach(k -> pending.put(k, values.getProperty(k)));
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            int eq = t.indexOf('=');
            if (!t.startsWith("#") && eq > 0 && pending.containsKey(t.substring(0, eq).strip())) {
                String key = t.substring(0, eq).strip();
                out.add("# " + key + " overridden (the value above this line in config/ is not used here)");
                out.add(key + " = " + pending.remove(key));
            } else {
                out.add(line);
            }
        }
        pending.forEach((k, v) -> out.add(k + " = " + v));
        return String.join("\n", out) + "\n";
    }

    /** The lines of a .cfg file without its secrets: properties whose names start with a dot (continuation lines included). */
    static List<String> withoutSecrets(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean dropping = false;
        for (String line : lines) {
            String t = line.strip();
            if (dropping) {
                dropping = t.endsWith("\\");
                continue;
            }
            if (t.startsWith(".")) {
                dropping = t.endsWith("\\");
                continue;
            }
            out.add(line);
        }
        return out;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (db != null) {
            try {
                Files.deleteIfExists(home.demo().resolve(OWNER));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                db.close();
            }
        }
    }
}
