// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.schoolabsence.internal.mapping;

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
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.RiskEvent;

/**
 * Writes the school's quarterly absence statistics: for each quarter with unlawful absence in the
 * synthetic data, a row whose unlawful days give that share, and about one ordinary quarter of the same
 * pupil (some illness, no or little unlawful absence) that the mapper skips. UTF-8 with byte-order mark,
 * CRLF. With a broken share above zero, that share of rows gets more days of absence than school days,
 * or a period that is not a quarter.
 */
public final class SchoolAbsenceWriter implements ExportWriter {

    private static final String[] SCHOOLS = {"Skovbrynet Skole", "Søborg Skole", "Enghavegård Skole", "Grønnemose Skole"};

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> quarters = data.events().stream().filter(e -> e.indicator() == Indicator.CHILD_SCHOOL_ABSENCE).toList();
        if (quarters.isEmpty()) {
            return List.of();
        }
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        Files.createDirectories(directory);
        Path file = directory.resolve("skolefravaer-" + data.extractDate().format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
        long rows = 0;
        long broken = 0;
        int ordinary = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('\uFEFF');
            out.write(String.join(";", SchoolAbsenceColumns.ALL) + "\r\n");
            for (RiskEvent e : quarters) {
                String pnr = CprNumbers.normalise(e.subjectCpr());
                String school = SCHOOLS[Math.floorMod(pnr.hashCode(), SCHOOLS.length)];
                int percent = e.details().stream().filter(d -> d.system().equals(SchoolAbsenceMapper.PERCENT_CODES)).map(DetailCode::code)
                        .findFirst().map(Integer::parseInt).orElse(20);
                int days = 55 + random.nextInt(10);
                int unlawful = (percent * days + 99) / 100;
                int illness = Math.min(days - unlawful, random.nextInt(6));
                String[] row = row(pnr, names.get(pnr), school, e.start(), days, illness, random.nextInt(3), unlawful, e.sourceRecordId());
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    if (random.nextBoolean()) {
                        row[7] = Integer.toString(days + 1);
                    } else {
                        row[5] = e.start().plusMonths(1).format(Row.DANISH_DATE);
                    }
                    broken++;
                }
                out.write(DelimitedLine.join(row, ';') + "\r\n");
                rows++;
                if (random.nextBoolean()) {
                    LocalDate earlier = e.start().minusMonths(3);
                    out.write(DelimitedLine.join(row(pnr, names.get(pnr), school, earlier, 60, random.nextInt(8), random.nextInt(3), random.nextInt(4),
                            "FRV-O-" + (++ordinary)), ';') + "\r\n");
                    rows++;
                }
            }
        }
        return List.of(new WrittenFile(file, rows, broken));
    }

    private static String[] row(String pnr, NameRecord name, String school, LocalDate quarterStart, int days, int illness, int permitted,
            int unlawful, String id) {
        int permittedDays = Math.max(0, Math.min(permitted, days - illness - unlawful));
        return new String[] {pnr.substring(0, 6) + "-" + pnr.substring(6), name == null ? "" : name.fullName(), school, "",
                quarterStart.format(Row.DANISH_DATE), quarterStart.plusMonths(3).minusDays(1).format(Row.DANISH_DATE), Integer.toString(days),
                Integer.toString(illness), Integer.toString(permittedDays), Integer.toString(unlawful), id};
    }
}
