// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.csv.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.MapperHarness;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;

public class CsvMappingTest {

    /** The README's example mapping, read as FileInstall reads a .cfg file (UTF-8: felix.fileinstall.configEncoding). */
    public static Map<String, Object> example() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("examples/dk.tidlig.adapter.csv-ydelser.cfg"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        return m;
    }

    @Test
    void theExampleMappingReads() throws IOException {
        CsvMapping m = CsvMapping.parse(example());
        assertThat(m.descriptor().id()).isEqualTo("csv-ydelser");
        assertThat(m.descriptor().indicators()).containsExactlyInAnyOrder(Indicator.PARENT_UNEMPLOYED, Indicator.PARENT_TRANSFER_INCOME);
        assertThat(m.descriptor().dataCategories()).containsExactly(DataCategory.EMPLOYMENT_AND_BENEFITS);
        assertThat(m.delimiter()).isEqualTo('|');
        assertThat(m.requiredColumns()).containsExactly("Personnummer", "Fra", "Løbenr", "Ydelse");
        assertThat(m.codeTable()).containsEntry("SU", null).containsEntry("DAG", Indicator.PARENT_UNEMPLOYED);
    }

    @Test
    void everyProblemOfAMappingIsNamed() {
        Map<String, Object> bad = new HashMap<>(Map.of("adapterId", "ydelser", "dataCategories", "MONEY", "delimiter", "||",
                "dateFormat", "dd-bb-yyyy", "column.code", "Ydelse", "code.X", "NONE", "code.Y", "ALIENS"));
        assertThatThrownBy(() -> CsvMapping.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adapterId must be 'csv-'")
                .hasMessageContaining("sourceSystem is missing")
                .hasMessageContaining("purpose is missing")
                .hasMessageContaining("dataCategories: unknown category MONEY")
                .hasMessageContaining("delimiter must be one character")
                .hasMessageContaining("dateFormat is not a date pattern")
                .hasMessageContaining("column.cpr is missing")
                .hasMessageContaining("code.Y: not an indicator or NONE")
                .hasMessageContaining("at least one code.<value> = <INDICATOR> is needed");
    }

    @Test
    void withoutACodeColumnEveryRowGivesTheIndicator() throws FileFormatException {
        CsvMapping m = CsvMapping.parse(Map.of("adapterId", "csv-aftaler", "sourceSystem", "Aftalesystem", "purpose", "p", "dataCategories", "HEALTH",
                "indicator", "missed_doctor_appointment", "delimiter", ",", "dateFormat", "dd.MM.yyyy", "column.cpr", "cpr", "column.start", "dato",
                "column.id", "id"));
        assertThat(MapperHarness.map(new GenericCsvMapper(m), "id,cpr,dato", "A-1,010190-1233,03.02.2026", "A-2,010190-1233,3.2.2026"))
                .containsExactly(MapperHarness.SKIPPED,
                        List.of(new RiskEvent(Indicator.MISSED_DOCTOR_APPOINTMENT, "0101901233", LocalDate.of(2026, 2, 3), null, "A-1", List.of())),
                        "column dato is not a date in the form dd.MM.yyyy");
    }

    @Test
    void theCodeTableDecidesEventsRetractionsAndQuarantine() throws IOException, FileFormatException {
        CsvMapping m = CsvMapping.parse(example());
        assertThat(MapperHarness.map(new GenericCsvMapper(m), "Løbenr|Personnummer|Ydelse|Fra|Til",
                "1|0101901233|KTH|2025-03-01|",
                "2|0101901233|SU|2025-03-01|",
                "3|0101901233|XYZ|2025-03-01|"))
                .containsExactly(MapperHarness.SKIPPED,
                        List.of(new RiskEvent(Indicator.PARENT_TRANSFER_INCOME, "0101901233", LocalDate.of(2025, 3, 1), null, "1",
                                List.of(DetailCode.of("csv-ydelser.code", "KTH")))),
                        List.of(new Retraction("2")),
                        "column Ydelse has a code that is not in the mapping's code table");
    }
}
