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
 */
public record FamilyTruth(String childCpr, double latentRisk, boolean outcomeWithin2Years, String outcomeKind, String householdType) {

    @Override
    public String toString() {
        return "FamilyTruth[child=******-****, latentRisk=" + latentRisk + ", outcome=" + outcomeKind + ", household=" + householdType + "]";
    }
}
