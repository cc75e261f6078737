// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.RouteHarness;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.substanceabuse.internal.mapping.SubstanceAbuseWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RiskEvent;

/** The substance-abuse treatment adapter's routes over the README's sample export and over its own writer's output. */
class SubstanceAbuseRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/misbrugsbehandling-20260601.csv");
    static final String HEADER = "CPR-nummer;Navn;Behandlingsstart;Behandlingsslut;Behandlingstype;Hovedstof;Lovgrundlag;Behandlingssted;Status;Forløbs-id\r\n";

    /** The details as the synthetic generator (dk.tidlig.synth EventCodes) gives them. */
    static final List<List<DetailCode>> GENERATED = List.of(
            List.of(DetailCode.of("treatment", "ALCOHOL"), new DetailCode(DetailCode.SKS, "DF10", "Alkohol")),
            List.of(DetailCode.of("treatment", "DRUGS"), new DetailCode(DetailCode.SKS, "DF12", "Cannabis")),
            List.of(DetailCode.of("treatment", "DRUGS"), new DetailCode(DetailCode.SKS, "DF19", "Flere stoffer")),
            List.of(DetailCode.of("treatment", "DRUGS"), new DetailCode(DetailCode.SKS, "DF14", "Kokain")));

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new SubstanceAbuseAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleExportIsReadFromTheInboxWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"misbrugsbehandling-20260601.csv\",\"adapter\":\"substanceabuse\","
                + "\"status\":\"completed\",\"lines\":10,\"accepted\":3,\"duplicates\":1,\"quarantined\":3,\"skipped\":3}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(7L, "column Behandlingsslut lies before Behandlingsstart"),
                Map.entry(8L, "column Behandlingstype is not one of Alkohol, Stoffer, Alkohol og stoffer"),
                Map.entry(9L, "column CPR-nummer: CPR number has a month that does not exist"));
        assertThat(routes.ingest.stored).extracting(r -> describe((RiskEvent) r)).containsExactlyInAnyOrder(
                "MIS-2025-000012@2025-01-12/2025-06-30 treatment=ALCOHOL urn:oid:1.2.208.176.2.4.12=DF10 treatment.law=SUL § 141",
                "MIS-2026-000031@2026-03-03 treatment=DRUGS urn:oid:1.2.208.176.2.4.12=DF12 treatment.law=SEL § 101",
                "MIS-2025-000077@2025-09-15 treatment=BOTH urn:oid:1.2.208.176.2.4.12=DF19 treatment.law=SEL § 101");
        FileOutcome again = routes.send(SAMPLE);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.quarantined()).isEqualTo(3);
    }

    @Test
    void anEpisodeEndedOrAnnulledInTheTreatmentSystemIsReplacedOrRemoved() throws Exception {
        Path monday = home.resolve("monday.csv");
        Files.writeString(monday, HEADER + "010190-1233;A;03-03-2026;;Stoffer;Cannabis;SEL § 101;R;Aktiv;MIS-1\r\n");
        Path tuesday = home.resolve("tuesday.csv");
        Files.writeString(tuesday, HEADER + "010190-1233;A;03-03-2026;20-05-2026;Stoffer;Cannabis;SEL § 101;R;Afsluttet;MIS-1\r\n");
        Path wednesday = home.resolve("wednesday.csv");
        Files.writeString(wednesday, HEADER + "010190-1233;A;03-03-2026;20-05-2026;Stoffer;Cannabis;SEL § 101;R;Annulleret;MIS-1\r\n");
        assertThat(routes.send(monday).accepted()).isEqualTo(1);
        assertThat(routes.send(tuesday).accepted()).as("the end date is new content").isEqualTo(1);
        assertThat(routes.ingest.stored).extracting(r -> ((RiskEvent) r).end()).contains(LocalDate.of(2026, 5, 20));
        assertThat(routes.send(wednesday).accepted()).as("the annulment changed what is held").isEqualTo(1);
        assertThat(routes.ingest.stored).isEmpty();
        assertThat(routes.send(wednesday).skipped()).as("nothing left to remove").isEqualTo(2);
    }

    @Test
    void whatTheWriterWritesIsReadBackWithItsBrokenRowsQuarantined() throws Exception {
        List<PersonRecord> persons = List.of(PersonRecord.ofCpr("0101901233"), PersonRecord.ofCpr("1203852046"), PersonRecord.ofCpr("1503224012"));
        List<RiskEvent> events = List.of(
                new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, "0101901233", LocalDate.of(2025, 1, 12), LocalDate.of(2025, 6, 30),
                        "MIS-2025-000012", GENERATED.get(0)),
                new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, "1203852046", LocalDate.of(2026, 3, 3), null, "MIS-2026-000031",
                        GENERATED.get(1)),
                new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, "1203852046", LocalDate.of(2023, 3, 3), LocalDate.of(2023, 9, 1),
                        "MIS-2023-000004", List.of(DetailCode.of("treatment", "BOTH"), DetailCode.of("treatment.law", "SEL § 101, stk. 3"))),
                new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "1503224012", LocalDate.of(2026, 3, 3), null, "TP-1", List.of()));
        for (double broken : new double[] {0, 1}) {
            SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), persons,
                    List.of(new NameRecord("0101901233", "Anders", null, "Testesen")), List.of(), List.of(), events, broken);
            WrittenFile file = new SubstanceAbuseWriter().write(data, home.resolve("out-" + broken), new Random(4)).get(0);
            FileOutcome o = routes.send(file.file());
            assertThat(o.quarantined()).isEqualTo(file.broken());
            assertThat(o.lines()).isEqualTo(file.records() + 1);
            if (broken == 0) {
                assertThat(routes.ingest.stored).extracting(r -> describe((RiskEvent) r)).containsExactlyInAnyOrder(
                        "MIS-2025-000012@2025-01-12/2025-06-30 treatment=ALCOHOL urn:oid:1.2.208.176.2.4.12=DF10 treatment.law=SUL § 141",
                        "MIS-2026-000031@2026-03-03 treatment=DRUGS urn:oid:1.2.208.176.2.4.12=DF12 treatment.law=SEL § 101",
                        "MIS-2023-000004@2023-03-03/2023-09-01 treatment=BOTH treatment.law=SEL § 101, stk. 3");
                assertThat(routes.ingest.stored).flatExtracting(r -> ((RiskEvent) r).details()).as("the SKS codes are the generator's")
                        .filteredOn(d -> d.system().equals(DetailCode.SKS)).containsExactlyInAnyOrder(GENERATED.get(0).get(1), GENERATED.get(1).get(1));
            } else {
                assertThat(file.broken()).isEqualTo(3);
            }
        }
    }

    @Test
    void everyGeneratedEpisodeRoundTripsAndAboutOnePercentAreAnnulledEpisodesWhichAreSkipped() throws Exception {
        Random r = new Random(7);
        List<RiskEvent> events = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            LocalDate start = LocalDate.of(2023, 1, 1).plusDays(r.nextInt(1000));
            LocalDate end = r.nextBoolean() ? start.plusDays(60 + r.nextInt(480)) : null;
            events.add(new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, "0101901233", start,
                    end == null || end.isAfter(LocalDate.of(2026, 6, 1)) ? null : end, String.format("MIS-2023-%06d", i),
                    GENERATED.get(r.nextInt(GENERATED.size()))));
        }
        SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(PersonRecord.ofCpr("1203852046")), List.of(), List.of(),
                List.of(), events, 0);
        WrittenFile file = new SubstanceAbuseWriter().write(data, home.resolve("out"), new Random(5)).get(0);
        FileOutcome o = routes.send(file.file());
        long annulled = file.records() - events.size();
        assertThat(annulled).isBetween(3L, 25L);
        assertThat(o.accepted()).isEqualTo(events.size());
        assertThat(o.skipped()).isEqualTo(1 + annulled);
        assertThat(o.quarantined()).isZero();
        // what was generated comes back, with the legal basis the writer chose for the kind of treatment
        assertThat(routes.ingest.stored).extracting(s -> describe((RiskEvent) s)).containsExactlyInAnyOrderElementsOf(events.stream()
                .map(e -> describe(e) + " treatment.law=" + (e.details().get(0).code().equals("ALCOHOL") ? "SUL § 141" : "SEL § 101")).toList());
    }

    static String describe(RiskEvent e) {
        return e.sourceRecordId() + "@" + e.start() + (e.end() == null ? "" : "/" + e.end()) + " "
                + e.details().stream().map(d -> d.system() + "=" + d.code()).collect(Collectors.joining(" "));
    }
}
