// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dk.tidlig.model.PersonStatus;
import dk.tidlig.store.ScoringInput.PersonFacts;

/**
 * Who lives at which dwelling, and which dwellings are collective: care homes, children's and youth institutions,
 * asylum centres, shelters, where tens or hundreds of unrelated people share one registered address. Their residents
 * are not a household: a child there is linked to its family by its parents and custody holders only, never to the
 * other residents, and is offered help on its own, not with every child of the institution. A dwelling is collective
 * when more people live there (resident in CPR) than the model's {@code family.dwellingMax} allows.
 */
final class Dwellings {

    /** Who is registered at one dwelling, and how many of them live there. */
    private static final class Dwelling {
        final List<PersonFacts> registered = new ArrayList<>(4);
        int residents;
    }

    private final Map<ByteBuffer, Dwelling> byDwelling = new HashMap<>();
    private final int max;

    Dwellings(Iterable<PersonFacts> persons, int dwellingMax) {
        this.max = dwellingMax;
        for (PersonFacts p : persons) {
            if (p.household() != null) {
                Dwelling d = byDwelling.computeIfAbsent(ByteBuffer.wrap(p.household()), k -> new Dwelling());
                d.registered.add(p);
                if (p.status() == PersonStatus.RESIDENT) {
                    d.residents++;
                }
            }
        }
    }

    private Dwelling of(PersonFacts p) {
        return p.household() == null ? null : byDwelling.get(ByteBuffer.wrap(p.household()));
    }

    /** True when the person lives at a collective dwelling. */
    boolean collective(PersonFacts p) {
        Dwelling d = of(p);
        return d != null && d.residents > max;
    }

    /** The others registered at the person's dwelling when it is a household; nobody at a collective dwelling or without one. */
    List<PersonFacts> household(PersonFacts p) {
        Dwelling d = of(p);
        return d == null || d.residents > max ? List.of() : d.registered;
    }

    /** The household a child's offer is made to: its dwelling's key, or null where it has none that is a household. */
    byte[] offerHousehold(PersonFacts p) {
        return p.household() == null || collective(p) ? null : p.household();
    }

    /** How many dwellings are collective. */
    long collectiveCount() {
        return byDwelling.values().stream().filter(d -> d.residents > max).count();
    }
}
