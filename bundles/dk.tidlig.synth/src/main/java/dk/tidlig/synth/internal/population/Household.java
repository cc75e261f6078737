// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.ArrayList;
import java.util.List;

/** Persons sharing one dwelling: adults first, then children from the eldest. */
final class Household {
    final HouseholdType type;
    final List<Member> members = new ArrayList<>(4);
    /** Day the household moved into the dwelling. */
    long since;
    /** Latent risk of the family on the standard-normal scale; drives its members' events. */
    double risk;

    Household(HouseholdType type) {
        this.type = type;
    }

    Member add(Member m) {
        members.add(m);
        return m;
    }
}
