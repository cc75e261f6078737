// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.SplittableRandom;

/**
 * The hidden truth behind the synthetic data. Every family gets a latent risk {@code z} on the
 * standard-normal scale (a normal draw, shifted up for some household types). Event rates are
 * multiplied by {@code exp(beta z - beta^2 / 2)}, which averages 1 over a standard normal, so the
 * population rates stay at their targets while the events of a family cluster with its risk. The
 * outcome within two years rises steeply with {@code z}.
 */
final class LatentRisk {

    static final String PLACEMENT = "PLACEMENT";
    static final String PREVENTIVE_MEASURE = "PREVENTIVE_MEASURE";
    static final String NONE = "NONE";

    private static final double OUTCOME_INTERCEPT = -4.7;
    private static final double OUTCOME_SLOPE = 1.6;
    private static final double PLACEMENT_INTERCEPT = -1.5;
    private static final double PLACEMENT_SLOPE = 0.8;

    private LatentRisk() {
    }

    static double draw(SplittableRandom rng, double shift) {
        return Draws.gaussian(rng) + shift;
    }

    /** Factor on an event rate for a family with latent risk z; beta says how strongly the event depends on it. */
    static double multiplier(double z, double beta) {
        return Math.exp(beta * z - beta * beta / 2);
    }

    /** The latent risk as reported in the truth: a probability-like number in (0, 1). */
    static double reported(double z) {
        return Draws.logistic(z);
    }

    /**
     * The yearly rate of a measure for a child (preventive measure or placement), such that the chance of one within
     * two years is {@link #outcomeProbability(double)}.
     */
    static double measurePerYear(double z) {
        return -Math.log(1 - outcomeProbability(z)) / 2;
    }

    /** The chance that a measure is a placement rather than a preventive measure. */
    static double placementShare(double z) {
        return Draws.logistic(PLACEMENT_INTERCEPT + PLACEMENT_SLOPE * z);
    }

    static double outcomeProbability(double z) {
        return Draws.logistic(OUTCOME_INTERCEPT + OUTCOME_SLOPE * z);
    }

    static FamilyTruth truth(String childCpr, Household home, SplittableRandom rng, java.util.List<FamilyTruth.Outcome> outcomes,
            boolean foreignAdult) {
        double z = home.risk;
        boolean outcome = Draws.chance(rng, outcomeProbability(z));
        String kind = NONE;
        if (outcome) {
            kind = Draws.chance(rng, Draws.logistic(PLACEMENT_INTERCEPT + PLACEMENT_SLOPE * z)) ? PLACEMENT : PREVENTIVE_MEASURE;
        }
        return new FamilyTruth(childCpr, reported(z), outcome, kind, home.type.name(), foreignAdult ? "OTHER" : "DANISH", outcomes);
    }
}
