// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dk.tidlig.model.PersonId;
import dk.tidlig.store.ScoringInput.PersonFacts;

/**
 * The scoring input's persons found by their pseudonym, by binary search in the persons ordered by pseudonym: the store
 * reads them in that order, so the index is the input's own list and costs no memory, where a hash map of a country's
 * persons held about 40 bytes more for each. Persons given in another order are sorted into a copy.
 */
final class PersonIndex {

    private static final Comparator<PersonFacts> BY_PID = Comparator.comparing(PersonFacts::pid);

    private final List<PersonFacts> sorted;

    PersonIndex(List<PersonFacts> persons) {
        this.sorted = ordered(persons) ? persons : sortedCopy(persons);
    }

    private static boolean ordered(List<PersonFacts> persons) {
        if (!(persons instanceof java.util.RandomAccess)) {
            return false;
        }
        for (int i = 1; i < persons.size(); i++) {
            if (persons.get(i - 1).pid().compareTo(persons.get(i).pid()) > 0) {
                return false;
            }
        }
        return true;
    }

    private static List<PersonFacts> sortedCopy(List<PersonFacts> persons) {
        List<PersonFacts> copy = new ArrayList<>(persons);
        copy.sort(BY_PID);
        return copy;
    }

    /** The person's facts, or null for a person the input does not hold (a relation may name one). */
    PersonFacts get(PersonId pid) {
        int i = java.util.Collections.binarySearch(sorted, new PersonFacts(pid, null, null, null, null, null), BY_PID);
        return i < 0 ? null : sorted.get(i);
    }
}
