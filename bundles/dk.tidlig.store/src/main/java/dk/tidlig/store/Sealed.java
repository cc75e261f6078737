package dk.tidlig.store;

/**
 * An encrypted value as stored: the id of the key in the key file, the nonce, and the AES-GCM
 * ciphertext with its tag.
 */
public record Sealed(String keyId, byte[] iv, byte[] ciphertext) {
}
