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
 * &lt;id&gt;-inbox:  see {@link Inbox}
 * &lt;id&gt;-ingest: direct:&lt;id&gt;-ingest (also what bin/tidlig import sends to)
 *               -&gt; scan: SHA-256 and encoding check; refuse a wrong encoding before storing anything
 *               -&gt; split the lines in chunks, streaming -&gt; map each line -&gt; ingest pipeline
 *               -&gt; finish: the FileOutcome becomes the body
 * </pre>
 */
public abstract class InboxRouteBuilder extends RouteBuilder implements SourceAdapter {

    /** Lines per chunk handed through the splitter. */
    static final int CHUNK = 1000;

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

        new Inbox(descriptor, settings, ingest).addRoute(this);

        // the ingest route always answers with the file's outcome: an error ends the delivery (refused for a file-level
        // format error, failed otherwise) with a plain reason, and never escapes to the caller
        from(SourceAdapter.ingestEndpoint(id))
                .routeId(id + "-ingest")
                .doTry()
                    .process(p::open)
                    .choice()
                        .when(exchange -> p.isOpen(exchange))
                            .split(body()).streaming().stopOnException()
                                .process(p::mapChunk)
                            .end()
                            .process(p::finish)
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .process(p::endAfterError)
                .end();
    }
}
