// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.Row;

/** The pseudonymiser remembers the few CPR numbers it saw last: the same pseudonyms as computed afresh, whatever the order. */
class PseudonymiserTest {

    @TempDir
    Path dir;

    @Test
    void theRememberedPseudonymsAreThoseComputedAfreshInAnyOrderAndForm() throws Exception {
        KeyRing keys = new KeyRing(dir.resolve("tidlig.keys"), true);
        Pseudonymiser pseudonymiser = new Pseudonymiser(keys, "101");
        // synthetic numbers (days in the 60s are substitute numbers, never a real person's): twelve persons on three
        // birthdays, four of each told apart by the last digits only
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(String.format("%02d0190100%d", 61 + i / 4, i % 4));
        }
        Random random = new Random(4);
        for (int n = 0; n < 2_000; n++) {
            // runs of the same number (a person's block), then any of the twelve, more than are remembered
            String cpr = people.get(random.nextInt(people.size()));
            String given = random.nextBoolean() ? cpr : cpr.substring(0, 6) + "-" + cpr.substring(6);
            for (int k = random.nextInt(4); k >= 0; k--) {
                assertThat(pseudonymiser.pseudonym(given)).isEqualTo(keys.pseudonym("101", cpr));
            }
        }
        assertThat(new Pseudonymiser(keys, "147").pseudonym(people.get(0))).as("another municipality's own")
                .isNotEqualTo(pseudonymiser.pseudonym(people.get(0)));
        assertThatThrownBy(() -> pseudonymiser.pseudonym("9913901234")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachPersonsNumberIsSealedOnceAFileWhileTheirLinesFollowOneAnother() throws Exception {
        KeyRing keys = new KeyRing(dir.resolve("tidlig.keys"), true);
        Pseudonymiser pseudonymiser = new Pseudonymiser(keys, "101");
        Set<PersonId> vaulted = new HashSet<>();
        String cpr = "6101901007";
        List<Row> first = pseudonymiser.rows(new NameRecord(cpr, "Testperson", null, "Syntetisk"), vaulted);
        List<Row> second = pseudonymiser.rows(new NameRecord(cpr, "Testperson", null, "Syntetisk"), vaulted);
        assertThat(first).filteredOn(r -> r instanceof Row.IdentityRow i && i.kind() == IdentityKind.CPR).hasSize(1);
        assertThat(second).filteredOn(r -> r instanceof Row.IdentityRow i && i.kind() == IdentityKind.CPR).isEmpty();
        assertThat(vaulted).containsExactly(keys.pseudonym("101", CprNumbers.normalise(cpr)));
    }
}
