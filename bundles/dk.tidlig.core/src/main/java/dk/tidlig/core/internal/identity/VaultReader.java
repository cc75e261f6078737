// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.identity;

import java.util.Map;
import java.util.Optional;

import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.ingest.VaultAad;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.Sealed;

/** Reads and decrypts a person's identity from the vault. No gate, no audit: callers do both. */
public final class VaultReader {

    private final KeyRing keys;
    private final IdentityVaultStore vault;

    public VaultReader(KeyRing keys, IdentityVaultStore vault) {
        this.keys = keys;
        this.vault = vault;
    }

    public Optional<Identity> read(String tenant, PersonId person) {
        Map<IdentityKind, Sealed> entries = vault.read(tenant, person);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Identity(open(tenant, person, IdentityKind.CPR, entries), open(tenant, person, IdentityKind.NAME, entries),
                open(tenant, person, IdentityKind.ADDRESS, entries)));
    }

    private String open(String tenant, PersonId pid, IdentityKind kind, Map<IdentityKind, Sealed> entries) {
        Sealed s = entries.get(kind);
        return s == null ? null : keys.open(VaultAad.of(tenant, pid, kind), s);
    }
}
