// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

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
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.text.DelimitedLine;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.RiskEvent;

/**
 * Writes the children's case system's export of notifications: one row per notification in the
 * synthetic data, with its KLE number (about one in four with the handling facet G01, as case systems
 * often write it), its notifier and a status that follows its age; and, for about 1 % of them, an
 * annulled row of another notification (registered in error), which the mapper skips. UTF-8 with
 * byte-order mark, CRLF, CPR numbers with hyphen, dates dd-MM-yyyy. The inverse of
 * {@link NotificationMapper}.
 *
 * <p>With a broken share above zero, that share of notification rows gets an impossible date, a CPR
 * number with month 13, a KLE number outside group 27.24, or an unknown notifier.
 */
public final class NotificationWriter implements ExportWriter {

    private static final String GENERIC_KLE = "27.24.00";
    private static final String FACET = "G01";
    private static final double ANNULLED_SHARE = 0.01;

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<WrittenFile> files = new ArrayList<>(2);
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        notifications(data, directory, random, names).ifPresent(files::add);
        measures(data, directory, random, names).ifPresent(files::add);
        return files;
    }

    private static java.util.Optional<WrittenFile> notifications(SyntheticData data, Path directory, Random random, Map<String, NameRecord> names)
            throws IOException {
        List<RiskEvent> notifications = data.events().stream().filter(e -> e.indicator() == Indicator.CHILD_NOTIFICATION).toList();
        if (notifications.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> children = new ArrayList<>();
        data.persons().forEach(p -> {
            LocalDate born = p.birthDate() != null ? p.birthDate() : CprNumbers.birthDate(p.cpr());
            if (born.isAfter(data.extractDate().minusYears(18))) {
                children.add(CprNumbers.normalise(p.cpr()));
            }
        });

        Files.createDirectories(directory);
        Path file = directory.resolve("underretninger-" + data.extractDate().format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
        long rows = 0;
        long broken = 0;
        int annulled = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('\uFEFF');
            out.write(String.join(";", NotificationColumns.ALL) + "\r\n");
            for (RiskEvent e : notifications) {
                String kle = kle(e);
                if (random.nextInt(4) == 0) {
                    kle += FACET;
                }
                String notifier = e.details().stream().filter(d -> d.system().equals(Notifier.CODE_SYSTEM)).map(DetailCode::code)
                        .findFirst().map(Notifier::ofCode).orElse(Notifier.OTHER).danish();
                String[] row = row(e.subjectCpr(), names, e.start(), kle, notifier, status(e.start(), data.extractDate()), e.sourceRecordId(),
                        e.registered());
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    breakRow(row, random);
                    broken++;
                }
                line(out, row);
                rows++;
                if (random.nextDouble() < ANNULLED_SHARE) {
                    String child = children.isEmpty() ? CprNumbers.normalise(e.subjectCpr()) : children.get(random.nextInt(children.size()));
                    LocalDate day = e.start().minusDays(random.nextInt(30));
                    Notifier who = Notifier.values()[random.nextInt(Notifier.values().length)];
                    line(out, row(child, names, day, GENERIC_KLE, who.danish(), NotificationColumns.ANNULLED, "UNDR-A-" + (++annulled), null));
                    rows++;
                }
            }
        }
        return java.util.Optional.of(new WrittenFile(file, rows, broken));
    }

    /**
     * The export of measures granted: preventive measures (§ 32) and placements (§ 46 with consent, § 47 without), with
     * the day each was registered; a measure ended before the extract is "Ophørt". UTF-8 with byte-order mark, CRLF.
     */
    private static java.util.Optional<WrittenFile> measures(SyntheticData data, Path directory, Random random, Map<String, NameRecord> names)
            throws IOException {
        List<RiskEvent> measures = data.events().stream()
                .filter(e -> e.indicator() == Indicator.CHILD_PREVENTIVE_MEASURE || e.indicator() == Indicator.CHILD_PLACEMENT).toList();
        if (measures.isEmpty()) {
            return java.util.Optional.empty();
        }
        Files.createDirectories(directory);
        Path file = directory.resolve("foranstaltninger-" + data.extractDate().format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
        long rows = 0;
        long broken = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('\uFEFF');
            out.write(String.join(";", MeasureColumns.ALL) + "\r\n");
            for (RiskEvent e : measures) {
                boolean placement = e.indicator() == Indicator.CHILD_PLACEMENT;
                String section = e.details().stream().filter(d -> d.system().equals(MeasureMapper.SECTION_CODES)).map(DetailCode::code).findFirst()
                        .orElse(placement ? "§ 46" : "§ 32");
                String pnr = CprNumbers.normalise(e.subjectCpr());
                NameRecord n = names.get(pnr);
                String[] row = {pnr.substring(0, 6) + "-" + pnr.substring(6), n == null ? "" : n.fullName(),
                        placement ? MeasureColumns.PLACEMENT : MeasureColumns.PREVENTIVE, "BL " + section, e.start().format(Row.DANISH_DATE),
                        e.end() == null ? "" : e.end().format(Row.DANISH_DATE), e.registered() == null ? "" : e.registered().format(Row.DANISH_DATE),
                        e.end() != null && e.end().isBefore(data.extractDate()) ? MeasureColumns.ENDED : MeasureColumns.GRANTED, e.sourceRecordId()};
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    if (random.nextBoolean()) {
                        row[4] = "31-04-" + row[4].substring(6);
                    } else {
                        row[3] = "SEL § 52";
                    }
                    broken++;
                }
                line(out, row);
                rows++;
            }
        }
        return java.util.Optional.of(new WrittenFile(file, rows, broken));
    }

    /** The event's KLE number; the group's generic number when it has none of group 27.24. */
    private static String kle(RiskEvent e) {
        for (DetailCode d : e.details()) {
            if (d.system().equals(DetailCode.KLE)) {
                try {
                    return KleNumbers.number(NotificationColumns.KLE, d.code());
                } catch (RecordException notOfTheGroup) {
                    return GENERIC_KLE;
                }
            }
        }
        return GENERIC_KLE;
    }

    /** A notification is assessed within days and processed within weeks. */
    private static String status(LocalDate received, LocalDate extract) {
        if (received.isAfter(extract.minusDays(7))) {
            return NotificationColumns.RECEIVED_STATUS;
        }
        if (received.isAfter(extract.minusDays(60))) {
            return NotificationColumns.IN_PROGRESS;
        }
        return NotificationColumns.PROCESSED;
    }

    private static String[] row(String cpr, Map<String, NameRecord> names, LocalDate received, String kle, String notifier, String status,
            String id, LocalDate registered) {
        String pnr = CprNumbers.normalise(cpr);
        NameRecord n = names.get(pnr);
        return new String[] {pnr.substring(0, 6) + "-" + pnr.substring(6), n == null ? "" : n.fullName(), received.format(Row.DANISH_DATE), kle,
                notifier, status, id, registered == null ? "" : registered.format(Row.DANISH_DATE)};
    }

    private static void breakRow(String[] row, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> row[2] = "30-02-" + row[2].substring(6);
            case 1 -> row[0] = row[0].substring(0, 2) + "13" + row[0].substring(4);
            case 2 -> row[3] = "27.12.06"; // preventive help: not a notification's group
            default -> row[4] = "Nabo";
        }
    }

    private static void line(Writer out, String[] fields) throws IOException {
        out.write(DelimitedLine.join(fields, ';') + "\r\n");
    }
}
