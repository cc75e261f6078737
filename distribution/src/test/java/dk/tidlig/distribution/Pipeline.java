// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.route.AdapterRouteBuilder;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.ingest.DeliveryArchive;
import dk.tidlig.core.internal.ingest.IngestPipeline;
import dk.tidlig.core.internal.ingest.RecordValidator;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/**
 * The real ingest outside OSGi: adapters' routes on a Camel context of their own, the core's pipeline on a MariaDB
 * database of its own. For tests that send many files through every adapter without booting the distribution.
 */
final class Pipeline implements AutoCloseable {

    final TestDatabase db;
    final MariaDbDatabase database;
    final KeyRing keys;
    final IngestPipeline pipeline;
    final CamelContext camel;
    final Map<String, SourceAdapter> adapters = new LinkedHashMap<>();
    /** Each adapter's inbox settings, as the platform reads them. */
    final Map<String, InboxSettings> settings = new LinkedHashMap<>();

    private Pipeline(String name, Path dir, Clock clock) throws Exception {
        db = TestDatabase.create(name);
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        keys = new KeyRing(dir.resolve("keys/tidlig.keys"), true);
        DeliveryArchive archive = new DeliveryArchive(keys, dir.resolve("deliveries"), defaults(DeliveryArchive.Config.class));
        pipeline = new IngestPipeline(new JdbcIngestStore(database), keys, new RecordValidator(), archive, 60, IngestPipeline.CHUNK_LINES, clock);
        camel = new DefaultCamelContext();
    }

    static Pipeline start(String name, Path dir, List<SourceAdapter> adapters) throws Exception {
        return start(name, dir, adapters, Clock.systemDefaultZone());
    }

    /**
     * The configuration of the adapters that need one beyond their descriptor's inbox defaults (by adapter id), as
     * their .cfg would give it: the platform reads the inbox settings there.
     */
    static final Map<String, Map<String, Object>> CONFIG = new java.util.concurrent.ConcurrentHashMap<>();

    /** As {@link #start(String, Path, List)}, on the day the clock gives (the events' retention is counted from it). */
    static Pipeline start(String name, Path dir, List<SourceAdapter> adapters, Clock clock) throws Exception {
        Pipeline p = new Pipeline(name, dir, clock);
        for (SourceAdapter a : adapters) {
            String id = a.descriptor().id();
            // the routes the platform builds, with the descriptor's defaults; files come by ingest(), never by the inbox
            Map<String, Object> config = new java.util.HashMap<>(CONFIG.getOrDefault(id, Map.of()));
            config.put("inbox", dir.resolve("inbox").resolve(id).toString());
            config.put("municipalityCode", "159");
            InboxSettings settings = InboxSettings.from(a.descriptor(), config, k -> k.equals(InboxSettings.POLL_PROPERTY) ? "false" : null);
            p.adapters.put(id, a);
            p.settings.put(id, settings);
            p.camel.addRoutes(new AdapterRouteBuilder(a, settings, p.pipeline));
        }
        p.camel.start();
        return p;
    }

    /** Sends a file through the adapter's ingest route, as bin/tidlig import does. */
    FileOutcome ingest(String adapterId, Path file) {
        return camel.createProducerTemplate().requestBody(SourceAdapter.ingestEndpoint(adapterId), file.toFile(), FileOutcome.class);
    }

    /** A configuration annotation with every method's default, as Declarative Services gives it. */
    static <A> A defaults(Class<A> type) {
        return config(type, Map.of());
    }

    /** A configuration annotation with these values, and every other method's default. */
    static <A> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getName().equals("annotationType") ? type
                        : values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue()));
    }

    @Override
    public void close() {
        camel.stop();
        database.close();
        db.close();
    }
}
