// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;

/**
 * Everything a score run reads, pseudonymous, in a stable order (so a fingerprint over it is stable).
 */
public record ScoringInput(List<PersonFacts> persons, List<RelationFacts> relations, List<EventFacts> events) {

    /**
     * @param sex              registered sex, or null
     * @param municipalityCode municipality of residence (from the address when known), or null
     * @param household        the household hash, or null when no address is known
     */
    public record PersonFacts(PersonId pid, LocalDate birthDate, Sex sex, PersonStatus status, String municipalityCode, byte[] household) {
    }

    public record RelationFacts(RelationType type, PersonId from, PersonId to, LocalDate start, LocalDate end) {
    }

    public record EventFacts(String sourceSystem, String sourceRecordId, PersonId subject, Indicator indicator, LocalDate start,
            LocalDate end) {
    }
}
