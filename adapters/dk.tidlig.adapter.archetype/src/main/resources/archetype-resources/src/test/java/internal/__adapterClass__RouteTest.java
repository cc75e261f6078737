// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package ${package}.internal;

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
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import ${package}.internal.mapping.${adapterClass}Writer;

/** The adapter's real routes over the README's sample and over its own writer's output. */
class ${adapterClass}RouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/${adapterId}-20260601.csv");

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new ${adapterClass}Adapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleIsReadWithTheReadmesCounts() throws Exception {
        FileOutcome o = routes.drop(SAMPLE);
        assertThat(o.toJson()).isEqualTo("{\"file\":\"${adapterId}-20260601.csv\",\"adapter\":\"${adapterId}\",\"status\":\"completed\","
                + "\"lines\":5,\"accepted\":2,\"duplicates\":1,\"quarantined\":1,\"skipped\":1}");
        assertThat(routes.ingest.quarantine).containsOnly(Map.entry(4L, "column CPR-nummer: CPR number has a month that does not exist"));
        assertThat(routes.send(SAMPLE).duplicates()).isEqualTo(3);
    }

    @Test
    void whatTheWriterWritesIsReadBack() throws Exception {
        List<RiskEvent> events = List.of(new RiskEvent(Indicator.${indicator}, "0101901233", LocalDate.of(2026, 3, 1), null, "X-9", List.of()));
        SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(), List.of(), List.of(), List.of(), events, 0);
        WrittenFile file = new ${adapterClass}Writer().write(data, home.resolve("out"), new Random(1)).get(0);
        assertThat(routes.send(file.file()).accepted()).isEqualTo(1);
        assertThat(routes.ingest.stored).containsExactly(events.get(0));
    }
}
