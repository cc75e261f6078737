// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replacing the pseudonym, household and family-id keys as an operator does, in a copy of the assembled distribution: the
 * demo's data once, then {@code keys rekey} for each key, a delivery of the same file again, and a score run. Tagged
 * {@code long} (a minute and a half of commands, each booting the framework): {@code mvn -B verify -Plong-tests} runs it
 * after the main suite; {@code RekeyTest} checks the same in the main suite without the launcher.
 */
@Tag("long")
class RekeyIT {

    static Installation installation;

    @BeforeAll
    static void copyDistribution() throws Exception {
        installation = Installation.copy("rekey-it");
        Installation.Run demo = installation.tidlig("demo", "--once", "--citizens", "2000");
        assertThat(demo.code()).as(demo.out() + demo.err()).isZero();
    }

    static Installation.Run tidlig(String... args) throws Exception {
        return installation.tidlig(args);
    }

    static void assertNoCprLikeNumber(String where, String text) {
        LauncherIT.assertNoCprLikeNumber(where, text);
    }

    @Test
    void rekeyingCarriesTheDatabaseOverToNewKeysAndADeliveryAgainStoresNothing() throws Exception {
        String sample = "adapters/dk.tidlig.adapter.dental/src/test/resources/samples/tandpleje-20260601.csv";
        Installation.Run first = tidlig("import", "--demo", "dental", sample);
        assertThat(first.code()).as(first.err()).isZero();
        Installation.Run pseudonyms = tidlig("keys", "rekey", "pseudonym", "--demo");
        assertThat(pseudonyms.code()).as(pseudonyms.out() + pseudonyms.err()).isZero();
        assertThat(pseudonyms.out()).contains("The pseudonym key in").contains("is now generation 2")
                .containsPattern("Municipality \\d{3}: held under generation 2 \\(.*identity_vault [0-9]+.*person [0-9]+.*risk_event [0-9]+.*\\)")
                .contains("Copy ").contains("to every other node");
        assertNoCprLikeNumber("the rekeying's output", pseudonyms.out() + pseudonyms.err());
        // the same delivery again: every person's new pseudonym and every event's id are what the new key makes
        Installation.Run again = tidlig("import", "--demo", "dental", sample);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out().strip()).contains("\"accepted\":0,\"duplicates\":4");
        Installation.Run households = tidlig("keys", "rekey", "household", "--demo");
        assertThat(households.code()).as(households.out() + households.err()).isZero();
        assertThat(households.out()).containsPattern("residence [0-9]+").containsPattern("residence_history [0-9]+");
        Installation.Run families = tidlig("keys", "rekey", "family", "--demo");
        assertThat(families.code()).as(families.out() + families.err()).isZero();
        assertThat(families.out()).contains("family_score");
        // scoring under the new keys: the key guard lets a process with the key file that rekeyed through
        Installation.Run score = tidlig("score", "--demo");
        assertThat(score.code()).as(score.err()).isZero();
    }
}
