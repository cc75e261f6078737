// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.RouteHarness;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.dental.internal.mapping.DentalWriter;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RiskEvent;

/** The dental adapter's routes over the README's sample export and over its own writer's output. */
class DentalRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/tandpleje-20260601.csv");

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new DentalAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleExportIsReadFromTheInboxWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"tandpleje-20260601.csv\",\"adapter\":\"dental\","
                + "\"status\":\"completed\",\"lines\":10,\"accepted\":3,\"duplicates\":1,\"quarantined\":3,\"skipped\":3}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(7L, "column Aftaledato is not a date in the form dd-mm-åååå"),
                Map.entry(8L, "column CPR-nummer: CPR number has a month that does not exist"),
                Map.entry(9L, "column Fremmøde is not one of Mødt, Udeblevet, Afbud, Afbud for sent, Aflyst af klinik"));
        FileOutcome again = routes.send(SAMPLE);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(4);
    }

    @Test
    void aNoShowCorrectedToAttendedInTheDentalSystemIsRemoved() throws Exception {
        String header = "CPR-nummer;Fornavn;Efternavn;Aftaledato;Klokkeslæt;Klinik;Ydelse;Fremmøde;Aftale-id\r\n";
        Path monday = home.resolve("monday.csv");
        java.nio.file.Files.writeString(monday, header + "150322-4012;A;T;03-02-2026;08:30;K;Undersøgelse;Udeblevet;TP-1\r\n");
        Path tuesday = home.resolve("tuesday.csv");
        java.nio.file.Files.writeString(tuesday, header + "150322-4012;A;T;03-02-2026;08:30;K;Undersøgelse;Mødt;TP-1\r\n");
        assertThat(routes.send(monday).accepted()).isEqualTo(1);
        assertThat(routes.ingest.stored).hasSize(1);
        FileOutcome correction = routes.send(tuesday);
        assertThat(correction.accepted()).as("the correction changed what is held").isEqualTo(1);
        assertThat(routes.ingest.stored).isEmpty();
        assertThat(routes.send(tuesday).skipped()).as("nothing left to remove").isEqualTo(2);
    }

    @Test
    void whatTheWriterWritesIsReadBackWithItsBrokenRowsQuarantined() throws Exception {
        List<PersonRecord> persons = List.of(PersonRecord.ofCpr("1503224012"), PersonRecord.ofCpr("2109194001"), PersonRecord.ofCpr("0506184122"));
        List<RiskEvent> events = List.of(
                new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "1503224012", LocalDate.of(2026, 2, 3), null, "TP-1", null),
                new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "0506184122", LocalDate.of(2026, 3, 3), null, "TP-2", null),
                new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, "1503224012", LocalDate.of(2022, 5, 3), null, "SP-1", null));
        for (double broken : new double[] {0, 1}) {
            Path dir = home.resolve("out-" + broken);
            SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), persons,
                    List.of(new NameRecord("1503224012", "Alma", null, "Testesen")), List.of(), List.of(), events, broken);
            WrittenFile file = new DentalWriter().write(data, dir, new Random(3)).get(0);
            FileOutcome o = routes.send(file.file());
            assertThat(o.quarantined()).isEqualTo(file.broken());
            assertThat(o.lines()).isEqualTo(file.records() + 1);
            if (broken == 0) {
                assertThat(routes.ingest.stored).filteredOn(r -> r instanceof RiskEvent).extracting(r -> ((RiskEvent) r).sourceRecordId() + "@"
                        + ((RiskEvent) r).start()).containsExactlyInAnyOrder("TP-1@2026-02-03", "TP-2@2026-03-03");
            } else {
                assertThat(file.broken()).isEqualTo(2);
            }
        }
    }
}
