// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

/**
 * An encrypted value as stored: the id of the key in the key file, the nonce, and the AES-GCM
 * ciphertext with its tag.
 */
public record Sealed(String keyId, byte[] iv, byte[] ciphertext) {
}
