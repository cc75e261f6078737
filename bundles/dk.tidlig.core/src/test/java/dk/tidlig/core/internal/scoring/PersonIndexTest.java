// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dk.tidlig.model.PersonId;
import dk.tidlig.store.ScoringInput.PersonFacts;

class PersonIndexTest {

    private static PersonId pid(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return PersonId.of(b);
    }

    @Test
    void findsEveryPersonByPseudonymInWhateverOrderTheyAreGivenAndNoOneElse() {
        Random random = new Random(7);
        List<PersonFacts> persons = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            persons.add(new PersonFacts(pid(random), null, null, null, null, null));
        }
        List<PersonFacts> shuffled = new ArrayList<>(persons);
        Collections.shuffle(shuffled, random);
        List<PersonFacts> ordered = new ArrayList<>(persons);
        ordered.sort((a, b) -> a.pid().compareTo(b.pid()));
        for (List<PersonFacts> given : List.of(shuffled, ordered)) {
            PersonIndex index = new PersonIndex(given);
            for (PersonFacts p : persons) {
                // a pseudonym equal to the person's but another object, as a relation's may be
                assertThat(index.get(PersonId.of(p.pid().bytes()))).isSameAs(p);
            }
            assertThat(index.get(pid(random))).as("a person the input does not hold").isNull();
        }
        assertThat(new PersonIndex(List.of()).get(pid(random))).isNull();
        // pseudonyms compare as unsigned bytes, as the database orders them
        PersonFacts low = new PersonFacts(PersonId.of(new byte[] {0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), null, null, null, null, null);
        PersonFacts high = new PersonFacts(PersonId.of(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), null, null, null, null,
                null);
        assertThat(new PersonIndex(List.of(low, high)).get(high.pid())).isSameAs(high);
        assertThat(new PersonIndex(List.of(high, low)).get(low.pid())).isSameAs(low);
    }
}
