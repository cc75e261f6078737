// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;
import dk.tidlig.model.WrittenAddressRecord;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.Row;

/**
 * Turns validated common-model records into rows with no personal data in clear: CPR numbers become
 * pseudonyms, dwellings household hashes, and CPR numbers, names and addresses go sealed into the
 * identity vault. Each person's CPR number is sealed into the vault once per file.
 */
final class Pseudonymiser {

    private final KeyRing keys;
    private final String tenant;

    Pseudonymiser(KeyRing keys, String tenant) {
        this.keys = keys;
        this.tenant = tenant;
    }

    /**
     * @param vaulted persons whose CPR number was already sealed in this file; updated
     */
    List<Row> rows(SourceRecord record, Set<PersonId> vaulted) {
        List<Row> rows = new ArrayList<>(3);
        if (record instanceof PersonRecord r) {
            PersonId pid = person(r.cpr(), rows, vaulted);
            LocalDate birth = r.birthDate() != null ? r.birthDate() : CprNumbers.birthDate(r.cpr());
            var sex = r.sex() != null ? r.sex() : CprNumbers.sex(r.cpr());
            String municipality = municipality(r.municipalityCode());
            rows.add(new Row.PersonRow(pid, birth, sex, r.status(), municipality,
                    keys.contentHash("person", pid.hex(), String.valueOf(birth), sex.name(), String.valueOf(r.status()), municipality)));
        } else if (record instanceof NameRecord r) {
            PersonId pid = person(r.cpr(), rows, vaulted);
            rows.add(identity(pid, IdentityKind.NAME, r.fullName()));
        } else if (record instanceof AddressRecord r) {
            PersonId pid = person(r.cpr(), rows, vaulted);
            byte[] household = keys.household(tenant, r.dwellingKey());
            String municipality = municipality(r.municipalityCode());
            rows.add(new Row.ResidenceRow(pid, household, municipality, r.since(), ContentHashes.residence(keys, pid, household, municipality, r.since()),
                    keys.seal(VaultAad.dwelling(tenant, household), r.dwellingKey())));
            String written = r.written();
            if (written != null) {
                // only a source that gives the address written out fills the vault's address; codes alone do not
                rows.add(identity(pid, IdentityKind.ADDRESS, written));
            }
        } else if (record instanceof WrittenAddressRecord r) {
            PersonId pid = person(r.cpr(), rows, vaulted);
            rows.add(identity(pid, IdentityKind.ADDRESS, r.written()));
            if (r.postalCode() != null && !r.postalCode().isBlank()) {
                rows.add(attribute(pid, Row.Attribute.DISTRICT, r.postalCode().strip()));
            }
        } else if (record instanceof PreviousAddressRecord r) {
            PersonId pid = person(r.cpr(), rows, vaulted);
            byte[] household = keys.household(tenant, r.dwellingKey());
            String municipality = municipality(r.municipalityCode());
            rows.add(new Row.PreviousResidenceRow(pid, household, municipality, r.from(), r.until(),
                    ContentHashes.previousResidence(keys, pid, household, municipality, r.from(), r.until()),
                    keys.seal(VaultAad.dwelling(tenant, household), r.dwellingKey())));
        } else if (record instanceof CitizenshipRecord r) {
            PersonId pid = person(r.cpr(), rows, vaulted);
            // only whether it is Danish is kept: what the checks of unequal treatment need, and no more
            rows.add(attribute(pid, Row.Attribute.CITIZENSHIP, r.danish() ? "DANISH" : "OTHER"));
        } else if (record instanceof RelationRecord r) {
            PersonId from = person(r.fromCpr(), rows, vaulted);
            PersonId to = person(r.toCpr(), rows, vaulted);
            rows.add(new Row.RelationRow(r.type(), from, to, r.start(), r.end(), ContentHashes.relation(keys, r.type().name(), from, to, r.start(), r.end())));
        } else if (record instanceof Retraction r) {
            rows.add(new Row.RetractionRow(r.sourceRecordId()));
        } else if (record instanceof RiskEvent r) {
            PersonId subject = person(r.subjectCpr(), rows, vaulted);
            String content = ContentHashes.eventContent(r.indicator().name(), subject, r.start(), r.end(), r.details());
            String id = r.sourceRecordId() != null ? r.sourceRecordId() : ContentHashes.derivedEventId(keys, content);
            rows.add(new Row.EventRow(id, subject, r.indicator(), r.start(), r.end(), r.registered(), r.details(),
                    ContentHashes.event(keys, content, r.registered())));
        }
        return rows;
    }

    /**
     * Counts the persons of a record as vaulted in this file without sealing anything: for the lines of a resumed
     * delivery that were stored before it was interrupted.
     */
    void remember(SourceRecord record, Set<PersonId> vaulted) {
        for (String cpr : cprNumbers(record)) {
            vaulted.add(pseudonym(cpr));
        }
    }

    private static List<String> cprNumbers(SourceRecord record) {
        if (record instanceof PersonRecord r) {
            return List.of(r.cpr());
        } else if (record instanceof NameRecord r) {
            return List.of(r.cpr());
        } else if (record instanceof AddressRecord r) {
            return List.of(r.cpr());
        } else if (record instanceof WrittenAddressRecord r) {
            return List.of(r.cpr());
        } else if (record instanceof PreviousAddressRecord r) {
            return List.of(r.cpr());
        } else if (record instanceof CitizenshipRecord r) {
            return List.of(r.cpr());
        } else if (record instanceof RelationRecord r) {
            return List.of(r.fromCpr(), r.toCpr());
        } else if (record instanceof RiskEvent r) {
            return List.of(r.subjectCpr());
        }
        return List.of();
    }

    /** The person's pseudonym; seals their CPR number into the vault the first time in this file. */
    private PersonId person(String cpr, List<Row> rows, Set<PersonId> vaulted) {
        PersonId pid = pseudonym(cpr);
        if (vaulted.add(pid)) {
            rows.add(identity(pid, IdentityKind.CPR, CprNumbers.normalise(cpr)));
        }
        return pid;
    }

    /** The CPR numbers pseudonymised last, as given, and their pseudonyms: the lines of a person's block name the same few. */
    private final String[] recentCpr = new String[RECENT];
    private final PersonId[] recentPid = new PersonId[RECENT];
    private int recentNext;
    /** How many CPR numbers are remembered: a person, their parents and their children's lines near each other. */
    static final int RECENT = 4;

    /**
     * A CPR number's pseudonym, checked and computed once for the lines that name it one after the other (a CPR extract
     * gives a person's records as a block, each line with the number) rather than for every line.
     */
    PersonId pseudonym(String cpr) {
        for (int i = 0; i < RECENT; i++) {
            if (cpr != null && cpr.equals(recentCpr[i])) {
                return recentPid[i];
            }
        }
        PersonId pid = keys.pseudonym(tenant, CprNumbers.normalise(cpr));
        recentCpr[recentNext] = cpr;
        recentPid[recentNext] = pid;
        recentNext = (recentNext + 1) % RECENT;
        return pid;
    }

    private Row.AttributeRow attribute(PersonId pid, Row.Attribute name, String value) {
        return new Row.AttributeRow(pid, name, value, ContentHashes.attribute(keys, name.name(), pid, value));
    }

    private Row.IdentityRow identity(PersonId pid, IdentityKind kind, String value) {
        return new Row.IdentityRow(pid, kind, keys.seal(VaultAad.of(tenant, pid, kind), value),
                ContentHashes.identity(keys, kind, pid, value));
    }

    /** A municipality code without its one leading zero ("0159" is 159), with no regular expression per record. */
    private static String municipality(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip();
        return c.startsWith("0") ? c.substring(1) : c;
    }
}
