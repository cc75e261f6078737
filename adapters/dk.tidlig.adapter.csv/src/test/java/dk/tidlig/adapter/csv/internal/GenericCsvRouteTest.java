// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import dk.tidlig.adapter.RouteHarness;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.csv.internal.mapping.CsvMapping;
import dk.tidlig.adapter.csv.internal.mapping.CsvMappingTest;
import dk.tidlig.adapter.csv.internal.mapping.GenericCsvWriter;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/** The example mapping's routes over the README's example export. */
class GenericCsvRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/ydelser-20260601.csv");

    @TempDir
    Path home;
    RouteHarness routes;
    CsvMapping mapping;

    @BeforeEach
    void start() throws Exception {
        mapping = CsvMapping.parse(CsvMappingTest.example());
        routes = RouteHarness.start(home, new GenericCsvAdapter(mapping, StandardCharsets.ISO_8859_1),
                Map.of("encoding", "ISO-8859-1", "include", ".*\\.(csv|txt)"));
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theExampleExportIsReadWithTheReadmesCounts() throws Exception {
        assertThat(routes.drop(SAMPLE).toJson()).isEqualTo("{\"file\":\"ydelser-20260601.csv\",\"adapter\":\"csv-ydelser\",\"status\":\"completed\","
                + "\"lines\":7,\"accepted\":2,\"duplicates\":1,\"quarantined\":2,\"skipped\":2}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(5L, "column Ydelse has a code that is not in the mapping's code table"),
                Map.entry(6L, "column Fra is not a date in the form yyyy-MM-dd"));
    }

    @Test
    void whatTheWriterWritesInTheMappingsLayoutIsReadBack() throws Exception {
        List<RiskEvent> events = List.of(
                new RiskEvent(Indicator.PARENT_UNEMPLOYED, "0101901233", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30), "U-1", List.of()),
                new RiskEvent(Indicator.PARENT_TRANSFER_INCOME, "0505941234", LocalDate.of(2025, 3, 1), null, "T-1", List.of()));
        SyntheticData data = new SyntheticData("159", LocalDate.of(2026, 6, 1), List.of(), List.of(), List.of(), List.of(), events, 0);
        WrittenFile file = new GenericCsvWriter(mapping, java.nio.charset.StandardCharsets.ISO_8859_1).write(data, home.resolve("out"), new Random(4)).get(0);
        assertThat(routes.send(file.file()).accepted()).isEqualTo(2);
        assertThat(routes.ingest.stored).containsExactly(
                new RiskEvent(Indicator.PARENT_UNEMPLOYED, "0101901233", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30), "U-1",
                        List.of(DetailCode.of("csv-ydelser.code", "DAG"))),
                new RiskEvent(Indicator.PARENT_TRANSFER_INCOME, "0505941234", LocalDate.of(2025, 3, 1), null, "T-1",
                        List.of(DetailCode.of("csv-ydelser.code", "KTH"))));
    }
}
