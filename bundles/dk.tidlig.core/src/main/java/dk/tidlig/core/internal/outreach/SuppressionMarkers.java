// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.outreach;

import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.ingest.VaultAad;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.Sealed;

/**
 * The suppression markers of children: a keyed hash of the child's CPR number, read from the vault. Neither
 * the marker nor the suppression table holds a pseudonym, so the table says nothing about whom it keeps off
 * the lists to anyone who does not already hold the CPR number. Nothing here is shown to anyone.
 */
public final class SuppressionMarkers {

    private final KeyRing keys;
    private final IdentityVaultStore vault;

    public SuppressionMarkers(KeyRing keys, IdentityVaultStore vault) {
        this.keys = keys;
        this.vault = vault;
    }

    /** The markers (hex) of those children whose CPR number the vault holds. */
    public Map<PersonId, String> of(String tenant, Collection<PersonId> children) {
        Map<PersonId, String> out = new HashMap<>();
        for (Map.Entry<PersonId, Sealed> e : vault.read(tenant, children, IdentityKind.CPR).entrySet()) {
            String cpr = keys.open(VaultAad.of(tenant, e.getKey(), IdentityKind.CPR), e.getValue());
            out.put(e.getKey(), HexFormat.of().formatHex(keys.suppressionMarker(tenant, cpr)));
        }
        return out;
    }
}
