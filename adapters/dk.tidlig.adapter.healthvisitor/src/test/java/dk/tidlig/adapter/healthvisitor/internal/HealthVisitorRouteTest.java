// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.healthvisitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.RouteHarness;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.healthvisitor.internal.mapping.VisitWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/** The health visitor adapter's routes over the README's sample and over its own writer's output. */
class HealthVisitorRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/sundhedspleje-besoeg-20260601.csv");

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new HealthVisitorAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleIsReadWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"sundhedspleje-besoeg-20260601.csv\",\"adapter\":\"healthvisitor\","
                + "\"status\":\"completed\",\"lines\":9,\"accepted\":2,\"duplicates\":0,\"quarantined\":3,\"skipped\":4}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(7L, "column Status is not one of Gennemført, Udeblevet, Ikke truffet hjemme, Aflyst, Fraflyttet"),
                Map.entry(8L, "column Besøgsdato is not a date in the form dd-mm-åååå"),
                Map.entry(9L, "column Besøgstype is not one of Hjemmebesøg, Konsultation, Åbent hus"));
        assertThat(routes.send(SAMPLE).duplicates()).isEqualTo(2);
    }

    @Test
    void whatTheWriterWritesIsReadBack() throws Exception {
        List<RiskEvent> events = List.of(
                new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, "0106254128", LocalDate.of(2025, 9, 12), null, "SP-1",
                        List.of(DetailCode.of("visit", "HOME_VISIT"))),
                new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, "0106254128", LocalDate.of(2025, 10, 15), null, "SP-2",
                        List.of(DetailCode.of("visit", "CONSULTATION"))));
        for (double broken : new double[] {0, 1}) {
            SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(), List.of(), List.of(), List.of(), events, broken);
            WrittenFile file = new VisitWriter().write(data, home.resolve("out-" + broken), new Random(11)).get(0);
            FileOutcome o = routes.send(file.file());
            assertThat(o.quarantined()).isEqualTo(file.broken());
            if (broken == 0) {
                assertThat(routes.ingest.stored).filteredOn(r -> r instanceof RiskEvent).extracting(r -> ((RiskEvent) r).sourceRecordId())
                        .containsExactly("SP-1", "SP-2");
            } else {
                assertThat(file.broken()).isEqualTo(2);
            }
        }
    }
}
