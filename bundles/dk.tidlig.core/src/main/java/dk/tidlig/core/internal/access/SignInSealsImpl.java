// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.SignInSeals;
import dk.tidlig.core.internal.crypto.KeyPurpose;
import dk.tidlig.core.internal.crypto.KeyRing;

/** AES-256-GCM under the key file's SIGN_IN key: a random 96-bit nonce before the ciphertext and its tag. */
@Component(service = SignInSeals.class)
public class SignInSealsImpl implements SignInSeals {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** What the sealed values are for: a value sealed for another purpose under the same key would not open. */
    private static final byte[] AAD = "tidlig sign-in state".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    @Activate
    public SignInSealsImpl(@Reference KeyRing keys) {
        this.key = keys.aesKey(KeyPurpose.SIGN_IN);
    }

    @Override
    public String seal(String text) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public Optional<String> open(String sealed) {
        if (sealed == null || sealed.length() > 4096) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            if (in.length < 12 + 16) {
                return Optional.empty();
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            c.updateAAD(AAD);
            return Optional.of(new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
