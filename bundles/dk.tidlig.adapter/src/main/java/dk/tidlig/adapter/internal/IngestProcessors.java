package dk.tidlig.adapter.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.IngestFailedException;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.adapter.text.EncodingCheck;
import dk.tidlig.adapter.text.TextLines;
import dk.tidlig.model.CprNumbers;

/** The processors of the standard ingest route; state lives in exchange properties. */
public final class IngestProcessors {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProcessors.class);
    private static final String SESSION = "tidlig.ingest.session";
    private static final String MAPPER = "tidlig.ingest.mapper";

    private final AdapterDescriptor descriptor;
    private final InboxSettings settings;
    private final IngestService ingest;
    private final Supplier<LineMapper> mappers;
    private final int chunk;

    public IngestProcessors(AdapterDescriptor descriptor, InboxSettings settings, IngestService ingest,
            Supplier<LineMapper> mappers, int chunk) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.ingest = ingest;
        this.mappers = mappers;
        this.chunk = chunk;
    }

    /** Scans the file, opens the ingest and replaces the body by the file's line chunks. */
    public void open(Exchange exchange) throws IOException {
        File file = exchange.getIn().getBody(File.class);
        if (file == null) {
            throw new IllegalArgumentException("the ingest route takes a file");
        }
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (name == null) {
            name = file.getName();
        }
        Path path = file.toPath();
        EncodingCheck.Result scan = EncodingCheck.scan(path, settings.charset());
        FileIngest session = ingest.begin(descriptor, settings.municipalityCode(), new FileOrigin(name, scan.sha256(), scan.size()));
        exchange.getExchangeExtension().addOnCompletion(new FailOnError(session));
        if (scan.problem().isPresent()) {
            exchange.getIn().setBody(session.reject(scan.problem().get()));
            return;
        }
        TextLines lines = new TextLines(path, settings.charset(), chunk);
        exchange.setProperty(SESSION, session);
        exchange.setProperty(MAPPER, mappers.get());
        exchange.getIn().setBody(lines);
    }

    public boolean isOpen(Exchange exchange) {
        return exchange.getProperty(SESSION) != null;
    }

    /** Maps one chunk of lines into the ingest. */
    public void mapChunk(Exchange exchange) throws FileFormatException {
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        LineMapper mapper = exchange.getProperty(MAPPER, LineMapper.class);
        @SuppressWarnings("unchecked")
        List<Line> lines = exchange.getIn().getBody(List.class);
        for (Line line : lines) {
            try {
                mapper.map(line, session);
            } catch (RecordException e) {
                session.reject(line, e.getMessage());
            } catch (IngestFailedException e) {
                throw e; // storing failed: the file fails, and can be delivered again
            } catch (RuntimeException e) {
                // a mapper bug must not take the file down, nor leak the line into a log
                LOG.warn("{}: mapper failed on line {} ({})", descriptor.id(), line.number(), e.getClass().getName());
                session.reject(line, "the adapter could not map this line (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    /** Completes the ingest; the outcome becomes the body. */
    public void finish(Exchange exchange) throws FileFormatException {
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        exchange.getProperty(MAPPER, LineMapper.class).finish(session);
        FileOutcome outcome = session.complete();
        exchange.removeProperty(SESSION);
        exchange.getIn().setBody(outcome);
        LOG.info("{}: {} lines, {} accepted, {} duplicates, {} quarantined, {} skipped from {}", descriptor.id(),
                outcome.lines(), outcome.accepted(), outcome.duplicates(), outcome.quarantined(), outcome.skipped(),
                CprNumbers.mask(outcome.fileName()));
    }

    /** True when the exchange failed because the file is not in the adapter's format. */
    public static boolean isFormatError(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        while (cause != null) {
            if (cause instanceof FileFormatException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    /** A file-level format error: the file is refused; the outcome becomes the body. */
    public void rejectFormat(Exchange exchange) {
        FileIngest session = exchange.getProperty(SESSION, FileIngest.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (cause != null && !(cause instanceof FileFormatException)) {
            cause = cause.getCause();
        }
        String reason = cause == null ? "the file is not in the adapter's format" : cause.getMessage();
        exchange.removeProperty(SESSION);
        exchange.getIn().setBody(session == null ? null : session.reject(reason));
        LOG.warn("{}: refused a file: {}", descriptor.id(), reason);
    }

    /** In the inbox route: a refused file fails the exchange, so the file consumer moves it to .failed/. */
    public void failUnlessCompleted(Exchange exchange) {
        FileOutcome outcome = exchange.getIn().getBody(FileOutcome.class);
        if (outcome != null && outcome.status() != FileOutcome.Status.COMPLETED) {
            throw new FileRefusedException(descriptor.id() + ": " + CprNumbers.mask(outcome.fileName()) + " refused: " + outcome.reason());
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
            // completed or rejected normally
        }

        @Override
        public void onFailure(Exchange exchange) {
            if (exchange.getProperty(SESSION) == null) {
                return; // already completed or rejected
            }
            Throwable e = exchange.getException();
            if (find(e, FileFormatException.class) != null) {
                session.reject(find(e, FileFormatException.class).getMessage());
            } else if (find(e, IngestFailedException.class) != null) {
                session.fail(find(e, IngestFailedException.class).getMessage());
            } else if (find(e, CharacterCodingException.class) != null || find(e, UncheckedIOException.class) != null) {
                session.fail("the file could not be read: " + root(e).getClass().getSimpleName());
            } else {
                Throwable r = root(e);
                session.fail(r == null ? "unknown error" : r.getClass().getSimpleName() + ": " + CprNumbers.mask(String.valueOf(r.getMessage())));
            }
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

    /** Thrown in the inbox route for a file that was refused or failed, so Camel moves it aside. */
    public static final class FileRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
