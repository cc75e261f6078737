// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.store.Sealed;

class KeyRingTest {

    @TempDir
    Path dir;

    @Test
    void aMissingKeyFileIsRefusedUnlessCreationIsAllowed() throws IOException {
        Path file = dir.resolve("keys/tidlig.keys");
        assertThatThrownBy(() -> new KeyRing(file, false)).hasMessageContaining("bin/tidlig keys init");
        new KeyRing(file, true);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> KeyRing.create(file)).hasMessageContaining("already exists");
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        Path file = dir.resolve("open.keys");
        new KeyRing(file, true);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new KeyRing(file, false)).hasMessageContaining("readable by other users").hasMessageContaining("chmod 600");
    }

    @Test
    void pseudonymsAreStableKeyedAndDifferPerMunicipality() throws IOException {
        KeyRing a = new KeyRing(dir.resolve("a.keys"), true);
        KeyRing b = new KeyRing(dir.resolve("b.keys"), true);
        assertThat(a.pseudonym("159", "010190-1234")).isEqualTo(a.pseudonym("159", "0101901234"));
        assertThat(a.pseudonym("159", "0101901234")).isNotEqualTo(b.pseudonym("159", "0101901234"));
        assertThat(a.pseudonym("159", "0101901234")).isNotEqualTo(a.pseudonym("159", "0101901235"));
        assertThat(a.pseudonym("159", "0101901234")).as("tenants never share a pseudonym").isNotEqualTo(a.pseudonym("101", "0101901234"));
        assertThat(a.household("159", "x|1")).isNotEqualTo(a.household("101", "x|1"));
        assertThat(a.familyId("159", a.pseudonym("159", "0101901234"))).isNotEqualTo(a.familyId("101", a.pseudonym("159", "0101901234")));
    }

    @Test
    void everyPurposeHasItsOwnKey() throws IOException {
        KeyRing k = new KeyRing(dir.resolve("k.keys"), true);
        java.util.Set<String> values = new java.util.HashSet<>();
        for (KeyPurpose p : KeyPurpose.values()) {
            values.add(java.util.HexFormat.of().formatHex(k.hmac(p, "159", "0101901234")));
        }
        assertThat(values).as("the same input under each purpose").hasSize(KeyPurpose.values().length);
        assertThat(k.suppressionMarker("159", "0101901234")).isNotEqualTo(k.pseudonym("159", "0101901234").bytes());
    }

    @Test
    void rotatingOnePurposeLeavesTheOthersAsTheyWere() throws IOException {
        Path file = dir.resolve("g.keys");
        KeyRing before = new KeyRing(file, true);
        assertThat(KeyRing.rotate(file, "audit")).contains("generation 2");
        KeyRing after = new KeyRing(file, false);
        assertThat(after.generation(KeyPurpose.AUDIT)).isEqualTo(2);
        assertThat(after.hmac(KeyPurpose.AUDIT, "x")).isNotEqualTo(before.hmac(KeyPurpose.AUDIT, "x"));
        assertThat(after.hmac(KeyPurpose.AUDIT, 1, "x")).as("the old generation is still derivable").isEqualTo(before.hmac(KeyPurpose.AUDIT, "x"));
        assertThat(after.pseudonym("159", "0101901234")).isEqualTo(before.pseudonym("159", "0101901234"));
        assertThat(after.hmac(KeyPurpose.CONFIG, "x")).isEqualTo(before.hmac(KeyPurpose.CONFIG, "x"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> KeyRing.rotate(file, "pseudonym")).hasMessageContaining("keys rekey");
    }

    @Test
    void aCopyOfTheKeyFileTakenBeforeARotationCannotDeriveTheKeysAfterIt() throws IOException {
        Path file = dir.resolve("leak.keys");
        new KeyRing(file, true);
        Path leaked = dir.resolve("leaked-copy.keys");
        Files.copy(file, leaked);
        KeyRing.rotate(file, "audit");
        int next = KeyRing.raise(file, KeyPurpose.PSEUDONYM);
        KeyRing real = new KeyRing(file, false);
        assertThat(next).isEqualTo(2);
        assertThat(Files.readString(file)).contains("audit.key.2=").contains("pseudonym.key.2=");

        // whoever holds the copy knows the master key and can raise the generations in it; the new keys are not derived from it
        Files.writeString(leaked, Files.readString(leaked).replace("audit.generation=1", "audit.generation=2")
                .replace("pseudonym.generation=1", "pseudonym.generation=2"));
        KeyRing guessed = new KeyRing(leaked, false);
        assertThat(guessed.generation(KeyPurpose.AUDIT)).isEqualTo(real.generation(KeyPurpose.AUDIT));
        assertThat(guessed.hmac(KeyPurpose.AUDIT, "x")).isNotEqualTo(real.hmac(KeyPurpose.AUDIT, "x"));
        assertThat(guessed.pseudonym("159", "0101901234")).isNotEqualTo(real.pseudonym("159", "0101901234"));
        // the older generations stay what they were, for the older entries and the rekeying
        assertThat(real.hmac(KeyPurpose.AUDIT, 1, "x")).isEqualTo(guessed.hmac(KeyPurpose.AUDIT, 1, "x"));
        assertThat(real.hmac(KeyPurpose.PSEUDONYM, 1, "x")).isEqualTo(guessed.hmac(KeyPurpose.PSEUDONYM, 1, "x"));
        assertThat(real.hmac(KeyPurpose.HOUSEHOLD, "x")).isEqualTo(guessed.hmac(KeyPurpose.HOUSEHOLD, "x"));
    }

    @Test
    void aKeyFileOfTheFirstFormatIsRefusedWithAReason() throws IOException {
        Path file = dir.resolve("old.keys");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "pseudonym.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\nvault.key.k1="
                + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\nvault.active=k1\n");
        assertThatThrownBy(() -> new KeyRing(file, false)).hasMessageContaining("tidlig 0.1").hasMessageContaining("keys init");
    }

    @Test
    void familyIdsAreLettersOnly() throws IOException {
        KeyRing k = new KeyRing(dir.resolve("k.keys"), true);
        for (int i = 0; i < 200; i++) {
            String id = k.familyId("159", k.pseudonym("159", String.format("0101%02d%04d", i % 100, i)));
            assertThat(id).matches("F-[BCDFGHJKLMNPQRSTVWXZ]{5}-[BCDFGHJKLMNPQRSTVWXZ]{5}");
        }
    }

    @Test
    void aSealedStreamOpensOnlyWhole() throws IOException {
        KeyRing k = new KeyRing(dir.resolve("s.keys"), true);
        java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream();
        byte[] text = "001 0101901234 Anna Testesen\n".repeat(100_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (java.io.OutputStream out = k.sealing(sealed, "delivery|7")) {
            out.write(text);
        }
        byte[] bytes = sealed.toByteArray();
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Anna").doesNotContain("0101901234");
        try (java.io.InputStream in = k.opening(new java.io.ByteArrayInputStream(bytes), "delivery|7")) {
            assertThat(in.readAllBytes()).isEqualTo(text);
        }
        assertThatThrownBy(() -> k.opening(new java.io.ByteArrayInputStream(bytes), "delivery|8").readAllBytes()).isInstanceOf(IOException.class);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 100);
        assertThatThrownBy(() -> k.opening(new java.io.ByteArrayInputStream(cut), "delivery|7").readAllBytes()).isInstanceOf(IOException.class);
        byte[] altered = bytes.clone();
        altered[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> k.opening(new java.io.ByteArrayInputStream(altered), "delivery|7").readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void sealedValuesOpenOnlyWithTheirAssociatedData() throws IOException {
        KeyRing k = new KeyRing(dir.resolve("k.keys"), true);
        Sealed s = k.seal("vault|159|abc|NAME", "Anna Testesen");
        assertThat(new String(s.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Anna");
        assertThat(k.open("vault|159|abc|NAME", s)).isEqualTo("Anna Testesen");
        assertThatThrownBy(() -> k.open("vault|159|other|NAME", s)).hasMessageContaining("altered");
        byte[] tampered = s.ciphertext().clone();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> k.open("vault|159|abc|NAME", new Sealed(s.keyId(), s.iv(), tampered))).hasMessageContaining("altered");
        assertThat(k.seal("x", "same").iv()).isNotEqualTo(k.seal("x", "same").iv());
    }

    @Test
    void rotatedKeysStillOpenOldEntries() throws IOException {
        Path file = dir.resolve("r.keys");
        KeyRing before = new KeyRing(file, true);
        Sealed old = before.seal("aad", "value");
        String text = Files.readString(file).replace("vault.active=k1", "vault.active=k2")
                + "vault.key.k2=" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        Files.writeString(file, text);
        KeyRing after = new KeyRing(file, false);
        assertThat(after.open("aad", old)).isEqualTo("value");
        assertThat(after.seal("aad", "new").keyId()).isEqualTo("k2");
        assertThat(after.pseudonym("159", "0101901234")).isEqualTo(before.pseudonym("159", "0101901234"));
    }

    /**
     * Each thread keeps one cipher for all it seals and opens: a value sealed after one opened with another key, or after
     * an open that failed, is sealed with the active key and a nonce of its own, and threads at once do not mix.
     */
    @Test
    void oneCipherPerThreadSealsAndOpensWithTheRightKeyWhateverCameBefore() throws Exception {
        Path file = dir.resolve("t.keys");
        KeyRing before = new KeyRing(file, true);
        Sealed old = before.seal("aad", "value");
        Files.writeString(file, Files.readString(file).replace("vault.active=k1", "vault.active=k2")
                + "vault.key.k2=" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        KeyRing k = new KeyRing(file, false);
        for (int i = 0; i < 3; i++) {
            assertThat(k.open("aad", old)).isEqualTo("value"); // k1
            Sealed sealed = k.seal("aad", "new " + i); // k2, right after k1 was used to open
            assertThat(sealed.keyId()).isEqualTo("k2");
            assertThatThrownBy(() -> k.open("other", sealed)).hasMessageContaining("altered");
            assertThat(k.open("aad", sealed)).isEqualTo("new " + i); // right after a failed open
            assertThatThrownBy(() -> before.open("aad", sealed)).hasMessageContaining("k2"); // the other ring has no k2
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> done = new java.util.ArrayList<>();
            java.util.Set<String> nonces = java.util.concurrent.ConcurrentHashMap.newKeySet(); // one key: no nonce twice, on any thread
            for (int t = 0; t < 8; t++) {
                String mine = "thread " + t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        Sealed s = k.seal(mine, mine + i);
                        if (!k.open(mine, s).equals(mine + i) || !nonces.add(java.util.HexFormat.of().formatHex(s.iv()))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : done) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
