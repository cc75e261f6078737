// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.healthvisitor.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
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
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.RiskEvent;

/**
 * Writes the health visitors' visit list: one row per missed visit (a home visit where nobody was at
 * home, or a consultation the family did not come to), and one or two completed visits of the same
 * child before it. UTF-8 with byte-order mark, CRLF, dates dd-MM-yyyy.
 *
 * <p>With a broken share above zero, that share of rows gets an unknown status, an impossible date or
 * a CPR number with day 32.
 */
public final class VisitWriter implements ExportWriter {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] NURSES = {"HMJ", "LKP", "SAB", "TRN", "ABE"};

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> missed = data.events().stream().filter(e -> e.indicator() == Indicator.CHILD_HEALTH_VISITOR_NO_SHOW).toList();
        if (missed.isEmpty()) {
            return List.of();
        }
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        Files.createDirectories(directory);
        Path file = directory.resolve("sundhedspleje-besoeg-" + data.extractDate().format(COMPACT) + ".csv");
        long rows = 0;
        long broken = 0;
        int done = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('\uFEFF');
            out.write(String.join(";", VisitColumns.ALL) + "\r\n");
            for (RiskEvent e : missed) {
                String pnr = CprNumbers.normalise(e.subjectCpr());
                boolean home = e.details().stream().anyMatch(d -> d.system().equals(VisitMapper.KIND_CODES) && d.code().equals("HOME_VISIT"));
                String nurse = NURSES[random.nextInt(NURSES.length)];
                for (int i = random.nextInt(3); i > 0; i--) {
                    LocalDate earlier = e.start().minusWeeks(2 + random.nextInt(10));
                    out.write(DelimitedLine.join(row(pnr, names.get(pnr), earlier, VisitColumns.HOME_VISIT, VisitColumns.DONE, nurse,
                            "SP-G-" + (++done)), ';') + "\r\n");
                    rows++;
                }
                String[] row = row(pnr, names.get(pnr), e.start(), home ? VisitColumns.HOME_VISIT : VisitColumns.CONSULTATION,
                        home ? VisitColumns.NOT_AT_HOME : VisitColumns.NO_SHOW, nurse, e.sourceRecordId());
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    switch (random.nextInt(3)) {
                        case 0 -> row[4] = "Glemt";
                        case 1 -> row[2] = "30-02-" + row[2].substring(6);
                        default -> row[0] = "32" + row[0].substring(2);
                    }
                    broken++;
                }
                out.write(DelimitedLine.join(row, ';') + "\r\n");
                rows++;
            }
        }
        return List.of(new WrittenFile(file, rows, broken));
    }

    private static String[] row(String pnr, NameRecord name, LocalDate day, String kind, String status, String nurse, String id) {
        return new String[] {pnr.substring(0, 6) + "-" + pnr.substring(6), name == null ? "" : name.fullName(), day.format(Row.DANISH_DATE), kind,
                status, nurse, id};
    }
}
