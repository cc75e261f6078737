// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

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
import java.util.Optional;
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
 * Writes the treatment system's export of treatment episodes: one row per episode in the synthetic
 * data, with the kind of treatment (from the detail {@code treatment}, else from the SKS code), the
 * primary substance (from the SKS code), the legal basis (from the detail {@code treatment.law}, else
 * SUL § 141 for alcohol and SEL § 101 for drugs) and the status (Aktiv while open, else Afsluttet); and,
 * for about 1 % of them, an annulled episode of another adult (registered in error), which the mapper
 * skips. UTF-8 with byte-order mark, CRLF, CPR numbers with hyphen, dates dd-MM-yyyy. The inverse of
 * {@link SubstanceAbuseMapper}.
 *
 * <p>With a broken share above zero, that share of episode rows gets an impossible start date, a CPR
 * number with month 13, an unknown kind of treatment, or an end before the start.
 */
public final class SubstanceAbuseWriter implements ExportWriter {

    private static final double ANNULLED_SHARE = 0.01;
    private static final String ALCOHOL_LAW = "SUL § 141";
    private static final String DRUG_LAW = "SEL § 101";

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> episodes = data.events().stream().filter(e -> e.indicator() == Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT).toList();
        if (episodes.isEmpty()) {
            return List.of();
        }
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        Map<String, AddressRecord> addresses = new HashMap<>();
        data.addresses().forEach(a -> addresses.put(CprNumbers.normalise(a.cpr()), a));
        List<String> adults = new ArrayList<>();
        data.persons().forEach(p -> {
            LocalDate born = p.birthDate() != null ? p.birthDate() : CprNumbers.birthDate(p.cpr());
            if (!born.isAfter(data.extractDate().minusYears(18))) {
                adults.add(CprNumbers.normalise(p.cpr()));
            }
        });

        Files.createDirectories(directory);
        Path file = directory.resolve("misbrugsbehandling-" + data.extractDate().format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv");
        long rows = 0;
        long broken = 0;
        int annulled = 0;
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write('\uFEFF');
            out.write(String.join(";", SubstanceAbuseColumns.ALL) + "\r\n");
            for (RiskEvent e : episodes) {
                Optional<Substance> substance = e.details().stream().filter(d -> d.system().equals(DetailCode.SKS)).findFirst()
                        .flatMap(Substance::of);
                TreatmentType type = type(e, substance);
                String law = e.details().stream().filter(d -> d.system().equals(LegalBasis.CODE_SYSTEM)).map(DetailCode::code).findFirst()
                        .orElse(type == TreatmentType.ALCOHOL ? ALCOHOL_LAW : DRUG_LAW);
                String[] row = row(e.subjectCpr(), names, addresses, e.start(), e.end(), type.danish(), substance.map(Substance::danish).orElse(""),
                        law, e.end() == null ? SubstanceAbuseColumns.ACTIVE : SubstanceAbuseColumns.FINISHED, e.sourceRecordId());
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    breakRow(row, e, random);
                    broken++;
                }
                line(out, row);
                rows++;
                if (random.nextDouble() < ANNULLED_SHARE) {
                    String adult = adults.isEmpty() ? CprNumbers.normalise(e.subjectCpr()) : adults.get(random.nextInt(adults.size()));
                    LocalDate day = e.start().minusDays(random.nextInt(90));
                    line(out, row(adult, names, addresses, day, null, TreatmentType.ALCOHOL.danish(), Substance.ALCOHOL.danish(), ALCOHOL_LAW,
                            SubstanceAbuseColumns.ANNULLED, "MIS-A-" + (++annulled)));
                    rows++;
                }
            }
        }
        return List.of(new WrittenFile(file, rows, broken));
    }

    private static TreatmentType type(RiskEvent e, Optional<Substance> substance) {
        for (DetailCode d : e.details()) {
            if (d.system().equals(TreatmentType.CODE_SYSTEM)) {
                for (TreatmentType t : TreatmentType.values()) {
                    if (t.name().equals(d.code())) {
                        return t;
                    }
                }
            }
        }
        return substance.isEmpty() || substance.get() == Substance.ALCOHOL ? TreatmentType.ALCOHOL : TreatmentType.DRUGS;
    }

    private static String[] row(String cpr, Map<String, NameRecord> names, Map<String, AddressRecord> addresses, LocalDate start, LocalDate end,
            String type, String substance, String law, String status, String id) {
        String pnr = CprNumbers.normalise(cpr);
        NameRecord n = names.get(pnr);
        AddressRecord a = addresses.get(pnr);
        String unit = "Rusmiddelcenter " + (a != null && a.city() != null ? a.city() : "Centrum");
        return new String[] {pnr.substring(0, 6) + "-" + pnr.substring(6), n == null ? "" : n.fullName(), start.format(Row.DANISH_DATE),
                end == null ? "" : end.format(Row.DANISH_DATE), type, substance, law, unit, status, id};
    }

    private static void breakRow(String[] row, RiskEvent e, Random random) {
        int how = random.nextInt(4);
        if (how == 3 && e.end() == null) {
            how = random.nextInt(3);
        }
        switch (how) {
            case 0 -> row[2] = "30-02-" + row[2].substring(6);
            case 1 -> row[0] = row[0].substring(0, 2) + "13" + row[0].substring(4);
            case 2 -> row[4] = "Spil"; // gambling: not a substance-abuse treatment
            default -> row[3] = e.start().minusDays(1).format(Row.DANISH_DATE);
        }
    }

    private static void line(Writer out, String[] fields) throws IOException {
        out.write(DelimitedLine.join(fields, ';') + "\r\n");
    }
}
