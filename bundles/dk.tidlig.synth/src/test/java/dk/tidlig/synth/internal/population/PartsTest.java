// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.RiskEvent;

/**
 * A population generated in parts (so that 5.9 million citizens fit in the heap of one part) is one population: its
 * CPR numbers, dwellings and source record ids unique across the parts, each part's relations and events about its own
 * persons, in date order, the same parts for the same arguments, and one part the whole population as before.
 */
class PartsTest {

    private static final LocalDate REF = TestPopulations.REFERENCE;

    static List<Population> parts(int citizens, long seed, int partCitizens) throws Exception {
        List<Population> parts = new ArrayList<>();
        PopulationGenerator.generate(citizens, seed, REF, "159", 0.01, partCitizens, (index, part) -> {
            assertThat(index).isEqualTo(parts.size());
            parts.add(part);
        });
        return parts;
    }

    @Test
    void thePartsAreOnePopulationWithNothingSharedBetweenThem() throws Exception {
        List<Population> parts = parts(20_000, 11L, 6_000);
        assertThat(parts).hasSize(4);
        assertThat(parts.stream().mapToInt(p -> p.data().persons().size()).sum()).isEqualTo(20_000);
        assertThat(parts.subList(0, 3)).allSatisfy(p -> assertThat(p.data().persons().size()).as("whole households").isBetween(6_000, 6_020));
        Set<String> cprs = new HashSet<>();
        Set<String> dwellings = new HashSet<>();
        Map<String, RiskEvent> byRecordId = new HashMap<>();
        for (Population p : parts) {
            SyntheticData d = p.data();
            Set<String> own = new HashSet<>();
            d.persons().forEach(x -> {
                assertThat(cprs.add(x.cpr())).as("CPR number unique across parts").isTrue();
                own.add(x.cpr());
            });
            // a dwelling is its address; a household's members share one, and no two parts' households do
            Set<String> here = new HashSet<>();
            d.addresses().forEach(a -> here.add(a.streetCode() + " " + a.houseNumber() + " " + a.floor() + " " + a.door()));
            for (String a : here) {
                assertThat(dwellings.add(a)).as("a dwelling in one part only: " + a).isTrue();
            }
            assertThat(d.relations()).allSatisfy(r -> assertThat(own).contains(r.fromCpr(), r.toCpr()));
            assertThat(d.events()).allSatisfy(e -> assertThat(own).contains(e.subjectCpr()));
            // by day, the intended re-deliveries (copies of earlier events) after them
            int copies = d.events().size() - (int) d.events().stream().distinct().count();
            for (int i = 1; i < d.events().size() - copies; i++) {
                assertThat(d.events().get(i).start()).as("a part's events by day").isAfterOrEqualTo(d.events().get(i - 1).start());
            }
            for (RiskEvent e : d.events()) {
                if (e.sourceRecordId() == null) {
                    continue;
                }
                RiskEvent before = byRecordId.putIfAbsent(e.indicator() + "/" + e.sourceRecordId(), e);
                assertThat(before == null || before.equals(e)).as("a record id is one record (or its intended re-delivery): " + e.sourceRecordId())
                        .isTrue();
            }
            assertThat(p.truth()).allSatisfy(t -> assertThat(own).contains(t.childCpr()));
        }
    }

    @Test
    void theSameArgumentsGiveTheSamePartsAndOnePartIsThePopulationAsBefore() throws Exception {
        assertThat(parts(9_000, 5L, 4_000)).isEqualTo(parts(9_000, 5L, 4_000));
        List<Population> whole = parts(9_000, 5L, 9_000);
        assertThat(whole).singleElement().isEqualTo(PopulationGenerator.generate(9_000, 5L, REF, "159", 0.01));
        assertThat(parts(0, 5L, 10)).singleElement().satisfies(p -> assertThat(p.data().persons()).isEmpty());
        assertThatThrownBy(() -> parts(10, 5L, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noDayHoldsAPointMassOfBirthsSoDenmarkFitsTheCprNumbersOfADay() throws Exception {
        // an age clamped at a bound put everyone whose draw fell beyond it on one birthday: at a million citizens more than
        // a day's 3,000 CPR serials; mirrored at the bound, births spread like Denmark's (a few hundred a day at most)
        Map<String, Integer> perDay = new HashMap<>();
        PopulationGenerator.generate(200_000, 3L, REF, "159", 0, 200_000, (index, part) -> part.data().persons()
                .forEach(p -> perDay.merge(p.birthDate() + " " + p.sex(), 1, Integer::sum)));
        int most = perDay.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertThat(most).as("births on the busiest day and sex, of 200,000 citizens").isLessThan(40);
    }
}
