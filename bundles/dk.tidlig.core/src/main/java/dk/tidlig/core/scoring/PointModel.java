// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.scoring;

import java.util.Map;

import dk.tidlig.model.Indicator;

/**
 * A scoring model: points per indicator and the rule that flags a family. Parsed from configuration by
 * {@link ModelParser}; every number here comes from the model file, none from code.
 *
 * @param id                  the model's id ("gladsaxe")
 * @param version             its version
 * @param title               a one-line title
 * @param description         what it is and where its numbers come from
 * @param threshold           least points for a flag
 * @param thresholdProvenance where the threshold comes from
 * @param minIndicators       least number of distinct indicators for a flag
 * @param windowMonths        the look-back window
 * @param windowProvenance    where the window comes from
 * @param ageMin              youngest eligible child, completed years
 * @param ageMax              oldest eligible child, completed years
 * @param dwellingMax         most residents of a dwelling that is a household; one with more is a collective dwelling (an
 *                            institution, a care home), whose residents are not a family ({@value #DWELLING_MAX} unless the
 *                            model file says {@code family.dwellingMax})
 * @param rules               the counted indicators; indicators not listed give no points
 * @param calibration         the chance of the outcome for a number of points, when the model has one (a learned
 *                            scorecard does; Gladsaxe's published points do not), else null
 * @param training            for a learned model: the data and window it was fitted on, else null
 * @param card                the model card's texts from the model file (keys {@link #CARD_FIELDS}): intended and
 *                            out-of-scope uses, factors, ethical considerations, caveats; they explain the model but do
 *                            not change what it scores, so they are not part of the digest
 * @param digest              SHA-256 of the canonical form of all of the above but the card's texts
 */
public record PointModel(
        String id,
        String version,
        String title,
        String description,
        int threshold,
        Provenance thresholdProvenance,
        int minIndicators,
        int windowMonths,
        Provenance windowProvenance,
        int ageMin,
        int ageMax,
        int dwellingMax,
        Map<Indicator, Rule> rules,
        Calibration calibration,
        String training,
        java.util.Map<String, String> card,
        String digest) {

    /** The texts of a model card (after Mitchell et al., 2019) a model file may give, as {@code card.<field>}. */
    public static final java.util.List<String> CARD_FIELDS = java.util.List.of("intendedUse", "outOfScopeUses", "factors", "ethicalConsiderations",
            "caveats");

    /**
     * Most residents of a household unless the model says otherwise. Twelve people at one address is a large family with
     * grandparents; more is, nearly always, an institution or a care home.
     */
    public static final int DWELLING_MAX = 12;

    public PointModel {
        card = card == null ? java.util.Map.of() : java.util.Map.copyOf(card);
    }

    /**
     * The chance of the outcome for a family's points: {@code 1 / (1 + exp(-(intercept + slope * points)))}, fitted on
     * data the model was not fitted on.
     */
    public record Calibration(double intercept, double slope) {
        public double probability(int points) {
            return 1 / (1 + Math.exp(-(intercept + slope * points)));
        }
    }

    /** How an indicator's points are counted. */
    public enum Basis {
        /** Once per family when the indicator occurs at least once in the window. */
        ONCE,
        /** For each occurrence in the window, up to {@link Rule#maxCount()}. */
        PER_EVENT,
        /** Per year of the period that lies in the window, pro rata by day; overlapping periods count once. */
        PER_YEAR
    }

    /** Where a number in the model comes from. */
    public enum Provenance {
        /** Published by Gladsaxe municipality (2018). */
        PUBLISHED,
        /** Reported in the press about the Gladsaxe model, not in its own publications. */
        REPORTED,
        /** Not published anywhere: the municipality decides it and answers for it. */
        MUNICIPAL_DECISION,
        /** Learned from the municipality's own pseudonymous history ({@code bin/tidlig model fit}). */
        LEARNED
    }

    /**
     * @param points     points per occurrence, per year, or once
     * @param basis      how they are counted
     * @param maxCount   most occurrences counted for {@link Basis#PER_EVENT}; 0 for no limit
     * @param provenance where the number comes from
     * @param note       free text for the model card
     */
    public record Rule(int points, Basis basis, int maxCount, Provenance provenance, String note) {
    }
}
