// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PollingTest {

    @Test
    void asksAgainUntilTheValueIsDoneAndNoLonger() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(Polling.until(asked::incrementAndGet, n -> n >= 3, Duration.ofSeconds(10))).isEqualTo(3);
        assertThat(asked).hasValue(3);
        assertThat(Polling.until(() -> "here", s -> true, Duration.ZERO)).as("asked once, at once").isEqualTo("here");
    }

    @Test
    void givesTheLastValueWhenTheTimeIsUpOrTheThreadIsInterrupted() {
        long start = System.nanoTime();
        assertThat(Polling.until(() -> 7, n -> n > 7, Duration.ofMillis(500))).isEqualTo(7);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(400L, 5_000L);
        Thread.currentThread().interrupt();
        try {
            start = System.nanoTime();
            assertThat(Polling.until(() -> 1, n -> false, Duration.ofSeconds(30))).isEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("no waiting once interrupted").isLessThan(1_000);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
