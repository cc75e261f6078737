// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.RiskEvent;

class DeterminismTest {

    private static final LocalDate REF = TestPopulations.REFERENCE;

    @Test
    void sameArgumentsGiveTheSamePopulation() {
        Population a = PopulationGenerator.generate(8_000, 7L, REF, "159", 0.05);
        Population b = PopulationGenerator.generate(8_000, 7L, REF, "159", 0.05);
        assertThat(a.data().persons()).isEqualTo(b.data().persons());
        assertThat(a.data().names()).isEqualTo(b.data().names());
        assertThat(a.data().addresses()).isEqualTo(b.data().addresses());
        assertThat(a.data().relations()).isEqualTo(b.data().relations());
        assertThat(a.data().events()).isEqualTo(b.data().events());
        assertThat(a.truth()).isEqualTo(b.truth());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void anotherSeedGivesAnotherPopulation() {
        Population a = PopulationGenerator.generate(8_000, 7L, REF, "159", 0.05);
        Population b = PopulationGenerator.generate(8_000, 8L, REF, "159", 0.05);
        assertThat(a.data().persons()).isNotEqualTo(b.data().persons());
        assertThat(a.data().events()).isNotEqualTo(b.data().events());
        assertThat(a.truth()).isNotEqualTo(b.truth());
    }

    @Test
    void generatesExactlyTheNumberOfCitizensAskedFor() {
        for (int n : new int[] {0, 1, 2, 3, 7, 101, 5_003}) {
            SyntheticData d = PopulationGenerator.generate(n, 1L, REF, "159", 0).data();
            assertThat(d.persons()).as("citizens %d", n).hasSize(n);
            assertThat(d.names()).hasSize(n);
            assertThat(d.addresses()).hasSize(n);
        }
    }

    @Test
    void passesTheArgumentsThrough() {
        SyntheticData d = PopulationGenerator.generate(500, 1L, REF, "0159", 0.125).data();
        assertThat(d.brokenShare()).isEqualTo(0.125);
        assertThat(d.extractDate()).isEqualTo(REF);
        assertThat(d.municipalityCode()).isEqualTo("159");
        assertThat(d.persons()).allSatisfy(p -> assertThat(p.municipalityCode()).isEqualTo("0159"));
        assertThat(d.addresses()).allSatisfy(a -> assertThat(a.municipalityCode()).isEqualTo("0159"));
    }

    @Test
    void gladsaxeHasItsPostalDistrictsOtherMunicipalitiesInventedOnes() {
        SyntheticData gladsaxe = PopulationGenerator.generate(3_000, 1L, REF, "159", 0).data();
        assertThat(gladsaxe.addresses()).extracting(a -> a.postalCode() + " " + a.city()).containsOnly("2860 Søborg", "2880 Bagsværd");

        SyntheticData other = PopulationGenerator.generate(3_000, 1L, REF, "751", 0).data();
        SyntheticData again = PopulationGenerator.generate(3_000, 99L, REF, "751", 0).data();
        assertThat(other.addresses()).allSatisfy(a -> {
            assertThat(a.postalCode()).matches("\\d{4}");
            assertThat(a.city()).isNotBlank();
        });
        assertThat(other.addresses().get(0).postalCode()).as("postal codes follow from the municipality, not the seed")
                .isEqualTo(again.addresses().get(0).postalCode());
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> PopulationGenerator.generate(10, 1L, REF, "15", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopulationGenerator.generate(10, 1L, REF, "abc", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopulationGenerator.generate(10, 1L, REF, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopulationGenerator.generate(10, 1L, REF, "159", 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopulationGenerator.generate(-1, 1L, REF, "159", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PopulationGenerator.generate(10, 1L, null, "159", 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void eventsComeInDateOrderFollowedByTheReDeliveries() {
        var events = TestPopulations.standard().data().events();
        int firstRepeat = 0;
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < events.size(); i++) {
            RiskEvent e = events.get(i);
            if (e.sourceRecordId() != null && !seen.add(e.sourceRecordId())) {
                firstRepeat = i;
                break;
            }
        }
        assertThat(firstRepeat).isPositive();
        for (int i = 1; i < firstRepeat; i++) {
            assertThat(events.get(i).start()).isAfterOrEqualTo(events.get(i - 1).start());
        }
    }
}
