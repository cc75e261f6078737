// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.ArrayList;
import java.util.List;

import dk.tidlig.model.RelationType;

/**
 * One planned family: its household, and for a parent who lives apart from the children that
 * parent's own household; the relations between the members; and a separation, if the parents
 * separated recently.
 */
final class FamilyPlan {

    /** Marks an open relation (no end date), and the absence of a separation. */
    static final long NONE = Long.MIN_VALUE;

    /** A relation to be written: {@code from} is the parent, custody holder or first spouse. */
    record Bond(RelationType type, Member from, Member to, long start, long end) {
    }

    final List<Household> households = new ArrayList<>(2);
    final List<Bond> bonds = new ArrayList<>();
    long separationDay = NONE;
    final List<Member> separatedParents = new ArrayList<>(2);

    Household add(Household h) {
        households.add(h);
        return h;
    }

    void bond(RelationType type, Member from, Member to, long start) {
        bonds.add(new Bond(type, from, to, start, NONE));
    }

    void bond(RelationType type, Member from, Member to, long start, long end) {
        bonds.add(new Bond(type, from, to, start, end));
    }

    int persons() {
        int n = 0;
        for (Household h : households) {
            n += h.members.size();
        }
        return n;
    }
}
