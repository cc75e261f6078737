// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;

/**
 * A pseudonymised record ready to store. Its key ({@link #ledgerKey()}, a name kept from the ledger the data tables
 * replaced) identifies the row it writes and holds no personal data; its content hash (a keyed hash of the content
 * alone, computed by the pipeline and stored in the row) tells a duplicate from a correction.
 */
public sealed interface Row {

    /** Identifies the record within its source system. */
    String ledgerKey();

    /** The ledger key of a person's registered facts. */
    static String personKey(PersonId pid) {
        return "P:" + pid.hex();
    }

    /** The ledger key of a person's residence. */
    static String residenceKey(PersonId pid) {
        return "H:" + pid.hex();
    }

    /** The ledger key of an earlier residence of a person, by the day moved in. */
    static String previousResidenceKey(PersonId pid, LocalDate from) {
        return "HP:" + pid.hex() + ":" + (from == null ? "" : from);
    }

    /** The ledger key of one of a person's attributes. */
    static String attributeKey(PersonId pid, Attribute name) {
        return "A:" + name + ":" + pid.hex();
    }

    /** A person's coarse attribute, for the checks of a model's unequal treatment of groups. */
    enum Attribute {
        /** "DANISH" or "OTHER". */
        CITIZENSHIP,
        /** The postal code of the current address. */
        DISTRICT
    }

    /** The ledger key of one of a person's vault entries. */
    static String identityKey(PersonId pid, IdentityKind kind) {
        return "I:" + kind + ":" + pid.hex();
    }

    /**
     * The ledger key of a relation: its type, its two persons and the day it began, so that two periods of the same
     * relation (custody that ended and was given again) are two facts.
     */
    static String relationKey(RelationType type, PersonId from, PersonId to, LocalDate start) {
        return "R:" + type + ":" + from.hex() + ":" + to.hex() + ":" + (start == null ? "" : start);
    }

    /** The ledger key of an event. */
    static String eventKey(String sourceRecordId) {
        return "E:" + sourceRecordId;
    }

    /** Keyed hash of the content, 16 bytes. */
    byte[] contentHash();

    record PersonRow(PersonId pid, LocalDate birthDate, Sex sex, PersonStatus status, String municipalityCode, byte[] contentHash)
            implements Row {
        @Override
        public String ledgerKey() {
            return Row.personKey(pid);
        }
    }

    /**
     * @param dwelling the dwelling the household is the keyed hash of, sealed (bound to the household), so that the household
     *                 key can be replaced in place; null where it is not known
     */
    record ResidenceRow(PersonId pid, byte[] household, String municipalityCode, LocalDate since, byte[] contentHash, Sealed dwelling) implements Row {
        public ResidenceRow(PersonId pid, byte[] household, String municipalityCode, LocalDate since, byte[] contentHash) {
            this(pid, household, municipalityCode, since, contentHash, null);
        }

        @Override
        public String ledgerKey() {
            return Row.residenceKey(pid);
        }
    }

    /** A household the person lived in before, from the day moved in (null: not known) to the day moved out. */
    record PreviousResidenceRow(PersonId pid, byte[] household, String municipalityCode, LocalDate from, LocalDate until, byte[] contentHash,
            Sealed dwelling) implements Row {
        public PreviousResidenceRow(PersonId pid, byte[] household, String municipalityCode, LocalDate from, LocalDate until, byte[] contentHash) {
            this(pid, household, municipalityCode, from, until, contentHash, null);
        }

        @Override
        public String ledgerKey() {
            return Row.previousResidenceKey(pid, from);
        }
    }

    record AttributeRow(PersonId pid, Attribute name, String value, byte[] contentHash) implements Row {
        @Override
        public String ledgerKey() {
            return Row.attributeKey(pid, name);
        }
    }

    record IdentityRow(PersonId pid, IdentityKind kind, Sealed sealed, byte[] contentHash) implements Row {
        @Override
        public String ledgerKey() {
            return Row.identityKey(pid, kind);
        }
    }

    record RelationRow(RelationType type, PersonId from, PersonId to, LocalDate start, LocalDate end, byte[] contentHash) implements Row {
        @Override
        public String ledgerKey() {
            return Row.relationKey(type, from, to, start);
        }
    }

    /** Removes the event with this id, if one is held. */
    record RetractionRow(String sourceRecordId) implements Row {
        @Override
        public String ledgerKey() {
            return Row.eventKey(sourceRecordId);
        }

        @Override
        public byte[] contentHash() {
            return new byte[16];
        }
    }

    /** @param registered the day the source registered the event, or null when it does not say */
    record EventRow(String sourceRecordId, PersonId subject, Indicator indicator, LocalDate start, LocalDate end, LocalDate registered,
            List<DetailCode> details, byte[] contentHash) implements Row {

        /** An event whose source does not say when it was registered. */
        public EventRow(String sourceRecordId, PersonId subject, Indicator indicator, LocalDate start, LocalDate end, List<DetailCode> details,
                byte[] contentHash) {
            this(sourceRecordId, subject, indicator, start, end, null, details, contentHash);
        }

        @Override
        public String ledgerKey() {
            return Row.eventKey(sourceRecordId);
        }
    }
}
