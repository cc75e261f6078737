// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dk.tidlig.embeddeddb.EmbeddedMariaDb;
import dk.tidlig.embeddeddb.TestDatabase;

/**
 * What an operator sees when the installation is not set up right: one line on standard error saying what, why and
 * which file to fix, exit code 2, within seconds; never pages of component errors after a minute's wait. And what
 * needs no database runs without one; an embedded MariaDB a killed launcher left running is stopped by the next command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorErrorsIT {

    static Installation installation;

    @BeforeAll
    static void install() throws Exception {
        installation = Installation.copy("operator-it");
    }

    /** The run failed with exit code 2 and said so in exactly one line on standard error, and nothing else. */
    static void oneLine(Installation.Run run, String... phrases) {
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).as(run.err()).singleElement().satisfies(line -> {
            assertThat(line).startsWith("tidlig: ").doesNotContain("Exception").doesNotContain("\tat ");
            for (String phrase : phrases) {
                assertThat(line).contains(phrase);
            }
        });
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    @Order(1)
    void aMissingKeyFileIsOneLineNamingTheFileAndTheCommandThatCreatesIt() throws Exception {
        Installation.Run run = installation.tidlig("import", "cpr", "adapters/dk.tidlig.adapter.cpr/src/test/resources/samples/U12170-P.20261101");
        oneLine(run, "the key file etc/keys/tidlig.keys", "config/dk.tidlig.keys.cfg", "bin/tidlig keys init");
        // keys need no database: the one configured is not there, and the key file is made all the same
        installation.configure("dk.tidlig.store.cfg", "url", "jdbc:mariadb://127.0.0.1:" + freePort() + "/tidlig");
        Installation.Run keys = installation.tidlig("keys", "init");
        assertThat(keys.code()).as(keys.err()).isZero();
        assertThat(installation.home.resolve("etc/keys/tidlig.keys")).exists();
    }

    @Test
    @Order(2)
    void anUnreachableDatabaseIsOneLineNamingTheUrlWhyAndTheFile() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + freePort() + "/tidlig";
        installation.configure("dk.tidlig.store.cfg", "url", url + "?connectTimeout=2000");
        long t0 = System.nanoTime();
        Installation.Run run = installation.tidlig("import", "cpr", "adapters/dk.tidlig.adapter.cpr/src/test/resources/samples/U12170-P.20261101");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        oneLine(run, "cannot use the database " + url + ":", "the connection was refused", "config/dk.tidlig.store.cfg");
        assertThat(run.err()).as("the URL's options are not repeated").doesNotContain("connectTimeout");
        assertThat(seconds).as("said at once, not after waiting for the components").isLessThan(30);

        installation.configure("dk.tidlig.store.cfg", "url", "jdbc:mariadb://no-such-host.invalid:3306/tidlig");
        oneLine(installation.tidlig("users", "list"), "the host name is not known", "config/dk.tidlig.store.cfg");
    }

    @Test
    @Order(3)
    void aDatabaseTheServerDoesNotHaveIsOneLineSayingHowToCreateIt() throws Exception {
        try (TestDatabase db = TestDatabase.create("operator")) {
            String missing = db.url().replaceFirst("/[A-Za-z0-9_]+(\\?.*)?$", "/no_such_database");
            installation.configure("dk.tidlig.store.cfg", "url", missing, "user", db.user(), ".password", db.password());
            oneLine(installation.tidlig("score"), "the server has no database 'no_such_database'", "CREATE DATABASE no_such_database",
                    "config/dk.tidlig.store.cfg");

            // with the database there, a missing legal basis file is what the score command says
            installation.configure("dk.tidlig.store.cfg", "url", db.url());
            Path basis = installation.home.resolve("config/dk.tidlig.legalbasis.cfg");
            Path aside = installation.home.resolve("legalbasis.cfg.aside");
            Files.move(basis, aside);
            try {
                oneLine(installation.tidlig("score"), "config/dk.tidlig.legalbasis.cfg is missing", "Legal basis");
            } finally {
                Files.move(aside, basis);
            }
            // and the basis shipped blank is a refusal by the gate: one line, exit 3
            Installation.Run refused = installation.tidlig("score");
            assertThat(refused.code()).as(refused.err()).isEqualTo(3);
            assertThat(refused.err().lines().toList()).singleElement().asString().contains("no legal basis is configured")
                    .contains("config/dk.tidlig.legalbasis.cfg");
        }
    }

    @Test
    @Order(4)
    void aPortInUseIsOneLineNamingThePortAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(installation.port, 1, InetAddress.getByName("127.0.0.1"))) {
            oneLine(installation.tidlig("start"), "port " + installation.port + " on 127.0.0.1 is in use", "http.port");
            oneLine(installation.tidlig("demo", "--once"), "port " + installation.port + " on 127.0.0.1 is in use", "demo.http.port");
        }
    }

    @Test
    @Order(5)
    void generateNeedsNoDatabase() throws Exception {
        installation.configure("dk.tidlig.store.cfg", "url", "jdbc:mariadb://127.0.0.1:" + freePort() + "/tidlig");
        Path out = installation.home.resolve("var/generated");
        long t0 = System.nanoTime();
        Installation.Run run = installation.tidlig("generate", "--citizens", "400", "--seed", "7", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("ERROR");
        assertThat(run.out()).contains("\"adapter\":\"cpr\"").contains("\"file\":\"truth.csv\"");
        assertThat(out.resolve("truth.csv")).exists();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("no wait for a database").isLessThan(60);
    }

    /** A kill run (killing the launcher, half a minute), tagged {@code long}: {@code mvn -B verify -Plong-tests} runs it. */
    @Test
    @Order(6)
    @Tag("long")
    void anEmbeddedMariaDbLeftRunningByAKilledLauncherIsStoppedByTheNextCommand() throws Exception {
        Path data = installation.home.resolve("var/demo/db");
        Path owner = installation.home.resolve("var/demo/db.owner");
        Path log = installation.home.resolve("var/demo-killed.out");
        Files.createDirectories(log.getParent()); // alone in -Plong-tests, no earlier test of this class made var/
        Process demo = installation.command("demo", "--citizens", "300").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            while (!Files.exists(owner) && demo.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(owner).as(Files.readString(log)).exists();
            assertThat(Files.readString(owner)).contains("pid=" + demo.pid());
        } finally {
            demo.destroyForcibly(); // kill -9: the launcher cannot stop its database
            demo.waitFor(30, TimeUnit.SECONDS);
        }
        List<ProcessHandle> orphans = EmbeddedMariaDb.serversOn(data);
        assertThat(orphans).as("the killed launcher's database is still running").hasSize(1);

        Installation.Run next = installation.tidlig("users", "--demo", "list");
        assertThat(next.code()).as(next.err()).isZero();
        assertThat(next.err()).contains("stopping the embedded MariaDB (process " + orphans.get(0).pid() + ")");
        assertThat(orphans.get(0).isAlive()).isFalse();
        assertThat(EmbeddedMariaDb.serversOn(data)).as("nothing left running after the command").isEmpty();
        assertThat(owner).as("the command owned the database it started, and stopped it").doesNotExist();
    }
}
