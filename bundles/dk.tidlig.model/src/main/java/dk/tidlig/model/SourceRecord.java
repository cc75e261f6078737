// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/**
 * What an adapter's mapper produces from a vendor record: facts about persons and their relations,
 * and dated risk events. Records still carry CPR numbers; the shared ingest pipeline validates them,
 * replaces every CPR number by a pseudonym and moves names and addresses into the identity vault.
 *
 * <p>{@code toString()} of every record masks CPR numbers, so a record can never leak one into a log.
 */
public sealed interface SourceRecord permits PersonRecord, NameRecord, AddressRecord, WrittenAddressRecord, PreviousAddressRecord, CitizenshipRecord, RelationRecord,
        RiskEvent, Retraction {
}
