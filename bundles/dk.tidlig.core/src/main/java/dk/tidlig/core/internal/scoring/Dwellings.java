// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import dk.tidlig.model.PersonStatus;
import dk.tidlig.store.ScoringInput;

/**
 * Who lives at which dwelling, and which dwellings are collective: care homes, children's and youth institutions,
 * asylum centres, shelters, where tens or hundreds of unrelated people share one registered address. Their residents
 * are not a household: a child there is linked to its family by its parents and custody holders only, never to the
 * other residents, and is offered help on its own, not with every child of the institution. A dwelling is collective
 * when more people live there (resident in CPR) than the model's {@code family.dwellingMax} allows.
 *
 * <p>On the scoring input's own index of dwellings: one int per dwelling here (its residents), persons by their index.
 */
final class Dwellings {

    private static final int[] NOBODY = new int[0];

    private final ScoringInput input;
    private final int[] residents;
    private final int max;

    Dwellings(ScoringInput input, int dwellingMax) {
        this.input = input;
        this.max = dwellingMax;
        this.residents = new int[input.dwellingCount()];
        for (int i = 0; i < input.personCount(); i++) {
            int d = input.dwellingOf(i);
            if (d >= 0 && input.status(i) == PersonStatus.RESIDENT) {
                residents[d]++;
            }
        }
    }

    /** True when the person (by index) lives at a collective dwelling. */
    boolean collective(int person) {
        int d = input.dwellingOf(person);
        return d >= 0 && residents[d] > max;
    }

    /**
     * Everyone registered at the person's dwelling (the person too, by index, in the order of their pseudonyms) when it is a
     * household; nobody at a collective dwelling or without one.
     */
    int[] household(int person) {
        int d = input.dwellingOf(person);
        if (d < 0 || residents[d] > max) {
            return NOBODY;
        }
        int[] out = new int[input.registeredCount(d)];
        for (int k = 0; k < out.length; k++) {
            out[k] = input.registered(d, k);
        }
        return out;
    }

    /** The household a child's offer is made to: its dwelling's key, or null where it has none that is a household. */
    byte[] offerHousehold(int person) {
        return input.dwellingOf(person) < 0 || collective(person) ? null : input.household(person);
    }

    /** How many dwellings are collective. */
    long collectiveCount() {
        long n = 0;
        for (int r : residents) {
            if (r > max) {
                n++;
            }
        }
        return n;
    }
}
