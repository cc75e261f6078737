// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import dk.tidlig.core.scoring.PointModel.Basis;
import dk.tidlig.core.scoring.PointModel.Calibration;
import dk.tidlig.core.scoring.PointModel.Provenance;
import dk.tidlig.core.scoring.PointModel.Rule;
import dk.tidlig.model.Indicator;

/**
 * Reads a scoring model from its configuration (factory PID {@code dk.tidlig.scoring.model}, one file
 * per model, e.g. {@code config/dk.tidlig.scoring.model-gladsaxe.cfg}). Keys:
 *
 * <pre>
 * model.id, model.version, model.title, model.description
 * flag.threshold, flag.threshold.provenance, flag.minIndicators
 * window.months, window.months.provenance
 * eligible.ageMin, eligible.ageMax
 * family.dwellingMax                         (optional: most residents of a household, default 12; a dwelling with more is
 *                                            collective, and its residents are not one family; part of the digest)
 * indicator.&lt;INDICATOR&gt;.points, .basis (ONCE | PER_EVENT | PER_YEAR), .provenance
 *                          (PUBLISHED | REPORTED | MUNICIPAL_DECISION | LEARNED), .maxCount (optional), .note (optional)
 * calibration.intercept, calibration.slope   (optional, both or neither: the chance of the outcome for the points)
 * model.training                             (optional: what a learned model was fitted on)
 * card.intendedUse, card.outOfScopeUses, card.factors, card.ethicalConsiderations, card.caveats
 *                                            (optional: the model card's texts; not part of the digest)
 * </pre>
 *
 * Nothing else has a default: a model that leaves a number out is refused with a message naming the key.
 */
public final class ModelParser {

    private ModelParser() {
    }

    public static PointModel parse(Map<String, ?> config) {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(config, problems);
        String id = r.text("model.id");
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add("model.id must be lower-case letters, digits and hyphens");
        }
        String version = r.text("model.version");
        String title = r.text("model.title");
        String description = r.optional("model.description", "");
        int threshold = r.number("flag.threshold", 0);
        Provenance thresholdProvenance = r.choice("flag.threshold.provenance", Provenance.class);
        int minIndicators = r.number("flag.minIndicators", 1);
        int windowMonths = r.number("window.months", 1);
        Provenance windowProvenance = r.choice("window.months.provenance", Provenance.class);
        int ageMin = r.number("eligible.ageMin", 0);
        int ageMax = r.number("eligible.ageMax", 0);
        if (ageMax < ageMin) {
            problems.add("eligible.ageMax is below eligible.ageMin");
        }
        int dwellingMax = r.optionalNumber("family.dwellingMax", PointModel.DWELLING_MAX);
        if (dwellingMax < 2) {
            problems.add("family.dwellingMax must be at least 2");
        }
        Map<Indicator, Rule> rules = new EnumMap<>(Indicator.class);
        TreeSet<String> named = new TreeSet<>();
        for (String key : config.keySet()) {
            if (key.startsWith("indicator.")) {
                String rest = key.substring("indicator.".length());
                int dot = rest.indexOf('.');
                named.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        for (String name : named) {
            Indicator indicator;
            try {
                indicator = Indicator.valueOf(name);
            } catch (IllegalArgumentException e) {
                problems.add("indicator." + name + ": unknown indicator (known: " + java.util.Arrays.toString(Indicator.values()) + ")");
                continue;
            }
            String p = "indicator." + name + ".";
            int points = r.number(p + "points", 0);
            Basis basis = r.choice(p + "basis", Basis.class);
            Provenance provenance = r.choice(p + "provenance", Provenance.class);
            int maxCount = r.optionalNumber(p + "maxCount", 0);
            String note = r.optional(p + "note", "");
            if (basis == Basis.PER_YEAR && !indicator.isPeriod()) {
                problems.add(p + "basis: PER_YEAR needs an indicator with periods; " + name + " has dated occurrences");
            }
            if (basis != null && provenance != null) {
                rules.put(indicator, new Rule(points, basis, maxCount, provenance, note));
            }
        }
        Calibration calibration = null;
        String intercept = r.optional("calibration.intercept", null);
        String slope = r.optional("calibration.slope", null);
        if ((intercept == null) != (slope == null)) {
            problems.add("calibration.intercept and calibration.slope go together");
        } else if (intercept != null) {
            try {
                calibration = new Calibration(Double.parseDouble(intercept), Double.parseDouble(slope));
            } catch (NumberFormatException e) {
                problems.add("calibration.intercept and calibration.slope must be numbers");
            }
        }
        String training = r.optional("model.training", null);
        Map<String, String> card = new java.util.LinkedHashMap<>();
        for (String field : PointModel.CARD_FIELDS) {
            String text = r.optional("card." + field, null);
            if (text != null) {
                card.put(field, text);
            }
        }
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add("the model counts no indicator (no indicator.<INDICATOR>.points)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model " + (id == null ? "(no id)" : "'" + id + "'") + " is invalid: " + String.join("; ", problems));
        }
        String canonical = canonical(id, version, title, description, threshold, thresholdProvenance, minIndicators, windowMonths,
                windowProvenance, ageMin, ageMax, rules);
        // always, also the default: who belongs to a family changed with the cap, so a model's evaluations from before it
        // are not evaluations of what it scores now, and its activation must be renewed
        canonical += "family.dwellingMax=" + dwellingMax + "\n";
        if (calibration != null) {
            canonical += "calibration=" + Double.toString(calibration.intercept()) + " " + Double.toString(calibration.slope()) + "\n";
        }
        if (training != null) {
            canonical += "model.training=" + training + "\n";
        }
        return new PointModel(id, version, title, description, threshold, thresholdProvenance, minIndicators, windowMonths, windowProvenance,
                ageMin, ageMax, dwellingMax, rules, calibration, training, card, sha256(canonical));
    }

    /**
     * A model as a model file ({@code .cfg}): what {@link #parse(Map)} reads back into the same model, with the same digest.
     *
     * @param header comment lines for the top of the file (without {@code #})
     */
    public static String format(PointModel m, List<String> header) {
        StringBuilder sb = new StringBuilder();
        for (String line : header) {
            sb.append("# ").append(line).append('\n');
        }
        sb.append('\n');
        put(sb, "model.id", m.id());
        put(sb, "model.version", m.version());
        put(sb, "model.title", m.title());
        put(sb, "model.description", m.description());
        if (m.training() != null) {
            put(sb, "model.training", m.training());
        }
        sb.append('\n');
        put(sb, "flag.minIndicators", Integer.toString(m.minIndicators()));
        put(sb, "flag.threshold", Integer.toString(m.threshold()));
        put(sb, "flag.threshold.provenance", m.thresholdProvenance().name());
        put(sb, "window.months", Integer.toString(m.windowMonths()));
        put(sb, "window.months.provenance", m.windowProvenance().name());
        put(sb, "eligible.ageMin", Integer.toString(m.ageMin()));
        put(sb, "eligible.ageMax", Integer.toString(m.ageMax()));
        put(sb, "family.dwellingMax", Integer.toString(m.dwellingMax()));
        m.card().forEach((field, text) -> put(sb, "card." + field, text));
        if (m.calibration() != null) {
            put(sb, "calibration.intercept", Double.toString(m.calibration().intercept()));
            put(sb, "calibration.slope", Double.toString(m.calibration().slope()));
        }
        m.rules().forEach((indicator, rule) -> {
            String p = "indicator." + indicator.name() + ".";
            sb.append('\n');
            put(sb, p + "points", Integer.toString(rule.points()));
            put(sb, p + "basis", rule.basis().name());
            if (rule.maxCount() != 0) {
                put(sb, p + "maxCount", Integer.toString(rule.maxCount()));
            }
            put(sb, p + "provenance", rule.provenance().name());
            if (!rule.note().isEmpty()) {
                put(sb, p + "note", rule.note());
            }
        });
        return sb.toString();
    }

    /** A .cfg line: FileInstall reads .cfg files as java.util.Properties, so backslashes and line ends are escaped. */
    private static void put(StringBuilder sb, String key, String value) {
        sb.append(key).append(" = ").append(value.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    }

    private static String canonical(String id, String version, String title, String description, int threshold, Provenance tp, int minIndicators,
            int windowMonths, Provenance wp, int ageMin, int ageMax, Map<Indicator, Rule> rules) {
        StringBuilder sb = new StringBuilder();
        sb.append("model.id=").append(id).append('\n')
                .append("model.version=").append(version).append('\n')
                .append("model.title=").append(title).append('\n')
                .append("model.description=").append(description).append('\n')
                .append("flag.threshold=").append(threshold).append(' ').append(tp).append('\n')
                .append("flag.minIndicators=").append(minIndicators).append('\n')
                .append("window.months=").append(windowMonths).append(' ').append(wp).append('\n')
                .append("eligible.age=").append(ageMin).append('-').append(ageMax).append('\n');
        rules.forEach((i, r) -> sb.append("indicator.").append(i).append('=').append(r.points()).append(' ').append(r.basis()).append(' ')
                .append(r.maxCount()).append(' ').append(r.provenance()).append(' ').append(r.note()).append('\n'));
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads typed values and collects every problem, so a model file is corrected in one go. */
    private static final class Reader {
        private final Map<String, ?> config;
        private final List<String> problems;

        Reader(Map<String, ?> config, List<String> problems) {
            this.config = config;
            this.problems = problems;
        }

        String optional(String key, String fallback) {
            Object v = config.get(key);
            return v == null || v.toString().isBlank() ? fallback : v.toString().strip();
        }

        String text(String key) {
            String v = optional(key, null);
            if (v == null) {
                problems.add(key + " is missing");
            }
            return v;
        }

        int number(String key, int least) {
            String v = text(key);
            if (v == null) {
                return 0;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < least) {
                    problems.add(key + " must be at least " + least);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + " must be a whole number");
                return 0;
            }
        }

        int optionalNumber(String key, int fallback) {
            return optional(key, null) == null ? fallback : number(key, 0);
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String v = text(key);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(key + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
                return null;
            }
        }
    }
}
