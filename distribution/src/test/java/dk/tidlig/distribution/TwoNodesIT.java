// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;

/**
 * Two whole tidlig nodes, as a municipality runs them behind one proxy (issue #10): two installations with the same key
 * file and database, both polling one shared inbox. Each delivered file is ingested once, by one node or the other; a
 * user signed in on one node is signed in on the other, and signed out of both by one; the audit trail both wrote
 * verifies.
 */
// a bin/tidlig start or import per example: in the long-tests profile, which .ci/run runs after mvn -B verify (kept under 15 minutes)
@org.junit.jupiter.api.Tag("long")
class TwoNodesIT {

    @Test
    void twoNodesShareTheInboxTheSessionsAndTheAuditTrail() throws Exception {
        Installation a = Installation.copy("two-nodes-a");
        Installation b = Installation.copy("two-nodes-b");
        Path shared = Files.createDirectories(a.home.resolve("var/shared-inbox/dental"));
        List<Process> nodes = new ArrayList<>();
        try (TestDatabase db = TestDatabase.create("twonodes")) {
            for (Installation i : List.of(a, b)) {
                i.configure("dk.tidlig.store.cfg", "url", db.url(), "user", db.user(), ".password", db.password());
                i.configure("dk.tidlig.legalbasis.cfg", "id", "IT-TWO-NODES", "title", "Integration test", "reference", "TwoNodesIT",
                        "inForceFrom", "2000-01-01", "syntheticDataOnly", "false");
                i.configure("dk.tidlig.keys.cfg", "keyFile", "var/keys/test.keys", "createKeysIfMissing", "true");
                i.configure("dk.tidlig.adapter.dental.cfg", "inbox", shared.toString(), "pollIntervalMs", "100", "readLockMinAgeMs", "400");
                i.configure("dk.tidlig.web.cfg", "secureCookies", "false");
            }
            // the same key file on both nodes (as a shared key folder would give them)
            Installation.Run keys = a.tidlig("keys", "init");
            assertThat(keys.code()).as(keys.out() + keys.err()).isZero();
            Files.createDirectories(b.home.resolve("var/keys"));
            try (var files = Files.list(a.home.resolve("var/keys"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, b.home.resolve("var/keys").resolve(f.getFileName()));
                }
            }
            Installation.Run added = a.tidlig("users", "add", "ops", "administrator");
            assertThat(added.code()).as(added.err()).isZero();
            Matcher password = Pattern.compile("has the password: (\\S+)").matcher(added.out());
            assertThat(password.find()).isTrue();

            nodes.add(start(a));
            nodes.add(start(b));
            awaitUp(a);
            awaitUp(b);

            // 30 deliveries to the shared inbox, each read once by one node or the other
            byte[] sample = Files.readAllBytes(Installation.REPO.resolve("adapters/dk.tidlig.adapter.dental/src/test/resources/samples/tandpleje-20260601.csv"));
            int n = 30;
            for (int k = 0; k < n; k++) {
                String content = new String(sample, StandardCharsets.UTF_8).replace("TP-2026-", "TP-" + (3000 + k) + "-");
                Path part = shared.resolve("tandpleje-" + k + ".csv.part");
                Files.writeString(part, content, StandardCharsets.UTF_8);
                Files.move(part, shared.resolve("tandpleje-" + k + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            }
            Map<String, Integer> read = new HashMap<>();
            for (int i = 0; i < 480; i++) {
                read = completed(db);
                if (read.values().stream().mapToInt(Integer::intValue).sum() >= n) {
                    break;
                }
                Thread.sleep(250);
            }
            Thread.sleep(2000); // a second reading, if there were one, would have its row by now
            read = completed(db);
            assertThat(read).as("every file, once").hasSize(n).allSatisfy((file, times) -> assertThat(times).as(file).isEqualTo(1));
            try (var left = Files.list(shared)) {
                assertThat(left.map(p -> p.getFileName().toString()).filter(f -> !f.endsWith(".camelLock")).toList())
                        .as("no clear-text file and no claim left in the shared inbox").isEmpty();
            }

            // signed in on one node, signed in on the other; signed out on the other, signed out of both
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            signIn(browser, a, "ops", password.group(1));
            assertThat(get(browser, a, "/app/").body()).contains("id=\"who\">ops");
            HttpResponse<String> other = get(browser, b, "/app/");
            assertThat(other.statusCode()).as("the session made on node a, on node b").isEqualTo(200);
            assertThat(other.body()).contains("id=\"who\">ops");
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(other.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> out = browser.send(HttpRequest.newBuilder(URI.create(base(b) + "/app/logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(out.statusCode()).isIn(302, 303);
            assertThat(get(browser, a, "/app/").statusCode()).as("signed out on node b: signed out on node a").isEqualTo(302);

            Installation.Run verify = b.tidlig("audit", "verify");
            assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
        } finally {
            for (Process p : nodes) {
                p.destroy();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("a node stopped on SIGTERM").isTrue();
            }
        }
    }

    private static Process start(Installation i) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(i.home.resolve("bin/tidlig").toString(), "start").directory(i.home.toFile());
        pb.environment().put("TIDLIG_JAVA_OPTS", "-Xmx768m -Dtidlig.http.port=" + i.port);
        pb.redirectOutput(i.home.resolve("var/start.out").toFile()).redirectErrorStream(true);
        return pb.start();
    }

    private static String base(Installation i) {
        return "http://127.0.0.1:" + i.port;
    }

    private static void awaitUp(Installation i) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = "";
        for (int k = 0; k < 600 && !body.contains("\"status\":\"UP\""); k++) {
            Thread.sleep(250);
            try {
                body = http.send(HttpRequest.newBuilder(URI.create(base(i) + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                body = "";
            }
        }
        assertThat(body).as(Files.readString(i.home.resolve("var/start.out"))).contains("\"status\":\"UP\"");
        // the inbox route starts with the adapter's configuration: wait for it too
        for (int k = 0; k < 240 && !Files.readString(i.home.resolve("var/log/tidlig-server.log")).contains("dental-inbox"); k++) {
            Thread.sleep(250);
        }
    }

    private static Map<String, Integer> completed(TestDatabase db) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT file_name, COUNT(*) FROM ingest_file WHERE adapter_id = 'dental' AND status <> 'RUNNING' GROUP BY file_name")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    private static HttpResponse<String> get(HttpClient browser, Installation i, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(base(i) + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void signIn(HttpClient browser, Installation i, String user, String password) throws Exception {
        String form = get(browser, i, "/app/login").body();
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(token.find()).as(form).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base(i) + "/app/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1)
                        + "&username=" + user + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isIn(302, 303);
    }
}
