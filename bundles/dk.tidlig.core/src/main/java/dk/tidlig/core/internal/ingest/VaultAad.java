// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;

/**
 * The associated data a vault entry is sealed with. Binding tenant, person and kind into the GCM tag
 * means an entry copied to another person, kind or municipality no longer decrypts.
 */
public final class VaultAad {
    private VaultAad() {
    }

    public static String of(String tenant, PersonId pid, IdentityKind kind) {
        return "vault|" + tenant + "|" + pid.hex() + "|" + kind.name();
    }

    /** A residence's sealed dwelling: bound to the household it gives, so that it opens only for that household. */
    public static String dwelling(String tenant, byte[] household) {
        return "dwelling|" + tenant + "|" + java.util.HexFormat.of().formatHex(household);
    }
}
