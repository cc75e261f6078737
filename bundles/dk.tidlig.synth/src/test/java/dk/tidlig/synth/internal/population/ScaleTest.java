// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.SyntheticData;

/** Copenhagen's size. Excluded from quick builds with {@code -DexcludedGroups=slow}. */
@Tag("slow")
class ScaleTest {

    @Test
    void generatesACityOf650000() {
        Runtime rt = Runtime.getRuntime();
        long start = System.nanoTime();
        Population p = PopulationGenerator.generate(650_000, 1L, LocalDate.of(2025, 3, 1), "101", 0.01);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        SyntheticData d = p.data();
        System.out.printf("650000 citizens: %d ms, %d MB heap in use after GC (max heap %d MB); %d relations, %d events, %d children%n",
                elapsedMs, usedMb, rt.maxMemory() / (1024 * 1024), d.relations().size(), d.events().size(), p.truth().size());
        assertThat(d.persons()).hasSize(650_000);
        assertThat(d.addresses()).hasSize(650_000);
        assertThat(p.truth().size()).isBetween(110_000, 150_000);
        assertThat(Duration.ofMillis(elapsedMs)).isLessThan(Duration.ofSeconds(60));
        assertThat(usedMb).isLessThan(2048);
    }
}
