// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A person's pseudonym: the first 128 bits of a keyed HMAC-SHA256 of the CPR number. It is stable for
 * as long as the pseudonymisation key is, and cannot be turned back into the CPR number without the
 * identity vault.
 */
public final class PersonId implements Comparable<PersonId> {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;

    private PersonId(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a person id has 16 bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    public static PersonId of(byte[] bytes) {
        return new PersonId(bytes);
    }

    public static PersonId parse(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 32) {
            throw new IllegalArgumentException("a person id is 32 hexadecimal characters");
        }
        return new PersonId(HEX.parseHex(hex));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersonId p && java.util.Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PersonId o) {
        return java.util.Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
