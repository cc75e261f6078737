// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import dk.tidlig.adapter.route.AdapterRouteBuilder;

/**
 * An adapter's real routes in a real CamelContext, over a temporary inbox, feeding a
 * {@link RecordingIngest}: what every adapter's route test needs.
 *
 * <pre>
 * try (RouteHarness h = RouteHarness.start(home, new DentalAdapter())) {
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
     * Starts the adapter's routes as the platform builds them, with its descriptor's inbox defaults (folder,
     * encoding, file names) and a quick-polling inbox under {@code home}.
     */
    public static RouteHarness start(Path home, SourceAdapter adapter) throws Exception {
        return start(home, adapter, Map.of());
    }

    /** The same, with configuration settings over the descriptor's defaults (as in the adapter's .cfg). */
    public static RouteHarness start(Path home, SourceAdapter adapter, Map<String, ?> config) throws Exception {
        Map<String, Object> c = new HashMap<>(Map.of(InboxSettings.POLL_INTERVAL_MS, 100, InboxSettings.READ_LOCK_MIN_AGE_MS, 300,
                InboxSettings.MUNICIPALITY_CODE, "159"));
        c.putAll(config);
        InboxSettings settings = InboxSettings.from(adapter.descriptor(), c, k -> k.equals(InboxSettings.HOME_PROPERTY) ? home.toString() : null);
        CamelContext camel = new DefaultCamelContext();
        RouteHarness h = new RouteHarness(adapter.descriptor().id(), settings.inbox(), camel);
        camel.addRoutes(new AdapterRouteBuilder(adapter, settings, h.ingest));
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
