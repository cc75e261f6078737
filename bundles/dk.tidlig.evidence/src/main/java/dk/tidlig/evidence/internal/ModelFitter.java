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
 * <li>Households, not children, are split in two folds (siblings share their family's data and must not be on both
 * sides): fold A fits the weights, fold B chooses the penalty among {@link #LAMBDAS} by its log-loss and fits the
 * calibration (Platt scaling: a logistic curve of the outcome on the points), so the chances are not judged on the data
 * the points came from.</li>
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
    /** Outcomes per indicator in fold A below which the fit is reported as thin (the rule of ten events per variable). */
    static final int EVENTS_PER_INDICATOR = 10;

    /**
     * @param model         the learned model (valid, with its digest)
     * @param lambda        the penalty chosen
     * @param lossByLambda  fold B's mean log-loss per penalty tried
     * @param coefficients  per indicator kept, the log-odds per unit
     * @param left          indicators left out, with why
     * @param warnings      what an analyst should know before relying on it (few outcomes)
     */
    record Fitted(PointModel model, BacktestData training, double lambda, Map<Double, Double> lossByLambda, Map<Indicator, Double> coefficients,
            Map<Indicator, String> left, int childrenA, int outcomesA, int childrenB, int outcomesB, double baseRate, List<String> warnings) {
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
        // folds by household, in the order households first appear (the back-test's order is the database's, so stable)
        Map<String, Integer> fold = new HashMap<>();
        for (ChildCase c : children) {
            fold.computeIfAbsent(c.household(), h -> fold.size() % 2);
        }
        List<ChildCase> a = children.stream().filter(c -> fold.get(c.household()) == 0).toList();
        List<ChildCase> b = children.stream().filter(c -> fold.get(c.household()) == 1).toList();
        long outcomesA = a.stream().filter(ChildCase::hasOutcome).count();
        long outcomesB = b.stream().filter(ChildCase::hasOutcome).count();
        if (outcomesA < 2 || outcomesB < 2 || outcomesA == a.size() || outcomesB == b.size()) {
            throw new IllegalArgumentException("too few children with and without the outcome to learn from (" + (outcomesA + outcomesB) + " of "
                    + children.size() + " had it as of " + training.asOf() + ")");
        }

        Map<Indicator, String> left = new EnumMap<>(Indicator.class);
        List<Indicator> features = new ArrayList<>();
        for (Indicator i : Indicator.values()) {
            if (NOT_FEATURES.contains(i)) {
                left.put(i, "a measure the outcome counts");
            } else if (children.stream().noneMatch(c -> c.units().getOrDefault(i, 0.0) > 0)) {
                left.put(i, "not seen in the data");
            } else {
                features.add(i);
            }
        }

        // the penalty: fit on A, judge on B
        Map<Double, Double> lossByLambda = new LinkedHashMap<>();
        double lambda = LAMBDAS[0];
        double best = Double.POSITIVE_INFINITY;
        for (double l : LAMBDAS) {
            LogisticRegression.Fit f = LogisticRegression.fit(matrix(a, features), outcomes(a), l);
            double loss = logLoss(f, matrix(b, features), outcomes(b));
            lossByLambda.put(l, loss);
            if (loss < best - 1e-12) {
                best = loss;
                lambda = l;
            }
        }
        // weights with the penalty chosen; an indicator without a positive weight is left out and the rest refitted
        LogisticRegression.Fit fit;
        while (true) {
            if (features.isEmpty()) {
                throw new IllegalArgumentException("no indicator has a positive weight on the outcome as of " + training.asOf()
                        + ": there is nothing to learn a list from");
            }
            fit = LogisticRegression.fit(matrix(a, features), outcomes(a), lambda);
            int worst = -1;
            for (int j = 0; j < features.size(); j++) {
                if (Math.round(fit.coefficients()[j] * POINTS_PER_LOGIT) < 1 && (worst < 0 || fit.coefficients()[j] < fit.coefficients()[worst])) {
                    worst = j;
                }
            }
            if (worst < 0) {
                break;
            }
            left.put(features.get(worst), String.format(Locale.ROOT, "weight %.3f, not positive", fit.coefficients()[worst]));
            features.remove(worst);
        }
        Map<Indicator, Double> coefficients = new EnumMap<>(Indicator.class);
        Map<Indicator, Integer> points = new EnumMap<>(Indicator.class);
        for (int j = 0; j < features.size(); j++) {
            coefficients.put(features.get(j), fit.coefficients()[j]);
            points.put(features.get(j), (int) Math.round(fit.coefficients()[j] * POINTS_PER_LOGIT));
        }

        // calibration on B: the chance for the points
        double[][] pointsB = new double[b.size()][1];
        for (int k = 0; k < b.size(); k++) {
            pointsB[k][0] = score(b.get(k), points) / (double) POINTS_PER_LOGIT;
        }
        LogisticRegression.Fit platt = LogisticRegression.fit(pointsB, outcomes(b), 0);
        double slope = platt.coefficients()[0] / POINTS_PER_LOGIT;
        if (slope <= 0) {
            throw new IllegalArgumentException("the learned points do not rank the held-out families (calibration slope " + slope
                    + "): there is nothing to learn a list from");
        }
        double baseRate = children.stream().filter(ChildCase::hasOutcome).count() / (double) children.size();
        double target = Math.min(riskMultiple * baseRate, 0.99);
        int threshold = (int) Math.max(1, Math.ceil((Math.log(target / (1 - target)) - platt.intercept()) / slope));

        List<String> warnings = new ArrayList<>();
        if (outcomesA < (long) EVENTS_PER_INDICATOR * Math.max(1, features.size())) {
            warnings.add(String.format(Locale.ROOT, "few outcomes to learn from: %d in the fitting half for %d indicators (at least %d per indicator "
                    + "is the usual rule); the points are uncertain", outcomesA, features.size(), EVENTS_PER_INDICATOR));
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
                + "legal basis %s, input %s. Households split in two: %d children fitted the weights (L2 penalty %s, chosen by log-loss on the other half "
                + "among %s), %d children the calibration. Left out: %s. Never used: citizenship, sex, district, household type. Flag at a chance of "
                + "at least %.1f times the base rate (%.3f).", training.asOf(), training.tenant(), children.size(), outcomesA + outcomesB,
                training.outcome().describe(), training.outcomeSource(), training.legalBasisId(), training.inputFingerprint().substring(0, 12), a.size(),
                lambda, java.util.Arrays.toString(LAMBDAS), b.size(), left.isEmpty() ? "none" : left.toString(), riskMultiple, baseRate));
        Map<String, String> texts = new LinkedHashMap<>(card);
        texts.put("caveats", "Pointene er lært af kommunens egne registreringer frem til " + training.asOf() + " og gælder kun her og kun så længe "
                + "registreringspraksis er den samme; et udfald er en registrering, ikke et barns faktiske mistrivsel. Modellen er valideret på en "
                + "senere dato end den er lært på, men kan arve skævheder i hvem der bliver registreret. Effekten af selve indsatsen er ikke vist, "
                + "før den er målt (bin/tidlig evaluate effect).");
        texts.forEach((k, v) -> cfg.put("card." + k, v));
        PointModel model = ModelParser.parse(cfg);
        return new Fitted(model, training, lambda, lossByLambda, coefficients, left, a.size(), (int) outcomesA, b.size(), (int) outcomesB, baseRate,
                List.copyOf(warnings));
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
