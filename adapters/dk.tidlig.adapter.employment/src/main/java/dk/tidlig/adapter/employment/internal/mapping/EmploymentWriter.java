// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.text.DelimitedLine;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.RiskEvent;

/**
 * Writes the job centre's period export: one row per unemployment or transfer-income period, and about
 * one employment period (code 131, not read) per such row, as a real export also lists those.
 * ISO-8859-1, CRLF, CPR numbers without hyphen, dates dd-MM-yyyy, open periods with an empty end date.
 *
 * <p>With a broken share above zero, that share of rows gets an end date before the start, a code with
 * letters, or an empty period id.
 */
public final class EmploymentWriter implements ExportWriter {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<String, String> KINDS = Map.of("200", "Ledig, dagpenge", "318", "Kontanthjælp", "319", "Integrationsydelse",
            "411", "Førtidspension", "131", "Lønmodtager");

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> periods = data.events().stream()
                .filter(e -> e.indicator() == Indicator.PARENT_UNEMPLOYED || e.indicator() == Indicator.PARENT_TRANSFER_INCOME).toList();
        if (periods.isEmpty()) {
            return List.of();
        }
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        Files.createDirectories(directory);
        Path file = directory.resolve("jobcenter-forloeb-" + data.extractDate().format(COMPACT) + ".csv");
        long rows = 0;
        long broken = 0;
        int employment = 0;
        var encoder = StandardCharsets.ISO_8859_1.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoder), 1 << 16)) {
            out.write(String.join(";", EmploymentColumns.ALL) + "\r\n");
            for (RiskEvent e : periods) {
                String pnr = CprNumbers.normalise(e.subjectCpr());
                String code = e.details().stream().filter(d -> d.system().equals(DetailCode.SOCIO)).map(DetailCode::code).findFirst()
                        .orElse(e.indicator() == Indicator.PARENT_UNEMPLOYED ? "200" : "318");
                String[] row = row(pnr, names.get(pnr), code, e.start(), e.end(), e.sourceRecordId());
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    switch (random.nextInt(3)) {
                        case 0 -> row[5] = e.start().minusDays(1 + random.nextInt(30)).format(Row.DANISH_DATE);
                        case 1 -> row[3] = "2O0";
                        default -> row[6] = "";
                    }
                    broken++;
                }
                line(out, row);
                rows++;
                if (random.nextBoolean()) {
                    LocalDate before = e.start().minusDays(1);
                    line(out, row(pnr, names.get(pnr), "131", before.minusMonths(6 + random.nextInt(30)), before, "BESK-" + (++employment)));
                    rows++;
                }
            }
        }
        return List.of(new WrittenFile(file, rows, broken));
    }

    private static String[] row(String pnr, NameRecord name, String code, LocalDate start, LocalDate end, String id) {
        return new String[] {pnr, name == null ? "" : name.fullName(), KINDS.getOrDefault(code, "Andet"), code, start.format(Row.DANISH_DATE),
                end == null ? "" : end.format(Row.DANISH_DATE), id};
    }

    private static void line(Writer out, String[] fields) throws IOException {
        out.write(DelimitedLine.join(fields, ';') + "\r\n");
    }
}
