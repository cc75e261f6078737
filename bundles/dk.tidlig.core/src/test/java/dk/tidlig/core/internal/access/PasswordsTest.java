// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void passwordsAreSaltedPbkdf2Hashes() {
        String a = Passwords.hash("correct horse".toCharArray());
        String b = Passwords.hash("correct horse".toCharArray());
        assertThat(a).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(b);
        assertThat(Passwords.matches("correct horse".toCharArray(), a)).isTrue();
        assertThat(Passwords.matches("correct horsf".toCharArray(), a)).isFalse();
        assertThat(Passwords.matches("x".toCharArray(), "plain")).isFalse();
        assertThat(Passwords.generate()).hasSize(16).matches("[a-zA-Z2-9]+");
    }
}
