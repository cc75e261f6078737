// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.CprNumbers;

/**
 * The archive of deliveries: every file taken from an inbox is sealed here (Tink's streaming AEAD under the active
 * vault key) before its clear-text copy is deleted, and read back from here by the ingest. Beside each sealed file a
 * small record says where it came from, how its ingest ended and why a refused file was refused - never its content.
 * A completed delivery is kept for a short re-processing period, a refused or failed one longer; the retention job
 * purges them. Only {@code bin/tidlig archive}, audited, opens one.
 *
 * <pre>
 * var/deliveries/&lt;municipality&gt;/&lt;adapter&gt;/&lt;id&gt;.sealed      the file, sealed
 * var/deliveries/&lt;municipality&gt;/&lt;adapter&gt;/&lt;id&gt;.properties  received, name (CPR-like numbers masked), status, reason, delivery id
 * </pre>
 */
@Component(service = DeliveryArchive.class, configurationPid = DeliveryArchive.PID)
@Designate(ocd = DeliveryArchive.Config.class)
public class DeliveryArchive {

    public static final String PID = "dk.tidlig.deliveries";

    @ObjectClassDefinition(name = "tidlig archive of deliveries", description = "Where delivered files are kept sealed, and for how long.")
    public @interface Config {
        @AttributeDefinition(name = "Folder", description = "Where sealed deliveries are kept; relative paths against the distribution folder.")
        String folder() default "var/deliveries";

        @AttributeDefinition(name = "Completed deliveries (days)", description = "How long a delivery that was ingested is kept sealed, "
                + "to be read again if needed. A MUNICIPAL DECISION.")
        int keepDays() default 7;

        @AttributeDefinition(name = "Refused deliveries (days)", description = "How long a refused or failed delivery is kept sealed, with its "
                + "reason, for the operator to look into. A MUNICIPAL DECISION.")
        int refusedKeepDays() default 30;
    }

    /** What the archive holds of one delivery (never its content). */
    public record Entry(String id, String tenant, String adapterId, String name, Instant received, long size, String status, String reason,
            long fileId, Path sealed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryArchive.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneId.of("UTC"));
    /** Time, then an underscore (a hyphen before four digits would read as a CPR number in the audit trail; older ids have one), then random hex. */
    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{9}[-_][0-9a-f]{8}");
    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

    private final KeyRing keys;
    private final Path folder;
    private volatile Config config;

    @Activate
    public DeliveryArchive(BundleContext context, @Reference KeyRing keys, Config config) {
        this(keys, resolve(context.getProperty("tidlig.home"), config.folder()), config);
    }

    public DeliveryArchive(KeyRing keys, Path folder, Config config) {
        this.keys = keys;
        this.folder = folder;
        this.config = config;
    }

    @Modified
    void modified(Config config) {
        this.config = config;
    }

    private static Path resolve(String home, String folder) {
        Path p = Path.of(folder);
        return p.isAbsolute() || home == null ? p : Path.of(home).resolve(p);
    }

    /** The archive's folder. */
    public Path folder() {
        return folder;
    }

    /** Seals a delivered file into the archive; the caller deletes the original once this returns. */
    public DeliveredFile receive(String tenant, String adapterId, Path file, String name) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return receive(tenant, adapterId, in, name);
        }
    }

    /** Seals a delivered file's content, streamed from elsewhere, into the archive; nothing of it is written in clear text. */
    public DeliveredFile receive(String tenant, String adapterId, InputStream in, String name) throws IOException {
        if (!SEGMENT.matcher(tenant).matches() || !SEGMENT.matcher(adapterId).matches()) {
            throw new IOException("not an archive folder name: " + tenant + "/" + adapterId);
        }
        Instant now = Instant.now();
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String id = ID_TIME.format(now) + "_" + HexFormat.of().formatHex(random);
        Path dir = directory(tenant, adapterId);
        Path sealed = dir.resolve(id + ".sealed");
        Path part = dir.resolve(id + ".sealed.part");
        long size;
        try (OutputStream raw = create(part); OutputStream out = keys.sealing(raw, aad(tenant, adapterId, id))) {
            size = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, sealed, StandardCopyOption.ATOMIC_MOVE);
        Properties p = new Properties();
        p.setProperty("tenant", tenant);
        p.setProperty("adapter", adapterId);
        p.setProperty("name", CprNumbers.mask(name));
        p.setProperty("received", now.toString());
        p.setProperty("size", Long.toString(size));
        p.setProperty("status", "RECEIVED");
        write(dir.resolve(id + ".properties"), p);
        return file(new Entry(id, tenant, adapterId, p.getProperty("name"), now, size, "RECEIVED", null, 0, sealed));
    }

    /** Records how the ingest of an archived delivery ended, beside it. */
    public void ended(String archiveId, long fileId, String status, String reason) {
        try {
            Optional<Path> record = record(archiveId);
            if (record.isEmpty()) {
                LOG.warn("The archive has no delivery {} to record its outcome with", archiveId);
                return;
            }
            Properties p = read(record.get());
            p.setProperty("status", status);
            p.setProperty("fileId", Long.toString(fileId));
            p.setProperty("ended", Instant.now().toString());
            if (reason != null) {
                p.setProperty("reason", CprNumbers.mask(reason));
            }
            write(record.get(), p);
        } catch (IOException e) {
            LOG.error("Could not record the outcome of archived delivery {}: {}", archiveId, e.getMessage());
        }
    }

    /** Every delivery the archive holds, newest first. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (var files = Files.walk(folder, 3)) {
            for (Path f : files.filter(x -> x.getFileName().toString().endsWith(".properties")).toList()) {
                entry(f).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(Entry::received).reversed());
        return out;
    }

    public Optional<Entry> get(String archiveId) throws IOException {
        Optional<Path> record = record(archiveId);
        return record.isEmpty() ? Optional.empty() : entry(record.get());
    }

    /** The archived delivery to read again (for the ingest, or an administrator's audited command). */
    public DeliveredFile file(Entry e) {
        return new DeliveredFile() {
            @Override
            public String name() {
                return e.name();
            }

            @Override
            public InputStream open() throws IOException {
                return keys.opening(Files.newInputStream(e.sealed()), aad(e.tenant(), e.adapterId(), e.id()));
            }

            @Override
            public String archiveId() {
                return e.id();
            }
        };
    }

    /**
     * Deletes completed deliveries older than {@code keepDays} and refused or failed ones older than
     * {@code refusedKeepDays}, with their records; a delivery still being received or ingested is left alone.
     *
     * @return how many were deleted, per municipality
     */
    public java.util.Map<String, Integer> purge(LocalDate today) throws IOException {
        Config c = config;
        Instant completed = today.minusDays(c.keepDays()).atStartOfDay(ZoneId.systemDefault()).toInstant();
        Instant refused = today.minusDays(c.refusedKeepDays()).atStartOfDay(ZoneId.systemDefault()).toInstant();
        java.util.Map<String, Integer> n = new java.util.TreeMap<>();
        for (Entry e : list()) {
            boolean done = e.status().equals("COMPLETED");
            boolean aside = e.status().equals("REJECTED") || e.status().equals("FAILED");
            if ((done && e.received().isBefore(completed)) || (aside && e.received().isBefore(refused))) {
                Files.deleteIfExists(e.sealed());
                Files.deleteIfExists(e.sealed().resolveSibling(e.id() + ".properties"));
                n.merge(e.tenant(), 1, Integer::sum);
            }
        }
        return n;
    }

    private Optional<Entry> entry(Path record) throws IOException {
        String file = record.getFileName().toString();
        String id = file.substring(0, file.length() - ".properties".length());
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Properties p = read(record);
        return Optional.of(new Entry(id, p.getProperty("tenant"), p.getProperty("adapter"), p.getProperty("name"), Instant.parse(p.getProperty("received")),
                Long.parseLong(p.getProperty("size", "0")), p.getProperty("status"), p.getProperty("reason"), Long.parseLong(p.getProperty("fileId", "0")),
                record.resolveSibling(id + ".sealed")));
    }

    private Optional<Path> record(String archiveId) throws IOException {
        if (archiveId == null || !ID.matcher(archiveId).matches() || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (var files = Files.walk(folder, 3)) {
            return files.filter(f -> f.getFileName().toString().equals(archiveId + ".properties")).findFirst();
        }
    }

    private Path directory(String tenant, String adapterId) throws IOException {
        Path dir = folder.resolve(tenant).resolve(adapterId);
        if (!Files.isDirectory(dir)) {
            for (Path p : List.of(folder, folder.resolve(tenant), dir)) {
                if (!Files.isDirectory(p)) {
                    try {
                        Files.createDirectories(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } catch (UnsupportedOperationException e) {
                        Files.createDirectories(p);
                    }
                }
            }
        }
        return dir;
    }

    private static OutputStream create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        return Files.newOutputStream(file);
    }

    private static void write(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (Writer w = new java.io.OutputStreamWriter(create(tmp), StandardCharsets.UTF_8)) {
            p.store(w, "tidlig: a sealed delivery (its content is in the .sealed file beside this)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static String aad(String tenant, String adapterId, String id) {
        return "delivery|" + tenant + "|" + adapterId + "|" + id;
    }

    /** Ids in the archive, for the commands' argument check. */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
