package dk.tidlig.adapter.route;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.apache.camel.builder.RouteBuilder;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.internal.IngestProcessors;

/**
 * The standard routes of a file adapter, for subclasses that only supply their descriptor, settings,
 * mapper and writer.
 *
 * <pre>
 * &lt;id&gt;-inbox:  file:inbox (read lock: unchanged for readLockMinAgeMs; .part/.tmp and hidden files ignored)
 *               -&gt; direct:&lt;id&gt;-ingest
 *               -&gt; a refused file fails the exchange, so the file moves to .failed/
 *               done: .done/&lt;timestamp&gt;-&lt;name&gt;
 * &lt;id&gt;-ingest: direct:&lt;id&gt;-ingest (also what bin/tidlig import sends to)
 *               -&gt; scan: SHA-256 and encoding check; refuse a wrong encoding before storing anything
 *               -&gt; split the lines in chunks, streaming -&gt; map each line -&gt; ingest pipeline
 *               -&gt; finish: the FileOutcome becomes the body
 * </pre>
 */
public abstract class InboxRouteBuilder extends RouteBuilder implements SourceAdapter {

    /** Lines per chunk handed through the splitter. */
    static final int CHUNK = 1000;
    private static final String IGNORED = "^\\..*|.*\\.(part|tmp|filepart|crdownload)$";

    private final AdapterDescriptor descriptor;
    private final InboxSettings settings;
    private final IngestService ingest;

    protected InboxRouteBuilder(AdapterDescriptor descriptor, InboxSettings settings, IngestService ingest) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.ingest = ingest;
    }

    /** A fresh mapper for one file. */
    protected abstract LineMapper newMapper();

    @Override
    public final AdapterDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Path inbox() {
        return settings.inbox();
    }

    public final InboxSettings settings() {
        return settings;
    }

    @Override
    public void configure() {
        String id = descriptor.id();
        Supplier<LineMapper> mappers = this::newMapper;
        IngestProcessors p = new IngestProcessors(descriptor, settings, ingest, mappers, CHUNK);

        // message bodies hold personal data: never log them or their history
        errorHandler(defaultErrorHandler().logExhaustedMessageHistory(false).logExhaustedMessageBody(false)
                .logRetryAttempted(false).maximumRedeliveries(0));

        fromF("file:%s?autoCreate=true&delay=%d&initialDelay=%d&readLock=changed&readLockCheckInterval=%d&readLockMinAge=%d"
                + "&readLockTimeout=%d&include=RAW(%s)&exclude=RAW(%s)&sortBy=file:modified"
                + "&move=.done/${date:now:yyyyMMdd'T'HHmmss}-${file:name}&moveFailed=.failed/${date:now:yyyyMMdd'T'HHmmss}-${file:name}",
                settings.inbox(), settings.pollIntervalMs(), Math.min(settings.pollIntervalMs(), 1000),
                Math.max(100, Math.min(1000, settings.readLockMinAgeMs() / 2)), settings.readLockMinAgeMs(),
                settings.readLockMinAgeMs() * 20 + 10_000, settings.include(), IGNORED)
                .routeId(id + "-inbox")
                .autoStartup(settings.poll())
                .to(SourceAdapter.ingestEndpoint(id))
                .process(p::failUnlessCompleted);

        from(SourceAdapter.ingestEndpoint(id))
                .routeId(id + "-ingest")
                // matched on the cause chain, not by class name: Camel would resolve a name with the Camel
                // host bundle's class loader, which does not see the adapter API
                .onException(Exception.class).onWhen(IngestProcessors::isFormatError).handled(true).process(p::rejectFormat).end()
                .process(p::open)
                .choice()
                    .when(exchange -> p.isOpen(exchange))
                        .split(body()).streaming().stopOnException()
                            .process(p::mapChunk)
                        .end()
                        .process(p::finish)
                .end();
    }
}
