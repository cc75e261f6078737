package dk.tidlig.adapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import dk.tidlig.adapter.route.InboxSettings;

/**
 * An adapter's real routes in a real CamelContext, over a temporary inbox, feeding a
 * {@link RecordingIngest}: what every adapter's route test needs.
 *
 * <pre>
 * try (RouteHarness h = RouteHarness.start(home, "dental", "UTF-8", ".*\\.csv", DentalAdapter::new)) {
 *     FileOutcome o = h.drop(SAMPLE);
 * }
 * </pre>
 */
public final class RouteHarness implements AutoCloseable {

    public final RecordingIngest ingest = new RecordingIngest();
    private final CamelContext camel;
    private final String adapterId;
    private final Path inbox;

    private RouteHarness(String adapterId, Path inbox, CamelContext camel) {
        this.adapterId = adapterId;
        this.inbox = inbox;
        this.camel = camel;
    }

    /**
     * Starts the adapter's routes with a quick-polling inbox under {@code home}.
     *
     * @param adapter the adapter's constructor taking settings and the ingest service
     */
    public static RouteHarness start(Path home, String adapterId, String encoding, String include,
            BiFunction<InboxSettings, IngestService, ? extends RoutesBuilder> adapter) throws Exception {
        InboxSettings settings = InboxSettings.from(Map.of("inbox", "inbox/" + adapterId, "encoding", encoding, "include", include,
                "pollIntervalMs", 100, "readLockMinAgeMs", 300, "municipalityCode", "159"),
                k -> k.equals(InboxSettings.HOME_PROPERTY) ? home.toString() : null);
        CamelContext camel = new DefaultCamelContext();
        RouteHarness h = new RouteHarness(adapterId, settings.inbox(), camel);
        camel.addRoutes(adapter.apply(settings, h.ingest));
        camel.start();
        return h;
    }

    public Path inbox() {
        return inbox;
    }

    /** Delivers a copy of the file to the inbox and waits for the route's outcome. */
    public FileOutcome drop(Path file) throws Exception {
        int before = ingest.outcomes.size();
        Files.copy(file, inbox.resolve(file.getFileName()));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ingest.outcomes.size() == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the " + adapterId + " inbox route did not read " + file.getFileName() + " in 15 s");
            }
            Thread.sleep(50);
        }
        return ingest.outcomes.get(before);
    }

    /** Sends the file straight to the adapter's ingest endpoint, as bin/tidlig import does. */
    public FileOutcome send(Path file) {
        return camel.createProducerTemplate().requestBody(SourceAdapter.ingestEndpoint(adapterId), file.toFile(), FileOutcome.class);
    }

    @Override
    public void close() {
        camel.stop();
    }
}
