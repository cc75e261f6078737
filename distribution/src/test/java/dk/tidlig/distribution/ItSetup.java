// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;

import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.launcher.BundleList;
import dk.tidlig.launcher.DemoEnvironment;

/**
 * Prepares, outside OSGi, what the Pax Exam test boots: a copy of the distribution's deploy/ and config/
 * in a work folder, the configuration pointed at a fresh test database, test keys and the work folder's
 * inboxes. The bundles themselves are the distribution's, from its etc/bundles.list.
 */
final class ItSetup {

    static final Path DIST = Path.of(System.getProperty("tidlig.dist", "target/tidlig")).toAbsolutePath();

    record Work(Path root, TestDatabase db, int httpPort, BundleList bundles) {
        Path deploy() {
            return root.resolve("deploy");
        }

        Path config() {
            return root.resolve("config");
        }

        Path inbox(String adapter) {
            return root.resolve("inbox").resolve(adapter);
        }
    }

    private ItSetup() {
    }

    static Work prepare(String name) throws IOException {
        Path root = Files.createDirectories(Path.of("target/it").toAbsolutePath().resolve(name + "-" + System.currentTimeMillis()));
        TestDatabase db = TestDatabase.create(name);
        Files.createDirectories(root.resolve("deploy"));
        Files.createDirectories(root.resolve("config"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(DIST.resolve("deploy"), "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, root.resolve("deploy").resolve(jar.getFileName()));
            }
        }
        try (DirectoryStream<Path> cfgs = Files.newDirectoryStream(DIST.resolve("config"), "*.cfg")) {
            for (Path cfg : cfgs) {
                String file = cfg.getFileName().toString();
                Properties values = new Properties();
                switch (file) {
                    case "dk.tidlig.store.cfg" -> {
                        values.put("url", db.url());
                        values.put("user", db.user());
                        values.put(".password", db.password());
                    }
                    case "dk.tidlig.legalbasis.cfg" -> {
                        // a server's own basis (one for synthetic data only would hold only in the demo's home)
                        values.put("id", "IT-SYNTHETIC");
                        values.put("title", "Integration test with synthetic data");
                        values.put("reference", "DistributionIT");
                        values.put("inForceFrom", "2000-01-01");
                        values.put("syntheticDataOnly", "false");
                    }
                    case "dk.tidlig.keys.cfg" -> {
                        values.put("keyFile", root.resolve("keys/tidlig.keys").toString());
                        values.put("createKeysIfMissing", "true");
                    }
                    default -> {
                        if (file.startsWith("dk.tidlig.adapter.")) {
                            String id = file.substring("dk.tidlig.adapter.".length(), file.length() - 4);
                            values.put("inbox", root.resolve("inbox").resolve(id).toString());
                            values.put("pollIntervalMs", "200");
                            values.put("readLockMinAgeMs", "500");
                        }
                    }
                }
                Files.writeString(root.resolve("config").resolve(file),
                        DemoEnvironment.override(Files.readAllLines(cfg, StandardCharsets.UTF_8), values), StandardCharsets.UTF_8);
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return new Work(root, db, port, BundleList.read(DIST.resolve("etc/bundles.list"), DIST.resolve("bundle")));
    }

    /** Pax Exam's options: the distribution's bundle list and the server's framework properties, for a fresh work folder. */
    static Option[] paxExamOptions(String name) throws IOException {
        Work work = prepare(name);
        List<Option> options = new ArrayList<>();
        options.add(CoreOptions.cleanCaches());
        options.add(CoreOptions.junitBundles());
        options.add(CoreOptions.frameworkStartLevel(5));
        for (String[] p : frameworkProperties(work)) {
            options.add(CoreOptions.frameworkProperty(p[0]).value(p[1]));
        }
        options.add(CoreOptions.frameworkProperty("tidlig.it.port").value(Integer.toString(work.httpPort())));
        for (BundleList.Entry e : work.bundles().entries()) {
            options.add(CoreOptions.bundle(e.file().toUri().toString()).startLevel(e.startLevel()).start());
        }
        return options.toArray(new Option[0]);
    }

    /** The framework properties bin/tidlig sets for the server, pointed at the work folder. */
    static List<String[]> frameworkProperties(Work w) {
        List<String[]> p = new ArrayList<>();
        p.add(new String[] {"tidlig.home", w.root().toString()});
        p.add(new String[] {"tidlig.mode", "it"});
        p.add(new String[] {"felix.fileinstall.dir", w.deploy() + "," + w.config()});
        p.add(new String[] {"felix.fileinstall.poll", "500"});
        p.add(new String[] {"felix.fileinstall.noInitialDelay", "true"});
        p.add(new String[] {"felix.fileinstall.enableConfigSave", "false"});
        p.add(new String[] {"felix.fileinstall.configEncoding", "UTF-8"});
        p.add(new String[] {"felix.fileinstall.start.level", "5"});
        p.add(new String[] {"org.ops4j.pax.logging.DefaultServiceLog.level", "WARN"});
        p.add(new String[] {"org.apache.felix.http.enable", "true"});
        p.add(new String[] {"org.osgi.service.http.port", Integer.toString(w.httpPort())});
        p.add(new String[] {"org.apache.felix.http.host", "127.0.0.1"});
        p.add(new String[] {"tidlig.inbox.poll", "true"});
        return p;
    }
}
