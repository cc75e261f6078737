// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RiskEvent;

class SyntheticCprTest {

    private final SyntheticData data = TestPopulations.standard().data();

    @Test
    void everyNumberIsValidByTheCprRulesButFailsModulus11() {
        for (PersonRecord p : data.persons()) {
            assertThat(CprNumbers.problem(p.cpr(), TestPopulations.REFERENCE)).isEmpty();
            assertThat(p.cpr()).matches("\\d{10}");
            assertThat(CprNumbers.passesModulus11(p.cpr())).as("synthetic numbers fail modulus 11").isFalse();
            assertThat(CprNumbers.isSubstitute(p.cpr())).isFalse();
        }
    }

    @Test
    void numberAgreesWithRegisteredSexAndBirthDate() {
        for (PersonRecord p : data.persons()) {
            assertThat(CprNumbers.sex(p.cpr())).isEqualTo(p.sex());
            assertThat(CprNumbers.birthDate(p.cpr())).isEqualTo(p.birthDate());
        }
    }

    @Test
    void numbersAreUnique() {
        Set<String> seen = new HashSet<>();
        for (PersonRecord p : data.persons()) {
            assertThat(seen.add(p.cpr())).as("unique CPR number").isTrue();
        }
    }

    @Test
    void numbersAreUniqueInALargeMunicipalityToo() {
        SyntheticData big = PopulationGenerator.generate(150_000, 3L, TestPopulations.REFERENCE, "101", 0).data();
        Set<String> seen = new HashSet<>(big.persons().size() * 2);
        for (PersonRecord p : big.persons()) {
            assertThat(seen.add(p.cpr())).isTrue();
        }
        assertThat(big.persons()).noneMatch(p -> CprNumbers.passesModulus11(p.cpr()));
    }

    @Test
    void sourceRecordIdsNeverLookLikeCprNumbers() {
        for (RiskEvent e : data.events()) {
            if (e.indicator() == Indicator.PARENTS_SEPARATION) {
                assertThat(e.sourceRecordId()).as("CPR has no record id").isNull();
                continue;
            }
            assertThat(e.sourceRecordId()).isNotBlank();
            assertThat(CprNumbers.containsCprLike(e.sourceRecordId())).as(e.sourceRecordId()).isFalse();
            assertThat(e.sourceRecordId()).doesNotMatch(".*\\d{7,}.*");
            e.details().forEach(d -> assertThat(CprNumbers.containsCprLike(d.code())).isFalse());
        }
    }

    @Test
    void sourceRecordIdsAreUniqueExceptForReDeliveries() {
        java.util.Map<String, RiskEvent> byId = new java.util.HashMap<>();
        for (RiskEvent e : data.events()) {
            if (e.sourceRecordId() == null) {
                continue;
            }
            RiskEvent before = byId.putIfAbsent(e.sourceRecordId(), e);
            if (before != null) {
                assertThat(e).as("a re-delivery repeats the record unchanged").isEqualTo(before);
            }
        }
    }
}
