// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An adapter's inbox as the platform runs it: the settings in the adapter's configuration (its PID's
 * properties), and for each one the configuration leaves out, the default in the adapter's descriptor
 * ({@link InboxDefaults}). The platform reads these for every adapter; an adapter declares none of them.
 *
 * <table>
 * <caption>The settings, the same for every adapter</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code inbox}</td><td>folder the files are delivered to, relative to the distribution folder</td><td>the descriptor's</td></tr>
 * <tr><td>{@code encoding}</td><td>the files' character set</td><td>the descriptor's (UTF-8)</td></tr>
 * <tr><td>{@code include}</td><td>regular expression for the file names to read</td><td>the descriptor's</td></tr>
 * <tr><td>{@code pollIntervalMs}</td><td>how often the inbox is looked at</td><td>5000</td></tr>
 * <tr><td>{@code readLockMinAgeMs}</td><td>a file is read only when unchanged for this long</td><td>10000</td></tr>
 * <tr><td>{@code municipalityCode}</td><td>the municipality (tenant) the data belongs to</td><td>none: required</td></tr>
 * <tr><td>{@code deliveryInterval}</td><td>how often the source delivers, ISO-8601 ({@code P1D}, {@code P7D}, {@code PT12H}):
 * the operator is warned when no delivery completed for one and a half times as long</td><td>none: not watched</td></tr>
 * <tr><td>{@code inbox = sftp://user@host:port/folder}</td><td>the files are fetched from an SFTP server instead
 * ({@link Sftp}), with the three settings below</td><td>a local folder</td></tr>
 * <tr><td>{@code sftpPrivateKeyFile}</td><td>the private key tidlig signs in with (OpenSSH or PEM), relative to the
 * distribution folder</td><td>none: required for SFTP</td></tr>
 * <tr><td>{@code .sftpKeyPassword}</td><td>the private key's passphrase, a secret (the leading dot keeps it out of the
 * adapter's service properties)</td><td>none</td></tr>
 * <tr><td>{@code sftpKnownHostsFile}</td><td>known_hosts file holding the server's host key; no other host key is
 * accepted</td><td>none: required for SFTP</td></tr>
 * </table>
 *
 * @param inbox            absolute inbox folder
 * @param charset          the export's encoding
 * @param include          regular expression for file names to read
 * @param pollIntervalMs   how often the inbox is polled
 * @param readLockMinAgeMs a file is read only once it has not changed for this long (so a file still
 *                         being written is never read)
 * @param municipalityCode the municipality the data belongs to
 * @param poll             false when the inbox is not polled (command mode: files come by
 *                         {@code bin/tidlig import} only)
 * @param deliveryInterval how often the source delivers, or null when the configuration does not say
 * @param sftp             the SFTP server the files are fetched from, or null when they are delivered to the local folder
 *                         {@code inbox}
 */
public record InboxSettings(
        Path inbox,
        Charset charset,
        String include,
        long pollIntervalMs,
        long readLockMinAgeMs,
        String municipalityCode,
        boolean poll,
        Duration deliveryInterval,
        Sftp sftp) {

    /**
     * An inbox on an SFTP server: tidlig signs in with a key, accepts only the host key in the known_hosts file, and
     * streams each file into the sealed archive without writing it to local disk.
     *
     * @param host           the server
     * @param port           its port (22 unless the URI says otherwise)
     * @param user           the user tidlig signs in as
     * @param directory      the folder on the server, relative to the user's home unless it starts with a slash
     *                       ({@code sftp://host//abs/path})
     * @param privateKeyFile the private key
     * @param keyPassword    the private key's passphrase, or null
     * @param knownHostsFile the known_hosts file with the server's host key
     */
    public record Sftp(String host, int port, String user, String directory, Path privateKeyFile, String keyPassword, Path knownHostsFile) {

        /** {@code sftp://user@host:port/directory}: where the files come from, without any secret. */
        public String location() {
            return "sftp://" + user + "@" + host + ":" + port + "/" + directory;
        }

        @Override
        public String toString() {
            return location() + " (key " + privateKeyFile.getFileName() + (keyPassword == null ? "" : ", with a passphrase") + ")";
        }
    }

    /** Settings of a local inbox. */
    public InboxSettings(Path inbox, Charset charset, String include, long pollIntervalMs, long readLockMinAgeMs, String municipalityCode,
            boolean poll, Duration deliveryInterval) {
        this(inbox, charset, include, pollIntervalMs, readLockMinAgeMs, municipalityCode, poll, deliveryInterval, null);
    }

    /** Where the files come from, for the operator: the local folder, or the SFTP location (never a secret). */
    public String location() {
        return sftp == null ? inbox.toString() : sftp.location();
    }

    /** Settings of a source whose delivery interval is not stated. */
    public InboxSettings(Path inbox, Charset charset, String include, long pollIntervalMs, long readLockMinAgeMs, String municipalityCode,
            boolean poll) {
        this(inbox, charset, include, pollIntervalMs, readLockMinAgeMs, municipalityCode, poll, null);
    }

    /** Framework property: the distribution's root folder; relative inbox paths are resolved against it. */
    public static final String HOME_PROPERTY = "tidlig.home";
    /** Framework property: "false" stops every adapter from polling its inbox (command mode). */
    public static final String POLL_PROPERTY = "tidlig.inbox.poll";

    public static final String INBOX = "inbox";
    public static final String ENCODING = "encoding";
    public static final String INCLUDE = "include";
    public static final String POLL_INTERVAL_MS = "pollIntervalMs";
    public static final String READ_LOCK_MIN_AGE_MS = "readLockMinAgeMs";
    public static final String MUNICIPALITY_CODE = "municipalityCode";
    public static final String DELIVERY_INTERVAL = "deliveryInterval";
    public static final String SFTP_PRIVATE_KEY_FILE = "sftpPrivateKeyFile";
    /** The passphrase's key, without the leading dot it has in the configuration ({@code .sftpKeyPassword}). */
    public static final String SFTP_KEY_PASSWORD = "sftpKeyPassword";
    public static final String SFTP_KNOWN_HOSTS_FILE = "sftpKnownHostsFile";

    /** What each inbox setting means, for the operator's view of an adapter's configuration (its metatype has only its own). */
    public static final Map<String, String> DESCRIPTIONS = Map.of(
            INBOX, "Folder the files are delivered to, relative to the distribution folder, or an SFTP server to fetch them from: "
                    + "sftp://user@host:port/folder",
            ENCODING, "The files' character set: UTF-8 (a byte-order mark is allowed) or ISO-8859-1",
            INCLUDE, "Regular expression for the file names to read",
            POLL_INTERVAL_MS, "How often the inbox is looked at, in milliseconds",
            READ_LOCK_MIN_AGE_MS, "A file is read only when it has not changed for this many milliseconds",
            MUNICIPALITY_CODE, "The municipality (tenant) the data belongs to",
            DELIVERY_INTERVAL, "How often the source delivers (ISO-8601, e.g. P1D); overdue after one and a half intervals",
            SFTP_PRIVATE_KEY_FILE, "SFTP inbox: the private key tidlig signs in with, relative to the distribution folder",
            "." + SFTP_KEY_PASSWORD, "SFTP inbox: the private key's passphrase (a secret)",
            SFTP_KNOWN_HOSTS_FILE, "SFTP inbox: known_hosts file with the server's host key; no other key is accepted");
    private static final Pattern SFTP_URI = Pattern.compile("sftp://([A-Za-z0-9._-]{1,64})@([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:]{2,45}\\])"
            + "(?::(\\d{1,5}))?/([^?#]*)");

    private static final Pattern MUNICIPALITY = Pattern.compile("[1-9]\\d{2}");

    /**
     * Reads an adapter's inbox from its configuration, with its descriptor's defaults for what the configuration
     * leaves out (a key that is absent or blank).
     *
     * @param config            the adapter's configuration properties (other keys are the adapter's own, and ignored)
     * @param frameworkProperty reads framework properties ({@code BundleContext::getProperty})
     * @throws IllegalArgumentException naming the setting that is wrong, in one line
     */
    public static InboxSettings from(InboxDefaults defaults, Map<String, ?> config, UnaryOperator<String> frameworkProperty) {
        String home = frameworkProperty.apply(HOME_PROPERTY);
        String where = string(config, INBOX, defaults.folder());
        Sftp sftp = null;
        if (where.regionMatches(true, 0, "sftp:", 0, 5)) {
            sftp = sftp(where, config, home);
            where = defaults.folder();
        }
        Path path = Path.of(where);
        if (!path.isAbsolute()) {
            path = (home == null ? Path.of("") : Path.of(home)).resolve(path);
        }
        Charset charset;
        String encoding = string(config, ENCODING, defaults.encoding());
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("setting 'encoding': unknown character set " + encoding);
        }
        String include = string(config, INCLUDE, defaults.include());
        try {
            Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("setting 'include' is not a regular expression: " + e.getDescription());
        }
        String municipality = string(config, MUNICIPALITY_CODE, null).replaceFirst("^0", "");
        if (!MUNICIPALITY.matcher(municipality).matches()) {
            throw new IllegalArgumentException("setting 'municipalityCode' must be a three-digit municipality code");
        }
        long poll = number(config, POLL_INTERVAL_MS, defaults.pollIntervalMs());
        if (poll <= 0) {
            throw new IllegalArgumentException("setting 'pollIntervalMs' must be a positive number of milliseconds");
        }
        long minAge = number(config, READ_LOCK_MIN_AGE_MS, defaults.readLockMinAgeMs());
        if (minAge < 0) {
            throw new IllegalArgumentException("setting 'readLockMinAgeMs' must not be negative");
        }
        boolean polling = !"false".equalsIgnoreCase(frameworkProperty.apply(POLL_PROPERTY));
        Duration interval = null;
        Object every = config.get(DELIVERY_INTERVAL);
        if (every != null && !every.toString().isBlank()) {
            try {
                interval = Duration.parse(every.toString().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                interval = null;
            }
            if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("setting 'deliveryInterval' must be an ISO-8601 duration of a minute or more, such as P1D, P7D or PT12H");
            }
        }
        return new InboxSettings(path.toAbsolutePath().normalize(), charset, include, poll, minAge, municipality, polling, interval, sftp);
    }

    /** An SFTP inbox from {@code sftp://user@host:port/folder} and the key settings; never a password in the URI. */
    private static Sftp sftp(String uri, Map<String, ?> config, String home) {
        java.util.regex.Matcher m = SFTP_URI.matcher(uri);
        if (!m.matches()) {
            throw new IllegalArgumentException("setting 'inbox' is not an SFTP location of the form sftp://user@host:port/folder"
                    + " (a password is never put in it: tidlig signs in with the key in '" + SFTP_PRIVATE_KEY_FILE + "')");
        }
        int port = m.group(3) == null ? 22 : Integer.parseInt(m.group(3));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("setting 'inbox': the SFTP port must be 1-65535");
        }
        String directory = m.group(4);
        if (directory.contains("..") || !directory.matches("[\\p{L}\\p{N}._/ -]*")) {
            throw new IllegalArgumentException("setting 'inbox': the SFTP folder may hold letters, digits, '.', '_', '-', '/' and spaces, never '..'");
        }
        Path key = file(config, SFTP_PRIVATE_KEY_FILE, home);
        Path knownHosts = file(config, SFTP_KNOWN_HOSTS_FILE, home);
        Object password = config.get("." + SFTP_KEY_PASSWORD);
        String host = m.group(2).startsWith("[") ? m.group(2).substring(1, m.group(2).length() - 1) : m.group(2);
        return new Sftp(host, port, m.group(1), directory, key, password == null || password.toString().isEmpty() ? null : password.toString(),
                knownHosts);
    }

    private static Path file(Map<String, ?> config, String key, String home) {
        Object v = config.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new IllegalArgumentException("setting '" + key + "' is missing: an SFTP inbox needs it");
        }
        Path p = Path.of(v.toString().strip());
        if (!p.isAbsolute()) {
            p = (home == null ? Path.of("") : Path.of(home)).resolve(p);
        }
        p = p.toAbsolutePath().normalize();
        if (!java.nio.file.Files.isReadable(p)) {
            throw new IllegalArgumentException("setting '" + key + "': the file " + p + " cannot be read");
        }
        return p;
    }

    /** {@link #from(InboxDefaults, Map, UnaryOperator)} with the descriptor's defaults. */
    public static InboxSettings from(AdapterDescriptor descriptor, Map<String, ?> config, UnaryOperator<String> frameworkProperty) {
        return from(descriptor.inbox(), config, frameworkProperty);
    }

    private static String string(Map<String, ?> config, String key, String fallback) {
        Object v = config.get(key);
        if (v == null || v.toString().isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("setting '" + key + "' is missing");
            }
            return fallback;
        }
        return v.toString().strip();
    }

    private static long number(Map<String, ?> config, String key, long fallback) {
        Object v = config.get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number of milliseconds");
        }
    }
}
