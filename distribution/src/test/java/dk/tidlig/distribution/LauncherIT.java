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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs bin/tidlig as a user does, in a copy of the assembled distribution: the demo once, then imports
 * and a score run against the demo's data, and the audit trail's check over a database of its own. Checks
 * what is printed and that neither the output nor the logs hold anything shaped like a CPR number. The
 * server ({@code bin/tidlig start}) is tried in {@link ServerIT}, with the long tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    /**
     * A CPR number as it stands in text: ten digits (a hyphen after the sixth allowed) that are a word of their own, as a
     * data-loss scanner's word boundary sees it. Digits inside a longer word are no CPR number: a SHA-256 digest in hex
     * (a model's digest, an input's fingerprint) holds a run of exactly ten digits in about one of fourteen cases.
     */
    static final Pattern CPR_LIKE = Pattern.compile("(?<![0-9A-Za-z])\\d{6}-?\\d{4}(?![0-9A-Za-z])");
    /** A contribution line of the demo's list: points, indicator, whose, source system, date. */
    static final Pattern CONTRIBUTION = Pattern.compile("(?m)^ {7}[0-9 ,]{6}  .{45} .{24} (.+?) +\\d{4}-\\d{2}-\\d{2}");
    static final Path REPO = Installation.REPO;
    static Installation installation;
    static Path home;
    /** The adapters that run in the distribution, as the demo lists them: "cpr, dental, …". */
    static String deployed;

    @BeforeAll
    static void copyDistribution() throws IOException {
        installation = Installation.copy("launcher-it");
        home = installation.home;
        deployed = installation.deployedAdapters();
    }

    static Installation.Run tidlig(String... args) throws Exception {
        return installation.tidlig(args);
    }

    static void assertNoCprLikeNumber(String where, String text) {
        assertThat(CPR_LIKE.matcher(text).find()).as("a CPR-shaped number in " + where).isFalse();
    }

    @Test
    @Order(1)
    void theDemoPrintsAnExplainedListWithoutPersonalData() throws Exception {
        Installation.Run run = tidlig("demo", "--once", "--citizens", "3000");
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        // every delivery was read to the end, by every deployed adapter
        java.util.Set<String> read = new java.util.TreeSet<>();
        Pattern.compile("(?m)^  (\\S+) +(\\S+) +(\\S+) +[0-9,]+ accepted ").matcher(run.out()).results().forEach(m -> {
            assertThat(m.group(3)).as(m.group(1) + " reading " + m.group(2)).isEqualTo("completed");
            read.add(m.group(1));
        });
        assertThat(String.join(", ", read)).isEqualTo(deployed);
        java.util.Set<String> sources = new java.util.TreeSet<>();
        CONTRIBUTION.matcher(run.out()).results().forEach(m -> sources.add(m.group(1).strip()));
        assertThat(sources).as("source systems in the demo's list").hasSizeGreaterThanOrEqualTo(5);
        assertThat(run.out()).contains("Deployed adapters: " + deployed)
                .contains("Score run 1 with model gladsaxe")
                .containsPattern("F-[A-Z]{5}-[A-Z]{5} +[0-9,]+ points  child aged [0-6]  [2-9] indicators  FLAGGED")
                .contains("Parent's unemployment")
                .contains("Legal basis: DEMO-SYNTHETIC");
        assertNoCprLikeNumber("the demo's output", run.out() + run.err());
    }

    @Test
    @Order(2)
    void importsPrintOneJsonLinePerFileAndAreIdempotent() throws Exception {
        String sample = "adapters/dk.tidlig.adapter.dental/src/test/resources/samples/tandpleje-20260601.csv";
        Installation.Run first = tidlig("import", "--demo", "dental", sample, "no/such/file.csv");
        assertThat(first.code()).as(first.err()).isEqualTo(1);
        List<String> lines = first.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\{\"file\":\"tandpleje-20260601.csv\",\"adapter\":\"dental\",\"status\":\"completed\",\"lines\":10,"
                + "\"accepted\":[0-3],\"duplicates\":[1-4],\"quarantined\":3,\"skipped\":3\\}");
        assertThat(lines.get(1)).contains("\"status\":\"failed\"").contains("no readable file");
        Installation.Run second = tidlig("import", "--demo", "dental", sample);
        assertThat(second.code()).isZero();
        assertThat(second.out().strip()).isEqualTo("{\"file\":\"tandpleje-20260601.csv\",\"adapter\":\"dental\",\"status\":\"completed\","
                + "\"lines\":10,\"accepted\":0,\"duplicates\":4,\"quarantined\":3,\"skipped\":3}");
        Installation.Run unknown = tidlig("import", "--demo", "nosuchadapter", sample);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no adapter 'nosuchadapter' is deployed (deployed: " + deployed + ")");
    }

    @Test
    @Order(3)
    void scorePrintsTheRunAndItsCounts() throws Exception {
        Installation.Run run = tidlig("score", "--demo");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).matches("(?s)score run 2: \\d+ families scored, \\d+ flagged \\(model gladsaxe .*legal basis DEMO-SYNTHETIC.*\n");
        // each command's framework cache goes when it ends (it was 100 MB a command, left for ever)
        try (var caches = Files.list(home.resolve("var/felix"))) {
            assertThat(caches.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("command-"));
        }
    }

    static void configure(String file, String... keyValues) throws IOException {
        installation.configure(file, keyValues);
    }

    /**
     * Eight commands (about 50 s), so with the long tests ({@code -Plong-tests}), which CI runs after {@code mvn -B verify}.
     * It needs nothing of the tests before it: a database, keys and a legal basis of its own.
     */
    @Test
    @Order(4)
    @org.junit.jupiter.api.Tag("long")
    void auditVerifyNamesTheEntryThatWasTamperedWith() throws Exception {
        try (dk.tidlig.embeddeddb.TestDatabase db = dk.tidlig.embeddeddb.TestDatabase.create("audit")) {
            configure("dk.tidlig.store.cfg", "url", db.url(), "user", db.user(), ".password", db.password());
            configure("dk.tidlig.keys.cfg", "keyFile", "var/keys/audit-it.keys", "createKeysIfMissing", "true"); // its own chain head
            // the demo's basis copied into config/ does not hold outside the demo's home
            configure("dk.tidlig.legalbasis.cfg", "id", "DEMO-SYNTHETIC", "title", "Synthetic test data", "reference", "README",
                    "inForceFrom", "2000-01-01", "syntheticDataOnly", "true");
            Installation.Run refused = tidlig("score");
            assertThat(refused.code()).isEqualTo(3);
            assertThat(refused.err()).contains("synthetic test data only");
            configure("dk.tidlig.legalbasis.cfg", "id", "IT-AUDIT", "title", "Integration test", "reference", "LauncherIT",
                    "inForceFrom", "2000-01-01", "syntheticDataOnly", "false");
            // no model runs unevaluated: with a basis in force, scoring still refuses until a version is evaluated and activated
            Installation.Run unevaluated = tidlig("score");
            assertThat(unevaluated.code()).isEqualTo(3);
            assertThat(unevaluated.err().lines().toList()).singleElement().asString().contains("no model version is active")
                    .contains("bin/tidlig evaluate");
            for (String name : List.of("bo", "cai", "dan")) {
                Installation.Run added = tidlig("users", "add", name, "analyst");
                assertThat(added.code()).as(added.err()).isZero();
            }
            // a configuration change is audited once, with the names of the properties that changed, never their values
            configure("dk.tidlig.outreach.cfg", "capacityPerMonth", "10");
            Installation.Run afterChange = tidlig("users", "list");
            assertThat(afterChange.code()).as(afterChange.err()).isZero();
            Installation.Run user = tidlig("users", "add", "anna", "outreach_worker");
            assertThat(user.code()).as(user.err()).isZero();
            assertThat(user.out()).matches("(?s)User anna \\(outreach worker, municipality 159\\) has the password: [a-zA-Z2-9]{16}\n.*");
            assertThat(tidlig("users", "add", "0101901233", "auditor").code()).as("a CPR number is no user name").isEqualTo(2);
            Installation.Run intact = tidlig("audit", "verify");
            assertThat(intact.code()).as(intact.err()).isZero();
            assertThat(intact.out()).matches("The audit trail is intact: \\d+ entries, last hash [0-9a-f]{64}\\.\n");
            long tamperedSeq;
            try (var c = db.connect(); var st = c.createStatement()) {
                try (var rs = st.executeQuery("SELECT subject, detail FROM audit_entry WHERE action = 'CONFIG_CHANGE' AND subject IN "
                        + "('dk.tidlig.core', 'dk.tidlig.outreach') ORDER BY seq")) {
                    List<String> changes = new java.util.ArrayList<>();
                    while (rs.next()) {
                        changes.add(rs.getString(1) + ": " + rs.getString(2));
                    }
                    assertThat(changes).as("several boots, one change").containsExactlyInAnyOrder("dk.tidlig.core: configured: activeModel, municipalityCode",
                            "dk.tidlig.outreach: configured: capacityPerMonth, offerOrder, suppressionMonths, waitListMonths",
                            "dk.tidlig.outreach: changed: capacityPerMonth");
                    assertThat(changes.get(2)).isEqualTo("dk.tidlig.outreach: changed: capacityPerMonth");
                }
                try (var rs = st.executeQuery("SELECT seq FROM audit_entry WHERE action = 'CONFIG_CHANGE' AND subject LIKE 'user %' ORDER BY seq "
                        + "LIMIT 1 OFFSET 1")) {
                    assertThat(rs.next()).isTrue();
                    tamperedSeq = rs.getLong(1);
                }
                assertThat(st.executeUpdate("UPDATE audit_entry SET detail = CONCAT(detail, ' ') WHERE seq = " + tamperedSeq)).isEqualTo(1);
            }
            Installation.Run tampered = tidlig("audit", "verify");
            assertThat(tampered.code()).isEqualTo(4);
            assertThat(tampered.out()).matches("The audit trail has been tampered with \\(\\d+ entries read\\):\n"
                    + "  entry " + tamperedSeq + " does not match its hash: it was altered, or inserted without the key\n");
        }
        // run alone in the long tests, it checks its own commands' logs
        assertNoLogHoldsACprLikeNumber(home);
    }

    @Test
    @Order(5)
    void noLogHoldsACprShapedNumber() throws IOException {
        assertNoLogHoldsACprLikeNumber(home);
    }

    /** No log of the installation's commands or server (var/log/*.log) holds anything shaped like a CPR number. */
    static void assertNoLogHoldsACprLikeNumber(Path home) throws IOException {
        try (Stream<Path> logs = Files.list(home.resolve("var/log"))) {
            List<Path> files = logs.filter(p -> p.toString().endsWith(".log")).toList();
            assertThat(files).isNotEmpty();
            for (Path f : files) {
                assertNoCprLikeNumber(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
    }
}
