// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.text.DelimitedLine;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.RiskEvent;

/**
 * Writes the dental care's appointment export: one "Udeblevet" row per no-show, and about two
 * attended or cancelled appointments of other children per no-show, as a real export lists every
 * appointment. UTF-8 with byte-order mark, CRLF, CPR numbers with hyphen, dates dd-MM-yyyy.
 *
 * <p>With a broken share above zero, that share of rows gets an impossible date, a CPR number with
 * month 13, or no appointment id.
 */
public final class DentalWriter implements ExportWriter {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String[] OTHER_OUTCOMES = {DentalColumns.ATTENDED, DentalColumns.ATTENDED, DentalColumns.ATTENDED,
            DentalColumns.CANCELLED, DentalColumns.CANCELLED_BY_CLINIC};

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> noShows = data.events().stream().filter(e -> e.indicator() == Indicator.CHILD_DENTAL_NO_SHOW).toList();
        if (noShows.isEmpty()) {
            return List.of();
        }
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        Map<String, AddressRecord> addresses = new HashMap<>();
        data.addresses().forEach(a -> addresses.put(CprNumbers.normalise(a.cpr()), a));
        List<String> children = new ArrayList<>();
        data.persons().forEach(p -> {
            LocalDate born = p.birthDate() != null ? p.birthDate() : CprNumbers.birthDate(p.cpr());
            if (born.isAfter(data.extractDate().minusYears(18))) {
                children.add(CprNumbers.normalise(p.cpr()));
            }
        });

        Files.createDirectories(directory);
        Path file = directory.resolve("tandpleje-" + data.extractDate().format(COMPACT) + ".csv");
        long rows = 0;
        long broken = 0;
        int otherId = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('\uFEFF');
            out.write(String.join(";", DentalColumns.ALL) + "\r\n");
            for (RiskEvent e : noShows) {
                String service = e.details().stream().filter(d -> d.system().equals(DentalService.CODE_SYSTEM)).map(DetailCode::code)
                        .findFirst().map(DentalService::valueOf).orElse(DentalService.EXAMINATION).danish();
                String[] row = row(e.subjectCpr(), e.start(), service, DentalColumns.NO_SHOW, e.sourceRecordId(), names, addresses, random);
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    breakRow(row, random);
                    broken++;
                }
                line(out, row);
                rows++;
                for (int i = random.nextInt(4); i > 0 && !children.isEmpty(); i--) {
                    String child = children.get(random.nextInt(children.size()));
                    LocalDate day = e.start().minusDays(random.nextInt(60));
                    line(out, row(child, day, DentalService.EXAMINATION.danish(), OTHER_OUTCOMES[random.nextInt(OTHER_OUTCOMES.length)],
                            "TP-A-" + (++otherId), names, addresses, random));
                    rows++;
                }
            }
        }
        return List.of(new WrittenFile(file, rows, broken));
    }

    private static String[] row(String cpr, LocalDate day, String service, String attendance, String id, Map<String, NameRecord> names,
            Map<String, AddressRecord> addresses, Random random) {
        String pnr = CprNumbers.normalise(cpr);
        NameRecord n = names.get(pnr);
        AddressRecord a = addresses.get(pnr);
        String clinic = "Tandplejen " + (a != null && a.city() != null ? a.city() : "Centrum");
        String time = String.format("%02d:%02d", 8 + random.nextInt(7), 15 * random.nextInt(4));
        return new String[] {pnr.substring(0, 6) + "-" + pnr.substring(6), n == null ? "" : n.firstNames(), n == null ? "" : n.lastName(),
                day.format(Row.DANISH_DATE), time, clinic, service, attendance, id};
    }

    private static void breakRow(String[] row, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> row[3] = "31-02-" + row[3].substring(6);
            case 1 -> row[0] = row[0].substring(0, 2) + "13" + row[0].substring(4);
            default -> row[8] = "";
        }
    }

    private static void line(Writer out, String[] fields) throws IOException {
        out.write(DelimitedLine.join(fields, ';') + "\r\n");
    }
}
