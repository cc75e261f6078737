// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.DocumentReader;
import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.IngestFailedException;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.route.Inbox;
import dk.tidlig.adapter.text.EncodingCheck;
import dk.tidlig.adapter.text.TextLines;
import dk.tidlig.model.CprNumbers;

/** The processors of the ingest route the platform builds for every adapter; state lives in exchange properties. */
public final class IngestProcessors {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProcessors.class);
    private static final String SESSION = "tidlig.ingest.session";
    private static final String MAPPER = "tidlig.ingest.mapper";
    private static final String DOCUMENT = "tidlig.ingest.document";

    private final SourceAdapter adapter;
    private final AdapterDescriptor descriptor;
    private final InboxSettings settings;
    private final IngestService ingest;
    private final int chunk;

    public IngestProcessors(SourceAdapter adapter, InboxSettings settings, IngestService ingest, int chunk) {
        this.adapter = adapter;
        this.descriptor = adapter.descriptor();
        this.settings = settings;
        this.ingest = ingest;
        this.chunk = chunk;
    }

    /**
     * Scans the file and opens the ingest; for a line adapter the body becomes the file's line chunks, for a document
     * adapter the delivered file stays the body.
     */
    public void open(Exchange exchange) throws IOException {
        DeliveredFile delivered = dk.tidlig.adapter.route.Inbox.delivered(exchange);
        EncodingCheck.Result scan;
        try (java.io.InputStream in = delivered.open()) {
            scan = EncodingCheck.scan(in, settings.charset());
        }
        FileIngest session = new EndsOnce(ingest.begin(descriptor, settings.municipalityCode(), new FileOrigin(delivered.name(), scan.sha256(),
                scan.size(), delivered.archiveId(), exchange.getIn().getHeader(SourceAdapter.DELIVERED_BY, "direct", String.class))));
        exchange.getExchangeExtension().addOnCompletion(new FailOnError(session));
        if (scan.problem().isPresent()) {
            exchange.getIn().setBody(session.reject(scan.problem().get()));
            return;
        }
        exchange.setProperty(SESSION, session);
        DocumentReader reader = adapter.documentReader();
        if (reader != null) {
            exchange.setProperty(DOCUMENT, delivered);
            return;
        }
        TextLines lines = new TextLines(delivered.open(), settings.charset(), chunk);
        exchange.setProperty(MAPPER, adapter.newMapper());
        exchange.getIn().setBody(lines);
    }

    /**
     * Reads a whole document into the ingest through the adapter's reader. Storage failures and a file refused as a
     * whole end the delivery in {@link #endAfterError}; an adapter bug fails it with a plain reason.
     */
    public void readDocument(Exchange exchange) throws FileFormatException, IOException {
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        DeliveredFile delivered = exchange.getProperty(DOCUMENT, DeliveredFile.class);
        adapter.documentReader().read(delivered, settings.charset(), session);
    }

    public boolean isOpen(Exchange exchange) {
        return exchange.getProperty(SESSION) != null;
    }

    /** Reads the file's lines, a chunk at a time, through the adapter's mapper into the ingest. */
    public void readLines(Exchange exchange) throws FileFormatException, IOException {
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        LineMapper mapper = exchange.getProperty(MAPPER, LineMapper.class);
        try (TextLines lines = exchange.getIn().getBody(TextLines.class)) {
            while (lines.hasNext()) {
                map(lines.next(), mapper, session);
            }
        }
    }

    private void map(List<Line> lines, LineMapper mapper, FileIngest session) throws FileFormatException {
        for (Line line : lines) {
            if (line.problem() != null) {
                session.reject(line, line.problem());
                continue;
            }
            try {
                mapper.map(line, session);
            } catch (RecordException e) {
                session.reject(line, e.getMessage());
            } catch (IngestFailedException e) {
                throw e; // storing failed: the file fails, and can be delivered again
            } catch (RuntimeException e) {
                // a mapper bug must not take the file down, nor leak the line into a log, nor put a class name in a reason
                LOG.warn("{}: the mapper failed on line {} ({})", descriptor.id(), line.number(), e.getClass().getName());
                session.reject(line, "the adapter could not read this line");
            }
        }
    }

    /** Completes the ingest; the outcome becomes the body. */
    public void finish(Exchange exchange) throws FileFormatException {
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        LineMapper mapper = exchange.getProperty(MAPPER, LineMapper.class);
        if (mapper != null) {
            mapper.finish(session);
        }
        FileOutcome outcome = session.complete();
        exchange.removeProperty(SESSION);
        exchange.getIn().setBody(outcome);
        LOG.info("{}: {} lines, {} accepted, {} duplicates, {} quarantined, {} skipped from {}", descriptor.id(),
                outcome.lines(), outcome.accepted(), outcome.duplicates(), outcome.quarantined(), outcome.skipped(),
                CprNumbers.mask(outcome.fileName()));
    }

    /**
     * Ends a delivery after an error: a file-level format error refuses the file with its reason, a storage failure
     * fails it (what was stored stays, delivering it again is safe), anything else fails it with a plain reason and
     * one line in the log. The outcome becomes the body; never an exception class or stack text in a reason.
     */
    public void endAfterError(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        exchange.removeProperty(SESSION);
        if (session == null) {
            // the file could not even be read to open the delivery
            Throwable r = root(e);
            LOG.error("{}: a file could not be read ({})", descriptor.id(), r == null ? "unknown error" : r.getClass().getSimpleName());
            exchange.getIn().setBody(new FileOutcome(0, descriptor.id(), Inbox.delivered(exchange).name(), FileOutcome.Status.FAILED, 0, 0, 0, 0, 0,
                    "the file could not be read"));
            return;
        }
        exchange.getIn().setBody(end(session, e, descriptor.id()));
    }

    /** Ends an open delivery after the error, with a plain reason. */
    static FileOutcome end(FileIngest session, Throwable e, String adapterId) {
        FileFormatException format = find(e, FileFormatException.class);
        if (format != null) {
            LOG.warn("{}: refused a file: {}", adapterId, CprNumbers.mask(format.getMessage()));
            return session.reject(format.getMessage());
        }
        IngestFailedException storage = find(e, IngestFailedException.class);
        if (storage != null) {
            return session.fail(storage.getMessage());
        }
        if (find(e, CharacterCodingException.class) != null || find(e, UncheckedIOException.class) != null || find(e, IOException.class) != null) {
            return session.fail("the file could not be read to its end");
        }
        Throwable r = root(e);
        LOG.error("{}: the ingest of a file broke off ({})", adapterId, r == null ? "unknown error" : r.getClass().getName());
        return session.fail("the adapter broke off while reading the file; the server's log names the cause");
    }

    /** A file's ingest that ends once: later ends (an error handler's, after the route's own) return the first outcome. */
    static final class EndsOnce implements FileIngest {
        private final FileIngest delegate;
        private volatile FileOutcome outcome;

        EndsOnce(FileIngest delegate) {
            this.delegate = delegate;
        }

        boolean ended() {
            return outcome != null;
        }

        @Override
        public void accept(Line line, List<? extends dk.tidlig.model.SourceRecord> records) {
            delegate.accept(line, records);
        }

        @Override
        public void reject(Line line, String reason) {
            delegate.reject(line, reason);
        }

        @Override
        public void skip(Line line) {
            delegate.skip(line);
        }

        @Override
        public synchronized FileOutcome complete() {
            return outcome != null ? outcome : (outcome = delegate.complete());
        }

        @Override
        public synchronized FileOutcome reject(String reason) {
            return outcome != null ? outcome : (outcome = delegate.reject(reason));
        }

        @Override
        public synchronized FileOutcome fail(String reason) {
            return outcome != null ? outcome : (outcome = delegate.fail(reason));
        }
    }

    /** Records a failed ingest when the exchange ends in an error before the file was completed. */
    private static final class FailOnError implements Synchronization {
        private final FileIngest session;

        FailOnError(FileIngest session) {
            this.session = session;
        }

        @Override
        public void onComplete(Exchange exchange) {
            // completed or rejected normally; or an error was caught on the way (the inbox route handles them, so that the
            // clear-text file goes once its sealed copy holds it) and the delivery must still be ended
            onFailure(exchange);
        }

        @Override
        public void onFailure(Exchange exchange) {
            if (session instanceof EndsOnce e && e.ended()) {
                return; // already completed or rejected
            }
            end(session, exchange.getException() != null ? exchange.getException() : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class),
                    "");
            exchange.removeProperty(SESSION);
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost cause, past Camel's wrappers. */
    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t != null && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
