// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.evidence;

import java.util.EnumSet;
import java.util.Set;

import dk.tidlig.model.Indicator;

/**
 * What a model is judged on: an event of one of the indicators for the child within {@code months} after the reference
 * day (the day after it up to and including the same day {@code months} later).
 */
public record OutcomeDefinition(Set<Indicator> indicators, int months) {

    /** By default: a preventive measure, a placement or a notification within 24 months (issue #8). */
    public static final OutcomeDefinition DEFAULT = new OutcomeDefinition(
            EnumSet.of(Indicator.CHILD_PREVENTIVE_MEASURE, Indicator.CHILD_PLACEMENT, Indicator.CHILD_NOTIFICATION), 24);

    public OutcomeDefinition {
        if (indicators == null || indicators.isEmpty()) {
            throw new IllegalArgumentException("an outcome needs at least one indicator");
        }
        if (months < 1 || months > 120) {
            throw new IllegalArgumentException("an outcome's follow-up is 1 to 120 months");
        }
        indicators = Set.copyOf(indicators);
    }

    /** As configuration writes it: "CHILD_PLACEMENT, CHILD_PREVENTIVE_MEASURE within 24 months". */
    public String describe() {
        return String.join(", ", indicators.stream().map(Indicator::name).sorted().toList()) + " within " + months + " months";
    }
}
