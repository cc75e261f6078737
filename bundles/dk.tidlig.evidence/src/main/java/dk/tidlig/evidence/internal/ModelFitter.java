// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dk.tidlig.core.evidence.BacktestData;
import dk.tidlig.core.evidence.ChildCase;
import dk.tidlig.core.evidence.UnitCounting;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.scoring.PointModel.Provenance;
import dk.tidlig.core.scoring.PointModel.Rule;
import dk.tidlig.model.Indicator;

/**
 * Learns a scorecard from a back-test of the municipality's own history: the points per unit of each indicator are an
 * L2-regularised logistic regression of the child's outcome on its family's units, scaled so that {@value #POINTS_PER_LOGIT}
 * points are one unit of log-odds, the way credit scorecards are built.
 *
 * <ul>
 * <li>Households, not children, are split in {@value #FOLDS} folds (siblings share their family's data and must not be
 * on both sides), the households with the outcome dealt out evenly. The penalty among {@link #LAMBDAS} is the one whose
 * weights, fitted on the other folds, give each fold the least log-loss (a penalty is for every child, and in proportion
 * for a fit on fewer, so that all shrink alike). The points are fitted on every child. The
 * calibration (Platt scaling: a logistic curve of the outcome on the points) is fitted on each child's points from the
 * weights learned, leaving-out included, without its fold, so the chances are not judged on the data the points came
 * from, and every child serves both (with two halves, as at first, which half a household fell in decided too often
 * whether a small municipality's history ranked at all).</li>
 * <li>Only indicators: the groups an evaluation checks (citizenship, sex, district, household type) are never used. The
 * outcome's own measures ({@link #NOT_FEATURES}) are not used either: a family already helped is not the one to find.</li>
 * <li>An indicator whose weight is not positive is left out and the rest refitted: a point system explains why a family is
 * on the list, and "fewer points for a psychiatric diagnosis" would explain nothing.</li>
 * <li>The threshold is the least number of points at which the calibrated chance of the outcome is at least
 * {@code riskMultiple} times the base rate; how many families the outreach can visit is the list's capacity, not the
 * model's.</li>
 * </ul>
 */
final class ModelFitter {

    /** One unit of log-odds in points. */
    static final int POINTS_PER_LOGIT = 1000;
    /** The L2 penalties tried. */
    static final double[] LAMBDAS = {0.01, 0.1, 1, 10, 100};
    /** Measures granted to the child: what the outcome counts, not what predicts it. */
    static final Set<Indicator> NOT_FEATURES = EnumSet.of(Indicator.CHILD_PREVENTIVE_MEASURE, Indicator.CHILD_PLACEMENT);
    /** Folds of households: each is judged by, and calibrates, the weights learned on the others. */
    static final int FOLDS = 5;
    /** Outcomes per indicator below which the fit is reported as thin (the rule of ten events per variable). */
    static final int EVENTS_PER_INDICATOR = 10;

    /**
     * @param model         the learned model (valid, with its digest)
     * @param lambda        the penalty chosen
     * @param lossByLambda  the mean log-loss of each fold under the weights of the others, per penalty tried
     * @param coefficients  per indicator kept, the log-odds per unit
     * @param left          indicators left out, with why
     * @param outcomes      children with the outcome
     * @param slope         the calibration's chance per point, in log-odds (positive: more points, more risk)
     * @param warnings      what an analyst should know before relying on it (few outcomes)
     */
    record Fitted(PointModel model, BacktestData training, double lambda, Map<Double, Double> lossByLambda, Map<Indicator, Double> coefficients,
            Map<Indicator, String> left, int outcomes, double slope, double baseRate, List<String> warnings) {
    }

    /** What {@link #learn} found: the points and log-odds per unit of each indicator kept, and why the others were left out. */
    private record Learned(Map<Indicator, Double> coefficients, Map<Indicator, Integer> points, Map<Indicator, String> left) {
    }

    private ModelFitter() {
    }

    /**
     * @param training     a back-test (of any model: its units are what is fitted) with a whole follow-up
     * @param id           the new model's id
     * @param version      its version
     * @param riskMultiple the flag's chance as a multiple of the base rate
     * @param card         the model card's texts to carry over (the reference's), the caveats replaced
     */
    static Fitted fit(BacktestData training, String id, String version, double riskMultiple, Map<String, String> card) {
        List<ChildCase> children = training.children();
        int[] fold = folds(children);
        long outcomes = children.stream().filter(ChildCase::hasOutcome).count();
        for (int k = 0; k < FOLDS; k++) {
            long inFold = 0;
            long withOutcome = 0;
            for (int i = 0; i < children.size(); i++) {
                if (fold[i] == k) {
                    inFold++;
                    withOutcome += children.get(i).hasOutcome() ? 1 : 0;
                }
            }
            if (withOutcome == 0 || withOutcome == inFold) {
                throw new IllegalArgumentException("too few children with and without the outcome to learn from (" + outcomes + " of "
                        + children.size() + " had it as of " + training.asOf() + "; each of " + FOLDS + " folds of households needs both)");
            }
        }

        Map<Indicator, String> left = new EnumMap<>(Indicator.class);
        List<Indicator> candidates = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (NOT_FEATURES.contains(i)) {
                left.put(i, "a measure the outcome counts");
            } else if (children.stream().noneMatch(c -> c.units().getOrDefault(i, 0.0) > 0)) {
                left.put(i, "not seen in the data");
            } else {
                candidates.add(i);
            }
        }

        // the penalty: each fold judged by the weights fitted on the others
        Map<Double, Double> lossByLambda = new LinkedHashMap<>();
        double lambda = LAMBDAS[0];
        double best = Double.POSITIVE_INFINITY;
        for (double l : LAMBDAS) {
            double loss = 0;
            for (int k = 0; k < FOLDS && loss < Double.POSITIVE_INFINITY; k++) {
                List<ChildCase> rest = select(children, fold, k, false);
                List<ChildCase> held = select(children, fold, k, true);
                try {
                    LogisticRegression.Fit f = LogisticRegression.fit(matrix(rest, candidates), outcomes(rest), penalty(l, rest, children));
                    loss += logLoss(f, matrix(held, candidates), outcomes(held)) * held.size();
                } catch (IllegalArgumentException tooSmall) {
                    // an indicator seen in no other fold, or two always together there: this penalty cannot tell them apart
                    loss = Double.POSITIVE_INFINITY;
                }
            }
            loss /= children.size();
            lossByLambda.put(l, loss);
            if (loss < best - 1e-12) {
                best = loss;
                lambda = l;
            }
        }

        if (best == Double.POSITIVE_INFINITY) {
            throw tooFew("tell the indicators apart", training, children.size(), outcomes);
        }

        // the points: learned on every child
        Learned all = learn(children, candidates, lambda, children, training, outcomes);
        if (all.points().isEmpty()) {
            throw new IllegalArgumentException("no indicator has a positive weight on the outcome as of " + training.asOf()
                    + ": there is nothing to learn a list from");
        }

        // the calibration: each child's points from the weights learned, the whole way, without its fold
        double[][] outOfFold = new double[children.size()][1];
        for (int k = 0; k < FOLDS; k++) {
            Learned without = learn(select(children, fold, k, false), candidates, lambda, children, training, outcomes);
            for (int i = 0; i < children.size(); i++) {
                if (fold[i] == k) {
                    outOfFold[i][0] = score(children.get(i), without.points()) / (double) POINTS_PER_LOGIT;
                }
            }
        }
        LogisticRegression.Fit platt = null;
        if (java.util.Arrays.stream(outOfFold).anyMatch(p -> p[0] != outOfFold[0][0])) {
            if (separated(outOfFold, outcomes(children))) {
                // no curve fits: the points part those with the outcome from the others wholly, which so few children cannot show
                throw tooFew("calibrate the learned points", training, children.size(), outcomes);
            }
            try {
                platt = LogisticRegression.fit(outOfFold, outcomes(children), 0);
            } catch (IllegalArgumentException singular) {
                throw tooFew("calibrate the learned points", training, children.size(), outcomes);
            }
            if (!platt.converged()) {
                throw tooFew("calibrate the learned points", training, children.size(), outcomes);
            }
        }
        double slope = platt == null ? 0 : platt.coefficients()[0] / POINTS_PER_LOGIT;
        if (!(slope > 0) || !Double.isFinite(slope) || !Double.isFinite(platt.intercept())) {
            throw new IllegalArgumentException("the learned points do not rank the held-out families (calibration slope " + slope
                    + "): there is nothing to learn a list from");
        }

        int kept = all.points().size();
        left.putAll(all.left());
        Map<Indicator, Double> coefficients = all.coefficients();
        Map<Indicator, Integer> points = all.points();

        double baseRate = children.stream().filter(ChildCase::hasOutcome).count() / (double) children.size();
        double target = Math.min(riskMultiple * baseRate, 0.99);
        int threshold = (int) Math.max(1, Math.ceil((Math.log(target / (1 - target)) - platt.intercept()) / slope));

        List<String> warnings = new ArrayList<>();
        if (outcomes < (long) EVENTS_PER_INDICATOR * Math.max(1, kept)) {
            warnings.add(String.format(Locale.ROOT, "few outcomes to learn from: %d for %d indicators (at least %d per indicator "
                    + "is the usual rule); the points are uncertain", outcomes, kept, EVENTS_PER_INDICATOR));
        }

        PointModel reference = training.model();
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("model.id", id);
        cfg.put("model.version", version);
        cfg.put("model.title", "Lært af kommunens egne data (" + training.tenant() + ", " + training.asOf() + ")");
        cfg.put("model.description", "Points per unit of each indicator learned by L2-regularised logistic regression of the outcome ("
                + training.outcome().describe() + ") on the municipality's pseudonymous history; " + POINTS_PER_LOGIT
                + " points are one unit of log-odds. Counting (basis, caps, window, ages) as in model " + reference.id() + " " + reference.version()
                + ".");
        cfg.put("flag.threshold", threshold);
        cfg.put("flag.threshold.provenance", Provenance.LEARNED.name());
        cfg.put("flag.minIndicators", 1);
        cfg.put("window.months", reference.windowMonths());
        cfg.put("window.months.provenance", reference.windowProvenance().name());
        cfg.put("eligible.ageMin", reference.ageMin());
        cfg.put("eligible.ageMax", reference.ageMax());
        cfg.put("family.dwellingMax", reference.dwellingMax());
        for (Map.Entry<Indicator, Integer> e : points.entrySet()) {
            Rule r = UnitCounting.rule(reference, e.getKey(), e.getValue(), Provenance.LEARNED, String.format(Locale.ROOT,
                    "Learned: %d points per %s (odds of the outcome x%.2f each).", e.getValue(), unit(reference, e.getKey()),
                    Math.exp(coefficients.get(e.getKey()))));
            String p = "indicator." + e.getKey().name() + ".";
            cfg.put(p + "points", r.points());
            cfg.put(p + "basis", r.basis().name());
            if (r.maxCount() > 0) {
                cfg.put(p + "maxCount", r.maxCount());
            }
            cfg.put(p + "provenance", r.provenance().name());
            cfg.put(p + "note", r.note());
        }
        cfg.put("calibration.intercept", Double.toString(platt.intercept()));
        cfg.put("calibration.slope", Double.toString(slope));
        cfg.put("model.training", String.format(Locale.ROOT, "Fitted as of %s in municipality %s on %d children (%d with the outcome: %s) from the %s, "
                + "legal basis %s, input %s. Households split in %d folds with the outcome spread evenly: the L2 penalty (%s among %s, for every child; "
                + "in proportion for fewer) chosen by "
                + "each fold's log-loss under the weights fitted on the others; the weights fitted on every child; the calibration fitted on each "
                + "child's points from the weights learned without its fold. Left out: %s. Never used: citizenship, sex, district, household type. "
                + "Flag at a chance of at least %.1f times the base rate (%.3f).", training.asOf(), training.tenant(), children.size(), outcomes,
                training.outcome().describe(), training.outcomeSource(), training.legalBasisId(), training.inputFingerprint().substring(0, 12), FOLDS,
                lambda, java.util.Arrays.toString(LAMBDAS), left.isEmpty() ? "none" : left.toString(), riskMultiple, baseRate));
        Map<String, String> texts = new LinkedHashMap<>(card);
        texts.put("caveats", "Pointene er lært af kommunens egne registreringer frem til " + training.asOf() + " og gælder kun her og kun så længe "
                + "registreringspraksis er den samme; et udfald er en registrering, ikke et barns faktiske mistrivsel. Modellen er valideret på en "
                + "senere dato end den er lært på, men kan arve skævheder i hvem der bliver registreret. Effekten af selve indsatsen er ikke vist, "
                + "før den er målt (bin/tidlig evaluate effect).");
        texts.forEach((k, v) -> cfg.put("card." + k, v));
        PointModel model = ModelParser.parse(cfg);
        return new Fitted(model, training, lambda, lossByLambda, coefficients, left, (int) outcomes, slope, baseRate, List.copyOf(warnings));
    }

    /**
     * Each child's fold: households in the order they first appear, those with a child with the outcome dealt out in turn,
     * then the others, so siblings share a fold and every fold has about its share of the outcomes.
     */
    static int[] folds(List<ChildCase> children) {
        Map<String, Boolean> outcome = new LinkedHashMap<>();
        for (ChildCase c : children) {
            outcome.merge(c.household(), c.hasOutcome(), Boolean::logicalOr);
        }
        Map<String, Integer> fold = new HashMap<>();
        int next = 0;
        for (boolean with : new boolean[] {true, false}) {
            for (Map.Entry<String, Boolean> e : outcome.entrySet()) {
                if (e.getValue() == with) {
                    fold.put(e.getKey(), next++ % FOLDS);
                }
            }
        }
        int[] out = new int[children.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold.get(children.get(i).household());
        }
        return out;
    }

    private static List<ChildCase> select(List<ChildCase> children, int[] fold, int k, boolean in) {
        List<ChildCase> out = new ArrayList<>();
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == k) == in) {
                out.add(children.get(i));
            }
        }
        return out;
    }

    /**
     * The L2 penalty for a fit on {@code cases}, a part of {@code all}: {@code lambda} in proportion to their number, so that a
     * fit on four folds shrinks its weights as much as the fit on every child, and the calibration learned from the folds'
     * points holds for the points of the whole.
     */
    private static double penalty(double lambda, List<ChildCase> cases, List<ChildCase> all) {
        return lambda * cases.size() / all.size();
    }

    /** The refusal when the history is too small for a step of the fit: one line about the history, not the solver's words. */
    private static IllegalArgumentException tooFew(String what, BacktestData training, int children, long outcomes) {
        return new IllegalArgumentException("too few children to " + what + " as of " + training.asOf() + " (" + children + " children, " + outcomes
                + " with the outcome): there is nothing to learn a list from");
    }

    /** True when every child with the outcome has at least the points of every child without, or at most: no curve fits. */
    static boolean separated(double[][] points, boolean[] outcome) {
        double lowWith = Double.POSITIVE_INFINITY;
        double highWith = Double.NEGATIVE_INFINITY;
        double lowWithout = Double.POSITIVE_INFINITY;
        double highWithout = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0];
            if (outcome[i]) {
                lowWith = Math.min(lowWith, x);
                highWith = Math.max(highWith, x);
            } else {
                lowWithout = Math.min(lowWithout, x);
                highWithout = Math.max(highWithout, x);
            }
        }
        return lowWith >= highWithout || highWith <= lowWithout;
    }

    /**
     * The weights with the penalty given (for {@code all}; see {@link #penalty}); an indicator without a positive number of
     * points is left out and the rest refitted.
     */
    private static Learned learn(List<ChildCase> cases, List<Indicator> candidates, double lambda, List<ChildCase> all, BacktestData training,
            long outcomes) {
        List<Indicator> features = new ArrayList<>(candidates);
        Map<Indicator, String> left = new EnumMap<>(Indicator.class);
        while (!features.isEmpty()) {
            LogisticRegression.Fit fit;
            try {
                fit = LogisticRegression.fit(matrix(cases, features), outcomes(cases), penalty(lambda, cases, all));
            } catch (IllegalArgumentException e) {
                throw tooFew("tell the indicators apart", training, all.size(), outcomes);
            }
            int worst = -1;
            for (int j = 0; j < features.size(); j++) {
                if (Math.round(fit.coefficients()[j] * POINTS_PER_LOGIT) < 1 && (worst < 0 || fit.coefficients()[j] < fit.coefficients()[worst])) {
                    worst = j;
                }
            }
            if (worst < 0) {
                Map<Indicator, Double> coefficients = new EnumMap<>(Indicator.class);
                Map<Indicator, Integer> points = new EnumMap<>(Indicator.class);
                for (int j = 0; j < features.size(); j++) {
                    coefficients.put(features.get(j), fit.coefficients()[j]);
                    points.put(features.get(j), (int) Math.round(fit.coefficients()[j] * POINTS_PER_LOGIT));
                }
                return new Learned(coefficients, points, left);
            }
            left.put(features.get(worst), String.format(Locale.ROOT, "weight %.3f, not positive", fit.coefficients()[worst]));
            features.remove(worst);
        }
        return new Learned(Map.of(), Map.of(), left);
    }

    /** What one unit of the indicator is, as the model counts it. */
    private static String unit(PointModel reference, Indicator i) {
        return switch (UnitCounting.rule(reference, i, 0, Provenance.LEARNED, "").basis()) {
            case ONCE -> "family with it in the window";
            case PER_YEAR -> "year in the window";
            case PER_EVENT -> "occurrence in the window";
        };
    }

    private static int score(ChildCase c, Map<Indicator, Integer> points) {
        double s = 0;
        for (Map.Entry<Indicator, Integer> e : points.entrySet()) {
            s += e.getValue() * c.units().getOrDefault(e.getKey(), 0.0);
        }
        return (int) Math.round(s);
    }

    private static double[][] matrix(List<ChildCase> cases, List<Indicator> features) {
        double[][] x = new double[cases.size()][features.size()];
        for (int k = 0; k < cases.size(); k++) {
            for (int j = 0; j < features.size(); j++) {
                x[k][j] = cases.get(k).units().getOrDefault(features.get(j), 0.0);
            }
        }
        return x;
    }

    private static boolean[] outcomes(List<ChildCase> cases) {
        boolean[] y = new boolean[cases.size()];
        for (int k = 0; k < cases.size(); k++) {
            y[k] = cases.get(k).hasOutcome();
        }
        return y;
    }

    private static double logLoss(LogisticRegression.Fit f, double[][] x, boolean[] y) {
        double sum = 0;
        for (int k = 0; k < x.length; k++) {
            double p = Math.min(Math.max(f.probability(x[k]), 1e-12), 1 - 1e-12);
            sum -= y[k] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / x.length;
    }

    /** The day a model fitted to be evaluated as of {@code evaluationDay} is trained as of: one follow-up earlier, so no outcome overlaps. */
    static LocalDate trainingDay(LocalDate evaluationDay, int followUpMonths) {
        return evaluationDay.minusMonths(followUpMonths);
    }
}
