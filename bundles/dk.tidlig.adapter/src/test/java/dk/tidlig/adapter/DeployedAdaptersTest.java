// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class DeployedAdaptersTest {

    @Test
    void waitingForTheExpectedAdaptersEndsWhenTheLastOfThemRunsAndNotBefore() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        // cpr runs at once, fhir from the fourth look on
        boolean all = DeployedAdapters.awaitExpected(() -> asked.incrementAndGet() < 4 ? List.of("cpr") : List.of("cpr", "fhir"),
                Set.of("cpr", "fhir"), 10_000);
        assertThat(all).isTrue();
        assertThat(asked).hasValue(4);
    }

    @Test
    void anAdapterThatNeverStartsEndsTheWaitAtItsLimitWithFalse() throws Exception {
        long start = System.nanoTime();
        assertThat(DeployedAdapters.awaitExpected(() -> List.of("cpr"), Set.of("cpr", "fhir"), 500)).isFalse();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).isBetween(500L, 5_000L);
    }
}
