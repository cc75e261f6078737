// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.evidence;

import java.time.LocalDate;
import java.util.Map;

import dk.tidlig.model.Indicator;

/**
 * One eligible child in a back-test: its family's score as of the day, its groups and the outcome that followed. Holds
 * no CPR number and no name; {@code child} and {@code household} are keys of this back-test only (a keyed hash that
 * changes with every back-test), never a pseudonym of the database.
 *
 * @param child              this back-test's key of the child
 * @param household          this back-test's key of the household the child lived in that day, shared by its siblings (the
 *                           offer); the child's own key when no household is known
 * @param age                completed years on the day
 * @param points             the family's points by the model
 * @param flagged            whether the model's rule flags the family
 * @param pointsByIndicator  the points per indicator
 * @param units              per indicator, how much of it the family had in the window: occurrences, years, or 1 once;
 *                           for every indicator, counted or not (what a learned model is fitted on)
 * @param groups             the child's groups: {@link #HOUSEHOLD_TYPE}, {@link #SEX}, {@link #DISTRICT}, {@link #CITIZENSHIP}
 * @param outcome            the first day of an outcome after the day, within the follow-up; null for none
 */
public record ChildCase(String child, String household, int age, int points, boolean flagged, Map<Indicator, Integer> pointsByIndicator,
        Map<Indicator, Double> units, Map<String, String> groups, LocalDate outcome) {

    public static final String HOUSEHOLD_TYPE = "household_type";
    public static final String SEX = "sex";
    public static final String DISTRICT = "district";
    public static final String CITIZENSHIP = "citizenship";

    public boolean hasOutcome() {
        return outcome != null;
    }
}
