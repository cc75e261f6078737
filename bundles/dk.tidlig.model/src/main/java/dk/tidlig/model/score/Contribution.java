// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model.score;

import java.time.LocalDate;

import dk.tidlig.model.Indicator;

/**
 * One line of a family's explanation: which data point gave how many points.
 *
 * @param indicator      the indicator
 * @param role           whose event it is, within the family
 * @param person         the person's pseudonym (hex)
 * @param sourceSystem   the source system the event came from
 * @param sourceRecordId the source system's record id, so a disputed point can be traced
 * @param start          the event's date or the start of its period
 * @param end            the end of its period, or null
 * @param points         the points it contributed
 * @param basis          how the points were computed, e.g. "500 per year × 0.75 year in window"
 */
public record Contribution(
        Indicator indicator,
        FamilyRole role,
        String person,
        String sourceSystem,
        String sourceRecordId,
        LocalDate start,
        LocalDate end,
        int points,
        String basis) {
}
