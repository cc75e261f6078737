// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.PersonId;

/**
 * Reads the encrypted identity vault. Only the core's re-identification, behind the legal-basis gate,
 * calls it.
 */
@ProviderType
public interface IdentityVaultStore {

    /** The encrypted entries held for a person, by kind; empty when none. */
    Map<IdentityKind, Sealed> read(String tenant, PersonId pid);

    /** One kind of entry of many persons at once, by person; persons without one are absent. */
    Map<PersonId, Sealed> read(String tenant, java.util.Collection<PersonId> pids, IdentityKind kind);
}
