// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.EmbeddedMariaDb;
import dk.tidlig.embeddeddb.TestDatabase;

/**
 * Crash safety, proven by killing it: bin/tidlig import of a CPR extract is killed with SIGKILL at random moments
 * while it stores its chunks (some times together with its embedded MariaDB, so InnoDB recovers from a crash, and each
 * time the next command restarts the database the killed one left). Importing the same file again resumes the one
 * delivery after its stored lines: never left RUNNING, never a second delivery, each quarantined line once, and
 * every table holds what one clean import of the same file into a second installation (same keys) holds.
 *
 * <p>In the long-tests profile the extract has about 150,000 lines and is killed four times; in the reliability profile
 * ({@code mvn -B verify -Preliability -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}) it has more than a million
 * lines and is killed twenty times, the database with it twice.
 */
class KillResumeIT {

    static final long SEED = 4_242L;

    @Test
    @Tag("long")
    void anImportKilledAtRandomMomentsIsResumedToWhatOneCleanImportHolds() throws Exception {
        killAndResume("kill-resume", 20_000, 4, java.util.Set.of(2), 40_000);
    }

    @Test
    @Tag("reliability")
    void anImportOfAMillionLinesKilledTwentyTimesAndItsDatabaseTwiceIsResumedToWhatOneCleanImportHolds() throws Exception {
        killAndResume("kill-resume-million", 140_000, 20, java.util.Set.of(7, 14), 1_000_000);
    }

    /**
     * @param citizens      the synthetic municipality's size (the CPR extract has about 7.4 lines per citizen)
     * @param kills         how often the import is killed
     * @param databaseKills at which kills (from 1) the embedded database is killed too
     * @param leastLines    the extract has more lines than this
     */
    private static void killAndResume(String name, int citizens, int kills, java.util.Set<Integer> databaseKills, long leastLines)
            throws Exception {
        Installation killed = Installation.copy(name);
        Installation clean = Installation.copy(name + "-clean");
        Path files = killed.home.resolve("var/generated");
        Installation.Run generated = killed.tidlig("generate", "--citizens", String.valueOf(citizens), "--seed", String.valueOf(SEED), "--out",
                files.toString(), "--broken-share", "0.002");
        assertThat(generated.code()).as(generated.err()).isZero();
        Path extract;
        try (Stream<Path> s = Files.walk(files)) {
            extract = s.filter(p -> p.getFileName().toString().startsWith("U12170-P")).findFirst().orElseThrow();
        }
        long lines;
        try (Stream<String> l = Files.lines(extract, StandardCharsets.ISO_8859_1)) {
            lines = l.count();
        }
        assertThat(lines).isGreaterThan(leastLines);

        Random random = new Random(SEED);
        long stored = 0;
        for (int kill = 1; kill <= kills; kill++) {
            // a random moment after the last one's: some chunks more are stored, and the file is not done
            long at = stored + 5_000 + (long) (random.nextDouble() * (lines - stored - 15_000) / (kills - kill + 1));
            Process p = killed.command("import", "--demo", "cpr", extract.toString()).redirectErrorStream(true)
                    .redirectOutput(killed.home.resolve("var/kill-" + kill + ".log").toFile()).start();
            stored = awaitStored(killed, p, at);
            List<ProcessHandle> servers = EmbeddedMariaDb.serversOn(killed.home.resolve("var/demo/db"));
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs, no session ends, the delivery stays RUNNING
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (databaseKills.contains(kill)) {
                assertThat(servers).as("the import's database runs").isNotEmpty();
                servers.forEach(ProcessHandle::destroyForcibly); // and the database with it
            }
            assertThat(stored).as("kill %d stored part of the file", kill).isBetween(1L, lines - 1);
        }

        Installation.Run resumed = killed.tidlig("import", "--demo", "cpr", extract.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("\"status\":\"completed\"").contains("\"lines\":" + lines + ",");
        Installation.Run again = killed.tidlig("import", "--demo", "cpr", extract.toString());
        assertThat(again.out()).as("the same file once more stores nothing").contains("\"accepted\":0,");

        // one clean import with the same keys, for comparison
        Files.createDirectories(clean.home.resolve("var/demo/keys"));
        try (Stream<Path> keys = Files.list(killed.home.resolve("var/demo/keys"))) {
            for (Path k : keys.toList()) {
                Files.copy(k, clean.home.resolve("var/demo/keys").resolve(k.getFileName()));
            }
        }
        Installation.Run once = clean.tidlig("import", "--demo", "cpr", extract.toString());
        assertThat(once.code()).as(once.err()).isZero();
        Installation.Run onceAgain = clean.tidlig("import", "--demo", "cpr", extract.toString());
        assertThat(onceAgain.code()).isZero();

        Map<String, String> afterKills = digests(killed);
        Map<String, String> oneClean = digests(clean);
        assertThat(afterKills).isEqualTo(oneClean);
        assertThat(afterKills.get("ingest_file")).as("two deliveries in each: the resumed one (or the clean one) and the repeat")
                .isEqualTo(oneClean.get("ingest_file"));
    }

    @Test
    @Tag("long")
    void aServerKilledWhileItReadsADeliveryResumesItWhenItStartsAgain() throws Exception {
        Installation server = Installation.copy("kill-resume-server");
        Installation clean = Installation.copy("kill-resume-server-clean");
        try (TestDatabase db = TestDatabase.create("killserver"); TestDatabase cleanDb = TestDatabase.create("killserverclean")) {
            for (Installation i : List.of(server, clean)) {
                TestDatabase d = i == server ? db : cleanDb;
                i.configure("dk.tidlig.store.cfg", "url", d.url(), "user", d.user(), ".password", d.password());
                i.configure("dk.tidlig.keys.cfg", "keyFile", "var/keys/test.keys", "createKeysIfMissing", "true");
            }
            server.configure("dk.tidlig.adapter.cpr.cfg", "pollIntervalMs", "200", "readLockMinAgeMs", "500");
            // small chunks: the last resume lasts long enough for its resumer to be replaced while it reads (below)
            server.configure("dk.tidlig.ingest.cfg", "chunkLines", "500");
            Path files = server.home.resolve("var/generated");
            Installation.Run generated = server.tidlig("generate", "--citizens", "20000", "--seed", String.valueOf(SEED + 1), "--out",
                    files.toString());
            assertThat(generated.code()).as(generated.err()).isZero();
            Path extract;
            try (Stream<Path> f = Files.walk(files)) {
                extract = f.filter(p -> p.getFileName().toString().startsWith("U12170-P")).findFirst().orElseThrow();
            }
            long lines;
            try (Stream<String> l = Files.lines(extract, StandardCharsets.ISO_8859_1)) {
                lines = l.count();
            }
            Path inbox = server.home.resolve("inbox/cpr");
            Path delivered = inbox.resolve(extract.getFileName());

            // the server takes the file from its inbox and is killed while it stores it
            Process first = start(server, 1);
            Files.createDirectories(inbox);
            Path part = inbox.resolve(extract.getFileName() + ".part");
            Files.copy(extract, part);
            Files.move(part, delivered, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            long firstStop = awaitStored(db, first, lines / 4);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Stream<Path> left = Files.list(inbox)) {
                // what may stay: the folder's .keep and Camel's empty read-lock marker (deleted as an orphan at the next start)
                assertThat(left.filter(f -> !f.getFileName().toString().equals(".keep") && !f.getFileName().toString().endsWith(".camelLock"))
                        .toList()).as("sealed before it was read: no clear-text copy (nor a claim) is left in the inbox").isEmpty();
            }

            // started again, the server resumes the delivery from its sealed copy by itself; killed again
            Process second = start(server, 2);
            long secondStop = awaitStored(db, second, firstStop + (lines - firstStop) / 3);
            second.destroyForcibly();
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

            // started a third time, the server resumes it from its sealed copy again; while it does, a change of the
            // ingest's configuration replaces the resumer (as a service it holds being replaced does while the server
            // starts): the resume is neither broken off nor begun a second time beside itself
            Process third = start(server, 3);
            try {
                awaitStored(db, third, secondStop + 2_000);
                server.configure("dk.tidlig.ingest.cfg", "ownerSilentMinutes", "16");
                awaitCompleted(db, third);
            } finally {
                third.destroy();
                assertThat(third.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(status), MIN(line_count) FROM ingest_file WHERE adapter_id='cpr'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("one delivery, resumed twice (after %d and %d lines)", firstStop, secondStop).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("COMPLETED");
                assertThat(rs.getLong(3)).isEqualTo(lines);
            }
            assertThat(Files.readString(server.home.resolve("var/start-3.out"))).doesNotContain("Exception");
            assertThat(Files.readString(server.home.resolve("var/log/tidlig-server.log"))).as("the resumer was replaced while it resumed")
                    .contains("Resumer replaced while delivery");

            Files.createDirectories(clean.home.resolve("var/keys"));
            Files.copy(server.home.resolve("var/keys/test.keys"), clean.home.resolve("var/keys/test.keys"));
            // the delivered file had the extract's name
            Installation.Run once = clean.tidlig("import", "cpr", extract.toString());
            assertThat(once.code()).as(once.err()).isZero();
            try (Connection a = db.connect(); Connection b = cleanDb.connect()) {
                assertThat(digests(a)).isEqualTo(digests(b));
            }
        }
    }

    private static Process start(Installation installation, int n) throws java.io.IOException {
        ProcessBuilder pb = installation.command("start");
        pb.redirectErrorStream(true).redirectOutput(installation.home.resolve("var/start-" + n + ".out").toFile());
        return pb.start();
    }

    private static long awaitStored(TestDatabase db, Process p, long at) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the server stopped before it was killed").isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(line_count), 0) FROM ingest_file WHERE adapter_id='cpr' AND status='RUNNING'")) {
                rs.next();
                if (rs.getLong(1) >= at) {
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                // the schema is being made
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not store " + at + " lines in five minutes");
    }

    private static void awaitCompleted(TestDatabase db, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the server stopped").isTrue();
            try (Connection c = db.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ingest_file WHERE adapter_id='cpr' AND status <> 'COMPLETED'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not resume the delivery in five minutes");
    }

    /** Waits until the running import has stored at least this many lines; returns how many it had. */
    private static long awaitStored(Installation installation, Process p, long at) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Path owner = installation.home.resolve("var/demo/db.owner");
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the import ended before it was killed").isTrue();
            if (Files.isRegularFile(owner)) {
                String port = Files.readAllLines(owner).stream().filter(l -> l.startsWith("port=")).findFirst().map(l -> l.substring(5))
                        .orElse(null);
                if (port != null) {
                    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/tidlig", "root", "");
                            Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(line_count), 0) FROM ingest_file WHERE adapter_id='cpr' "
                                    + "AND status='RUNNING'")) {
                        rs.next();
                        long n = rs.getLong(1);
                        if (n >= at) {
                            return n;
                        }
                    } catch (SQLException e) {
                        // the database is starting, or its schema is being made
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the import did not store " + at + " lines in five minutes");
    }

    /** What each table of the demo's database holds, as a digest of the columns that do not depend on time, row ids or random nonces. */
    private static Map<String, String> digests(Installation installation) throws Exception {
        Path data = installation.home.resolve("var/demo/db");
        assertThat(EmbeddedMariaDb.serversOn(data)).as("the last command stopped its database").isEmpty();
        try (EmbeddedMariaDb db = EmbeddedMariaDb.start(installation.home.resolve("var/mariadb"), data, true);
                Connection c = DriverManager.getConnection(db.jdbcUrl("tidlig"), "root", "")) {
            return digests(c);
        }
    }

    private static Map<String, String> digests(Connection c) throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("person", "SELECT tenant, HEX(pid), birth_date, sex, status, municipality_code FROM person");
        queries.put("residence", "SELECT tenant, HEX(pid), HEX(household), municipality_code, since, HEX(content_hash) FROM residence");
        queries.put("residence_history", "SELECT tenant, HEX(pid), from_key, HEX(household), municipality_code, moved_in, moved_out, HEX(content_hash) FROM residence_history");
        queries.put("person_attribute", "SELECT tenant, HEX(pid), name, value, HEX(content_hash) FROM person_attribute");
        queries.put("identity_vault", "SELECT tenant, HEX(pid), kind, key_id, HEX(content_hash) FROM identity_vault");
        queries.put("relation", "SELECT tenant, type, HEX(from_pid), HEX(to_pid), start_key, start_date, end_date, source_system, HEX(content_hash) FROM relation");
        queries.put("risk_event", "SELECT tenant, source_system, source_record_id, HEX(subject_pid), indicator, start_date, end_date, line_no, HEX(content_hash) FROM risk_event");
        queries.put("quarantine", "SELECT q.tenant, q.line_no, q.reason FROM quarantine q");
        queries.put("ingest_file", "SELECT tenant, adapter_id, file_name, sha256, status, line_count, accepted, duplicates, quarantined, skipped, "
                + "lines_done FROM ingest_file");
        return digests(c, queries);
    }

    private static Map<String, String> digests(Connection c, Map<String, String> queries) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= n; i++) {
                            row.append(rs.getString(i)).append('\u001f');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                for (String r : rows) {
                    sha.update(r.getBytes(StandardCharsets.UTF_8));
                }
                out.put(q.getKey(), rows.size() + " rows, " + HexFormat.of().formatHex(sha.digest()));
            }
        }
        return out;
    }
}
