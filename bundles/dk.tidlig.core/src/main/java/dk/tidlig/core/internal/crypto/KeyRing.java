// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.subtle.Hkdf;

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
 * The keys of tidlig, read from a file outside the database (format 2):
 *
 * <ul>
 * <li>{@code master.key}: 256 bits from which every keyed hash's key is derived with HKDF-SHA256, one key
 * per {@link KeyPurpose} and generation ({@code <purpose>.generation}, 1 when absent). Raising one
 * purpose's generation replaces that key alone.</li>
 * <li>{@code <purpose>.key.<generation>}: 256 fresh random bits of a later generation, written by the rotation,
 * from which that generation's key is derived instead of the master key: a copy of the key file taken before a
 * rotation cannot derive the keys that come after it.</li>
 * <li>{@code vault.key.<id>} and {@code vault.active}: AES-256 keys of the identity vault, of quarantined
 * lines and of sealed deliveries. Add a key and make it active to rotate; what was sealed keeps the id of
 * its key.</li>
 * </ul>
 *
 * Every pseudonym, household and family id has the municipality in its input: two municipalities of a
 * shared installation never share a pseudonym.
 */
@Component(service = KeyRing.class, configurationPid = KeyRing.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KeyRing.Config.class)
public final class KeyRing {

    /** Configuration PID of the keys: apart from dk.tidlig.core, so that other settings never reload them. */
    public static final String PID = "dk.tidlig.keys";

    @ObjectClassDefinition(name = "tidlig keys", description = "Where the pseudonymisation and identity-vault keys are.")
    public @interface Config {
        @AttributeDefinition(name = "Key file",
                description = "File with the master key and the vault keys, outside the database and its backups, readable by its "
                        + "owner only. Relative paths are resolved against the distribution folder.")
        String keyFile() default "etc/keys/tidlig.keys";

        @AttributeDefinition(name = "Create keys if missing",
                description = "Generate a new key file on first start. Only for the demo and tests: in production create it with "
                        + "'bin/tidlig keys init' and keep a copy in a safe place; without it the vault cannot be read.")
        boolean createKeysIfMissing() default false;
    }

    /** The key file format this version reads and writes. */
    static final int FORMAT = 2;
    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "BCDFGHJKLMNPQRSTVWXZ";
    private static final int TAG_BITS = 128;
    private static final byte[] HKDF_SALT = "tidlig key file 2".getBytes(StandardCharsets.US_ASCII);
    /** First line of a sealed stream, before the key id. */
    private static final String STREAM_MAGIC = "tidlig-sealed/1 ";
    private static final int STREAM_SEGMENT = 1 << 20;

    private final Path file;
    private final byte[] master;
    /** The secrets of generations that have one of their own ({@code <purpose>.key.<generation>}). */
    private final Map<String, byte[]> secrets = new HashMap<>();
    private final Map<KeyPurpose, Integer> generations = new EnumMap<>(KeyPurpose.class);
    private final Map<KeyPurpose, ThreadLocal<Mac>> macs = new EnumMap<>(KeyPurpose.class);
    /**
     * An AES-GCM cipher per thread, initialised afresh (key and nonce) for every value: looking the algorithm up among
     * the providers and expanding the key again for each of the vault's values took some 7 % of the samples of the thread
     * that maps a delivery, in a profile of the 50,000-citizen benchmark (the cipher keeps the last key's expansion while
     * the key stays the same).
     */
    private final ThreadLocal<Cipher> gcm = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no AES-GCM", e);
        }
    });
    /** Earlier generations' keys, as they are asked for (the audit chain's older entries, a rekeying). */
    private final Map<String, ThreadLocal<Mac>> olderMacs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SecretKeySpec> vaultKeys;
    private final String activeVaultKey;

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
        Properties p = read(file);
        if (p.getProperty("master.key") == null && p.getProperty("pseudonym.key") != null) {
            throw new IOException("the key file " + file + " is in the format of tidlig 0.1 (pseudonym.key), whose pseudonyms this version "
                    + "cannot reproduce; create a new key file with 'bin/tidlig keys init' and import the data again");
        }
        String format = p.getProperty("format", "").strip();
        if (!format.equals(Integer.toString(FORMAT))) {
            throw new IOException("key file " + file + ": format must be " + FORMAT);
        }
        master = key(p, "master.key", file);
        for (String name : p.stringPropertyNames()) {
            if (name.matches("[a-z_]+\\.key\\.[1-9]\\d{0,5}")) {
                secrets.put(name, key(p, name, file));
            }
        }
        for (KeyPurpose purpose : KeyPurpose.values()) {
            String g = p.getProperty(purpose.fileName() + ".generation", "1").strip();
            if (!g.matches("[1-9]\\d{0,5}")) {
                throw new IOException("key file " + file + ": " + purpose.fileName() + ".generation must be a whole number from 1");
            }
            int generation = Integer.parseInt(g);
            generations.put(purpose, generation);
            SecretKeySpec k = derive(purpose, generation);
            macs.put(purpose, ThreadLocal.withInitial(() -> mac(k)));
        }
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
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private SecretKeySpec derive(KeyPurpose purpose, int generation) {
        byte[] secret = secrets.getOrDefault(purpose.fileName() + ".key." + generation, master);
        try {
            byte[] k = Hkdf.computeHkdf("HMACSHA256", secret, HKDF_SALT,
                    ("tidlig/" + purpose.fileName() + "/" + generation).getBytes(StandardCharsets.US_ASCII), 32);
            return new SecretKeySpec(k, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** An AES-256 key of its own for a purpose (the same HKDF derivation as a keyed hash's), the same on every node. */
    public SecretKeySpec aesKey(KeyPurpose purpose) {
        return new SecretKeySpec(derive(purpose, generations.get(purpose)).getEncoded(), "AES");
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
        StringBuilder text = new StringBuilder()
                .append("# tidlig keys. Keep this file outside the database and its backups, readable by tidlig only,\n")
                .append("# and a copy in a safe place: without it the identity vault cannot be read and pseudonyms change.\n")
                .append("# master.key must never change: every keyed hash (pseudonyms, households, family ids, the audit chain,\n")
                .append("# configuration digests, suppression markers) is derived from it, one key per purpose and generation;\n")
                .append("# a later generation from a secret of its own (<purpose>.key.<generation>). 'bin/tidlig keys rotate audit|vault'\n")
                .append("# and 'keys rekey pseudonym|family' each replace one key alone; never delete an older line.\n")
                .append("format=").append(FORMAT).append('\n')
                .append("master.key=").append(random32()).append('\n');
        for (KeyPurpose purpose : KeyPurpose.values()) {
            text.append(purpose.fileName()).append(".generation=1\n");
        }
        text.append("vault.key.k1=").append(random32()).append('\n').append("vault.active=k1\n");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a key file already exists at " + file + "; it was left as it is");
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            LOG.warn("Could not restrict the permissions of {} on this file system", file);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * Replaces one key in the key file: {@code audit} raises the audit chain's generation (new entries are
     * hashed with the new key, old ones stay verifiable with theirs); {@code vault} adds a vault key and makes
     * it active (what was sealed before keeps opening with its own key). The pseudonym and family-id keys are
     * raised by {@link #raise}, for the database's rekeying that must follow.
     *
     * @return what was done, in one line
     */
    public static String rotate(Path file, String what) throws IOException {
        refuseIfReadableByOthers(file);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Properties p = read(file);
        String result;
        switch (what) {
            case "audit" -> {
                int next = raise(file, KeyPurpose.AUDIT);
                return "the audit chain's key is now generation " + next + ", from a secret of its own";
            }
            case "vault" -> {
                int n = 1;
                while (p.getProperty("vault.key.k" + n) != null) {
                    n++;
                }
                text = text.lines().filter(l -> !l.strip().startsWith("vault.active")).collect(java.util.stream.Collectors.joining("\n", "", "\n"))
                        + "vault.key.k" + n + "=" + random32() + "\nvault.active=k" + n + "\n";
                result = "the active vault key is now k" + n + "; keep the older ones, they open what was sealed with them";
            }
            default -> throw new IllegalArgumentException("only the keys of 'audit' and 'vault' are rotated this way; the pseudonym, "
                    + "household and family-id keys with 'keys rekey pseudonym|household|family', which carries the database over to them");
        }
        replace(file, text);
        return result;
    }

    /**
     * Raises a purpose's generation in the key file and writes the new generation's own random secret beside it, so that
     * a copy of the file taken before cannot derive the new key. Earlier generations stay derivable (the audit chain's
     * older entries and a rekeying of the database need them).
     *
     * @return the new generation
     */
    public static int raise(Path file, KeyPurpose purpose) throws IOException {
        refuseIfReadableByOthers(file);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        String name = purpose.fileName() + ".generation";
        int next = Integer.parseInt(read(file).getProperty(name, "1").strip()) + 1;
        text = text.lines().filter(l -> !l.strip().startsWith(name)).collect(java.util.stream.Collectors.joining("\n", "", "\n"))
                + purpose.fileName() + ".key." + next + "=" + random32() + "\n" + name + "=" + next + "\n";
        replace(file, text);
        return next;
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String random32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
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

    /** The generation of a purpose's key in use now. */
    public int generation(KeyPurpose purpose) {
        return generations.get(purpose);
    }

    /**
     * A check value of a generation of a purpose's key: its keyed hash of a fixed text, 8 bytes in hex. It tells two keys
     * of the same generation's number apart (two key files raised apart) and says nothing of the key.
     */
    public String keyCheck(KeyPurpose purpose, int generation) {
        return java.util.HexFormat.of().formatHex(Arrays.copyOf(hmac(purpose, generation, "tidlig key check"), 8));
    }

    /** HMAC-SHA256 with the purpose's current key over parts, separated so that no two inputs collide. */
    public byte[] hmac(KeyPurpose purpose, String... parts) {
        return update(macs.get(purpose).get(), parts);
    }

    /** HMAC-SHA256 with the key of an earlier (or the current) generation of a purpose. */
    public byte[] hmac(KeyPurpose purpose, int generation, String... parts) {
        if (generation == generation(purpose)) {
            return hmac(purpose, parts);
        }
        if (generation < 1 || generation > generation(purpose)) {
            throw new IllegalArgumentException("the key file has no generation " + generation + " of the " + purpose.fileName() + " key");
        }
        ThreadLocal<Mac> m = olderMacs.computeIfAbsent(purpose.fileName() + "/" + generation, k -> {
            SecretKeySpec key = derive(purpose, generation);
            return ThreadLocal.withInitial(() -> mac(key));
        });
        return update(m.get(), parts);
    }

    private static byte[] update(Mac m, String... parts) {
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                m.update((byte) 0x1F);
            }
            m.update(parts[i] == null ? new byte[] {0} : parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return m.doFinal();
    }

    /** A person's pseudonym in a municipality: HMAC of the municipality and the normalised CPR number, 128 bits. */
    public PersonId pseudonym(String tenant, String cpr) {
        return pseudonym(tenant, cpr, generation(KeyPurpose.PSEUDONYM));
    }

    /** A person's pseudonym under a generation of the pseudonym key (a rekeying needs the one the rows hold and the new). */
    public PersonId pseudonym(String tenant, String cpr, int generation) {
        return PersonId.of(Arrays.copyOf(hmac(KeyPurpose.PSEUDONYM, generation, tenant, CprNumbers.normalise(cpr)), 16));
    }

    /** A household in a municipality: HMAC of the municipality and the dwelling key, 128 bits. */
    public byte[] household(String tenant, String dwellingKey) {
        return household(tenant, dwellingKey, generation(KeyPurpose.HOUSEHOLD));
    }

    /** A household under a generation of the household key. */
    public byte[] household(String tenant, String dwellingKey, int generation) {
        return Arrays.copyOf(hmac(KeyPurpose.HOUSEHOLD, generation, tenant, dwellingKey), 16);
    }

    /** A keyed hash of a record's content, 128 bits (keyed, so it cannot be used to guess content). */
    public byte[] contentHash(String... parts) {
        return Arrays.copyOf(hmac(KeyPurpose.CONTENT, parts), 16);
    }

    /**
     * A family's id as shown to staff: "F-" and ten consonants in two groups, from an HMAC of the
     * municipality and the child's pseudonym. Letters only, so it can never be mistaken for a CPR number.
     */
    public String familyId(String tenant, PersonId child) {
        return familyId(tenant, child, generation(KeyPurpose.FAMILY));
    }

    /** A family's id under a generation of the family-id key. */
    public String familyId(String tenant, PersonId child, int generation) {
        return letters("F-", hmac(KeyPurpose.FAMILY, generation, tenant, child.hex()));
    }

    /**
     * A household offer's id as shown to staff: "H-" and ten consonants, from an HMAC (the family ids' key, kept apart
     * by its input) of the municipality and the household the children live in; for a child with no known household,
     * of the child's pseudonym, so that it is an offer of its own.
     */
    public String offerId(String tenant, byte[] household, PersonId child) {
        return offerId(tenant, household, child, generation(KeyPurpose.FAMILY));
    }

    /** A household offer's id under a generation of the family-id key. */
    public String offerId(String tenant, byte[] household, PersonId child, int generation) {
        return letters("H-", hmac(KeyPurpose.FAMILY, generation, tenant, household != null ? "household:"
                + java.util.HexFormat.of().formatHex(household) : "child:" + child.hex()));
    }

    /** Ten random consonants after a prefix: an id in the shape of a keyed one that no key makes ("F-", "H-"). */
    public static String randomLetters(String prefix) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return letters(prefix, b);
    }

    /** A random pseudonym, made by no key from no CPR number. */
    public static PersonId randomPerson() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return PersonId.of(b);
    }

    /** A keyed reference to a person for audit entries ("P-" and ten consonants), never the pseudonym itself. */
    public String personReference(String tenant, PersonId person) {
        return letters("P-", hmac(KeyPurpose.REFERENCE, tenant, person.hex()));
    }

    /**
     * The marker that keeps a child's family off the lists after a decline: a keyed hash of the municipality
     * and the child's CPR number, with a key of its own. It matches only for whoever holds the CPR number;
     * it holds neither the pseudonym nor the family id.
     */
    public byte[] suppressionMarker(String tenant, String cpr) {
        return Arrays.copyOf(hmac(KeyPurpose.SUPPRESSION, tenant, CprNumbers.normalise(cpr)), 16);
    }

    /** "X-" and ten consonants in two groups, from the first eight bytes of a hash. */
    public static String letters(String prefix, byte[] hash) {
        long v = ByteBuffer.wrap(hash).getLong() & Long.MAX_VALUE;
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                sb.append('-');
            }
            sb.append(LETTERS.charAt((int) (v % LETTERS.length())));
            v /= LETTERS.length();
        }
        return sb.toString();
    }

    /** Encrypts with the active vault key (AES-256-GCM, random 96-bit nonce). */
    public Sealed seal(String associatedData, String plaintext) {
        return seal(associatedData, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Encrypts bytes with the active vault key (AES-256-GCM, random 96-bit nonce). */
    public Sealed seal(String associatedData, byte[] plaintext) {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = gcm.get();
            c.init(Cipher.ENCRYPT_MODE, vaultKeys.get(activeVaultKey), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeVaultKey, iv, c.doFinal(plaintext));
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
        return new String(openBytes(associatedData, sealed), StandardCharsets.UTF_8);
    }

    /** Decrypts a sealed value to its bytes; see {@link #open}. */
    public byte[] openBytes(String associatedData, Sealed sealed) {
        SecretKeySpec key = vaultKey(sealed.keyId());
        try {
            Cipher c = gcm.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed.ciphertext());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a vault entry could not be decrypted: it was altered or belongs elsewhere");
        }
    }

    private SecretKeySpec vaultKey(String id) {
        SecretKeySpec key = vaultKeys.get(id);
        if (key == null) {
            throw new IllegalStateException("the vault key '" + id + "' is not in the key file");
        }
        return key;
    }

    /**
     * A stream that seals what is written to it with the active vault key: Tink's streaming AEAD
     * (AES-256-GCM in 1 MiB segments, per-stream keys by HKDF), so a file of any size is sealed and opened in
     * constant memory and any change, truncation or reordering is found when it is read. The key's id is
     * written in clear before the ciphertext.
     *
     * @param associatedData binds the stream to its place (e.g. the delivery's id); the same is needed to open it
     */
    public OutputStream sealing(OutputStream target, String associatedData) throws IOException {
        target.write((STREAM_MAGIC + activeVaultKey + "\n").getBytes(StandardCharsets.US_ASCII));
        try {
            return streaming(activeVaultKey).newEncryptingStream(target, associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IOException("sealing failed: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a stream written by {@link #sealing}.
     *
     * @throws IOException when it is not a sealed stream, its key is not in the key file, or (while reading)
     *                     it was altered, truncated or belongs elsewhere
     */
    public InputStream opening(InputStream source, String associatedData) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int b;
        while ((b = source.read()) != '\n') {
            if (b < 0 || header.size() > 64) {
                throw new IOException("not a sealed file");
            }
            header.write(b);
        }
        String h = header.toString(StandardCharsets.US_ASCII);
        if (!h.startsWith(STREAM_MAGIC)) {
            throw new IOException("not a sealed file");
        }
        try {
            return streaming(h.substring(STREAM_MAGIC.length())).newDecryptingStream(source, associatedData.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IOException("the sealed file cannot be opened: " + e.getMessage(), e);
        }
    }

    private AesGcmHkdfStreaming streaming(String keyId) throws GeneralSecurityException {
        return new AesGcmHkdfStreaming(vaultKey(keyId).getEncoded(), "HmacSha256", 32, STREAM_SEGMENT, 0);
    }
}
