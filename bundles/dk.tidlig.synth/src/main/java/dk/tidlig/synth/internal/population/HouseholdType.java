// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

/** The kinds of household the generator builds; the name is what {@link FamilyTruth#householdType()} reports. */
enum HouseholdType {
    /** One adult, 18-66. Also the new home of a parent who lives apart from the children. */
    SINGLE(0.0),
    /** Two adults without children at home. */
    COUPLE(0.0),
    /** Two biological parents with 1-4 children (and sometimes a grown-up child still at home). */
    COUPLE_WITH_CHILDREN(0.0),
    /** One parent, mostly the mother, with her or his children; the other parent lives elsewhere or is unknown. */
    SINGLE_PARENT(0.35),
    /** A parent with children from an earlier relationship and a new partner without custody, sometimes a joint child. */
    STEPFAMILY(0.25),
    /** One or two persons aged 67 or more. */
    ELDERLY(0.0),
    /** Two or three unrelated young adults sharing a flat. */
    SHARED(0.0);

    private final double riskShift;

    HouseholdType(double riskShift) {
        this.riskShift = riskShift;
    }

    /** How far the mean of the family's latent risk (on the standard-normal scale) lies above zero. */
    double riskShift() {
        return riskShift;
    }
}
