// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.PersonId;

/**
 * Turns a pseudonym back into a person's identity from the encrypted vault, for outreach to a flagged
 * family. Every call needs a legal basis in force and a stated purpose.
 */
@ProviderType
public interface Reidentification {

    /**
     * A person's identity as held in the vault.
     *
     * @param cpr     the CPR number, or null when the vault holds none
     * @param name    full name, or null
     * @param address written address, or null
     */
    record Identity(String cpr, String name, String address) {
        @Override
        public String toString() {
            return "Identity[***]";
        }
    }

    /**
     * @param purpose why the identity is needed, recorded with the access
     * @throws LegalBasisException when no legal basis is in force
     */
    Optional<Identity> reveal(String municipalityCode, PersonId person, String purpose) throws LegalBasisException;

    /** The pseudonym of a CPR number in a municipality (for the citizen's access request); no vault read, no gate. */
    PersonId pseudonymOf(String municipalityCode, String cpr);
}
