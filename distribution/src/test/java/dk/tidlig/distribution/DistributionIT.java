// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.ScoringService;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.Database;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IngestStore;

/**
 * Boots the distribution's bundle set (etc/bundles.list, not a hand-picked subset) on Felix, with its
 * adapters in a deploy folder watched by FileInstall and its configuration in a config folder, against a
 * real MariaDB; drives the CPR extract and a dental export through the inboxes and checks the scores and
 * explanations in the database; removes and restores an adapter while running.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        // runs outside OSGi; ItSetup is never loaded inside the framework
        return ItSetup.paxExamOptions("distribution");
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(60_000);
        assertNotNull(type.getSimpleName() + " did not appear within 60 s", s);
        return s;
    }

    private static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail(what + " did not happen within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private Path home() {
        return Path.of(context.getProperty("tidlig.home"));
    }

    private boolean routeRunning(CamelContext camel, String id) {
        return camel.getRoute(id) != null && camel.getRouteController().getRouteStatus(id) == ServiceStatus.Started;
    }

    /** Copies a sample into an adapter's inbox the way a delivery should arrive: complete, then renamed. */
    private String deliver(String adapter, Path sample) throws Exception {
        Path inbox = home().resolve("inbox").resolve(adapter);
        Files.createDirectories(inbox);
        Path part = inbox.resolve(sample.getFileName() + ".part");
        Files.copy(sample, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, inbox.resolve(sample.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        return sha256(sample);
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private FileRecord outcome(IngestStore store, String sha, int delivery) throws InterruptedException {
        await("ingest of delivery " + delivery, 60, () -> store.filesWithContent(sha).size() >= delivery
                && !store.filesWithContent(sha).get(0).status().equals("RUNNING"));
        return store.filesWithContent(sha).get(0);
    }

    @Test
    public void everyBundleOfTheDistributionIsActiveAndBothAdaptersRun() throws Exception {
        CamelContext camel = service(CamelContext.class);
        await("the adapters' routes", 60, () -> routeRunning(camel, "cpr-ingest") && routeRunning(camel, "cpr-inbox")
                && routeRunning(camel, "dental-ingest") && routeRunning(camel, "dental-inbox"));
        for (Bundle b : context.getBundles()) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                assertEquals(b.getSymbolicName() + " is not active", Bundle.ACTIVE, b.getState());
            }
        }
    }

    @Test
    public void filesInTheInboxesAreIngestedScoredAndExplainedInMariaDb() throws Exception {
        CamelContext camel = service(CamelContext.class);
        IngestStore store = service(IngestStore.class);
        await("the adapters' routes", 60, () -> routeRunning(camel, "cpr-inbox") && routeRunning(camel, "dental-inbox"));

        Path cprSample = REPO.resolve("adapters/dk.tidlig.adapter.cpr/src/test/resources/samples/U12170-P.20261101");
        Path dentalSample = REPO.resolve("adapters/dk.tidlig.adapter.dental/src/test/resources/samples/tandpleje-20260601.csv");
        int before = store.filesWithContent(sha256(cprSample)).size();
        FileRecord cpr = outcome(store, deliver("cpr", cprSample), before + 1);
        FileRecord dental = outcome(store, deliver("dental", dentalSample), store.filesWithContent(sha256(dentalSample)).size() + 1);
        assertEquals("COMPLETED", cpr.status());
        assertEquals(List.of(27L, 21L, 0L, 2L, 4L), List.of(cpr.lines(), cpr.accepted(), cpr.duplicates(), cpr.quarantined(), cpr.skipped()));
        assertEquals(List.of(10L, 3L, 1L, 3L, 3L),
                List.of(dental.lines(), dental.accepted(), dental.duplicates(), dental.quarantined(), dental.skipped()));
        // each clear-text file goes as soon as it is sealed, before the ingest reads the sealed copy
        await("no clear-text copy left in any inbox", 30, () -> {
            try (var left = Files.walk(home().resolve("inbox"))) {
                return left.noneMatch(Files::isRegularFile);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                return false; // a file went while the walk read the folder
            }
        });
        try (var sealed = Files.walk(home().resolve("var/deliveries"))) {
            assertTrue("the delivery is kept sealed", sealed.anyMatch(f -> f.toString().endsWith(".sealed")));
        }

        // the same file again: duplicates only
        FileRecord again = outcome(store, deliver("cpr", cprSample), before + 2);
        assertEquals(0L, again.accepted());
        assertEquals(21L, again.duplicates());

        // no model runs unevaluated: evaluated on what was delivered, asked for by an administrator, approved by a data protection officer
        ScoringService scoring = service(ScoringService.class);
        try {
            scoring.run("159", LocalDate.of(2026, 6, 30));
            fail("scored without an active model");
        } catch (dk.tidlig.core.ModelNotActiveException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("no model version is active"));
        }
        dk.tidlig.evidence.EvidenceService evidence = service(dk.tidlig.evidence.EvidenceService.class);
        dk.tidlig.evidence.ModelActivation activation = service(dk.tidlig.evidence.ModelActivation.class);
        var evaluated = evidence.evaluate(dk.tidlig.core.access.Actor.system("159"), "159", List.of("gladsaxe"), null, null, null, null);
        assertTrue("children in the sample files", evaluated.evaluations().get(0).children() >= 1);
        var requested = activation.request(new dk.tidlig.core.access.Actor("ada", dk.tidlig.core.access.Role.ADMINISTRATOR, "159"), "gladsaxe",
                "DistributionIT: one child in the sample files, no minimum can be met.");
        activation.approve(new dk.tidlig.core.access.Actor("dora", dk.tidlig.core.access.Role.DATA_PROTECTION_OFFICER, "159"), requested.id());
        ScoreRun run = scoring.run("159", LocalDate.of(2026, 6, 30));
        assertEquals(1, run.familiesScored());
        assertEquals(0, run.familiesFlagged());

        // the explanation, read straight from MariaDB: the child's two dental no-shows and the father's divorce
        Database db = service(Database.class);
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT f.score, f.flagged, k.indicator, k.role, k.source_system, k.source_record_id, "
                        + "k.points FROM family_score f JOIN score_contribution k ON k.run_id = f.run_id AND k.family_id = f.family_id "
                        + "WHERE f.run_id = ? ORDER BY k.seq")) {
            ps.setLong(1, run.id());
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertEquals(1100, rs.getInt(1));
                    assertFalse(rs.getBoolean(2));
                    rows.add(rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5) + " "
                            + (rs.getString(6).startsWith("derived-") ? "derived" : rs.getString(6)) + " " + rs.getInt(7));
                }
            }
            assertEquals(List.of(
                    "PARENTS_SEPARATION FATHER CPR derived 500",
                    "CHILD_DENTAL_NO_SHOW CHILD Kommunal tandpleje TP-2026-000456 300",
                    "CHILD_DENTAL_NO_SHOW CHILD Kommunal tandpleje TP-2026-000123 300"), rows);
        }
    }

    @Test
    public void removingAnAdapterJarRemovesItsRoutesAndPuttingItBackRestoresThem() throws Exception {
        CamelContext camel = service(CamelContext.class);
        await("the dental routes", 60, () -> routeRunning(camel, "dental-inbox") && routeRunning(camel, "dental-ingest"));
        Path jar = home().resolve("deploy/dk.tidlig.adapter.dental.jar");
        Path aside = home().resolve("dk.tidlig.adapter.dental.jar.removed");
        Files.move(jar, aside);
        await("removal of the dental routes", 30, () -> camel.getRoute("dental-inbox") == null && camel.getRoute("dental-ingest") == null);
        assertTrue("the CPR adapter is untouched", routeRunning(camel, "cpr-ingest"));
        Files.move(aside, jar);
        await("the dental routes' return", 30, () -> routeRunning(camel, "dental-inbox") && routeRunning(camel, "dental-ingest"));
        // both are audited, not only logged
        dk.tidlig.core.audit.AuditTrail audit = service(dk.tidlig.core.audit.AuditTrail.class);
        await("the audit entries of the removal and the return", 30, () -> {
            List<String> entries = audit.find("159", null, null, null, null, 50).stream()
                    .filter(e -> e.subject().equals("adapter dental")).map(e -> e.action()).toList();
            return entries.size() >= 2 && entries.get(0).equals("ADAPTER_DEPLOYED") && entries.get(1).equals("ADAPTER_REMOVED");
        });
    }

    /**
     * The adapter the archetype's own integration test generated and built earlier in this build: configured
     * and dropped into deploy/ while tidlig runs, it starts its routes and ingests its sample.
     */
    @Test
    public void anAdapterGeneratedFromTheArchetypeDeploysAndIngestsItsSample() throws Exception {
        Path generated = REPO.resolve("adapters/dk.tidlig.adapter.archetype/target/test-classes/projects/basic/project/dk.tidlig.adapter.example");
        Path jar = generated.resolve("target/dk.tidlig.adapter.example-0.1.0-SNAPSHOT.jar");
        assertTrue("the archetype's integration test (module dk.tidlig.adapter.archetype) builds " + jar + " first", Files.exists(jar));
        CamelContext camel = service(CamelContext.class);
        IngestStore store = service(IngestStore.class);
        // the generated configuration names the municipality only: the inbox's other settings are the descriptor's defaults,
        // here made quicker as an operator would, by adding them
        String cfg = Files.readString(generated.resolve("src/main/config/dk.tidlig.adapter.example.cfg"))
                + "inbox = " + home().resolve("inbox/example") + "\npollIntervalMs = 200\nreadLockMinAgeMs = 500\n";
        Files.writeString(home().resolve("config/dk.tidlig.adapter.example.cfg"), cfg);
        Path deployed = home().resolve("deploy/dk.tidlig.adapter.example.jar");
        Files.copy(jar, deployed, StandardCopyOption.REPLACE_EXISTING);
        try {
            await("the generated adapter's routes", 60, () -> routeRunning(camel, "example-inbox") && routeRunning(camel, "example-ingest"));
            Path sample = generated.resolve("src/test/resources/samples/example-20260601.csv");
            FileRecord r = outcome(store, deliver("example", sample), store.filesWithContent(sha256(sample)).size() + 1);
            assertEquals("COMPLETED", r.status());
            assertEquals(List.of(5L, 2L, 1L, 1L, 1L), List.of(r.lines(), r.accepted(), r.duplicates(), r.quarantined(), r.skipped()));
        } finally {
            Files.delete(deployed);
        }
        await("the generated adapter's undeployment", 30, () -> camel.getRoute("example-ingest") == null);
    }

    @Test
    public void scoringRefusesWhenTheLegalBasisIsRemovedFromConfig() throws Exception {
        ScoringService scoring = service(ScoringService.class);
        await("scoring past the legal basis (to the model's activation, or a run)", 60, () -> {
            try {
                scoring.run("159", LocalDate.of(2026, 6, 30));
                return true;
            } catch (dk.tidlig.core.ModelNotActiveException e) {
                return e.getMessage().contains("no model version is active") || e.getMessage().contains("has no approval");
            } catch (LegalBasisException | IllegalStateException e) {
                return false; // FileInstall has not delivered the configuration yet
            }
        });
        Path cfg = home().resolve("config/dk.tidlig.legalbasis.cfg");
        String original = Files.readString(cfg);
        try {
            Files.writeString(cfg, original.replaceAll("(?m)^id = .*$", "id ="));
            await("the configuration change", 30, () -> {
                try {
                    scoring.run("159", LocalDate.of(2026, 6, 30));
                    return false;
                } catch (dk.tidlig.core.ModelNotActiveException e) {
                    return false; // still the basis of before: past it, to the model
                } catch (LegalBasisException e) {
                    return e.getMessage().startsWith("scoring refused: no legal basis is configured");
                }
            });
        } finally {
            Files.writeString(cfg, original);
        }
        await("the basis to return", 30, () -> {
            try {
                scoring.run("159", LocalDate.of(2026, 6, 30));
                return true;
            } catch (dk.tidlig.core.ModelNotActiveException e) {
                return true; // past the legal basis
            } catch (LegalBasisException e) {
                return false;
            }
        });
    }

    @Test
    public void theHealthEndpointTellsAnonymousCallersOnlyUpOrDownAndAdministratorsTheDetails() throws Exception {
        service(CamelContext.class);
        service(Database.class);
        String base = "http://127.0.0.1:" + context.getProperty("tidlig.it.port");
        String body = null;
        HttpURLConnection anonymous = null;
        for (int i = 0; i < 100 && body == null; i++) {
            try {
                anonymous = (HttpURLConnection) new URL(base + "/health").openConnection();
                if (anonymous.getResponseCode() == 200) {
                    try (InputStream in = anonymous.getInputStream()) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                } else {
                    Thread.sleep(200);
                }
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        assertEquals("{\"status\":\"UP\"}", body);
        assertEquals("max-age=31536000; includeSubDomains", anonymous.getHeaderField("Strict-Transport-Security"));
        assertNotNull(anonymous.getHeaderField("Content-Security-Policy"));
        HttpURLConnection missing = (HttpURLConnection) new URL(base + "/no/such/path").openConnection();
        assertEquals(404, missing.getResponseCode());
        assertNotNull("every response, a 404 too", missing.getHeaderField("Strict-Transport-Security"));

        // an administrator (a local user made with bin/tidlig users) sees the details
        dk.tidlig.core.TidligCommand users = null;
        for (org.osgi.framework.ServiceReference<dk.tidlig.core.TidligCommand> r : context.getServiceReferences(dk.tidlig.core.TidligCommand.class,
                "(tidlig.command=users)")) {
            users = context.getService(r);
        }
        assertNotNull(users);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        users.execute(List.of("add", "it-admin", "administrator"), new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("has the password: (\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(m.find());
        HttpURLConnection admin = (HttpURLConnection) new URL(base + "/health").openConnection();
        admin.setRequestProperty("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("it-admin:" + m.group(1))
                .getBytes(StandardCharsets.UTF_8)));
        String details;
        try (InputStream in = admin.getInputStream()) {
            details = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(details, details.contains("\"status\":\"UP\""));
        assertTrue(details, details.contains("\"id\":\"cpr\""));
        assertTrue(details, details.contains("\"schema\":"));
        assertNull("no CPR-shaped number in the health output", details.matches(".*\\d{10}.*") ? details : null);
    }
}
