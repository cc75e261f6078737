// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ca.uhn.fhir.context.FhirContext;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.RouteHarness;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.fhir.internal.mapping.Fhir;
import dk.tidlig.adapter.fhir.internal.mapping.FhirWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;
import dk.tidlig.model.SourceRecord;

/** What the adapter's writer writes is read back by its own route. */
class FhirWriterTest {

    static final String ALMA = "1503224012";
    static final String BIRTHE = "0505941234";
    static final String CARL = "0101901233";
    static final String BO = "2109194001";
    static final String FRIDA = "2304914006";
    static final String DAN = "1207884321";

    static final FhirWriter WRITER = new FhirWriter(FhirContext.forR4());

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

    static SyntheticData municipality(double brokenShare) {
        List<PersonRecord> persons = List.of(new PersonRecord(ALMA, Sex.FEMALE, LocalDate.of(2022, 3, 15), null, "159"), PersonRecord.ofCpr(BIRTHE),
                PersonRecord.ofCpr(CARL), PersonRecord.ofCpr(BO), PersonRecord.ofCpr(FRIDA), PersonRecord.ofCpr(DAN));
        List<NameRecord> names = List.of(new NameRecord(ALMA, "Alma", null, "Testesen"), new NameRecord(BIRTHE, "Birthe Marie", null, "Testesen"),
                new NameRecord(FRIDA, "Frida", "Hansen", "Test"));
        List<RelationRecord> relations = List.of(
                new RelationRecord(RelationType.MOTHER_OF, BIRTHE, ALMA, null, null),
                new RelationRecord(RelationType.FATHER_OF, CARL, ALMA, null, null),
                new RelationRecord(RelationType.CUSTODY_HOLDER_OF, BIRTHE, ALMA, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.MOTHER_OF, FRIDA, BO, null, null),
                new RelationRecord(RelationType.SPOUSE_OF, DAN, BIRTHE, null, null));
        RiskEvent psychiatric = new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, BIRTHE, LocalDate.of(2025, 3, 2), null, "PSY-2025-000001",
                List.of(new DetailCode(DetailCode.SKS, "DF32", "Depressiv enkeltepisode")));
        List<RiskEvent> events = List.of(psychiatric,
                new RiskEvent(Indicator.MISSED_DOCTOR_APPOINTMENT, BO, LocalDate.of(2025, 5, 5), null, "LAEGE-2025-000001", List.of()),
                psychiatric, // delivered twice, as the synthetic municipality sometimes does
                new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, ALMA, LocalDate.of(2025, 2, 3), null, "TP-2025-000001", null),
                new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, ALMA, LocalDate.of(2022, 5, 3), null, "SP-2022-000001", null),
                new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, CARL, LocalDate.of(2024, 1, 1), null, "MIS-2024-000001", null));
        return new SyntheticData("159", LocalDate.of(2026, 6, 1), persons, names, List.of(), relations, events, brokenShare);
    }

    @Test
    void theWritersFileIsReadBackWithTheSamePersonsRelationsAndEvents() throws Exception {
        WrittenFile written = WRITER.write(municipality(0), home.resolve("out"), new Random(7)).get(0);
        assertThat(written.file().getFileName().toString()).isEqualTo("sundhedsdata-20260601.ndjson");
        // 4 patients (Birthe, Bo and the persons related to them as mother or custody holder), 3 related persons, 3 events
        assertThat(written.records()).isEqualTo(10);
        assertThat(written.broken()).isZero();
        assertThat(Files.readString(written.file())).doesNotContain("TP-2025", "SP-2022", "MIS-2024", CARL, DAN);

        FileOutcome o = routes.send(written.file());
        assertThat(o.toJson()).isEqualTo("{\"file\":\"sundhedsdata-20260601.ndjson\",\"adapter\":\"fhir\",\"status\":\"completed\","
                + "\"lines\":10,\"accepted\":9,\"duplicates\":1,\"quarantined\":0,\"skipped\":0}");
        List<SourceRecord> stored = routes.ingest.stored;
        assertThat(stored).filteredOn(r -> r instanceof PersonRecord).containsExactlyInAnyOrder(
                new PersonRecord(ALMA, Sex.FEMALE, LocalDate.of(2022, 3, 15), null, null),
                new PersonRecord(BIRTHE, Sex.FEMALE, LocalDate.of(1994, 5, 5), null, null),
                new PersonRecord(BO, Sex.MALE, LocalDate.of(2019, 9, 21), null, null),
                new PersonRecord(FRIDA, Sex.FEMALE, LocalDate.of(1991, 4, 23), null, null));
        assertThat(stored).filteredOn(r -> r instanceof NameRecord).extracting(r -> ((NameRecord) r).cpr() + " " + ((NameRecord) r).fullName())
                .containsExactlyInAnyOrder(ALMA + " Alma Testesen", BIRTHE + " Birthe Marie Testesen", FRIDA + " Frida Hansen Test");
        assertThat(stored).filteredOn(r -> r instanceof RelationRecord).containsExactlyInAnyOrder(
                new RelationRecord(RelationType.MOTHER_OF, BIRTHE, ALMA, null, null),
                new RelationRecord(RelationType.CUSTODY_HOLDER_OF, BIRTHE, ALMA, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.MOTHER_OF, FRIDA, BO, null, null));
        assertThat(stored).filteredOn(r -> r instanceof RiskEvent).containsExactlyInAnyOrder(
                new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, BIRTHE, LocalDate.of(2025, 3, 2), null, "Condition/PSY-2025-000001",
                        List.of(DetailCode.of(DetailCode.SKS, "DF32"))),
                new RiskEvent(Indicator.MISSED_DOCTOR_APPOINTMENT, BO, LocalDate.of(2025, 5, 5), null, "Appointment/LAEGE-2025-000001",
                        List.of(DetailCode.of(Fhir.SERVICE_TYPE, "124"))));
    }

    @Test
    void brokenResourcesAreAllQuarantinedAndCounted() throws Exception {
        for (double share : new double[] {0.5, 1}) {
            WrittenFile written = WRITER
                    .write(municipality(share), home.resolve("out-" + share), new Random(11)).get(0);
            FileOutcome o = routes.send(written.file());
            assertThat(o.lines()).isEqualTo(written.records());
            assertThat(o.quarantined()).as("share %s", share).isEqualTo(written.broken());
            if (share == 1) {
                assertThat(written.broken()).isEqualTo(10);
                assertThat(routes.ingest.quarantine.values()).contains("Patient: invalid value in birthDate",
                        "RelatedPerson: CPR identifier: CPR number has a month that does not exist",
                        "Condition: invalid value in onsetDateTime",
                        "Appointment: participant refers to a patient by an invalid CPR identifier: CPR number has a month that does not exist");
            } else {
                assertThat(written.broken()).isBetween(1L, 9L);
            }
        }
    }

    @Test
    void withoutPsychiatricOrDoctorEventsNothingIsWritten() throws Exception {
        SyntheticData all = municipality(0);
        SyntheticData none = new SyntheticData("159", all.extractDate(), all.persons(), all.names(), all.addresses(), all.relations(),
                all.events().stream().filter(e -> e.indicator() == Indicator.CHILD_DENTAL_NO_SHOW).toList(), 0);
        assertThat(WRITER.write(none, home.resolve("none"), new Random(1))).isEmpty();
    }
}
