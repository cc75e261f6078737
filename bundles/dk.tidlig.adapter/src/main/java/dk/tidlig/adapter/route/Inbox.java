// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.route;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.model.CprNumbers;

/**
 * An adapter's inbox, the same for every adapter: the route that picks a delivered file up, seals it into the
 * archive of deliveries, hands the sealed copy to the adapter's ingest route and deletes the clear-text file.
 *
 * <pre>
 * &lt;id&gt;-inbox: file:inbox (read lock: unchanged for readLockMinAgeMs; .part/.tmp and hidden files ignored)
 *              -&gt; receive: claimed (renamed to a hidden name), sealed into the archive of deliveries and the clear-text
 *                 file deleted (if sealing fails, the file goes back to its name and is tried again)
 *              -&gt; direct:&lt;id&gt;-ingest, reading the sealed copy; the archive keeps it sealed, with the outcome
 * </pre>
 *
 * Two tidlig nodes may poll the same inbox (a shared folder): before a file is read, it is claimed by an atomic rename to
 * a hidden name of its own; the node whose rename fails leaves it, so each file is received once. The clear-text copy
 * goes as soon as it is sealed. A claim left by a node that died before sealing goes back to its name after an hour.
 *
 * <p>An inbox may instead be a folder on an SFTP server ({@code inbox = sftp://user@host:port/folder}): the same route, with
 * the same read lock, claim and sealing, where the file is streamed from the server into the archive (see {@link SftpInbox}).
 */
public final class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    static final String IGNORED = "^\\..*|.*\\.(part|tmp|filepart|crdownload)$";
    /** Exchange property: the file was sealed into the archive. */
    private static final String RECEIVED = "tidlig.inbox.received";
    /** Exchange property: another node claimed the file first. */
    private static final String TAKEN = "tidlig.inbox.taken";
    /** A claimed file's name: {@code .tidlig-claim-<claimed at, epoch ms>-<name>}; hidden, so no inbox reads it. */
    static final String CLAIM = ".tidlig-claim-";
    /** Exchange property: the name a file on an SFTP server had before it was claimed. */
    static final String ORIGINAL_NAME = "tidlig.inbox.original";
    /** A claim older than this belongs to a node that died before sealing the file: it is given back. */
    static final java.time.Duration STALE_CLAIM = java.time.Duration.ofHours(1);

    private final AdapterDescriptor descriptor;
    private final InboxSettings settings;
    private final IngestService ingest;

    public Inbox(AdapterDescriptor descriptor, InboxSettings settings, IngestService ingest) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.ingest = ingest;
    }

    /** Adds the inbox route ({@code <id>-inbox}) to the adapter's route builder. */
    public void addRoute(RouteBuilder builder) {
        String id = descriptor.id();
        boolean remote = settings.sftp() != null;
        (remote ? builder.from(SftpInbox.endpoint(builder.getContext(), id, settings)) : builder.from(uri(settings)))
                .routeId(id + "-inbox")
                // the file is streamed from the server into the sealed archive: never cached in memory or spooled to disk
                .noStreamCaching()
                .autoStartup(settings.poll())
                // once the file is sealed an error is handled (the clear-text file goes); before, it is not (the file stays
                // and is tried again at the next poll), and said in one line
                .onException(Exception.class).onWhen(e -> e.getProperty(RECEIVED) != null).handled(true).process(this::afterReceipt).end()
                .onException(Exception.class).onWhen(e -> e.getProperty(RECEIVED) == null).handled(false).logExhausted(false).logStackTrace(false)
                        .process(this::notReceived).end()
                .process(remote ? this::receiveStream : this::receive)
                .filter(e -> e.getProperty(TAKEN) == null)
                .to(SourceAdapter.ingestEndpoint(id))
                .process(this::afterReceipt);
    }

    /**
     * The file consumer of an inbox: a file is read only once it has not changed for readLockMinAgeMs, names in the
     * adapter's include pattern only, never .part/.tmp or hidden files (a claim is hidden). The consumer leaves the
     * file alone ({@code noop}, with no memory of names): the route claims, seals and deletes it, or gives it back to be
     * tried again.
     */
    public static String uri(InboxSettings settings) {
        return String.format(Locale.ROOT, "file:%s?autoCreate=true&delay=%d&initialDelay=%d&readLock=changed&readLockCheckInterval=%d"
                + "&readLockMinAge=%d&readLockTimeout=%d&include=RAW(%s)&exclude=RAW(%s)&sortBy=file:modified&noop=true&idempotent=false",
                settings.inbox(), settings.pollIntervalMs(), Math.min(settings.pollIntervalMs(), 1000),
                Math.max(100, Math.min(1000, settings.readLockMinAgeMs() / 2)), settings.readLockMinAgeMs(),
                settings.readLockMinAgeMs() * 20 + 10_000, settings.include(), IGNORED);
    }

    /**
     * Claims the picked-up file, seals it into the archive of deliveries and deletes the clear-text copy; the body becomes
     * the sealed copy. A file another node claimed first is left to it; one that cannot be sealed goes back to its name,
     * to be tried again.
     */
    void receive(Exchange exchange) throws IOException {
        File file = exchange.getIn().getBody(File.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        name = name == null ? file.getName() : name;
        Path original = file.toPath();
        giveBackStaleClaims(original.getParent());
        Path claimed = original.resolveSibling(CLAIM + System.currentTimeMillis() + "-" + original.getFileName());
        try {
            Files.move(original, claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            LOG.debug("{}: a delivered file was claimed by another node", descriptor.id());
            exchange.setProperty(TAKEN, Boolean.TRUE);
            return;
        }
        DeliveredFile sealed;
        try {
            sealed = ingest.receive(descriptor, settings.municipalityCode(), claimed, name);
        } catch (IOException | RuntimeException e) {
            try {
                giveBack(claimed, original);
            } catch (IOException back) {
                // a file of that name came meanwhile: the claim goes back when it is stale
                e.addSuppressed(back);
            }
            throw e;
        }
        exchange.setProperty(RECEIVED, Boolean.TRUE);
        try {
            Files.delete(claimed);
        } catch (IOException e) {
            LOG.error("{}: a received file is sealed, but its clear-text copy could not be deleted from the inbox ({}); delete it by hand",
                    descriptor.id(), e.getClass().getSimpleName());
        }
        exchange.getIn().setBody(sealed);
        exchange.getIn().setHeader(SourceAdapter.DELIVERED_BY, "inbox");
    }

    /**
     * Seals a file streamed from an SFTP server (claimed there by {@link SftpInbox}) into the archive of deliveries, without
     * writing it to local disk; the body becomes the sealed copy. The claimed file is deleted from the server when the
     * exchange ends; if sealing fails, it goes back to its name there and is tried again.
     */
    void receiveStream(Exchange exchange) throws IOException {
        String name = exchange.getProperty(ORIGINAL_NAME, String.class);
        DeliveredFile sealed;
        long read;
        try (java.io.InputStream body = exchange.getIn().getBody(java.io.InputStream.class)) {
            if (body == null) {
                throw new IOException("the SFTP server gave no content for the file");
            }
            if (body instanceof org.apache.camel.StreamCache) {
                throw new IOException("the file would be cached before it is sealed; it is left on the server");
            }
            Counting in = new Counting(body);
            sealed = ingest.receive(descriptor, settings.municipalityCode(), in, name);
            read = in.count;
        }
        org.apache.camel.component.file.GenericFile<?> file = exchange.getProperty(org.apache.camel.component.file.FileComponent.FILE_EXCHANGE_FILE,
                org.apache.camel.component.file.GenericFile.class);
        if (file != null && file.getFileLength() >= 0 && file.getFileLength() != read) {
            throw new IOException("the file changed on the server while it was read (" + read + " of " + file.getFileLength() + " bytes); it is read again");
        }
        exchange.setProperty(RECEIVED, Boolean.TRUE);
        SftpInbox.sealed(exchange, descriptor.id());
        exchange.getIn().setBody(sealed);
        exchange.getIn().setHeader(SourceAdapter.DELIVERED_BY, settings.sftp().location());
    }

    /** Counts the bytes read through it. */
    private static final class Counting extends java.io.FilterInputStream {
        long count;

        Counting(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }

    /** When a claim's name was taken ({@code .tidlig-claim-<ms>-<name>}), or null when the name is not a claim's. */
    static Long claimedAt(String fileName) {
        if (!fileName.startsWith(CLAIM)) {
            return null;
        }
        String rest = fileName.substring(CLAIM.length());
        int dash = rest.indexOf('-');
        return dash > 0 && rest.substring(0, dash).matches("\\d{1,18}") ? Long.valueOf(rest.substring(0, dash)) : null;
    }

    /** The name a claimed file had before it was claimed. */
    static String unclaimed(String claimName) {
        String rest = claimName.substring(CLAIM.length());
        return rest.substring(rest.indexOf('-') + 1);
    }

    /**
     * A claimed file goes back to its name, never over a file of that name that came meanwhile (a rename would replace it):
     * a hard link, which fails when the name is taken, then the claim goes. Where the file system has no hard links, a
     * rename that is refused when the name exists.
     */
    static void giveBack(Path claimed, Path name) throws IOException {
        try {
            Files.createLink(name, claimed);
        } catch (UnsupportedOperationException e) {
            if (Files.exists(name)) {
                throw new java.nio.file.FileAlreadyExistsException(name.getFileName().toString());
            }
            Files.move(claimed, name);
            return;
        }
        Files.delete(claimed);
    }

    /** Claims of nodes that died before sealing the file go back to the file's name, to be read again. */
    static void giveBackStaleClaims(Path dir) {
        long before = System.currentTimeMillis() - STALE_CLAIM.toMillis();
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith(CLAIM)).toList()) {
                Long claimedAt = claimedAt(p.getFileName().toString());
                if (claimedAt != null && claimedAt < before) {
                    try {
                        giveBack(p, p.resolveSibling(unclaimed(p.getFileName().toString())));
                    } catch (IOException e) {
                        // another node gave it back first, or a file of that name came meanwhile: left for the next poll
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("The inbox {} could not be listed for stale claims: {}", dir.getFileName(), e.getClass().getSimpleName());
        }
    }

    /** Receiving failed: one line, and the file stays in the inbox. */
    void notReceived(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("{}: a delivered file could not be sealed into the archive of deliveries ({}); it stays in the inbox and is tried again",
                descriptor.id(), e == null ? "unknown error" : CprNumbers.mask(String.valueOf(e.getMessage())));
    }

    /**
     * After the ingest: whatever became of it, the sealed copy and its record in the archive hold the file (its clear-text
     * copy went when it was sealed). An error that escaped the ingest route is one line in the log, without the content.
     */
    void afterReceipt(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (e != null) {
            Throwable r = e;
            while (r.getCause() != null && r.getCause() != r) {
                r = r.getCause();
            }
            LOG.error("{}: a received delivery could not be ingested ({}); its sealed copy is kept: 'bin/tidlig archive reprocess' reads it again",
                    descriptor.id(), r.getClass().getSimpleName());
        }
        FileOutcome outcome = exchange.getIn().getBody(FileOutcome.class);
        if (outcome != null && outcome.status() != FileOutcome.Status.COMPLETED) {
            LOG.warn("{}: {} {}: {}", descriptor.id(), CprNumbers.mask(outcome.fileName()), outcome.status().name().toLowerCase(Locale.ROOT),
                    CprNumbers.mask(outcome.reason()));
        }
    }

    /** The delivered file of an ingest exchange: the sealed copy from the inbox, or a file given to bin/tidlig import. */
    public static DeliveredFile delivered(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        if (body instanceof DeliveredFile d) {
            return d;
        }
        File file = exchange.getIn().getBody(File.class);
        if (file == null) {
            throw new IllegalArgumentException("the ingest route takes a file");
        }
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        return DeliveredFile.of(file.toPath(), name == null ? file.getName() : name);
    }
}
