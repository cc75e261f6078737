// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model.score;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dk.tidlig.model.Indicator;

/**
 * A family's score in one run, with every contribution that makes it up.
 *
 * @param familyId      the family's pseudonymous id (stable across runs)
 * @param child         the child's pseudonym (hex)
 * @param childBirth    the child's birth date (gives its age on the list)
 * @param score         the sum of the contributions' points
 * @param flagged       true when the family meets the model's flag rule
 * @param contributions the explanation, in a stable order
 * @param adults        the adults of the family when it was scored (custody holders and the household),
 *                      whether or not they contributed: opening the family re-identifies them, and a
 *                      decline erases them
 */
public record FamilyScore(
        String familyId,
        String child,
        LocalDate childBirth,
        int score,
        boolean flagged,
        List<Contribution> contributions,
        List<Adult> adults) {

    public FamilyScore {
        contributions = List.copyOf(contributions);
        adults = List.copyOf(adults);
    }

    /** An adult of the family: the person's pseudonym (hex) and role. */
    public record Adult(String person, FamilyRole role) {
    }

    /** The distinct indicators that contributed. */
    public Set<Indicator> indicators() {
        Set<Indicator> s = new TreeSet<>();
        contributions.forEach(c -> s.add(c.indicator()));
        return s;
    }
}
