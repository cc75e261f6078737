// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;

/** The populations the tests look at, generated once per test JVM. */
final class TestPopulations {

    static final LocalDate REFERENCE = LocalDate.of(2025, 3, 1);
    static final long SEED = 20_250_301L;
    static final int CITIZENS = 20_000;

    private static Population standard;

    private TestPopulations() {
    }

    /** 20 000 citizens of Gladsaxe (159). */
    static synchronized Population standard() {
        if (standard == null) {
            standard = PopulationGenerator.generate(CITIZENS, SEED, REFERENCE, "159", 0.02);
        }
        return standard;
    }
}
