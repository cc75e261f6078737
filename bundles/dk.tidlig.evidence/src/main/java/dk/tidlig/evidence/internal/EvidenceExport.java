// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import dk.tidlig.core.evidence.BacktestData;
import dk.tidlig.core.evidence.ChildCase;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.model.Indicator;

/**
 * What an outside researcher needs to reproduce every figure of an evaluation: per child, the household (offer) it
 * belongs to, its family's points in all and by indicator, how much of each indicator the family had, the flag, the
 * groups and the outcome; the model file, its digest and the input's fingerprint; the figures. The keys of children and
 * households were made for the back-test alone and join to nothing; there are no dates but the outcome's distance from
 * the reference day. It is pseudonymous data about people all the same: it goes to a researcher under the legal basis,
 * and the export is audited.
 */
final class EvidenceExport {

    static final String DATA = "evaluation-data.csv";

    /**
     * The figures for a reader: six significant digits, which is more than any of them is worth (the intervals say
     * how much). Full doubles also print ten-digit fractions that a data-loss scanner takes for CPR numbers.
     */
    static final ObjectMapper FIGURES = EvidenceServiceImpl.JSON.copy().registerModule(new SimpleModule()
            .addSerializer(Double.class, new Significant()).addSerializer(Double.TYPE, new Significant()));

    private static final class Significant extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        Significant() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(new BigDecimal(significant(value)));
            } else {
                gen.writeNumber(value);
            }
        }
    }

    static String significant(double value) {
        return Double.isFinite(value) ? new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    private EvidenceExport() {
    }

    static void write(Path dir, BacktestData data, Evaluation evaluation) throws IOException {
        Files.createDirectories(dir);
        TreeSet<String> groupKinds = new TreeSet<>();
        data.children().forEach(c -> groupKinds.addAll(c.groups().keySet()));
        List<String> header = new ArrayList<>(List.of("household", "child", "age", "points", "flagged", "outcome", "outcome_days_after"));
        header.addAll(groupKinds);
        for (Indicator i : Indicator.values()) {
            header.add("points_" + i.name());
        }
        for (Indicator i : Indicator.values()) {
            header.add("units_" + i.name());
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(DATA), StandardCharsets.UTF_8)) {
            w.write(String.join(";", header));
            w.write('\n');
            for (ChildCase c : data.children()) {
                List<String> row = new ArrayList<>(header.size());
                row.add(c.household());
                row.add(c.child());
                row.add(Integer.toString(c.age()));
                row.add(Integer.toString(c.points()));
                row.add(c.flagged() ? "1" : "0");
                row.add(c.hasOutcome() ? "1" : "0");
                row.add(c.hasOutcome() ? Long.toString(ChronoUnit.DAYS.between(data.asOf(), c.outcome())) : "");
                for (String kind : groupKinds) {
                    row.add(c.groups().getOrDefault(kind, ""));
                }
                for (Indicator i : Indicator.values()) {
                    row.add(Integer.toString(c.pointsByIndicator().getOrDefault(i, 0)));
                }
                for (Indicator i : Indicator.values()) {
                    row.add(String.format(Locale.ROOT, "%.3f", c.units().getOrDefault(i, 0.0)));
                }
                w.write(String.join(";", row));
                w.write('\n');
            }
        }
        Files.writeString(dir.resolve("model.cfg"), ModelParser.format(data.model(), List.of("The model evaluated, as its file stood (digest "
                + data.model().digest() + ").")), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("figures.json"), FIGURES.writeValueAsString(evaluation), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("README.txt"), String.join("\n",
                "tidlig evaluation export",
                "",
                "Model " + data.model().id() + " " + data.model().version() + ", digest " + data.model().digest(),
                "Back-test as of " + data.asOf() + " in municipality " + data.tenant() + ", outcome: " + data.outcome().describe()
                        + " (from the " + data.outcomeSource() + ")",
                "Input fingerprint " + data.inputFingerprint() + ", legal basis " + data.legalBasisId(),
                "",
                DATA + ": one row per eligible child (semicolon-separated, UTF-8).",
                "  household, child   keys made for this back-test alone; they join to nothing outside it. The list is one offer per household.",
                "  age                completed years on the reference day",
                "  points, flagged    the child's family's points by the model, and whether the model's rule flags the family",
                "  outcome            1 when the child had an outcome within the follow-up; outcome_days_after its distance from the reference day",
                "  " + String.join(", ", groupKinds) + "   the child's groups",
                "  points_<INDICATOR> the family's points per indicator; units_<INDICATOR> how much of it the family had (occurrences, years, once)",
                "model.cfg: the model file; figures.json: the figures as tidlig computed them (AUC per child, ties half; the list per household).",
                "") + "\n", StandardCharsets.UTF_8);
    }
}
