// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.DetailCode;
import dk.tidlig.model.PersonId;

/**
 * The generations of the keys a municipality's rows are held under, and the rekeying that carries the rows over to a
 * new generation of the pseudonym key or the family-id key, in place.
 */
@ProviderType
public interface KeyGenerationStore {

    /** The key of persons' pseudonyms: every row that names a person, and the family ids and offers made from them. */
    String PSEUDONYM = "pseudonym";
    /** The key of family ids and household offers. */
    String FAMILY = "family";
    /** The key of households (keyed hashes of dwellings), and the household offers made from them. */
    String HOUSEHOLD = "household";

    /** The municipalities the database holds data of. */
    Set<String> tenants();

    /**
     * A generation of a key, and its check value (a keyed hash of a fixed text, in hex): two key files raised apart have
     * the same generation's number and different checks.
     */
    record Held(int generation, String check) {
    }

    /**
     * The generation of a purpose's key that the municipality's rows are held under, and its check. A municipality that
     * holds no rows yet is recorded with {@code ifNew} (the asking process's key file's), so its first delivery sets it;
     * a generation recorded without its check (before checks were kept) takes {@code ifNew}'s when the numbers agree. A
     * rekeying in progress is waited for, so that the answer is what it committed.
     */
    Held held(String tenant, String purpose, Held ifNew);

    /**
     * Why the municipality's rows cannot be carried over to a new key now: another tidlig process runs on the database, a
     * delivery runs, or (for households) residences lack their sealed dwellings; empty when they can.
     */
    java.util.Optional<String> obstacle(String tenant, String purpose);

    /**
     * Carries every row of the municipality that holds a pseudonym, a household, a family id or a household offer over
     * to a new generation of the purpose's key, in one transaction: persons, residences (households from their sealed
     * dwellings), relations, events (and the ids derived from them), the vault (sealed again for the new pseudonym), score
     * runs, cases and their sealed notes, the trial's offers, the access requests' person references. Content hashes are
     * computed again, so a delivery of the same files after it stores nothing. The audit trail is not touched: it names
     * families by references that stay.
     *
     * @param to  the generation the key file holds now, with its check
     * @param how the new values, given the generation the rows are held under
     * @return rows changed per table, and {@code unlinked}: persons, families or offers the keys could not carry over
     *         (no CPR number in the vault, no child scored), which get random ids linked to nobody
     * @throws StoreException when {@link #obstacle} names one, the rows are already held under {@code to}
     *                        or a later generation, the new family ids would meet old ones (raise the key again), or (for
     *                        households) a residence was stored without its sealed dwelling
     */
    Map<String, Integer> rekey(String tenant, String purpose, Held to, java.util.function.IntFunction<Rekeying> how);

    /** The new values of a rekeying, computed with the keys; the store reads and writes the rows. */
    @ConsumerType
    interface Rekeying {

        /** The person's new pseudonym, from the CPR number sealed for the old one; null when it is not theirs or cannot be opened. */
        PersonId person(PersonId old, Sealed cpr);

        /** A vault entry sealed again for the person's new pseudonym, with its new content hash. */
        Resealed identity(PersonId old, PersonId now, IdentityKind kind, Sealed value);

        byte[] residenceHash(PersonId now, byte[] household, String municipality, LocalDate since);

        byte[] previousResidenceHash(PersonId now, byte[] household, String municipality, LocalDate from, LocalDate until);

        byte[] attributeHash(PersonId now, String name, String value);

        byte[] relationHash(String type, PersonId from, PersonId to, LocalDate start, LocalDate end);

        /** An event's record id (an id derived from the old pseudonym is made again from the new, a source's own stays) and content hash. */
        Event event(String recordId, PersonId old, PersonId now, String indicator, LocalDate start, LocalDate end, LocalDate registered,
                List<DetailCode> details);

        /** A family's new id; null when the old id is not the old key's for {@code oldChild}. */
        String family(String old, PersonId oldChild, PersonId newChild);

        /** The family id the old key made for a child (to find the child of a case whose score runs are gone). */
        String oldFamily(PersonId oldChild);

        /** A random family id, for one no child gives: kept, linked to nobody. */
        String unlinkedFamily();

        /** A random household offer id, for one no child's household gives. */
        String unlinkedOffer();

        /** A household offer's new id, found among the child's households (current and earlier); null when none gives the old one. */
        String offer(String old, PersonId oldChild, PersonId newChild, List<Household> households);

        /** A household made again from its sealed dwelling, and the dwelling sealed again for it. */
        Dwelling household(byte[] old, Sealed dwelling);

        /** A contact note sealed again for the family's new id. */
        Sealed note(String oldFamily, String newFamily, Sealed note);

        /** The keyed reference to a person in access requests. */
        String personReference(PersonId person);

        /** A random pseudonym, for a person the vault holds no CPR number of: kept, linked to nobody. */
        PersonId stranger();
    }

    record Resealed(Sealed sealed, byte[] contentHash) {
    }

    record Event(String recordId, byte[] contentHash) {
    }

    /** A household under the old key and the new (the same when the household key is not the one replaced). */
    record Household(byte[] old, byte[] now) {
    }

    record Dwelling(byte[] household, Sealed sealed) {
    }
}
