// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.crypto;

import java.util.Locale;

/**
 * What a derived key is for. Each purpose has its own key, derived with HKDF-SHA256 from the key file's
 * master key and the purpose's generation, so that one purpose's key can be replaced (a new generation)
 * while the others stay as they are, and a value made for one purpose can never pass for another.
 */
public enum KeyPurpose {
    /** CPR number (with the municipality) to pseudonym. 'keys rekey pseudonym' gives every person a new one, in place. */
    PSEUDONYM,
    /** Dwelling (with the municipality) to household hash; 'keys rekey household' makes them again from the sealed dwellings. */
    HOUSEHOLD,
    /** Keyed hashes of records' contents, for the ingest ledger. */
    CONTENT,
    /** A child's pseudonym to the family id staff see, and a household to its offer's id ('keys rekey family'). */
    FAMILY,
    /** The audit trail's chain. Entries record the generation they were hashed with, so it can be rotated. */
    AUDIT,
    /** Digests of configuration values in the configuration audit. */
    CONFIG,
    /** Suppression markers after a decline: a keyed hash of the child's CPR number. */
    SUPPRESSION,
    /** Keyed references to persons in audit entries (a citizen's access report). */
    REFERENCE,
    /** AES key of the short-lived state of a sign-in in progress (OpenID Connect), the same on every node. */
    SIGN_IN;

    /** The name in the key file: {@code <name>.generation}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
