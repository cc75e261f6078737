// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.SourceFreshness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The installation's meter registry, in the Prometheus format: published as Micrometer's {@link MeterRegistry} for the
 * other bundles to record into (the ingest, the scoring, the sign-in), with the JVM's meters bound, and the sources'
 * delivery lag read from the operator's view at each scrape.
 */
@Component(service = PrometheusMetrics.class, immediate = true)
public class PrometheusMetrics {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrometheusMetrics.class);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ServiceRegistration<MeterRegistry> registration;
    private final MultiGauge lag;
    private final MultiGauge overdue;
    /** The municipalities whose adapters run here, from their inboxes. */
    private final Map<AdapterInbox, String> inboxes = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Operations operations;

    @Activate
    public PrometheusMetrics(BundleContext context) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        lag = MultiGauge.builder("tidlig.source.delivery.age").baseUnit("seconds")
                .description("Seconds since the source's last completed delivery").register(registry);
        overdue = MultiGauge.builder("tidlig.source.overdue")
                .description("1 when no delivery completed for one and a half of the source's delivery intervals").register(registry);
        registration = context.registerService(MeterRegistry.class, registry, null);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        gc.close();
        registry.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInbox(AdapterInbox inbox, Map<String, Object> props) {
        inboxes.put(inbox, inbox.settings().municipalityCode());
    }

    void removeInbox(AdapterInbox inbox, Map<String, Object> props) {
        inboxes.remove(inbox);
    }

    /** The registry's meters in the Prometheus text format, with the sources' lag read now. */
    String scrape() {
        try {
            refreshSources();
        } catch (RuntimeException e) {
            // the database is down: the sources' rows stay as last read, and the JVM's meters still answer
            LOG.warn("The sources' delivery lag could not be read for /metrics: {}", e.getClass().getSimpleName());
        }
        return registry.scrape();
    }

    /**
     * The scrape for one municipality's administrator: the meters of other municipalities (those with another
     * {@code municipality} label) are left out; those of the installation (the JVM, sign-ins) stay.
     */
    static String forMunicipality(String scrape, String municipality) {
        StringBuilder out = new StringBuilder(scrape.length());
        String mine = "municipality=\"" + municipality + "\"";
        for (String line : scrape.split("\n", -1)) {
            if (line.startsWith("#") || !line.contains("municipality=\"") || line.contains(mine)) {
                out.append(line).append('\n');
            }
        }
        return out.length() > 0 ? out.substring(0, out.length() - 1) : "";
    }

    /** The text format's content type (version 0.0.4). */
    static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private void refreshSources() {
        Operations ops = operations;
        if (ops == null) {
            return;
        }
        java.time.Instant now = java.time.Instant.now();
        List<MultiGauge.Row<?>> ages = new ArrayList<>();
        List<MultiGauge.Row<?>> late = new ArrayList<>();
        Set<String> municipalities = new TreeSet<>(inboxes.values());
        for (String municipality : municipalities) {
            for (SourceFreshness f : ops.freshness(Actor.system(municipality))) {
                Tags tags = Tags.of("municipality", municipality, "adapter", f.adapterId());
                f.age(now).ifPresent(age -> ages.add(MultiGauge.Row.of(tags, age.toMillis() / 1000.0)));
                if (f.interval() != null) {
                    late.add(MultiGauge.Row.of(tags, f.overdue(now) ? 1 : 0));
                }
            }
        }
        lag.register(ages, true);
        overdue.register(late, true);
    }
}
