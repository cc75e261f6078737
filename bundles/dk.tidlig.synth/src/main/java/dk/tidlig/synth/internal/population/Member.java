// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.Sex;

/** A person while the household is being planned; becomes records when the plan is written. */
final class Member {
    final Sex sex;
    final long birthDay;
    String firstNames;
    String middleName;
    String lastName;
    /** Day the person moved into the dwelling. */
    long since;
    PersonStatus status = PersonStatus.RESIDENT;
    /** A citizen of another country than Denmark. */
    boolean foreign;
    /** Assigned when the plan is written. */
    String cpr;

    Member(Sex sex, long birthDay) {
        this.sex = sex;
        this.birthDay = birthDay;
    }
}
