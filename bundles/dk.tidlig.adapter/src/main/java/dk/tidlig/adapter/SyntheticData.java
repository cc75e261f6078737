// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RiskEvent;

/**
 * A synthetic municipality in common-model form, to be written by each adapter's
 * {@link ExportWriter}. Every person in it is invented.
 *
 * @param municipalityCode the municipality
 * @param extractDate      the date the exports are "taken"
 * @param persons          persons, one record each
 * @param names            their names
 * @param addresses        their current addresses
 * @param relations        parent/child, custody and spouse relations
 * @param events           risk events of every indicator; each writer takes those it reads
 * @param brokenShare      share of records (0..1) each writer should break
 * @param citizenships     persons' citizenships (the CPR extract's record 010)
 * @param previousAddresses addresses persons lived at before (the CPR extract's record 023)
 */
public record SyntheticData(
        String municipalityCode,
        LocalDate extractDate,
        List<PersonRecord> persons,
        List<NameRecord> names,
        List<AddressRecord> addresses,
        List<RelationRecord> relations,
        List<RiskEvent> events,
        double brokenShare,
        List<CitizenshipRecord> citizenships,
        List<PreviousAddressRecord> previousAddresses) {

    public SyntheticData {
        citizenships = citizenships == null ? List.of() : citizenships;
        previousAddresses = previousAddresses == null ? List.of() : previousAddresses;
    }

    /** A municipality without citizenships and address history. */
    public SyntheticData(String municipalityCode, LocalDate extractDate, List<PersonRecord> persons, List<NameRecord> names,
            List<AddressRecord> addresses, List<RelationRecord> relations, List<RiskEvent> events, double brokenShare) {
        this(municipalityCode, extractDate, persons, names, addresses, relations, events, brokenShare, List.of(), List.of());
    }
}
