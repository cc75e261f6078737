// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.RouteHarness;
import dk.tidlig.adapter.fhir.internal.mapping.Fhir;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;

/** The FHIR adapter's own routes in a real CamelContext, over the README's sample deliveries. */
class FhirRouteTest {

    static final Path SAMPLES = Path.of("src/test/resources/samples");
    static final Path BUNDLE_JSON = SAMPLES.resolve("region-20260601.json");
    static final Path BULK_NDJSON = SAMPLES.resolve("bulk-20260601.ndjson");
    static final Path BUNDLE_XML = SAMPLES.resolve("henvisninger-20260601.xml");

    static final String ALMA = "1503224012";
    static final String BIRTHE = "0505941234";
    static final String CARL = "0101901233";

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new FhirAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theFamilyBundleIsReadFromTheInboxWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(BUNDLE_JSON).toJson()).isEqualTo("{\"file\":\"region-20260601.json\",\"adapter\":\"fhir\","
                + "\"status\":\"completed\",\"lines\":13,\"accepted\":8,\"duplicates\":0,\"quarantined\":2,\"skipped\":3}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(9L, "Condition: invalid value in onsetDateTime"),
                Map.entry(10L, "Appointment: participant refers to a patient not in this delivery"));
        assertThat(routes.ingest.stored).containsExactlyInAnyOrder(
                new PersonRecord(ALMA, Sex.FEMALE, LocalDate.of(2022, 3, 15), null, null),
                new NameRecord(ALMA, "Alma", null, "Testesen"),
                new PersonRecord(BIRTHE, Sex.FEMALE, LocalDate.of(1994, 5, 5), null, null),
                new NameRecord(BIRTHE, "Birthe Marie", null, "Testesen"),
                new PersonRecord(CARL, Sex.MALE, LocalDate.of(1990, 1, 1), null, null),
                new NameRecord(CARL, "Carl", null, "Prøvesen"),
                new RelationRecord(RelationType.MOTHER_OF, BIRTHE, ALMA, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.CUSTODY_HOLDER_OF, BIRTHE, ALMA, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.FATHER_OF, CARL, ALMA, LocalDate.of(2022, 3, 15), null),
                new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, BIRTHE, LocalDate.of(2025, 3, 2), null, "Condition/cond-3001",
                        List.of(DetailCode.of(DetailCode.SKS, "DF322"))),
                new RiskEvent(Indicator.MISSED_DOCTOR_APPOINTMENT, ALMA, LocalDate.of(2025, 11, 3), null, "Appointment/appt-4001",
                        List.of(DetailCode.of(Fhir.SERVICE_TYPE, "124"))),
                new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, CARL, LocalDate.of(2025, 6, 12), LocalDate.of(2025, 6, 12), "Condition/cond-3002",
                        List.of(DetailCode.of(DetailCode.ICD10, "F10.2"))));
        await(() -> files(routes.inbox()).isEmpty() && routes.ingest.received.size() == 1);
        assertThat(routes.inbox().resolve("region-20260601.json")).doesNotExist();

        FileOutcome again = routes.send(BUNDLE_JSON);
        assertThat(again.toJson()).isEqualTo("{\"file\":\"region-20260601.json\",\"adapter\":\"fhir\","
                + "\"status\":\"completed\",\"lines\":13,\"accepted\":0,\"duplicates\":8,\"quarantined\":2,\"skipped\":3}");
    }

    /** The README's example: the three samples through the ingest endpoint, as bin/tidlig import fhir sends them, twice. */
    @Test
    void theReadmesExample() {
        assertThat(List.of(BUNDLE_JSON, BULK_NDJSON, BUNDLE_XML).stream().map(f -> routes.send(f).toJson()).toList()).containsExactly(
                "{\"file\":\"region-20260601.json\",\"adapter\":\"fhir\",\"status\":\"completed\",\"lines\":13,\"accepted\":8,\"duplicates\":0,\"quarantined\":2,\"skipped\":3}",
                "{\"file\":\"bulk-20260601.ndjson\",\"adapter\":\"fhir\",\"status\":\"completed\",\"lines\":11,\"accepted\":5,\"duplicates\":0,\"quarantined\":3,\"skipped\":3}",
                "{\"file\":\"henvisninger-20260601.xml\",\"adapter\":\"fhir\",\"status\":\"completed\",\"lines\":5,\"accepted\":2,\"duplicates\":0,\"quarantined\":1,\"skipped\":2}");
        assertThat(List.of(BUNDLE_JSON, BULK_NDJSON, BUNDLE_XML).stream().map(f -> routes.send(f).toJson()).toList()).containsExactly(
                "{\"file\":\"region-20260601.json\",\"adapter\":\"fhir\",\"status\":\"completed\",\"lines\":13,\"accepted\":0,\"duplicates\":8,\"quarantined\":2,\"skipped\":3}",
                "{\"file\":\"bulk-20260601.ndjson\",\"adapter\":\"fhir\",\"status\":\"completed\",\"lines\":11,\"accepted\":0,\"duplicates\":5,\"quarantined\":3,\"skipped\":3}",
                "{\"file\":\"henvisninger-20260601.xml\",\"adapter\":\"fhir\",\"status\":\"completed\",\"lines\":5,\"accepted\":0,\"duplicates\":2,\"quarantined\":1,\"skipped\":2}");
    }

    @Test
    void theBulkExportIsReadLineByLineWithReferencesWithinTheFileAndByCprIdentifier() throws Exception {
        assertThat(routes.send(BULK_NDJSON).toJson()).isEqualTo("{\"file\":\"bulk-20260601.ndjson\",\"adapter\":\"fhir\","
                + "\"status\":\"completed\",\"lines\":11,\"accepted\":5,\"duplicates\":0,\"quarantined\":3,\"skipped\":3}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(8L, "the line is not valid JSON (column 91)"),
                Map.entry(9L, "Condition: the resource id looks like a CPR number and cannot be used as record id"),
                Map.entry(10L, "Patient: CPR identifier: CPR number has a month that does not exist"));
        assertThat(routes.ingest.stored).contains(
                new RelationRecord(RelationType.PARENT_OF, "2304914006", "2109194001", null, null),
                new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "2109194001", LocalDate.of(2025, 9, 10), null, "Appointment/appt-2201",
                        List.of(DetailCode.of(Fhir.SERVICE_TYPE, "92"))),
                // 22:30 UTC on 30 September is 1 October in Denmark
                new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, "2109194001", LocalDate.of(2025, 10, 1), null, "Appointment/appt-2202",
                        List.of(DetailCode.of(Fhir.SERVICE_TYPE, "58"))));
    }

    @Test
    void theXmlBundleIsReadEntryByEntry() throws Exception {
        assertThat(routes.send(BUNDLE_XML).toJson()).isEqualTo("{\"file\":\"henvisninger-20260601.xml\",\"adapter\":\"fhir\","
                + "\"status\":\"completed\",\"lines\":5,\"accepted\":2,\"duplicates\":0,\"quarantined\":1,\"skipped\":2}");
        assertThat(routes.ingest.quarantine).containsOnly(Map.entry(4L, "Condition: subject refers to a patient not in this delivery"));
        assertThat(routes.ingest.stored).contains(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, "0909894022", LocalDate.of(2024, 11, 20),
                null, "Condition/cond-3101", List.of(DetailCode.of(DetailCode.ICD10, "F20.0"))));
    }

    @Test
    void filesInAnotherEncodingThanUtf8AreRefusedBeforeAnythingIsStored() throws Exception {
        String json = Files.readString(BUNDLE_JSON);
        Path utf16 = home.resolve("utf16.json");
        Files.write(utf16, json.getBytes(StandardCharsets.UTF_16)); // with byte-order mark
        FileOutcome o = routes.send(utf16);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(o.reason()).isEqualTo("the file is UTF-16 (byte-order mark); the adapter reads UTF-8");

        Path latin1 = home.resolve("latin1.ndjson");
        Files.write(latin1, Files.readString(BULK_NDJSON).getBytes(StandardCharsets.ISO_8859_1));
        FileOutcome l = routes.drop(latin1);
        assertThat(l.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(l.reason()).startsWith("not valid UTF-8 from line 1");
        assertThat(l.lines()).isZero();
        assertThat(routes.ingest.stored).isEmpty();
        await(() -> files(routes.inbox()).isEmpty());
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsRefusedAsAWhole() throws Exception {
        Path truncated = home.resolve("truncated.json");
        String json = Files.readString(BUNDLE_JSON);
        Files.writeString(truncated, json.substring(0, json.indexOf("\"fullUrl\": \"https://fhir.region.example/fhir/Patient/pt-1003\"")));
        FileOutcome o = routes.send(truncated);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(o.reason()).isEqualTo("the file is not valid JSON (line 33, column 7)");
        assertThat(routes.ingest.stored).isEmpty();

        Path notFhir = home.resolve("other.xml");
        Files.writeString(notFhir, "<?xml version=\"1.0\"?><Bundle><entry/></Bundle>");
        assertThat(routes.send(notFhir).reason()).isEqualTo("the file is not FHIR XML: its root element is not in the namespace http://hl7.org/fhir");

        Path pretty = home.resolve("pretty.ndjson");
        Files.copy(BUNDLE_JSON, pretty);
        assertThat(routes.send(pretty).reason()).startsWith("the file is not NDJSON of FHIR resources: line 1: the line is not valid JSON");
    }

    @Test
    void whenStoringFailsTheFileFailsAndCanBeDeliveredAgain() throws Exception {
        routes.ingest.failAfterLines = 2;
        FileOutcome o = routes.drop(BUNDLE_JSON);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.FAILED);
        assertThat(o.reason()).isEqualTo("storing failed (simulated)");
        await(() -> files(routes.inbox()).isEmpty());
        routes.ingest.failAfterLines = -1;
        FileOutcome again = routes.send(BUNDLE_JSON);
        assertThat(again.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(again.accepted() + again.duplicates()).isEqualTo(8);
    }

    @Test
    void aNoShowCorrectedInTheSourceSystemIsRemoved() throws Exception {
        String noShow = "{\"resourceType\":\"Appointment\",\"id\":\"a-1\",\"status\":\"noshow\",\"serviceType\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/service-type\",\"code\":\"124\"}]}],\"start\":\"2025-05-05T09:00:00+02:00\","
                + "\"participant\":[{\"actor\":{\"identifier\":{\"system\":\"urn:oid:1.2.208.176.1.2\",\"value\":\"1503224012\"}},\"status\":\"accepted\"}]}\n";
        Path monday = home.resolve("monday.ndjson");
        Files.writeString(monday, noShow);
        Path tuesday = home.resolve("tuesday.ndjson");
        Files.writeString(tuesday, noShow.replace("noshow", "fulfilled"));
        assertThat(routes.send(monday).accepted()).isEqualTo(1);
        assertThat(routes.ingest.stored).hasSize(1);
        assertThat(routes.send(tuesday).accepted()).as("the correction changed what is held").isEqualTo(1);
        assertThat(routes.ingest.stored).isEmpty();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 15 s");
            }
            Thread.sleep(50);
        }
    }

    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
