// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import dk.tidlig.core.evidence.BacktestData;
import dk.tidlig.core.evidence.ChildCase;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.Evaluation.Bin;
import dk.tidlig.evidence.Evaluation.GroupFigure;
import dk.tidlig.evidence.Evaluation.ListPoint;
import dk.tidlig.evidence.Evaluation.Point;

/**
 * The figures of a back-test ({@link Evaluation}). Pure and deterministic: the same back-test and settings give the same
 * figures (the bootstrap draws from a seeded generator).
 *
 * <ul>
 * <li>AUC: the Mann-Whitney statistic of the children's family points against their outcomes, ties counted half; its
 * 95 % interval the 2.5th and 97.5th percentiles over bootstrap samples of households (siblings share a family score,
 * so they are drawn together).</li>
 * <li>The list: one offer per household, ranked by the highest family score of its children; a household is flagged
 * when the model flags one of its children's families, and has the outcome when one of its children has.</li>
 * <li>Chances: the model's own calibration where it has one; otherwise a logistic curve of the outcome on the points,
 * fitted in five folds of households, each child's chance from the fit on the other four (cross-fitting, so the
 * calibration is not judged on the data it was fitted to).</li>
 * <li>Groups: per child, by its family's flag; false-positive rate among children without the outcome, false-negative
 * rate among those with it; ratios to the reference group of the same kind (the largest, or the one configured), the
 * false-positive ratio with its 95 % interval over the same household bootstrap as the AUC's (a small group's ratio
 * can lie outside the tolerance by chance alone); a group smaller than the least size is shown but not judged.</li>
 * </ul>
 */
public final class Metrics {

    /** How the figures are made. */
    public record Settings(int capacity, int bootstrapResamples, long seed, double toleranceLow, double toleranceHigh, int leastGroupSize,
            Map<String, String> referenceGroups) {

        public static Settings defaults(int capacity) {
            return new Settings(capacity, 1000, 20_260_101L, 0.8, 1.25, 30, Map.of("citizenship", "DANISH"));
        }
    }

    private static final int BINS = 10;
    private static final int FOLDS = 5;
    private static final int MAX_CURVE_POINTS = 200;

    private Metrics() {
    }

    public static Evaluation evaluate(BacktestData data, Settings settings) {
        List<ChildCase> children = data.children();
        int n = children.size();
        if (n == 0) {
            throw new IllegalArgumentException("no eligible child on " + data.asOf() + ": nothing to evaluate");
        }
        int[] points = new int[n];
        boolean[] outcome = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            points[i] = children.get(i).points();
            outcome[i] = children.get(i).hasOutcome();
            positives += outcome[i] ? 1 : 0;
        }
        Households households = new Households(children);
        boolean[] childFlagged = new boolean[n];
        for (int i = 0; i < n; i++) {
            childFlagged[i] = households.flagged[households.of[i]];
        }

        double auc = auc(points, outcome);
        double[] ci = bootstrapAuc(points, outcome, households, settings);

        // the list: flagged households; and the list cut at capacity
        int listSize = 0;
        int listHits = 0;
        int householdsWithOutcome = 0;
        for (int h = 0; h < households.count; h++) {
            householdsWithOutcome += households.outcome[h] ? 1 : 0;
            if (households.flagged[h]) {
                listSize++;
                listHits += households.outcome[h] ? 1 : 0;
            }
        }
        Integer[] ranked = households.ranked();
        int k = Math.min(settings.capacity(), households.count);
        double capacityHits = expectedHits(households, ranked, k);
        List<ListPoint> byListSize = new ArrayList<>();
        int hits = 0;
        int step = Math.max(1, households.count / MAX_CURVE_POINTS);
        for (int r = 0; r < households.count; r++) {
            hits += households.outcome[ranked[r]] ? 1 : 0;
            int size = r + 1;
            if (size % step == 0 || size == households.count || size == k || size == listSize) {
                byListSize.add(new ListPoint(size, hits / (double) size, ratio(hits, householdsWithOutcome)));
            }
        }
        int flaggedChildren = 0;
        for (boolean f : childFlagged) {
            flaggedChildren += f ? 1 : 0;
        }

        // chances and calibration
        double[] chance = new double[n];
        PointModel.Calibration own = data.model().calibration();
        String calibration;
        if (own != null) {
            for (int i = 0; i < n; i++) {
                chance[i] = own.probability(points[i]);
            }
            calibration = "model";
        } else {
            crossFitted(points, outcome, households, chance);
            calibration = "cross-fitted logistic curve of the outcome on the points (the model states no chances)";
        }
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double d = chance[i] - (outcome[i] ? 1 : 0);
            brier += d * d;
        }
        brier /= n;
        List<Bin> reliability = reliability(chance, outcome);
        double ece = 0;
        for (Bin b : reliability) {
            ece += b.n() / (double) n * Math.abs(b.observedRate() - b.meanChance());
        }

        return new Evaluation(data.model().id(), data.model().version(), data.model().digest(), provenance(data.model()), data.asOf(),
                data.outcome().describe(), data.outcomeSource(), data.inputFingerprint(), data.legalBasisId(), n, households.count, positives,
                positives / (double) n, auc, ci[0], ci[1], listSize, ratio(listHits, listSize), ratio(listHits, householdsWithOutcome),
                settings.capacity(), k == 0 ? 0 : capacityHits / k, householdsWithOutcome == 0 ? 0 : capacityHits / householdsWithOutcome,
                flaggedChildren * 1000.0 / n, brier, ece,
                calibration, reliability, groups(children, childFlagged, outcome, households, settings), roc(points, outcome), byListSize);
    }

    /**
     * The households with the outcome among the first {@code k} of the ranking; where the cut falls among households with
     * equal scores, those are taken in proportion (the expectation over any order among equals), so the figure does not
     * depend on how ties happen to be ordered.
     */
    static double expectedHits(Households households, Integer[] ranked, int k) {
        if (k == 0) {
            return 0;
        }
        int cutScore = households.score[ranked[k - 1]];
        int above = 0;
        int hitsAbove = 0;
        int tied = 0;
        int hitsTied = 0;
        for (int r = 0; r < households.count; r++) {
            int h = ranked[r];
            if (households.score[h] > cutScore) {
                above++;
                hitsAbove += households.outcome[h] ? 1 : 0;
            } else if (households.score[h] == cutScore) {
                tied++;
                hitsTied += households.outcome[h] ? 1 : 0;
            }
        }
        return hitsAbove + (k - above) * (hitsTied / (double) tied);
    }

    /** Where the model's numbers come from: LEARNED when any rule was learned, else PUBLISHED. */
    static String provenance(PointModel m) {
        return m.rules().values().stream().anyMatch(r -> r.provenance() == PointModel.Provenance.LEARNED) ? "LEARNED" : "PUBLISHED";
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : a / (double) b;
    }

    /**
     * {@link #auc(int[], boolean[])} of a sample given as the number of positives and negatives at each distinct score, in
     * ascending order of the scores: the same ranks, added in the same order (sums of half-integers, exact in a double).
     */
    static double auc(long[] positives, long[] negatives) {
        double rankSumPositive = 0;
        long pos = 0;
        long n = 0;
        for (int v = 0; v < positives.length; v++) {
            long tied = positives[v] + negatives[v];
            if (tied == 0) {
                continue;
            }
            double averageRank = (n + (n + tied - 1)) / 2.0 + 1;
            rankSumPositive += positives[v] * averageRank;
            pos += positives[v];
            n += tied;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return 0.5;
        }
        return (rankSumPositive - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    /** The Mann-Whitney AUC with ties counted half; 0.5 when one class is empty. */
    static double auc(int[] score, boolean[] positive) {
        int n = score.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> score[i]));
        double rankSumPositive = 0;
        long pos = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (positive[order[t]]) {
                    rankSumPositive += averageRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return 0.5;
        }
        return (rankSumPositive - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    private static double[] bootstrapAuc(int[] points, boolean[] outcome, Households households, Settings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] aucs = new double[settings.bootstrapResamples()];
        // each sample as the count of positives and negatives at each distinct score: the AUC of the counts is the same sum as
        // that of the sample sorted (a sort of the sample per resample took minutes for a country's 470,000 children)
        int[] distinct = Arrays.stream(points).distinct().sorted().toArray();
        int[] rank = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            rank[i] = Arrays.binarySearch(distinct, points[i]);
        }
        int[][] members = households.memberArrays();
        long[] positives = new long[distinct.length];
        long[] negatives = new long[distinct.length];
        for (int b = 0; b < aucs.length; b++) {
            Arrays.fill(positives, 0);
            Arrays.fill(negatives, 0);
            for (int d = 0; d < households.count; d++) {
                for (int child : members[random.nextInt(households.count)]) {
                    if (outcome[child]) {
                        positives[rank[child]]++;
                    } else {
                        negatives[rank[child]]++;
                    }
                }
            }
            aucs[b] = auc(positives, negatives);
        }
        Arrays.sort(aucs);
        if (aucs.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {aucs[(int) Math.floor(0.025 * (aucs.length - 1))], aucs[(int) Math.ceil(0.975 * (aucs.length - 1))]};
    }

    /** Each child's chance from a logistic curve of outcome on points fitted on the other folds of households. */
    private static void crossFitted(int[] points, boolean[] outcome, Households households, double[] chance) {
        double scale = Math.max(1, Arrays.stream(points).max().orElse(1));
        int[] fold = new int[households.count];
        for (int h = 0; h < households.count; h++) {
            fold[h] = h % FOLDS; // by the order the back-test gives them, which follows the data, not its keys
        }
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> x = new ArrayList<>();
            List<Boolean> y = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (fold[households.of[i]] != f) {
                    x.add(new double[] {points[i] / scale});
                    y.add(outcome[i]);
                }
            }
            LogisticRegression.Fit fit = fitOrRate(x, y);
            for (int i = 0; i < points.length; i++) {
                if (fold[households.of[i]] == f) {
                    chance[i] = fit.probability(new double[] {points[i] / scale});
                }
            }
        }
    }

    /** The curve; where it cannot be fitted (an outcome nobody or everybody had), the observed rate for everyone. */
    private static LogisticRegression.Fit fitOrRate(List<double[]> x, List<Boolean> y) {
        boolean[] yy = new boolean[y.size()];
        long positives = 0;
        for (int i = 0; i < yy.length; i++) {
            yy[i] = y.get(i);
            positives += yy[i] ? 1 : 0;
        }
        if (positives == 0 || positives == yy.length) {
            double rate = Math.min(Math.max(positives / (double) Math.max(1, yy.length), 1e-6), 1 - 1e-6);
            return new LogisticRegression.Fit(Math.log(rate / (1 - rate)), new double[] {0}, 0, true);
        }
        return LogisticRegression.fit(x.toArray(double[][]::new), yy, 1e-6);
    }

    static List<Bin> reliability(double[] chance, boolean[] outcome) {
        int n = chance.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> chance[i]));
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            int from = (int) ((long) b * n / BINS);
            int to = (int) ((long) (b + 1) * n / BINS);
            if (to <= from) {
                continue;
            }
            double sum = 0;
            int hits = 0;
            for (int t = from; t < to; t++) {
                sum += chance[order[t]];
                hits += outcome[order[t]] ? 1 : 0;
            }
            bins.add(new Bin(to - from, sum / (to - from), hits / (double) (to - from)));
        }
        return bins;
    }

    static List<GroupFigure> groups(List<ChildCase> children, boolean[] flagged, boolean[] outcome, Households households, Settings settings) {
        // kind -> value -> child indexes
        Map<String, Map<String, List<Integer>>> byKind = new LinkedHashMap<>();
        for (int i = 0; i < children.size(); i++) {
            for (Map.Entry<String, String> g : children.get(i).groups().entrySet()) {
                byKind.computeIfAbsent(g.getKey(), k -> new TreeMap<>()).computeIfAbsent(g.getValue(), v -> new ArrayList<>()).add(i);
            }
        }
        // each kind's reference group first, then the intervals of every kind from one pass of bootstrap draws
        Map<String, String> references = new LinkedHashMap<>();
        byKind.forEach((kind, values) -> {
            String reference = settings.referenceGroups().get(kind);
            if (reference == null || !values.containsKey(reference)) {
                reference = values.entrySet().stream().filter(e -> !e.getKey().equals("UNKNOWN")).max(Comparator.comparingInt(
                        (Map.Entry<String, List<Integer>> e) -> e.getValue().size()).thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                        .map(Map.Entry::getKey).orElse(values.keySet().iterator().next());
            }
            references.put(kind, reference);
        });
        Map<String, Map<String, double[]>> intervalsByKind = fprRatioIntervals(children, references, flagged, outcome, households, settings);
        List<GroupFigure> out = new ArrayList<>();
        byKind.forEach((kind, values) -> {
            Map<String, double[]> rates = new HashMap<>();
            values.forEach((value, members) -> rates.put(value, rates(members, flagged, outcome)));
            String reference = references.get(kind);
            double[] ref = rates.get(reference);
            Map<String, double[]> intervals = intervalsByKind.get(kind);
            for (Map.Entry<String, List<Integer>> e : values.entrySet()) {
                double[] r = rates.get(e.getKey());
                int size = e.getValue().size();
                boolean isReference = e.getKey().equals(reference);
                if (size < settings.leastGroupSize()) {
                    out.add(new GroupFigure(kind, e.getKey(), size, null, null, null, null, null, isReference, null, null, null, null, null, null));
                    continue;
                }
                Double flagRatio = ratioOrNull(r[0], ref[0]);
                Double fprRatio = ratioOrNull(r[1], ref[1]);
                Double fnrRatio = ratioOrNull(r[2], ref[2]);
                boolean within = isReference || (within(flagRatio, settings) && within(fprRatio, settings));
                double[] ci = isReference || fprRatio == null ? null : intervals.get(e.getKey());
                out.add(new GroupFigure(kind, e.getKey(), size, (int) r[5], r[0], nanToNull(r[1]), nanToNull(r[2]), nanToNull(r[3]), isReference,
                        flagRatio, fprRatio, fnrRatio, within, ci == null ? null : ci[0], ci == null ? null : ci[1]));
            }
        });
        return out;
    }

    /**
     * Per kind of group and value, the 95 % interval of the value's false-positive rate's ratio to the kind's reference
     * group's: the 2.5th and 97.5th percentiles over bootstrap samples of households (the same draws as the AUC's, so
     * siblings stay together); a sample in which a ratio has no denominator is left out of that value's percentiles.
     * Every kind is counted from the same draws in one pass.
     */
    private static Map<String, Map<String, double[]>> fprRatioIntervals(List<ChildCase> children, Map<String, String> references,
            boolean[] flagged, boolean[] outcome, Households households, Settings settings) {
        int kinds = references.size();
        List<String> kindNames = new ArrayList<>(references.keySet());
        List<Map<String, Integer>> indexes = new ArrayList<>();
        // each child's groups side by side (child by child), so that a drawn child's groups are read together
        int[] groupOf = new int[kinds * children.size()];
        int[] base = new int[kinds + 1];
        int[] ref = new int[kinds];
        for (int k = 0; k < kinds; k++) {
            String kind = kindNames.get(k);
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < children.size(); i++) {
                String v = children.get(i).groups().get(kind);
                groupOf[i * kinds + k] = v == null ? -1 : base[k] + index.computeIfAbsent(v, x -> index.size());
            }
            indexes.add(index);
            ref[k] = base[k] + index.get(references.get(kind));
            base[k + 1] = base[k] + index.size();
        }
        int groups = base[kinds];
        int resamples = settings.bootstrapResamples();
        double[][] ratios = new double[groups][resamples];
        int[] kept = new int[groups];
        int[] negatives = new int[groups];
        int[] falsePositives = new int[groups];
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[][] members = households.memberArrays();
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(negatives, 0);
            Arrays.fill(falsePositives, 0);
            for (int d = 0; d < households.count; d++) {
                for (int child : members[random.nextInt(households.count)]) {
                    if (outcome[child]) {
                        continue;
                    }
                    for (int k = 0, at = child * kinds; k < kinds; k++) {
                        int g = groupOf[at + k];
                        if (g >= 0) {
                            negatives[g]++;
                            falsePositives[g] += flagged[child] ? 1 : 0;
                        }
                    }
                }
            }
            for (int k = 0; k < kinds; k++) {
                if (negatives[ref[k]] == 0 || falsePositives[ref[k]] == 0) {
                    continue;
                }
                double refRate = falsePositives[ref[k]] / (double) negatives[ref[k]];
                for (int g = base[k]; g < base[k + 1]; g++) {
                    if (negatives[g] > 0) {
                        ratios[g][kept[g]++] = falsePositives[g] / (double) negatives[g] / refRate;
                    }
                }
            }
        }
        Map<String, Map<String, double[]>> out = new HashMap<>();
        for (int k = 0; k < kinds; k++) {
            Map<String, double[]> byValue = new HashMap<>();
            int first = base[k];
            indexes.get(k).forEach((value, local) -> {
                int g = first + local;
                if (kept[g] > 0) {
                    double[] r = Arrays.copyOf(ratios[g], kept[g]);
                    Arrays.sort(r);
                    byValue.put(value, new double[] {r[(int) Math.floor(0.025 * (r.length - 1))], r[(int) Math.ceil(0.975 * (r.length - 1))]});
                }
            });
            out.put(kindNames.get(k), byValue);
        }
        return out;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static boolean within(Double ratio, Settings s) {
        return ratio == null || (ratio >= s.toleranceLow() && ratio <= s.toleranceHigh());
    }

    private static Double ratioOrNull(double a, double b) {
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? null : a / b;
    }

    /** {flag rate, FPR, FNR, precision, n, with outcome}; NaN where a rate has no denominator. */
    private static double[] rates(List<Integer> members, boolean[] flagged, boolean[] outcome) {
        int f = 0;
        int neg = 0;
        int fp = 0;
        int pos = 0;
        int fn = 0;
        int tp = 0;
        for (int i : members) {
            f += flagged[i] ? 1 : 0;
            if (outcome[i]) {
                pos++;
                fn += flagged[i] ? 0 : 1;
                tp += flagged[i] ? 1 : 0;
            } else {
                neg++;
                fp += flagged[i] ? 1 : 0;
            }
        }
        return new double[] {f / (double) members.size(), neg == 0 ? Double.NaN : fp / (double) neg, pos == 0 ? Double.NaN : fn / (double) pos,
            f == 0 ? Double.NaN : tp / (double) f, members.size(), pos};
    }

    /** The ROC curve at each distinct score, thinned to at most {@link #MAX_CURVE_POINTS} points. */
    static List<Point> roc(int[] points, boolean[] outcome) {
        int n = points.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> points[i]).reversed());
        long pos = 0;
        for (boolean b : outcome) {
            pos += b ? 1 : 0;
        }
        long neg = n - pos;
        List<Point> all = new ArrayList<>();
        all.add(new Point(0, 0));
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && points[order[j]] == points[order[i]]) {
                if (outcome[order[j]]) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            all.add(new Point(neg == 0 ? 0 : fp / (double) neg, pos == 0 ? 0 : tp / (double) pos));
            i = j;
        }
        if (all.size() <= MAX_CURVE_POINTS) {
            return all;
        }
        List<Point> thin = new ArrayList<>();
        for (int t = 0; t < MAX_CURVE_POINTS; t++) {
            thin.add(all.get((int) ((long) t * (all.size() - 1) / (MAX_CURVE_POINTS - 1))));
        }
        return thin;
    }

    /** The households of a back-test: its offers. */
    static final class Households {
        final int count;
        final int[] of;
        final List<String> keys = new ArrayList<>();
        final List<List<Integer>> members = new ArrayList<>();
        final boolean[] flagged;
        final boolean[] outcome;
        final int[] score;

        /** Each household's children as an array, for the bootstraps' inner loops. */
        int[][] memberArrays() {
            int[][] out = new int[count][];
            for (int h = 0; h < count; h++) {
                out[h] = members.get(h).stream().mapToInt(Integer::intValue).toArray();
            }
            return out;
        }

        Households(List<ChildCase> children) {
            Map<String, Integer> index = new LinkedHashMap<>();
            of = new int[children.size()];
            for (int i = 0; i < children.size(); i++) {
                Integer h = index.get(children.get(i).household());
                if (h == null) {
                    h = index.size();
                    index.put(children.get(i).household(), h);
                    keys.add(children.get(i).household());
                    members.add(new ArrayList<>(2));
                }
                of[i] = h;
                members.get(h).add(i);
            }
            count = index.size();
            flagged = new boolean[count];
            outcome = new boolean[count];
            score = new int[count];
            Arrays.fill(score, Integer.MIN_VALUE);
            for (int i = 0; i < children.size(); i++) {
                ChildCase c = children.get(i);
                flagged[of[i]] |= c.flagged();
                outcome[of[i]] |= c.hasOutcome();
                score[of[i]] = Math.max(score[of[i]], c.points());
            }
        }

        /** Households by their highest family score, then (for a stable order among equals) by key. */
        Integer[] ranked() {
            Integer[] order = new Integer[count];
            for (int h = 0; h < count; h++) {
                order[h] = h;
            }
            Arrays.sort(order, Comparator.comparingInt((Integer h) -> score[h]).reversed().thenComparing(h -> keys.get(h)));
            return order;
        }
    }
}
