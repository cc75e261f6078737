// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.csv.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.text.DelimitedLine;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/**
 * Writes synthetic events of the mapping's indicators in the mapping's own layout (its column names,
 * delimiter, date format, encoding and codes), so that a mapping can be tried out with the demo and the
 * generator. With a broken share above zero, that share of rows gets an impossible date.
 */
public final class GenericCsvWriter implements ExportWriter {

    private final CsvMapping mapping;
    private final Charset charset;

    public GenericCsvWriter(CsvMapping mapping, Charset charset) {
        this.mapping = mapping;
        this.charset = charset;
    }

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> events = data.events().stream().filter(e -> mapping.descriptor().indicators().contains(e.indicator())).toList();
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> header = new ArrayList<>(List.of(mapping.cprColumn(), mapping.startColumn()));
        if (mapping.endColumn() != null) {
            header.add(mapping.endColumn());
        }
        if (mapping.codeColumn() != null) {
            header.add(mapping.codeColumn());
        }
        header.add(mapping.idColumn());
        Files.createDirectories(directory);
        Path file = directory.resolve(mapping.descriptor().id() + "-" + data.extractDate().format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
        long broken = 0;
        var encoder = charset.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoder))) {
            out.write(DelimitedLine.join(header.toArray(new String[0]), mapping.delimiter()) + "\r\n");
            for (RiskEvent e : events) {
                List<String> row = new ArrayList<>(List.of(CprNumbers.normalise(e.subjectCpr()), e.start().format(mapping.dateFormat())));
                if (mapping.endColumn() != null) {
                    row.add(e.end() == null ? "" : e.end().format(mapping.dateFormat()));
                }
                if (mapping.codeColumn() != null) {
                    row.add(codeFor(e.indicator()));
                }
                row.add(e.sourceRecordId() == null ? "X-" + random.nextInt(1_000_000) : e.sourceRecordId());
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    row.set(1, "not a date");
                    broken++;
                }
                out.write(DelimitedLine.join(row.toArray(new String[0]), mapping.delimiter()) + "\r\n");
            }
        }
        return List.of(new WrittenFile(file, events.size(), broken));
    }

    private String codeFor(Indicator indicator) {
        for (Map.Entry<String, Indicator> e : mapping.codeTable().entrySet()) {
            if (indicator == e.getValue()) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no code for " + indicator);
    }
}
