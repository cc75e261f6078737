// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.internal.crypto.KeyRing;

/** A sign-in's state sealed on one node opens on another of the same installation, and nowhere else. */
class SignInSealsTest {

    @TempDir
    Path dir;

    @Test
    void whatOneNodeSealsTheOtherOpensAndNoOtherInstallationOrAlterationDoes() throws Exception {
        Path file = dir.resolve("tidlig.keys");
        SignInSealsImpl nodeA = new SignInSealsImpl(new KeyRing(file, true));
        SignInSealsImpl nodeB = new SignInSealsImpl(new KeyRing(file, false));
        SignInSealsImpl elsewhere = new SignInSealsImpl(new KeyRing(dir.resolve("other.keys"), true));

        String sealed = nodeA.seal("state nonce verifier 1764849123");
        assertThat(nodeB.open(sealed)).as("the other node, the same key file").contains("state nonce verifier 1764849123");
        assertThat(sealed).doesNotContain("state").doesNotContain("verifier");
        assertThat(nodeA.seal("state nonce verifier 1764849123")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(elsewhere.open(sealed)).as("another installation's key").isEmpty();

        char[] c = sealed.toCharArray();
        c[c.length / 2] = c[c.length / 2] == 'A' ? 'B' : 'A';
        assertThat(nodeB.open(new String(c))).as("altered").isEmpty();
        assertThat(nodeB.open("not base64 !")).isEmpty();
        assertThat(nodeB.open("")).isEmpty();
        assertThat(nodeB.open(null)).isEmpty();
        assertThat(nodeB.open("A".repeat(5000))).isEmpty();
    }
}
