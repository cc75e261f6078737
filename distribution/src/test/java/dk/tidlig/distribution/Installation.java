// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the assembled distribution (without its var/), installed as a municipality installs it, on
 * which the tests run bin/tidlig as a user does: from the repository's root, so that paths to the
 * repository's sample files work as the READMEs write them.
 */
final class Installation {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {
    }

    final Path home;
    final int port;

    private Installation(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** A fresh copy in target/{name}; whatever an earlier run left there is removed first. */
    static Installation copy(String name) throws IOException {
        Path home = Path.of("target", name).toAbsolutePath();
        if (Files.exists(home)) {
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> s = Files.walk(ItSetup.DIST)) {
            for (Path p : s.filter(p -> !p.startsWith(ItSetup.DIST.resolve("var"))).toList()) {
                Path target = home.resolve(ItSetup.DIST.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                    target.toFile().setExecutable(p.toFile().canExecute());
                }
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return new Installation(home, s.getLocalPort());
        }
    }

    /** The adapters that run here, as the demo lists them ("cpr, dental, …"): those deployed and configured. */
    String deployedAdapters() throws IOException {
        try (Stream<Path> cfgs = Files.list(home.resolve("config"))) {
            return String.join(", ", cfgs.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dk.tidlig.adapter."))
                    .map(n -> n.replace("dk.tidlig.adapter.", "").replace(".cfg", "")).sorted().toList());
        }
    }

    /** bin/tidlig with these arguments, to start, run from the repository's root on this installation's port. */
    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/tidlig").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile());
        pb.environment().put("TIDLIG_JAVA_OPTS", "-Xmx1g -Dtidlig.demo.http.port=" + port + " -Dtidlig.http.port=" + port);
        return pb;
    }

    /** Runs bin/tidlig with these arguments and waits for it (at most six minutes). */
    Run tidlig(String... args) throws Exception {
        ProcessBuilder pb = command(args);
        Path out = Files.createTempFile("tidlig-out", ".txt");
        Path err = Files.createTempFile("tidlig-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(6, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("bin/tidlig " + String.join(" ", args) + " did not finish: " + Files.readString(out));
            }
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Sets keys in one of this installation's configuration files, keeping its comments. */
    void configure(String file, String... keyValues) throws IOException {
        Path cfg = home.resolve("config").resolve(file);
        Properties values = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        Files.writeString(cfg, dk.tidlig.launcher.DemoEnvironment.override(Files.exists(cfg) ? Files.readAllLines(cfg) : List.of(), values));
    }
}
