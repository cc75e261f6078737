// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.route;

import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;

import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.internal.IngestProcessors;

/**
 * The routes of one adapter, the same for every adapter: the platform builds them from the adapter service, its
 * inbox settings and the ingest service, and the route tests of an adapter start them the same way.
 *
 * <pre>
 * &lt;id&gt;-inbox:  see {@link Inbox}
 * &lt;id&gt;-ingest: direct:&lt;id&gt;-ingest (also what bin/tidlig import sends to)
 *               -&gt; scan: SHA-256 and encoding check; refuse a wrong encoding before storing anything
 *               -&gt; a line adapter: the lines in chunks, streaming -&gt; its mapper -&gt; ingest pipeline
 *                  a document adapter: its reader reports each item of the document -&gt; ingest pipeline
 *               -&gt; finish: the FileOutcome becomes the body
 * </pre>
 */
public final class AdapterRouteBuilder extends RouteBuilder implements AdapterInbox {

    /** Lines read and mapped at a time. */
    static final int CHUNK = 1000;

    private final SourceAdapter adapter;
    private final InboxSettings settings;
    private final IngestService ingest;

    /**
     * @throws IllegalArgumentException when the adapter gives neither a line mapper nor a document reader
     */
    public AdapterRouteBuilder(SourceAdapter adapter, InboxSettings settings, IngestService ingest) {
        if ((adapter.newMapper() == null) == (adapter.documentReader() == null)) {
            throw new IllegalArgumentException("adapter " + adapter.descriptor().id() + " must give either a line mapper or a document reader");
        }
        this.adapter = adapter;
        this.settings = settings;
        this.ingest = ingest;
    }

    @Override
    public SourceAdapter adapter() {
        return adapter;
    }

    @Override
    public InboxSettings settings() {
        return settings;
    }

    @Override
    public void configure() {
        String id = adapter.descriptor().id();
        IngestProcessors p = new IngestProcessors(adapter, settings, ingest, CHUNK);

        // message bodies hold personal data: never log them or their history
        errorHandler(defaultErrorHandler().logExhaustedMessageHistory(false).logExhaustedMessageBody(false)
                .logRetryAttempted(false).maximumRedeliveries(0));

        new Inbox(adapter.descriptor(), settings, ingest).addRoute(this);

        // the ingest route always answers with the file's outcome: an error ends the delivery (refused for a file-level
        // format error, failed otherwise) with a plain reason, and never escapes to the caller
        Processor read = adapter.documentReader() != null ? p::readDocument : p::readLines;
        from(SourceAdapter.ingestEndpoint(id))
                .routeId(id + "-ingest")
                .doTry()
                    .process(p::open)
                    .choice()
                        .when(p::isOpen)
                            .process(read)
                            .process(p::finish)
                    .end()
                .endDoTry()
                .doCatch(Exception.class)
                    .process(p::endAfterError)
                .end();
    }
}
