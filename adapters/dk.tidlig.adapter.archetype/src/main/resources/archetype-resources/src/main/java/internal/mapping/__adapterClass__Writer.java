// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package ${package}.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.text.DelimitedLine;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/**
 * Writes synthetic data as the export of ${sourceSystem}: the inverse of {@link ${adapterClass}Mapper},
 * for the demo, the generator and round-trip tests. UTF-8 with byte-order mark, CRLF, dates dd-MM-yyyy.
 * With a broken share above zero, that share of rows gets an impossible date.
 */
public final class ${adapterClass}Writer implements ExportWriter {

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> events = data.events().stream().filter(e -> e.indicator() == Indicator.${indicator}).toList();
        if (events.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(directory);
        Path file = directory.resolve("${adapterId}-" + data.extractDate().format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
        long broken = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.write('\uFEFF');
            out.write(String.join(";", ${adapterClass}Columns.ALL) + "\r\n");
            for (RiskEvent e : events) {
                String code = e.details().isEmpty() ? "" : e.details().get(0).code();
                String[] row = {CprNumbers.normalise(e.subjectCpr()), e.start().format(Row.DANISH_DATE),
                        e.end() == null ? "" : e.end().format(Row.DANISH_DATE), code, e.sourceRecordId()};
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    row[1] = "30-02-" + row[1].substring(6);
                    broken++;
                }
                out.write(DelimitedLine.join(row, ';') + "\r\n");
            }
        }
        return List.of(new WrittenFile(file, events.size(), broken));
    }
}
