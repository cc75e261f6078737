// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.transparency;

import java.util.List;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.model.Indicator;

/**
 * The public description of the scoring model: what it counts, with how many points, where each number comes from,
 * when a family is flagged, under which legal basis, and whether (and on what evidence) it is active. The figures of
 * the evaluation it rests on are the evidence bundle's (they are shown beside the card).
 *
 * @param legalBasis       the configured legal basis, or null
 * @param legalBasisInForce whether it is in force today
 * @param activation       how this version came to be active; null when it is not active
 * @param notActive        why no version is active, when none is; null when this one is
 * @param texts            the model card's texts from the model file (intended use, out-of-scope uses, factors, ethical
 *                         considerations, caveats)
 * @param training         for a learned model, what it was fitted on; else null
 * @param offers           how the outreach turns the list into offers: ranked up to its capacity, or by a recorded lottery
 */
public record ModelCard(String id, String version, String title, String description, String digest, int threshold, String thresholdProvenance,
        int minIndicators, int windowMonths, String windowProvenance, int ageMin, int ageMax, List<Rule> rules, LegalBasis legalBasis,
        boolean legalBasisInForce, Activation activation, String notActive, java.util.Map<String, String> texts, String training, Offers offers) {

    public ModelCard {
        rules = List.copyOf(rules);
        texts = texts == null ? java.util.Map.of() : java.util.Map.copyOf(texts);
    }

    /**
     * How the version came to be active: the evaluation it rests on, when it was asked for and approved, and the
     * justification recorded where the evaluation missed a minimum. Who asked and approved is in the audit trail.
     */
    public record Activation(String version, String digest, long evaluationId, java.time.Instant requestedAt, java.time.Instant approvedAt,
            String justification) {
    }

    /**
     * @param basis      ONCE, PER_EVENT or PER_YEAR
     * @param maxCount   most occurrences counted (PER_EVENT), 0 for no limit
     * @param provenance PUBLISHED, REPORTED, MUNICIPAL_DECISION or LEARNED
     */
    public record Rule(Indicator indicator, int points, String basis, int maxCount, String provenance, String note) {
    }

    /**
     * @param order            RANKED (the flagged households with the most points, up to the capacity) or LOTTERY (a recorded
     *                         lottery among the flagged households decides who is offered help first; the rest are wait-listed,
     *                         which is how the outreach's own effect is measured)
     * @param capacityPerMonth households offered help a month
     * @param waitListMonths   with a lottery: how long the households not drawn wait before they are offered help
     */
    public record Offers(String order, int capacityPerMonth, int waitListMonths) {

        public boolean lottery() {
            return "LOTTERY".equalsIgnoreCase(order);
        }
    }
}
