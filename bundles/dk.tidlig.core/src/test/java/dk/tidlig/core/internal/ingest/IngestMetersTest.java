// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the ingest records for /metrics, against a real MariaDB: each line once, by outcome, and each delivery's end. */
class IngestMetersTest {

    @TempDir
    Path keysDir;
    CoreFixture core;

    @BeforeEach
    void start() throws Exception {
        core = CoreFixture.create("meters", keysDir);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void linesAreCountedByOutcomeAndDeliveriesByHowTheyEnded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        core.pipeline.meters = registry;
        RiskEvent event = new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, LocalDate.now().minusMonths(1), null, "M1", null);
        List<Object> lines = List.of(List.of(event), "column Dato is empty", List.of(event));
        FileOutcome first = PipelineAndScoringTest.ingest(core.pipeline, "159", HEALTH, "a.csv", lines);
        FileOutcome again = PipelineAndScoringTest.ingest(core.pipeline, "159", HEALTH, "a.csv", lines);
        assertThat(first.accepted()).isEqualTo(1);

        assertThat(count(registry, "accepted")).isEqualTo(first.accepted() + again.accepted()).isEqualTo(1);
        assertThat(count(registry, "duplicate")).isEqualTo(first.duplicates() + again.duplicates()).isEqualTo(3);
        assertThat(count(registry, "quarantined")).isEqualTo(2);
        assertThat(registry.find("tidlig.delivery.duration").tags("adapter", "health", "municipality", "159", "status", "completed").timer().count())
                .isEqualTo(2);
    }

    static double count(SimpleMeterRegistry registry, String outcome) {
        var c = registry.find("tidlig.ingest.lines").tags("adapter", "health", "municipality", "159", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
