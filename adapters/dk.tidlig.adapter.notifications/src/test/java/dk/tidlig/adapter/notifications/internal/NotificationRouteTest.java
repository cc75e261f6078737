// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal;

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
import dk.tidlig.adapter.notifications.internal.mapping.NotificationWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RiskEvent;

/** The notifications adapter's routes over the README's sample export and over its own writer's output. */
class NotificationRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/underretninger-20260601.csv");
    static final String HEADER = "CPR-nummer;Barnets navn;Modtaget;KLE-nummer;Underretter;Status;Underretnings-id\r\n";

    /** The details as the synthetic generator (dk.tidlig.synth EventCodes) gives them. */
    static final DetailCode GENERIC = new DetailCode(DetailCode.KLE, "27.24.00", "Særlig støtte til børn og unge");
    static final DetailCode INVESTIGATION = new DetailCode(DetailCode.KLE, "27.24.03", "Børnefaglig undersøgelse");
    static final String[] NOTIFIERS = {"SCHOOL", "HEALTH", "POLICE", "DAYCARE", "MUNICIPALITY", "CITIZEN", "OTHER"};

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new NotificationAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleExportIsReadFromTheInboxWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"underretninger-20260601.csv\",\"adapter\":\"notifications\","
                + "\"status\":\"completed\",\"lines\":9,\"accepted\":3,\"duplicates\":1,\"quarantined\":3,\"skipped\":2}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(6L, "column KLE-nummer is not in KLE group 27.24 (special support for children and young people)"),
                Map.entry(7L, "column Modtaget is not a date in the form dd-mm-åååå"),
                Map.entry(8L, "column Underretter is not one of Skole, Dagtilbud, Sundhedsvæsen, Politi, Kommunal forvaltning, Borger, Anden"));
        assertThat(routes.ingest.stored).extracting(r -> describe((RiskEvent) r)).containsExactlyInAnyOrder(
                "UNDR-2026-000101@2026-02-03 KLE=27.24.00 notifier=HEALTH",
                "UNDR-2026-000187@2026-04-14 KLE=27.24.03 notifier=DAYCARE",
                "UNDR-2026-000140@2026-03-02 KLE=27.24.00 notifier=SCHOOL");
        FileOutcome again = routes.send(SAMPLE);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.quarantined()).isEqualTo(3);
    }

    @Test
    void aNotificationAnnulledInTheCaseSystemIsRemoved() throws Exception {
        Path monday = home.resolve("monday.csv");
        Files.writeString(monday, HEADER + "150322-4012;A;03-02-2026;27.24.03;Skole;Modtaget;UNDR-1\r\n");
        Path tuesday = home.resolve("tuesday.csv");
        Files.writeString(tuesday, HEADER + "150322-4012;A;03-02-2026;27.24.03;Skole;Annulleret;UNDR-1\r\n");
        assertThat(routes.send(monday).accepted()).isEqualTo(1);
        assertThat(routes.ingest.stored).hasSize(1);
        assertThat(routes.send(tuesday).accepted()).as("the annulment changed what is held").isEqualTo(1);
        assertThat(routes.ingest.stored).isEmpty();
        assertThat(routes.send(tuesday).skipped()).as("nothing left to remove").isEqualTo(2);
    }

    @Test
    void whatTheWriterWritesIsReadBackWithItsBrokenRowsQuarantined() throws Exception {
        List<PersonRecord> persons = List.of(PersonRecord.ofCpr("1503224012"), PersonRecord.ofCpr("2109154001"), PersonRecord.ofCpr("0101901233"));
        List<RiskEvent> events = List.of(
                new RiskEvent(Indicator.CHILD_NOTIFICATION, "1503224012", LocalDate.of(2026, 2, 3), null, "UNDR-2026-000001",
                        List.of(GENERIC, DetailCode.of("notifier", "HEALTH"))),
                new RiskEvent(Indicator.CHILD_NOTIFICATION, "2109154001", LocalDate.of(2026, 5, 20), null, "UNDR-2026-000002",
                        List.of(INVESTIGATION, DetailCode.of("notifier", "SCHOOL"))),
                new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "1503224012", LocalDate.of(2026, 3, 3), null, "TP-1", List.of()));
        for (double broken : new double[] {0, 1}) {
            SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), persons,
                    List.of(new NameRecord("1503224012", "Alma", null, "Testesen")), List.of(), List.of(), events, broken);
            WrittenFile file = new NotificationWriter().write(data, home.resolve("out-" + broken), new Random(4)).get(0);
            FileOutcome o = routes.send(file.file());
            assertThat(o.quarantined()).isEqualTo(file.broken());
            assertThat(o.lines()).isEqualTo(file.records() + 1);
            if (broken == 0) {
                assertThat(routes.ingest.stored).extracting(r -> describe((RiskEvent) r)).containsExactlyInAnyOrder(
                        "UNDR-2026-000001@2026-02-03 KLE=27.24.00 notifier=HEALTH",
                        "UNDR-2026-000002@2026-05-20 KLE=27.24.03 notifier=SCHOOL");
                assertThat(routes.ingest.stored).extracting(r -> ((RiskEvent) r).details().get(0)).as("the KLE titles are the generator's")
                        .containsExactlyInAnyOrder(GENERIC, INVESTIGATION);
            } else {
                assertThat(file.broken()).isEqualTo(2);
            }
        }
    }

    @Test
    void aboutOnePercentOfTheWrittenRowsAreAnnulledNotificationsWhichAreSkipped() throws Exception {
        Random r = new Random(7);
        List<RiskEvent> events = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            events.add(new RiskEvent(Indicator.CHILD_NOTIFICATION, "1503224012", LocalDate.of(2025, 1, 1).plusDays(r.nextInt(500)), null,
                    String.format("UNDR-2025-%06d", i), List.of(r.nextBoolean() ? GENERIC : INVESTIGATION,
                            DetailCode.of("notifier", NOTIFIERS[r.nextInt(NOTIFIERS.length)]))));
        }
        SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(PersonRecord.ofCpr("2109154001")), List.of(), List.of(),
                List.of(), events, 0);
        WrittenFile file = new NotificationWriter().write(data, home.resolve("out"), new Random(5)).get(0);
        FileOutcome o = routes.send(file.file());
        long annulled = file.records() - events.size();
        assertThat(annulled).isBetween(3L, 25L);
        assertThat(o.accepted()).isEqualTo(events.size());
        assertThat(o.skipped()).isEqualTo(1 + annulled);
        assertThat(o.quarantined()).isZero();
        assertThat(routes.ingest.stored).extracting(s -> describe((RiskEvent) s))
                .containsExactlyInAnyOrderElementsOf(events.stream().map(NotificationRouteTest::describe).toList());
    }

    static String describe(RiskEvent e) {
        return e.sourceRecordId() + "@" + e.start() + (e.end() == null ? "" : "/" + e.end()) + " "
                + e.details().stream().map(d -> d.system() + "=" + d.code()).collect(Collectors.joining(" "));
    }
}
