// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.model.PersonId;
import dk.tidlig.model.score.FamilyRole;

/**
 * A child and the adults of its family: those who hold custody of it or live in its household.
 *
 * @param index  the child's index in the scoring input
 * @param adults in a stable order (by role, then pseudonym)
 */
public record Family(int index, PersonId child, LocalDate childBirth, List<Member> adults) {

    public record Member(PersonId person, FamilyRole role) {
    }
}
