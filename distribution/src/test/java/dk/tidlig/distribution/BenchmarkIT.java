// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code bin/tidlig benchmark --demo}, the project's measure of speed and memory, as a developer runs it: one JSON line per
 * step, the database's limit over the same lines as the ingest, the ratio its two rates, the processors each used, the
 * worklist under load, and nothing left behind or printed that a person could be found by. A benchmark run (half a
 * minute), tagged {@code long}: {@code mvn -B verify -Plong-tests} runs it after the main suite.
 */
@Tag("long")
class BenchmarkIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyStepIsALineOfFiguresAndTheRatioComparesTheSameLines() throws Exception {
        Installation installation = Installation.copy("benchmark-it");
        Installation.Run run = installation.tidlig("benchmark", "--demo", "--citizens", "400", "--load-users", "3", "--load-think-ms", "50",
                "--load-seconds", "4");
        assertThat(run.code()).as(run.err()).isZero();

        List<JsonNode> steps = new ArrayList<>();
        for (String line : run.out().lines().filter(l -> l.startsWith("{")).toList()) {
            steps.add(JSON.readTree(line));
        }
        assertThat(steps).extracting(s -> s.path("step").asText()).startsWith("generate", "limit").endsWith("evaluate", "score", "worklist",
                "total");

        JsonNode limit = steps.get(1);
        JsonNode total = steps.get(steps.size() - 1);
        List<JsonNode> ingests = steps.stream().filter(s -> s.path("step").asText().equals("ingest")).toList();
        assertThat(ingests).extracting(s -> s.path("adapter").asText()).containsAll(List.of(installation.deployedAdapters().split(", ")));
        long ingested = 0;
        for (JsonNode i : ingests) {
            assertThat(i.path("status").asText()).as(i.toString()).isEqualTo("completed");
            assertThat(i.path("accepted").asLong() + i.path("duplicates").asLong() + i.path("quarantined").asLong()).as(i.toString())
                    .isPositive().isLessThanOrEqualTo(i.path("lines").asLong());
            // the processes' times come in ticks of 10 ms: a delivery of a few lines may pass between two of them
            JsonNode jvm = i.path("cores").path("jvm");
            assertThat(jvm.isNumber()).as(i.toString()).isTrue();
            if (i.path("seconds").asDouble() >= 1.0) {
                assertThat(jvm.asDouble()).as(i.toString()).isPositive();
            }
            ingested += i.path("lines").asLong();
        }
        // the limit loads the very files the ingest reads, line for line
        assertThat(limit.path("lines").asLong()).isEqualTo(ingested).isEqualTo(total.path("lines").asLong());
        // the embedded database runs on this host: its processor time is counted, the LOAD DATA's own mostly the server's
        assertThat(limit.path("cores").path("database").asDouble()).as(limit.toString()).isPositive();
        // a municipality of 400 citizens gets the least buffer pool, unless this machine's environment sets one
        String set = System.getenv("TIDLIG_DB_BUFFER_POOL_MB");
        assertThat(limit.path("buffer_pool_mb").asLong()).as(limit.toString())
                .isEqualTo(set == null || set.isBlank() ? 1024 : Long.parseLong(set.strip()));
        assertThat(total.path("ingest_cores").path("database").asDouble()).as(total.toString()).isPositive();
        assertThat(total.path("ingest_cores").path("jvm").asDouble()).as(total.toString()).isPositive();
        // the whole machine was at least as busy as the two processes (its ticks are a hundredth of a second: a little slack)
        JsonNode cores = total.path("ingest_cores");
        assertThat(cores.path("machine").asDouble()).as(total.toString())
                .isGreaterThanOrEqualTo(cores.path("jvm").asDouble() + cores.path("database").asDouble() - 0.1);
        assertThat(total.path("ratio_to_limit").asDouble()).isCloseTo(
                total.path("ingest_lines_per_second").asDouble() / total.path("limit_lines_per_second").asDouble(), within(0.001));
        assertThat(total.path("heap_peak_mb").asLong()).isPositive().isLessThanOrEqualTo(total.path("heap_max_mb").asLong());

        JsonNode worklist = steps.get(steps.size() - 2);
        assertThat(worklist.path("users").asInt()).isEqualTo(3);
        assertThat(worklist.path("failed").asLong()).as(worklist.toString()).isZero();
        assertThat(worklist.path("requests").asLong()).isPositive();
        assertThat(worklist.path("p95_ms").asDouble()).isGreaterThanOrEqualTo(worklist.path("p50_ms").asDouble())
                .isEqualTo(total.path("worklist_p95_ms").asDouble());
        // the largest delivery is made again until the window has passed, and the load lasts as long
        String again = worklist.path("while").asText().replace(" delivered again", "");
        List<Long> itsFiles = steps.stream().filter(s -> s.path("step").asText().equals("ingest") && s.path("adapter").asText().equals(again))
                .map(s -> s.path("lines").asLong()).toList();
        long deliveries = worklist.path("deliveries").asLong();
        assertThat(deliveries).as(worklist.toString()).isPositive();
        assertThat(worklist.path("delivery_lines").asLong() % deliveries).isZero();
        assertThat(itsFiles).as("the lines of each delivery are one of its files'").contains(worklist.path("delivery_lines").asLong() / deliveries);
        assertThat(worklist.path("delivery_seconds").asDouble()).isGreaterThanOrEqualTo(4.0);
        assertThat(worklist.path("seconds").asDouble()).as("the load ran while the deliveries did").isGreaterThanOrEqualTo(3.5);
        assertThat(worklist.path("cores").path("jvm").asDouble()).as(worklist.toString()).isPositive();

        // the generated exports are deleted afterwards, and no CPR number reached the output
        try (Stream<java.nio.file.Path> left = Files.list(installation.home.resolve("var/benchmark"))) {
            assertThat(left).as("generated files left in var/benchmark").isEmpty();
        }
        Pattern cpr = Pattern.compile("(?<![0-9])[0-9]{6}-?[0-9]{4}(?![0-9])");
        assertThat(cpr.matcher(run.out()).find()).as(run.out()).isFalse();
        assertThat(cpr.matcher(run.err()).find()).as(run.err()).isFalse();
    }
}
