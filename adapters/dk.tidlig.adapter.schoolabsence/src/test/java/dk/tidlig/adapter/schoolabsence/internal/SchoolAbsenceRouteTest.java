// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.schoolabsence.internal;

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
import dk.tidlig.adapter.schoolabsence.internal.mapping.SchoolAbsenceWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/** The school absence adapter's routes over the README's sample and over its own writer's output. */
class SchoolAbsenceRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/skolefravaer-20260601.csv");

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new SchoolAbsenceAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleIsReadWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"skolefravaer-20260601.csv\",\"adapter\":\"schoolabsence\","
                + "\"status\":\"completed\",\"lines\":7,\"accepted\":2,\"duplicates\":0,\"quarantined\":3,\"skipped\":2}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(5L, "the period (Periode fra, Periode til) is not one calendar quarter"),
                Map.entry(6L, "the days of absence add up to more than the school days"),
                Map.entry(7L, "column Ulovligt fravær is not a whole number"));
    }

    @Test
    void whatTheWriterWritesIsReadBackWithItsShare() throws Exception {
        RiskEvent quarter = new RiskEvent(Indicator.CHILD_SCHOOL_ABSENCE, "2109154001", LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 30),
                "FRV-1", List.of(DetailCode.of("absence", "UNLAWFUL"), DetailCode.of("absence.percent", "23")));
        for (double broken : new double[] {0, 1}) {
            SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(), List.of(), List.of(), List.of(), List.of(quarter),
                    broken);
            WrittenFile file = new SchoolAbsenceWriter().write(data, home.resolve("out-" + broken), new Random(2)).get(0);
            FileOutcome o = routes.send(file.file());
            assertThat(o.quarantined()).isEqualTo(file.broken());
            if (broken == 0) {
                assertThat(routes.ingest.stored).singleElement().satisfies(r -> {
                    RiskEvent e = (RiskEvent) r;
                    assertThat(e.start()).isEqualTo(quarter.start());
                    assertThat(e.end()).isEqualTo(quarter.end());
                    assertThat(Integer.parseInt(e.details().get(1).code())).isBetween(23, 25);
                });
            } else {
                assertThat(file.broken()).isEqualTo(1);
            }
        }
    }
}
