// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the ingest records for {@code /metrics}: lines per municipality, adapter and outcome as they are stored (a
 * counter, whose rate is the lines per second), and each delivery's end with its status and duration. Records nothing
 * when no registry is running (tests, commands without the metrics bundle).
 */
final class IngestMeters {

    private final MeterRegistry registry;

    IngestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Lines of a stored chunk: {@code outcome} is accepted, duplicate, quarantined or skipped. */
    void lines(String tenant, String adapter, String outcome, long n) {
        if (registry != null && n > 0) {
            registry.counter("tidlig.ingest.lines", "municipality", tenant, "adapter", adapter, "outcome", outcome).increment(n);
        }
    }

    /** A delivery ended. */
    void delivery(String tenant, String adapter, String status, Duration took) {
        if (registry != null) {
            Timer.builder("tidlig.delivery.duration").description("How long deliveries took, by how they ended")
                    .tags("municipality", tenant, "adapter", adapter, "status", status.toLowerCase(Locale.ROOT)).register(registry).record(took);
        }
    }
}
