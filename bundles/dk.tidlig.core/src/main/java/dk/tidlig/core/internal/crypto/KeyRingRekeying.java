// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.crypto;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.core.internal.ingest.ContentHashes;
import dk.tidlig.core.internal.ingest.VaultAad;
import dk.tidlig.core.internal.outreach.OutreachImpl;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.KeyGenerationStore;
import dk.tidlig.store.Sealed;

/**
 * The new values of one municipality's rekeying, from the key file: the generation the rows are held under and the one
 * they move to. Whatever the old key did not make (an id it cannot reproduce from the person or child it names) is
 * given a random id by the store: kept, and linked to nobody.
 */
final class KeyRingRekeying implements KeyGenerationStore.Rekeying {

    private final KeyRing keys;
    private final String tenant;
    private final int pseudonymFrom;
    private final int pseudonymTo;
    private final int familyFrom;
    private final int familyTo;
    private final int householdFrom;
    private final int householdTo;

    /**
     * @param purpose {@link KeyPurpose#PSEUDONYM}, {@link KeyPurpose#FAMILY} or {@link KeyPurpose#HOUSEHOLD}: the key replaced; the others
     *                stay at the key file's generation
     */
    KeyRingRekeying(KeyRing keys, String tenant, KeyPurpose purpose, int from, int to) {
        this.keys = keys;
        this.tenant = tenant;
        this.pseudonymFrom = purpose == KeyPurpose.PSEUDONYM ? from : keys.generation(KeyPurpose.PSEUDONYM);
        this.pseudonymTo = purpose == KeyPurpose.PSEUDONYM ? to : keys.generation(KeyPurpose.PSEUDONYM);
        this.familyFrom = purpose == KeyPurpose.FAMILY ? from : keys.generation(KeyPurpose.FAMILY);
        this.familyTo = purpose == KeyPurpose.FAMILY ? to : keys.generation(KeyPurpose.FAMILY);
        this.householdFrom = purpose == KeyPurpose.HOUSEHOLD ? from : keys.generation(KeyPurpose.HOUSEHOLD);
        this.householdTo = purpose == KeyPurpose.HOUSEHOLD ? to : keys.generation(KeyPurpose.HOUSEHOLD);
    }

    @Override
    public PersonId person(PersonId old, Sealed cpr) {
        String number;
        try {
            number = keys.open(VaultAad.of(tenant, old, IdentityKind.CPR), cpr);
        } catch (IllegalStateException e) {
            return null;
        }
        return keys.pseudonym(tenant, number, pseudonymFrom).equals(old) ? keys.pseudonym(tenant, number, pseudonymTo) : null;
    }

    @Override
    public KeyGenerationStore.Resealed identity(PersonId old, PersonId now, IdentityKind kind, Sealed value) {
        String clear;
        try {
            clear = keys.open(VaultAad.of(tenant, old, kind), value);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("a vault entry of municipality " + tenant + " cannot be opened with the key file (altered, or sealed "
                    + "with a key that is not in it); nothing was changed");
        }
        return new KeyGenerationStore.Resealed(keys.seal(VaultAad.of(tenant, now, kind), clear), ContentHashes.identity(keys, kind, now, clear));
    }

    @Override
    public byte[] residenceHash(PersonId now, byte[] household, String municipality, LocalDate since) {
        return ContentHashes.residence(keys, now, household, municipality, since);
    }

    @Override
    public byte[] previousResidenceHash(PersonId now, byte[] household, String municipality, LocalDate from, LocalDate until) {
        return ContentHashes.previousResidence(keys, now, household, municipality, from, until);
    }

    @Override
    public byte[] attributeHash(PersonId now, String name, String value) {
        return ContentHashes.attribute(keys, name, now, value);
    }

    @Override
    public byte[] relationHash(String type, PersonId from, PersonId to, LocalDate start, LocalDate end) {
        return ContentHashes.relation(keys, type, from, to, start, end);
    }

    @Override
    public KeyGenerationStore.Event event(String recordId, PersonId old, PersonId now, String indicator, LocalDate start, LocalDate end,
            LocalDate registered, List<DetailCode> details) {
        String content = ContentHashes.eventContent(indicator, now, start, end, details);
        boolean derived = recordId.equals(ContentHashes.derivedEventId(keys, ContentHashes.eventContent(indicator, old, start, end, details)));
        return new KeyGenerationStore.Event(derived ? ContentHashes.derivedEventId(keys, content) : recordId, ContentHashes.event(keys, content, registered));
    }

    @Override
    public String family(String old, PersonId oldChild, PersonId newChild) {
        return keys.familyId(tenant, oldChild, familyFrom).equals(old) ? keys.familyId(tenant, newChild, familyTo) : null;
    }

    @Override
    public String oldFamily(PersonId oldChild) {
        return keys.familyId(tenant, oldChild, familyFrom);
    }

    @Override
    public String unlinkedFamily() {
        return KeyRing.randomLetters("F-");
    }

    @Override
    public String unlinkedOffer() {
        return KeyRing.randomLetters("H-");
    }

    @Override
    public String offer(String old, PersonId oldChild, PersonId newChild, List<KeyGenerationStore.Household> households) {
        if (keys.offerId(tenant, null, oldChild, familyFrom).equals(old)) {
            return keys.offerId(tenant, null, newChild, familyTo);
        }
        for (KeyGenerationStore.Household h : households) {
            if (keys.offerId(tenant, h.old(), oldChild, familyFrom).equals(old)) {
                return keys.offerId(tenant, h.now(), newChild, familyTo);
            }
        }
        return null;
    }

    @Override
    public KeyGenerationStore.Dwelling household(byte[] old, Sealed dwelling) {
        String key;
        try {
            key = keys.open(VaultAad.dwelling(tenant, old), dwelling);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("a residence's sealed dwelling of municipality " + tenant + " cannot be opened with the key file "
                    + "(altered, or sealed with a key that is not in it); nothing was changed");
        }
        if (!java.util.Arrays.equals(keys.household(tenant, key, householdFrom), old)) {
            throw new IllegalStateException("a residence's sealed dwelling of municipality " + tenant + " does not give its household under "
                    + "generation " + householdFrom + " of the household key; nothing was changed");
        }
        byte[] now = keys.household(tenant, key, householdTo);
        return new KeyGenerationStore.Dwelling(now, keys.seal(VaultAad.dwelling(tenant, now), key));
    }

    @Override
    public Sealed note(String oldFamily, String newFamily, Sealed note) {
        return keys.seal(OutreachImpl.noteContext(tenant, newFamily), keys.openBytes(OutreachImpl.noteContext(tenant, oldFamily), note));
    }

    @Override
    public String personReference(PersonId person) {
        return keys.personReference(tenant, person);
    }

    @Override
    public PersonId stranger() {
        return KeyRing.randomPerson();
    }
}
