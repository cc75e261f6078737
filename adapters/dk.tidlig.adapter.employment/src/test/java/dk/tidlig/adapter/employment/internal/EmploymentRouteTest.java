// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal;

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
import dk.tidlig.adapter.employment.internal.mapping.EmploymentWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/** The employment adapter's routes over the README's sample and over its own writer's output. */
class EmploymentRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/jobcenter-forloeb-20260601.csv");

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new EmploymentAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleExportIsReadWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"jobcenter-forloeb-20260601.csv\",\"adapter\":\"employment\","
                + "\"status\":\"completed\",\"lines\":8,\"accepted\":3,\"duplicates\":1,\"quarantined\":2,\"skipped\":2}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(6L, "ordered: period ends before it starts"),
                Map.entry(7L, "column Socioøkonomisk kode is not a three-digit socio-economic code"));
        FileOutcome again = routes.send(SAMPLE);
        assertThat(again.duplicates()).isEqualTo(4);
        assertThat(again.accepted()).isZero();
    }

    @Test
    void whatTheWriterWritesIsReadBack() throws Exception {
        List<RiskEvent> events = List.of(
                new RiskEvent(Indicator.PARENT_UNEMPLOYED, "0101901233", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 10, 31), "JC-1",
                        List.of(new DetailCode(DetailCode.SOCIO, "200", "Ledig, dagpenge"))),
                new RiskEvent(Indicator.PARENT_TRANSFER_INCOME, "0505941234", LocalDate.of(2025, 1, 15), null, "JC-2",
                        List.of(new DetailCode(DetailCode.SOCIO, "319", "Integrationsydelse"))));
        for (double broken : new double[] {0, 1}) {
            SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(), List.of(), List.of(), List.of(), events, broken);
            WrittenFile file = new EmploymentWriter().write(data, home.resolve("out-" + broken), new Random(5)).get(0);
            FileOutcome o = routes.send(file.file());
            assertThat(o.quarantined()).isEqualTo(file.broken());
            if (broken == 0) {
                assertThat(routes.ingest.stored).containsAll(events);
                assertThat(o.accepted()).isEqualTo(2);
            } else {
                assertThat(file.broken()).isEqualTo(2);
            }
        }
    }
}
