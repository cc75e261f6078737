package dk.tidlig.adapter.route;

import java.io.File;
import java.io.IOException;
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
 *              -&gt; receive: sealed into the archive of deliveries (if that fails, the file stays and is tried again)
 *              -&gt; direct:&lt;id&gt;-ingest, reading the sealed copy
 *              -&gt; the clear-text file is deleted, whatever the outcome: the archive keeps it sealed, with the outcome
 * </pre>
 */
public final class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final String IGNORED = "^\\..*|.*\\.(part|tmp|filepart|crdownload)$";
    /** Exchange property: the file was sealed into the archive. */
    private static final String RECEIVED = "tidlig.inbox.received";

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
        builder.from(uri(settings))
                .routeId(id + "-inbox")
                .autoStartup(settings.poll())
                // once the file is sealed an error is handled (the clear-text file goes); before, it is not (the file stays
                // and is tried again at the next poll), and said in one line
                .onException(Exception.class).onWhen(e -> e.getProperty(RECEIVED) != null).handled(true).process(this::afterReceipt).end()
                .onException(Exception.class).onWhen(e -> e.getProperty(RECEIVED) == null).handled(false).logExhausted(false).logStackTrace(false)
                        .process(this::notReceived).end()
                .process(this::receive)
                .to(SourceAdapter.ingestEndpoint(id))
                .process(this::afterReceipt);
    }

    /**
     * The file consumer of an inbox: a file is read only once it has not changed for readLockMinAgeMs, names in the
     * adapter's include pattern only, never .part/.tmp or hidden files; it is deleted once received, and left in
     * place when receiving it failed, to be tried again.
     */
    public static String uri(InboxSettings settings) {
        return String.format(Locale.ROOT, "file:%s?autoCreate=true&delay=%d&initialDelay=%d&readLock=changed&readLockCheckInterval=%d"
                + "&readLockMinAge=%d&readLockTimeout=%d&include=RAW(%s)&exclude=RAW(%s)&sortBy=file:modified&delete=true",
                settings.inbox(), settings.pollIntervalMs(), Math.min(settings.pollIntervalMs(), 1000),
                Math.max(100, Math.min(1000, settings.readLockMinAgeMs() / 2)), settings.readLockMinAgeMs(),
                settings.readLockMinAgeMs() * 20 + 10_000, settings.include(), IGNORED);
    }

    /** Seals the picked-up file into the archive of deliveries; the body becomes the sealed copy. */
    void receive(Exchange exchange) throws IOException {
        File file = exchange.getIn().getBody(File.class);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        exchange.getIn().setBody(ingest.receive(descriptor, settings.municipalityCode(), file.toPath(), name == null ? file.getName() : name));
        exchange.setProperty(RECEIVED, Boolean.TRUE);
        exchange.getIn().setHeader(SourceAdapter.DELIVERED_BY, "inbox");
    }

    /** Receiving failed: one line, and the file stays in the inbox. */
    void notReceived(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("{}: a delivered file could not be sealed into the archive of deliveries ({}); it stays in the inbox and is tried again",
                descriptor.id(), e == null ? "unknown error" : CprNumbers.mask(String.valueOf(e.getMessage())));
    }

    /**
     * After the ingest: whatever became of it, the sealed copy and its record in the archive hold the file, so the
     * clear-text file is deleted. An error that escaped the ingest route is one line in the log, without the content.
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
