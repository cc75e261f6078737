package dk.tidlig.core.internal.scoring;

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

import dk.tidlig.core.internal.scoring.PointModel.Basis;
import dk.tidlig.core.internal.scoring.PointModel.Provenance;
import dk.tidlig.core.internal.scoring.PointModel.Rule;
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
 * indicator.&lt;INDICATOR&gt;.points, .basis (ONCE | PER_EVENT | PER_YEAR), .provenance
 *                          (PUBLISHED | REPORTED | MUNICIPAL_DECISION), .maxCount (optional), .note (optional)
 * </pre>
 *
 * Nothing has a default: a model that leaves a number out is refused with a message naming the key.
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
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add("the model counts no indicator (no indicator.<INDICATOR>.points)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model " + (id == null ? "(no id)" : "'" + id + "'") + " is invalid: " + String.join("; ", problems));
        }
        String canonical = canonical(id, version, title, description, threshold, thresholdProvenance, minIndicators, windowMonths,
                windowProvenance, ageMin, ageMax, rules);
        return new PointModel(id, version, title, description, threshold, thresholdProvenance, minIndicators, windowMonths, windowProvenance,
                ageMin, ageMax, rules, sha256(canonical));
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
