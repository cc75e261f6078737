// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.core.evidence.OutreachTrial.Household;
import dk.tidlig.evidence.Effect;

/**
 * Intention to treat and complier average causal effect of the wait-list lottery, with percentile intervals from a
 * bootstrap that resamples households within each arm (the lottery's unit and strata). Pure computation.
 */
public final class EffectEstimator {

    static final int REPLICATES = 2000;
    /** Below this difference in acceptance the complier effect is not estimated: it would divide by almost nothing. */
    static final double MIN_COMPLIANCE = 0.05;

    private EffectEstimator() {
    }

    public static Effect estimate(List<Household> households, LocalDate until, int[] months, long seed) {
        int offered = 0;
        int accepted = 0;
        int declined = 0;
        int noAnswer = 0;
        int notContacted = 0;
        for (Household h : households) {
            if (h.offered()) {
                offered++;
                accepted += "ACCEPTED".equals(h.response()) ? 1 : 0;
                declined += "DECLINED".equals(h.response()) ? 1 : 0;
                noAnswer += "NO_ANSWER".equals(h.response()) ? 1 : 0;
                notContacted += h.offeredOn() == null && !"DECLINED".equals(h.response()) ? 1 : 0;
            }
        }
        List<Effect.Window> windows = new ArrayList<>();
        for (int m : months) {
            Effect.Window w = window(households, until, m, seed);
            if (w != null) {
                windows.add(w);
            }
        }
        return new Effect(until, households.size(), offered, households.size() - offered, accepted, declined, noAnswer, notContacted, windows);
    }

    /** The figures within {@code months}, or null when no household of either arm has its whole follow-up behind it. */
    static Effect.Window window(List<Household> households, LocalDate until, int months, long seed) {
        List<int[]> treated = new ArrayList<>(); // {outcome, accepted, declined}
        List<int[]> control = new ArrayList<>();
        int crossovers = 0;
        for (Household h : households) {
            LocalDate end = h.asOf().plusMonths(months);
            if (end.isAfter(until)) {
                continue;
            }
            int y = h.firstOutcome() != null && !h.firstOutcome().isAfter(end) ? 1 : 0;
            boolean crossed = !h.offered() && h.offeredAfterWait() != null && !h.offeredAfterWait().isAfter(end);
            int d = "ACCEPTED".equals(h.response()) && (h.offered() || crossed) ? 1 : 0;
            crossovers += crossed ? 1 : 0;
            (h.offered() ? treated : control).add(new int[] {y, d, "DECLINED".equals(h.response()) ? 1 : 0});
        }
        if (treated.isEmpty() || control.isEmpty()) {
            return null;
        }
        int[][] t = treated.toArray(new int[0][]);
        int[][] c = control.toArray(new int[0][]);
        double itt = mean(t, 0) - mean(c, 0);
        double compliance = mean(t, 1) - mean(c, 1);
        Double cace = compliance >= MIN_COMPLIANCE ? itt / compliance : null;
        SplittableRandom rng = new SplittableRandom(seed + months);
        double[] itts = new double[REPLICATES];
        double[] caces = new double[REPLICATES];
        int kept = 0;
        for (int r = 0; r < REPLICATES; r++) {
            double[] rt = resample(t, rng);
            double[] rc = resample(c, rng);
            itts[r] = rt[0] - rc[0];
            double comp = rt[1] - rc[1];
            if (comp > 0) {
                caces[kept++] = itts[r] / comp;
            }
        }
        Arrays.sort(itts);
        double[] cs = Arrays.copyOf(caces, kept);
        Arrays.sort(cs);
        int declinedN = 0;
        int declinedOutcomes = 0;
        for (int[] u : t) {
            if (u[2] == 1) {
                declinedN++;
                declinedOutcomes += u[0];
            }
        }
        return new Effect.Window(months, t.length, c.length, mean(t, 0), mean(c, 0), itt, quantile(itts, 0.025), quantile(itts, 0.975), compliance,
                cace, cace == null || kept < REPLICATES / 2 ? null : quantile(cs, 0.025), cace == null || kept < REPLICATES / 2 ? null : quantile(cs, 0.975),
                declinedN, declinedN == 0 ? null : declinedOutcomes / (double) declinedN, 1 - mean(c, 0), crossovers);
    }

    private static double mean(int[][] units, int k) {
        double s = 0;
        for (int[] u : units) {
            s += u[k];
        }
        return s / units.length;
    }

    /** The means of outcome and acceptance in a resample of the arm. */
    private static double[] resample(int[][] units, SplittableRandom rng) {
        double y = 0;
        double d = 0;
        for (int i = 0; i < units.length; i++) {
            int[] u = units[rng.nextInt(units.length)];
            y += u[0];
            d += u[1];
        }
        return new double[] {y / units.length, d / units.length};
    }

    /** The q-quantile of sorted values (linear between order statistics). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
