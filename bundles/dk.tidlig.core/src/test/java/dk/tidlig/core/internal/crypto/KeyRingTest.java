package dk.tidlig.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
    void pseudonymsAreStableAndKeyed() throws IOException {
        KeyRing a = new KeyRing(dir.resolve("a.keys"), true);
        KeyRing b = new KeyRing(dir.resolve("b.keys"), true);
        assertThat(a.pseudonym("010190-1234")).isEqualTo(a.pseudonym("0101901234"));
        assertThat(a.pseudonym("0101901234")).isNotEqualTo(b.pseudonym("0101901234"));
        assertThat(a.pseudonym("0101901234")).isNotEqualTo(a.pseudonym("0101901235"));
        // domains are separated: the same input gives different values in different domains
        assertThat(a.household("0101901234")).isNotEqualTo(a.pseudonym("0101901234").bytes());
    }

    @Test
    void familyIdsAreLettersOnly() throws IOException {
        KeyRing k = new KeyRing(dir.resolve("k.keys"), true);
        for (int i = 0; i < 200; i++) {
            String id = k.familyId(k.pseudonym(String.format("0101%02d%04d", i % 100, i)));
            assertThat(id).matches("F-[BCDFGHJKLMNPQRSTVWXZ]{5}-[BCDFGHJKLMNPQRSTVWXZ]{5}");
        }
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
        assertThat(after.pseudonym("0101901234")).isEqualTo(before.pseudonym("0101901234"));
    }
}
