// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code bin/tidlig start} as municipal IT does, in a copy of the assembled distribution with a database of its own: the
 * health document, a delivery read from the inbox and from an SFTP server, the operator's commands over it, the metrics,
 * sign-in through KOMBIT's Context Handler and with a password, a session that survives a restart, and a clean stop. It takes
 * two minutes (two boots of the whole server), so it runs with the long tests ({@code -Plong-tests}), which CI runs after
 * {@code mvn -B verify}.
 */
@Tag("long")
class ServerIT {

    static final Path REPO = Installation.REPO;
    static Installation installation;
    static Path home;
    static int port;
    /** The adapters that run in the distribution, as the demo lists them: "cpr, dental, …". */
    static String deployed;

    @BeforeAll
    static void copyDistribution() throws IOException {
        installation = Installation.copy("server-it");
        home = installation.home;
        port = installation.port;
        deployed = installation.deployedAdapters();
    }

    /** Neither the server's log nor a command's holds anything shaped like a CPR number. */
    @AfterAll
    static void noLogHoldsACprShapedNumber() throws IOException {
        if (home == null || !Files.isDirectory(home.resolve("var/log"))) {
            return; // the test failed before any command ran: its own failure says why
        }
        LauncherIT.assertNoLogHoldsACprLikeNumber(home);
    }

    static Installation.Run tidlig(String... args) throws Exception {
        return installation.tidlig(args);
    }

    static void configure(String file, String... keyValues) throws IOException {
        installation.configure(file, keyValues);
    }

    @Test
    void startServesHealthReadsItsInboxesAndStopsCleanly() throws Exception {
        try (dk.tidlig.embeddeddb.TestDatabase db = dk.tidlig.embeddeddb.TestDatabase.create("start")) {
            configure("dk.tidlig.store.cfg", "url", db.url(), "user", db.user(), ".password", db.password());
            // a basis for synthetic test data holds only in the demo's home: this is the server, so a (test) basis of its own
            configure("dk.tidlig.legalbasis.cfg", "id", "IT-START", "title", "Integration test", "reference", "LauncherIT",
                    "inForceFrom", "2000-01-01", "syntheticDataOnly", "false");
            configure("dk.tidlig.keys.cfg", "keyFile", "var/keys/test.keys", "createKeysIfMissing", "true");
            for (String adapter : deployed.split(", ")) {
                configure("dk.tidlig.adapter." + adapter + ".cfg", "pollIntervalMs", "200", "readLockMinAgeMs", "500");
            }
            // the health visitor's system delivers by SFTP, to a server started here (key with a passphrase, known host key)
            dk.tidlig.adapter.SftpTestServer sftp = deployed.contains("healthvisitor") ? dk.tidlig.adapter.SftpTestServer.start() : null;
            if (sftp != null) {
                sftp.installKey(home);
                List<String> settings = new java.util.ArrayList<>(List.of("readLockMinAgeMs", "1500"));
                sftp.settings("ud/sundhedspleje").forEach((k, v) -> settings.addAll(List.of(k, v.toString())));
                configure("dk.tidlig.adapter.healthvisitor.cfg", settings.toArray(String[]::new));
            }
            configure("dk.tidlig.metrics.cfg", ".scrapeToken", SCRAPE_TOKEN);
            // staff sign in through KOMBIT's Context Handler: an identity provider of the test's own, signing with a test key
            java.nio.file.Files.createDirectories(home.resolve("etc/saml"));
            dk.tidlig.web.internal.TestIdp idp = dk.tidlig.web.internal.TestIdp.create(home.resolve("etc/saml"),
                    "https://idp.example/runtime/saml2/issue.idp", "https://idp.example/runtime/saml2/logout.idp");
            java.security.KeyStore sp = dk.tidlig.web.internal.TestIdp.keyStore(home.resolve("etc/saml/tidlig.p12"), "tidlig", "CN=tidlig (test)");
            configure("dk.tidlig.web.saml.cfg", "idpMetadataFile", "etc/saml/idp-metadata.xml", "spEntityId", "https://tidlig.kommune.example/saml",
                    "baseUrl", "http://127.0.0.1:" + port, "spKeystoreFile", "etc/saml/tidlig.p12", ".spKeystorePassword",
                    dk.tidlig.web.internal.TestIdp.PASSWORD, "roleMapping", "http://tidlig.dk/roles/opsoegende/1=OUTREACH_WORKER",
                    "municipalityMapping", "62761113=159", "insecureHttpForTests", "true");
            // plain http in this test: the session cookie would otherwise be sent over https only
            configure("dk.tidlig.web.cfg", "secureCookies", "false");
            // /health shows its details to administrators only
            Installation.Run added = tidlig("users", "add", "ops", "administrator");
            assertThat(added.code()).as(added.err()).isZero();
            java.util.regex.Matcher password = java.util.regex.Pattern.compile("has the password: (\\S+)").matcher(added.out());
            assertThat(password.find()).isTrue();
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("ops:" + password.group(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/tidlig").toString(), "start").directory(home.toFile());
            pb.environment().put("TIDLIG_JAVA_OPTS", "-Xmx1g -Dtidlig.http.port=" + port);
            pb.redirectOutput(home.resolve("var/start.out").toFile()).redirectErrorStream(true);
            String opsPassword = password.group(1);
            java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            Process server = pb.start();
            try {
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health"))
                        .header("Authorization", basic).build();
                // FileInstall hands the configuration files to ConfigAdmin one by one while the bundles
                // start, so wait for the whole picture: database, legal basis and every adapter's inbox
                String body = "";
                for (int i = 0; i < 480 && !startedCompletely(body); i++) {
                    Thread.sleep(250);
                    try {
                        body = http.send(health, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    } catch (IOException e) {
                        body = "";
                    }
                }
                assertThat(body).contains("\"status\":\"UP\"").contains("\"legalBasis\":{\"configured\":true,\"id\":\"IT-START\"");
                assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body()).as("anonymous: up or down only").isEqualTo("{\"status\":\"UP\"}");
                Path sample = REPO.resolve("adapters/dk.tidlig.adapter.dental/src/test/resources/samples/tandpleje-20260601.csv");
                Path part = home.resolve("inbox/dental/delivery.csv.part");
                Files.copy(sample, part);
                Files.move(part, home.resolve("inbox/dental/delivery.csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                for (int i = 0; i < 120 && Files.exists(home.resolve("inbox/dental/delivery.csv")); i++) {
                    Thread.sleep(250);
                }
                assertThat(home.resolve("inbox/dental/delivery.csv")).as("read, sealed into the archive and deleted").doesNotExist();
                for (int i = 0; i < 120 && !archived(home); i++) {
                    Thread.sleep(250);
                }
                Installation.Run archive = tidlig("archive", "list");
                assertThat(archive.out()).contains("\"adapter\":\"dental\"").contains("\"file\":\"delivery.csv\"").contains("\"status\":\"completed\"");
                try (var c = db.connect(); var rs = c.createStatement().executeQuery(
                        "SELECT status, line_count, accepted, quarantined FROM ingest_file WHERE file_name = 'delivery.csv'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4)).isEqualTo("COMPLETED 10 3 3");
                }

                // the administrator reads the sealed copy again through the adapter, or writes it out: both only with an audit entry
                java.util.regex.Matcher id = Pattern.compile("\"id\":\"([^\"]+)\",\"municipality\":\"\\d+\",\"adapter\":\"dental\",\"file\":\"delivery\\.csv\"")
                        .matcher(archive.out());
                assertThat(id.find()).as(archive.out()).isTrue();
                Installation.Run reprocessed = tidlig("archive", "reprocess", id.group(1));
                assertThat(reprocessed.code()).as(reprocessed.err()).isZero();
                assertThat(reprocessed.out()).as("read again: nothing new").contains("\"status\":\"completed\"").contains("\"accepted\":0");
                Installation.Run noReason = tidlig("archive", "open", id.group(1), "--out", home.resolve("var/opened.csv").toString());
                assertThat(noReason.code()).isEqualTo(2);
                assertThat(home.resolve("var/opened.csv")).as("not written without a reason").doesNotExist();
                Installation.Run opened = tidlig("archive", "open", id.group(1), "--out", home.resolve("var/opened.csv").toString(), "--reason",
                        "IT check of sample delivery");
                assertThat(opened.code()).as(opened.err()).isZero();
                assertThat(home.resolve("var/opened.csv")).hasSameBinaryContentAs(sample);
                assertThat(Files.getPosixFilePermissions(home.resolve("var/opened.csv"))).containsExactlyInAnyOrder(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
                Files.delete(home.resolve("var/opened.csv"));
                try (var c = db.connect(); var rs = c.createStatement().executeQuery(
                        "SELECT action, subject, detail FROM audit_entry WHERE action IN ('DELIVERY_REPROCESSED', 'DELIVERY_OPENED') ORDER BY seq")) {
                    List<String> entries = new java.util.ArrayList<>();
                    while (rs.next()) {
                        entries.add(rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3));
                    }
                    assertThat(entries).as("one entry per reading, naming the delivery, the OS user and the reason").hasSize(2);
                    assertThat(entries.get(0)).startsWith("DELIVERY_REPROCESSED | delivery " + id.group(1)).contains("by OS user ");
                    assertThat(entries.get(1)).startsWith("DELIVERY_OPENED | delivery " + id.group(1)).contains("by OS user ")
                            .endsWith(": IT check of sample delivery");
                }

                operatorSeesDeliveriesQuarantineAndSources(db, http, health, sample);
                metricsForTheScrapeTokenOrAnAdministrator(http, basic);
                if (sftp != null) {
                    aDeliveryBySftpIsIngestedWithoutALocalCopy(db, sftp);
                }
                staffSignInThroughKombitAndOutAgain(idp, (java.security.cert.X509Certificate) sp.getCertificate("tidlig"));
                signIn(browser, "ops", opsPassword);
                assertThat(page(browser, "/app/").body()).contains("id=\"who\">ops");
            } finally {
                server.destroy(); // SIGTERM: the shutdown hook stops the framework
                assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("tidlig stopped on SIGTERM").isTrue();
                if (sftp != null) {
                    sftp.close();
                }
            }
            assertThat(Files.readString(home.resolve("var/start.out"))).contains("tidlig is running (server)");

            // a restart signs nobody out: the session is kept in the database
            Process again = pb.start();
            try {
                java.net.http.HttpResponse<String> app = null;
                for (int i = 0; i < 480 && (app == null || app.statusCode() != 200); i++) {
                    Thread.sleep(250);
                    try {
                        app = page(browser, "/app/");
                    } catch (IOException e) {
                        app = null;
                    }
                }
                assertThat(app).isNotNull();
                assertThat(app.statusCode()).as("still signed in after the restart").isEqualTo(200);
                assertThat(app.body()).contains("id=\"who\">ops");
            } finally {
                again.destroy();
                assertThat(again.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /**
     * Issue #10: an adapter whose inbox is on an SFTP server, in the real framework: the file is streamed into the sealed
     * archive, ingested, recorded as delivered by the SFTP location and deleted on the server; no copy of it is written under
     * the installation.
     */
    static void aDeliveryBySftpIsIngestedWithoutALocalCopy(dk.tidlig.embeddeddb.TestDatabase db, dk.tidlig.adapter.SftpTestServer sftp)
            throws Exception {
        Path sample = REPO.resolve("adapters/dk.tidlig.adapter.healthvisitor/src/test/resources/samples/sundhedspleje-besoeg-20260601.csv");
        Path remote = sftp.deliver("ud/sundhedspleje", sample.getFileName().toString(), Files.readAllBytes(sample));
        String outcome = null;
        for (int i = 0; i < 240 && outcome == null; i++) {
            Thread.sleep(250);
            try (var c = db.connect(); var rs = c.createStatement().executeQuery("SELECT status, delivered_by FROM ingest_file WHERE adapter_id = "
                    + "'healthvisitor' AND file_name = '" + sample.getFileName() + "' AND status <> 'RUNNING'")) {
                outcome = rs.next() ? rs.getString(1) + " by " + rs.getString(2) : null;
            }
        }
        assertThat(outcome).isEqualTo("COMPLETED by " + sftp.location("ud/sundhedspleje"));
        for (int i = 0; i < 40 && Files.exists(remote); i++) {
            Thread.sleep(250);
        }
        assertThat(remote).as("deleted on the server once delivered").doesNotExist();
        try (Stream<Path> files = Files.list(remote.getParent())) {
            assertThat(files).as("no claim left on the server").isEmpty();
        }
        String firstLine = Files.readAllLines(sample, StandardCharsets.UTF_8).get(1);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/var/db/")).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as("a clear-text copy of the SFTP delivery in " + f)
                        .doesNotContain(firstLine);
            }
        }
    }

    /**
     * Issue #10: sign-in through KOMBIT's Context Handler in the real framework (java-saml and Santuario embedded in the web
     * bundle): the signed AuthnRequest, the signed assertion posted back, the session, a replay refused, the metadata, and
     * the sign-out sent on to the Context Handler.
     */
    static void staffSignInThroughKombitAndOutAgain(dk.tidlig.web.internal.TestIdp idp, java.security.cert.X509Certificate spCertificate)
            throws Exception {
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        assertThat(page(browser, "/app/login").body()).contains("href=\"/app/saml/login\"");
        assertThat(page(browser, "/app/saml/metadata").body()).contains("entityID=\"https://tidlig.kommune.example/saml\"")
                .contains("http://127.0.0.1:" + port + "/app/saml/acs");
        java.net.http.HttpResponse<String> start = page(browser, "/app/saml/login");
        assertThat(start.statusCode()).isEqualTo(302);
        String location = start.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(idp.ssoUrl + "?SAMLRequest=");
        dk.tidlig.web.internal.TestIdp.Assertion a = new dk.tidlig.web.internal.TestIdp.Assertion();
        a.inResponseTo = dk.tidlig.web.internal.TestIdp.authnRequestId(location, spCertificate);
        a.audience = "https://tidlig.kommune.example/saml";
        a.recipient = "http://127.0.0.1:" + port + "/app/saml/acs";
        a.email = "kombit.anna@kommune.example";
        String response = idp.response(a);
        java.util.function.Function<String, java.net.http.HttpResponse<String>> post = r -> {
            try {
                return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/app/saml/acs"))
                        .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "SAMLResponse=" + java.net.URLEncoder.encode(r, StandardCharsets.UTF_8))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        java.net.http.HttpResponse<String> acs = post.apply(response);
        assertThat(acs.statusCode()).as(acs.body()).isEqualTo(200);
        assertThat(page(browser, "/app/").body()).contains("id=\"who\">kombit.anna@kommune.example");
        assertThat(post.apply(response).statusCode()).as("the same assertion again").isEqualTo(401);
        String form = page(browser, "/app/").body();
        java.util.regex.Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        java.net.http.HttpResponse<String> out = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/app/logout")).header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "csrf=" + csrf.group(1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isIn(302, 303);
        assertThat(out.headers().firstValue("Location").orElseThrow()).as("sent on to the Context Handler's single logout")
                .startsWith(idp.sloUrl + "?SAMLRequest=");
        assertThat(page(browser, "/app/").statusCode()).as("signed out here").isEqualTo(302);
    }

    static java.net.http.HttpResponse<String> page(java.net.http.HttpClient browser, String path) throws Exception {
        return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the sign-in form, as a browser does. */
    static void signIn(java.net.http.HttpClient browser, String user, String password) throws Exception {
        String form = page(browser, "/app/login").body();
        java.util.regex.Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(token.find()).as(form).isTrue();
        java.net.http.HttpResponse<String> signedIn = browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/app/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + token.group(1) + "&username=" + user + "&password="
                        + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isIn(302, 303);
    }

    /**
     * The operator's side of the delivery above (issue #10): the list of deliveries with who delivered each, the quarantined
     * lines with their reasons, a line's content only with a reason (audited), a correction that resolves them, and each
     * source's freshness in /health.
     */
    void operatorSeesDeliveriesQuarantineAndSources(dk.tidlig.embeddeddb.TestDatabase db, java.net.http.HttpClient http,
            java.net.http.HttpRequest health, Path sample) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Installation.Run deliveries = tidlig("deliveries", "--adapter", "dental");
        assertThat(deliveries.code()).as(deliveries.err()).isZero();
        List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
        for (String l : deliveries.out().strip().split("\n")) {
            lines.add(json.readTree(l));
        }
        assertThat(lines).as(deliveries.out()).hasSize(2);
        com.fasterxml.jackson.databind.JsonNode first = lines.get(1);
        assertThat(first.get("file").asText()).isEqualTo("delivery.csv");
        assertThat(first.get("status").asText()).isEqualTo("completed");
        assertThat(first.get("delivered_by").asText()).isEqualTo("inbox");
        assertThat(first.get("lines").asLong()).isEqualTo(10);
        assertThat(first.get("accepted").asLong() + first.get("duplicates").asLong() + first.get("quarantined").asLong()
                + first.get("skipped").asLong()).as("every line accounted for").isEqualTo(10);
        assertThat(lines.get(0).get("delivered_by").asText()).startsWith("reprocess of archived delivery ").contains(" by OS user ");
        long delivery = first.get("delivery").asLong();

        Installation.Run list = tidlig("quarantine", "list", "--delivery", Long.toString(delivery));
        assertThat(list.code()).as(list.err()).isZero();
        List<com.fasterxml.jackson.databind.JsonNode> quarantined = new java.util.ArrayList<>();
        for (String l : list.out().strip().split("\n")) {
            quarantined.add(json.readTree(l));
        }
        assertThat(quarantined).as(list.out()).hasSize(3).allSatisfy(q -> {
            assertThat(q.get("delivery").asLong()).isEqualTo(delivery);
            assertThat(q.get("reason").asText()).isNotBlank();
        });
        assertThat(list.out()).as("the list never shows a line's content").doesNotContain("Testesen").doesNotContainPattern("\\d{6}-?\\d{4}");
        long lineId = quarantined.get(0).get("id").asLong();
        int lineNo = quarantined.get(0).get("line").asInt();
        Installation.Run noReason = tidlig("quarantine", "show", Long.toString(lineId));
        assertThat(noReason.code()).isEqualTo(2);
        assertThat(noReason.out()).isEmpty();
        Installation.Run shown = tidlig("quarantine", "show", Long.toString(lineId), "--reason", "IT vendor ticket 17");
        assertThat(shown.code()).as(shown.err()).isZero();
        String sampleLine = Files.readAllLines(sample, java.nio.charset.StandardCharsets.UTF_8).get(lineNo - 1);
        assertThat(shown.out().strip()).as("the line as delivered").isEqualTo(sampleLine.strip());
        try (var c = db.connect(); var rs = c.createStatement().executeQuery(
                "SELECT actor, subject, detail FROM audit_entry WHERE action = 'QUARANTINE_OPENED' ORDER BY seq")) {
            assertThat(rs.next()).as("the reading is audited").isTrue();
            assertThat(rs.getString(1)).startsWith("os:");
            assertThat(rs.getString(2)).isEqualTo("delivery " + delivery);
            assertThat(rs.getString(3)).contains("line " + lineNo).endsWith("IT vendor ticket 17");
            assertThat(rs.next()).as("once").isFalse();
        }

        // the corrected lines come as a file of their own; once it completed with nothing kept aside, it resolves the delivery's lines
        Path corrected = home.resolve("var/delivery-rettet.csv");
        List<String> sampleLines = Files.readAllLines(sample, java.nio.charset.StandardCharsets.UTF_8);
        Files.write(corrected, List.of(sampleLines.get(0), sampleLines.get(1)), java.nio.charset.StandardCharsets.UTF_8);
        Installation.Run imported = tidlig("import", "dental", corrected.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        Installation.Run fixes = tidlig("deliveries", "--adapter", "dental", "--limit", "1");
        com.fasterxml.jackson.databind.JsonNode fix = json.readTree(fixes.out().strip());
        assertThat(fix.get("delivered_by").asText()).startsWith("import by OS user ");
        assertThat(fix.get("quarantined").asLong()).isZero();
        Installation.Run wrongWay = tidlig("quarantine", "resolve", Long.toString(fix.get("delivery").asLong()), "--by", Long.toString(delivery));
        assertThat(wrongWay.code()).isEqualTo(2);
        assertThat(wrongWay.err()).contains("not later");
        Installation.Run resolved = tidlig("quarantine", "resolve", Long.toString(delivery), "--by", fix.get("delivery").asText());
        assertThat(resolved.code()).as(resolved.err()).isZero();
        assertThat(resolved.out()).as("its three lines, and the same three of its reprocessing").contains("\"resolved\":6");
        assertThat(tidlig("quarantine", "list", "--open").out()).as("nothing open any more").isBlank();

        Installation.Run sources = tidlig("deliveries", "sources");
        assertThat(sources.code()).as(sources.err()).isZero();
        assertThat(sources.out()).containsPattern("\"adapter\":\"dental\",\"source\":\"[^\"]+\",\"interval\":\"P7D\",\"last_delivery\":\"[^\"]+\".*\"overdue\":false")
                .contains("\"adapter\":\"cpr\"");
        String details = http.send(health, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(details).contains("\"sources\":[").containsPattern("\\{\"adapter\":\"dental\",\"interval\":\"P7D\",\"lastDelivery\":\"[^\"]+\",\"overdue\":false\\}")
                .contains("\"warnings\":[]");
    }

    static final String SCRAPE_TOKEN = "it-scrape-token-0123456789abcdefghijklmnop";

    /**
     * /metrics (issue #10): 401 to anonymous callers and to a wrong token, 403 to other roles, and to the scrape token or an
     * administrator the Prometheus text format with what the delivery above did, the sources' lag, refused sign-ins and the JVM.
     */
    void metricsForTheScrapeTokenOrAnAdministrator(java.net.http.HttpClient http, String basic) throws Exception {
        java.net.URI metrics = java.net.URI.create("http://127.0.0.1:" + port + "/metrics");
        java.net.http.HttpResponse<String> anonymous = http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Bearer"));
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + SCRAPE_TOKEN + "x").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("a wrong token").isEqualTo(401);
        String wrongPassword = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:not-the-password".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(metrics).header("Authorization", wrongPassword).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("a wrong password").isEqualTo(401);
        Installation.Run analyst = tidlig("users", "add", "metrics-analyst", "analyst");
        java.util.regex.Matcher password = java.util.regex.Pattern.compile("has the password: (\\S+)").matcher(analyst.out());
        assertThat(password.find()).as(analyst.out()).isTrue();
        String analystBasic = "Basic " + java.util.Base64.getEncoder().encodeToString(("metrics-analyst:" + password.group(1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(metrics).header("Authorization", analystBasic).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("another role").isEqualTo(403);

        java.net.http.HttpResponse<String> scraped = http.send(java.net.http.HttpRequest.newBuilder(metrics)
                .header("Authorization", "Bearer " + SCRAPE_TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        String text = scraped.body();
        // the inbox's delivery, which the server read (3 of 10 lines quarantined); the reprocessing and the import ran in commands
        assertThat(text).containsPattern("tidlig_ingest_lines_total\\{adapter=\"dental\",municipality=\"\\d+\",outcome=\"quarantined\"\\} 3\\.0")
                .containsPattern("tidlig_ingest_lines_total\\{adapter=\"dental\",municipality=\"\\d+\",outcome=\"accepted\"\\} 3\\.0")
                .containsPattern("tidlig_delivery_duration_seconds_count\\{adapter=\"dental\",municipality=\"\\d+\",status=\"completed\"\\} 1(\\.0)?\n")
                .containsPattern("tidlig_source_delivery_age_seconds\\{adapter=\"dental\",municipality=\"\\d+\"\\} \\d")
                .containsPattern("tidlig_source_overdue\\{adapter=\"cpr\",municipality=\"\\d+\"\\} 0\\.0")
                .containsPattern("tidlig_sign_in_failures_total\\{method=\"local\",reason=\"wrong_password\"\\} [1-9]")
                .contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
        assertThat(text).as("no personal data").doesNotContain("1503224012").doesNotContain("150322-4012").doesNotContain("210919-4001")
                .doesNotContain("Testesen");
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(metrics).header("Authorization", basic).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("an administrator").isEqualTo(200);
    }

    /** True when the archive of deliveries records a completed delivery. */
    static boolean archived(Path home) throws IOException {
        Path dir = home.resolve("var/deliveries");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".properties")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("status=COMPLETED");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /** True when the health document shows the database, the legal basis and every deployed adapter's inbox up. */
    static boolean startedCompletely(String health) {
        if (!health.contains("\"status\":\"UP\"") || !health.contains("\"legalBasis\":{\"configured\":true,\"id\":\"IT-START\"")) {
            return false;
        }
        for (String adapter : deployed.split(", ")) {
            if (!health.contains("\"" + adapter + "-inbox\":\"Started\"")) {
                return false;
            }
        }
        return true;
    }
}
