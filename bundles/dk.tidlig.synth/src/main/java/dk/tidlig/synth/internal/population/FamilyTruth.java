// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

/**
 * The hidden truth about one child aged 0-17 on the reference date.
 *
 * @param childCpr            the child's (synthetic) CPR number
 * @param latentRisk          the family's latent risk in (0, 1): a standard-normal draw (shifted for some
 *                            household types) through the logistic function; it drives the family's events
 * @param outcomeWithin2Years whether an outcome (placement or preventive measure) happens within two years
 *                            after the reference date
 * @param outcomeKind         "PLACEMENT", "PREVENTIVE_MEASURE" or "NONE"
 * @param householdType       the kind of household the child lives in, e.g. "COUPLE_WITH_CHILDREN",
 *                            "SINGLE_PARENT", "STEPFAMILY"
 * @param parentsCitizenship  "DANISH" when every adult of the child's household is a Danish citizen, else "OTHER"
 * @param outcomes            the child's events that a model may be judged on (notifications, preventive measures,
 *                            placements) in the generated history, by day: what the data delivered through the adapters
 *                            holds, so that an evaluation on the truth and one on the database must agree
 */
public record FamilyTruth(String childCpr, double latentRisk, boolean outcomeWithin2Years, String outcomeKind, String householdType,
        String parentsCitizenship, java.util.List<Outcome> outcomes) {

    /** An outcome event of the child: what, and on which day. */
    public record Outcome(dk.tidlig.model.Indicator indicator, java.time.LocalDate day) {
    }

    @Override
    public String toString() {
        return "FamilyTruth[child=******-****, latentRisk=" + latentRisk + ", outcome=" + outcomeKind + ", household=" + householdType
                + ", parents=" + parentsCitizenship + ", outcomes=" + outcomes + "]";
    }
}
