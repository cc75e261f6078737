// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The citizens a command line asks for, from which the embedded database's buffer pool is sized. */
class CommandLineSizingTest {

    @Test
    void theCitizensAreReadFromTheCommandLineAndNothingElseCounts() {
        assertThat(Main.citizens(new String[] {"--demo", "--citizens", "650000", "--seed", "7"})).isEqualTo(650_000);
        assertThat(Main.citizens(new String[] {"--once"})).isZero();
        assertThat(Main.citizens(new String[] {"--citizens"})).as("no number").isZero();
        assertThat(Main.citizens(new String[] {"--citizens", "many"})).isZero();
        assertThat(Main.citizens(new String[] {"--citizens", "-5"})).isZero();
        assertThat(Main.citizens(new String[] {"--seed", "650000"})).isZero();
        // as the command reads it
        assertThat(Main.citizens(new String[] {"--citizens", "650_000"})).isEqualTo(650_000);
        assertThat(Main.citizens(new String[] {"--citizens", "+650000"})).isEqualTo(650_000);
        assertThat(Main.citizens(new String[] {"--citizens", "1000", "--citizens", "650000"})).as("the last counts").isEqualTo(650_000);
        assertThat(Main.citizens(new String[] {"--citizens", "99999999999"})).as("more than the command takes").isZero();
    }

    @Test
    void theMachinesMemoryIsKnownHere() {
        assertThat(DemoEnvironment.physicalMemory()).isGreaterThan(256L * 1024 * 1024);
    }
}
