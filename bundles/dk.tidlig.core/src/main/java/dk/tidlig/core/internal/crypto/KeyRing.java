package dk.tidlig.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.Sealed;

/**
 * The keys of tidlig, read from a file outside the database:
 *
 * <ul>
 * <li>{@code pseudonym.key}: the HMAC-SHA256 key that turns CPR numbers into pseudonyms, dwellings
 * into household hashes and record contents into content hashes. It must never change: a new key
 * gives everybody a new pseudonym.</li>
 * <li>{@code vault.key.<id>} and {@code vault.active}: AES-256 keys of the identity vault. Add a key
 * and make it active to rotate; entries keep the id of the key they were sealed with.</li>
 * </ul>
 *
 * Every HMAC is domain-separated ("cpr", "dwelling", "content", "family"), so a value of one kind can
 * never be confused with another.
 */
@Component(service = KeyRing.class, configurationPid = KeyRing.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KeyRing.Config.class)
public final class KeyRing {

    /** Configuration PID of the keys: apart from dk.tidlig.core, so that other settings never reload them. */
    public static final String PID = "dk.tidlig.keys";

    @ObjectClassDefinition(name = "tidlig keys", description = "Where the pseudonymisation and identity-vault keys are.")
    public @interface Config {
        @AttributeDefinition(name = "Key file",
                description = "File with the pseudonymisation and vault keys, outside the database and its backups, readable by its "
                        + "owner only. Relative paths are resolved against the distribution folder.")
        String keyFile() default "etc/keys/tidlig.keys";

        @AttributeDefinition(name = "Create keys if missing",
                description = "Generate a new key file on first start. Only for the demo and tests: in production create it with "
                        + "'bin/tidlig keys init' and keep a copy in a safe place; without it the vault cannot be read.")
        boolean createKeysIfMissing() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FAMILY_LETTERS = "BCDFGHJKLMNPQRSTVWXZ";
    private static final int TAG_BITS = 128;

    private final Path file;
    private final SecretKeySpec pseudonymKey;
    private final Map<String, SecretKeySpec> vaultKeys;
    private final String activeVaultKey;
    private final ThreadLocal<Mac> mac;

    @Activate
    public KeyRing(BundleContext context, Config config) throws IOException {
        this(file(context, config), config.createKeysIfMissing());
    }

    /** The key file the configuration names, resolved against the distribution folder. */
    public static Path file(BundleContext context, Config config) {
        Path p = Path.of(config.keyFile());
        String home = context.getProperty("tidlig.home");
        return p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
    }

    public KeyRing(Path file, boolean createIfMissing) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            if (!createIfMissing) {
                throw new IOException("there is no key file at " + file + "; create one with 'bin/tidlig keys init'");
            }
            create(file);
            LOG.warn("Created a new key file at {}; keep a copy in a safe place, the vault cannot be read without it", file);
        }
        refuseIfReadableByOthers(file);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        pseudonymKey = new SecretKeySpec(key(p, "pseudonym.key", file), "HmacSHA256");
        vaultKeys = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("vault.key.")) {
                vaultKeys.put(name.substring("vault.key.".length()), new SecretKeySpec(key(p, name, file), "AES"));
            }
        }
        activeVaultKey = p.getProperty("vault.active", "").strip();
        if (!vaultKeys.containsKey(activeVaultKey)) {
            throw new IOException("key file " + file + ": vault.active must name one of the vault.key.<id> entries");
        }
        mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(pseudonymKey);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** Writes a new key file with fresh random keys, readable by its owner only from its first byte. */
    public static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        byte[] pseudonym = new byte[32];
        byte[] vault = new byte[32];
        RANDOM.nextBytes(pseudonym);
        RANDOM.nextBytes(vault);
        String text = "# tidlig keys. Keep this file outside the database and its backups, readable by tidlig only,\n"
                + "# and a copy in a safe place: without it the identity vault cannot be read and pseudonyms change.\n"
                + "# pseudonym.key must never change. To rotate the vault key, add vault.key.<new id> and set vault.active.\n"
                + "pseudonym.key=" + Base64.getEncoder().encodeToString(pseudonym) + "\n"
                + "vault.key.k1=" + Base64.getEncoder().encodeToString(vault) + "\n"
                + "vault.active=k1\n";
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a key file already exists at " + file + "; it was left as it is");
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            LOG.warn("Could not restrict the permissions of {} on this file system", file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void refuseIfReadableByOthers(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
            throw new IOException("the key file " + file + " is readable by other users; restrict it first: chmod 600 " + file);
        }
    }

    private static byte[] key(Properties p, String name, Path file) throws IOException {
        String v = p.getProperty(name);
        if (v == null) {
            throw new IOException("key file " + file + " has no " + name);
        }
        byte[] k;
        try {
            k = Base64.getDecoder().decode(v.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("key file " + file + ": " + name + " is not Base64");
        }
        if (k.length != 32) {
            throw new IOException("key file " + file + ": " + name + " must be 32 bytes (256 bits)");
        }
        return k;
    }

    /** The key file; files that must live apart from the database (the audit chain's head) are kept beside it. */
    public Path file() {
        return file;
    }

    /** HMAC-SHA256 over a domain and parts, separated so that no two inputs collide. */
    public byte[] hmac(String domain, String... parts) {
        Mac m = mac.get();
        m.update(domain.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            m.update((byte) 0x1F);
            m.update(part == null ? new byte[] {0} : part.getBytes(StandardCharsets.UTF_8));
        }
        return m.doFinal();
    }

    /** A person's pseudonym: HMAC of the normalised CPR number, 128 bits. */
    public PersonId pseudonym(String cpr) {
        return PersonId.of(Arrays.copyOf(hmac("cpr", CprNumbers.normalise(cpr)), 16));
    }

    /** A household: HMAC of the dwelling key, 128 bits. */
    public byte[] household(String dwellingKey) {
        return Arrays.copyOf(hmac("dwelling", dwellingKey), 16);
    }

    /** A keyed hash of a record's content, 128 bits (keyed, so it cannot be used to guess content). */
    public byte[] contentHash(String... parts) {
        return Arrays.copyOf(hmac("content", parts), 16);
    }

    /**
     * A family's id as shown to staff: "F-" and ten consonants in two groups, from an HMAC of the
     * child's pseudonym. Letters only, so it can never be mistaken for a CPR number.
     */
    public String familyId(PersonId child) {
        long v = ByteBuffer.wrap(hmac("family", child.hex())).getLong() & Long.MAX_VALUE;
        StringBuilder sb = new StringBuilder("F-");
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                sb.append('-');
            }
            sb.append(FAMILY_LETTERS.charAt((int) (v % FAMILY_LETTERS.length())));
            v /= FAMILY_LETTERS.length();
        }
        return sb.toString();
    }

    /** Encrypts with the active vault key (AES-256-GCM, random 96-bit nonce). */
    public Sealed seal(String associatedData, String plaintext) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, vaultKeys.get(activeVaultKey), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeVaultKey, iv, c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Decrypts a sealed value.
     *
     * @throws IllegalStateException when the key is unknown or the value or its associated data were
     *         altered (the GCM tag does not match)
     */
    public String open(String associatedData, Sealed sealed) {
        SecretKeySpec key = vaultKeys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("the vault key '" + sealed.keyId() + "' is not in the key file");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a vault entry could not be decrypted: it was altered or belongs elsewhere");
        }
    }
}
