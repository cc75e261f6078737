// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * Parts written by every adapter at once, while the next part is generated, are the files written one after the other:
 * the same bytes, handed on in the parts' and the adapters' order, on the generating thread; the adapters do write at
 * once and the next part is made meanwhile; a writer's failure stops the generation and reaches the caller as thrown.
 */
class PartWriterTest {

    static final LocalDate DAY = LocalDate.of(2026, 6, 30);

    /** An export writer of its own kind: the persons' birthdays and some draws of the seeded random, one file per part. */
    interface Writes {
        void write(SyntheticData data, Path directory) throws IOException;
    }

    static SourceAdapter adapter(String id, Writes before) {
        AdapterDescriptor descriptor = new AdapterDescriptor(id, id.toUpperCase(), id, Set.of(), Set.of(), "test");
        ExportWriter writer = (data, directory, random) -> {
            before.write(data, directory);
            Files.createDirectories(directory);
            Path file = directory.resolve(id + ".txt");
            StringBuilder text = new StringBuilder();
            data.persons().forEach(p -> text.append(p.birthDate()).append(' ').append(random.nextInt(1000)).append('\n'));
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return List.of(new WrittenFile(file, data.persons().size(), 0));
        };
        return new SourceAdapter() {
            @Override
            public AdapterDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ExportWriter exportWriter() {
                return writer;
            }
        };
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void thePartsAreTheFilesWrittenOneAfterTheOtherHandedOnInOrderOnTheGeneratingThread(@TempDir Path tmp) throws Exception {
        List<SourceAdapter> adapters = List.of(adapter("aa", (d, p) -> { }), adapter("bb", (d, p) -> { }), adapter("cc", (d, p) -> { }));
        List<String> handed = new ArrayList<>();
        String generating = Thread.currentThread().getName();
        try (PartWriter writer = new PartWriter(adapters, index -> tmp.resolve("at-once/part-" + index), index -> 7L + index,
                (index, part, byAdapter) -> {
                    assertThat(Thread.currentThread().getName()).isEqualTo(generating);
                    assertThat(byAdapter).hasSize(3);
                    for (int i = 0; i < 3; i++) {
                        assertThat(byAdapter.get(i)).singleElement().satisfies(w -> assertThat(w.records()).isEqualTo(part.data().persons().size()));
                        handed.add(index + "/" + tmp.resolve("at-once").relativize(byAdapter.get(i).get(0).file()));
                    }
                })) {
            PopulationGenerator.generate(5_000, 3L, DAY, "159", 0, 1_200, writer);
            writer.finish();
        }
        PopulationGenerator.generate(5_000, 3L, DAY, "159", 0, 1_200, (index, part) -> {
            for (SourceAdapter a : adapters) {
                Delivery.write(a, part.data(), tmp.resolve("one-by-one/part-" + index), 7L + index);
            }
        });
        assertThat(handed).hasSize(15).startsWith("0/part-0/aa/aa.txt", "0/part-0/bb/bb.txt", "0/part-0/cc/cc.txt", "1/part-1/aa/aa.txt")
                .endsWith("4/part-4/cc/cc.txt");
        assertThat(tree(tmp.resolve("at-once"))).hasSize(15).isEqualTo(tree(tmp.resolve("one-by-one")));
    }

    @Test
    void theAdaptersWriteAtOnceAndTheNextPartIsMadeMeanwhile(@TempDir Path tmp) throws Exception {
        CountDownLatch bothWriting = new CountDownLatch(2);
        CountDownLatch nextMade = new CountDownLatch(1);
        Writes together = (data, dir) -> {
            bothWriting.countDown();
            await(bothWriting, "the other adapter writing at the same time");
            if (dir.getParent().getFileName().toString().equals("part-0")) {
                await(nextMade, "the next part made while this one was written");
            }
        };
        List<Integer> handed = new ArrayList<>();
        try (PartWriter writer = new PartWriter(List.of(adapter("aa", together), adapter("bb", together)), index -> tmp.resolve("part-" + index),
                index -> 1L, (index, part, byAdapter) -> handed.add(index))) {
            SyntheticData small = PopulationGenerator.generate(10, 1L, DAY, "159", 0).data();
            writer.accept(0, new dk.tidlig.synth.internal.population.Population(small, List.of()));
            nextMade.countDown(); // made on this thread while part 0 is written
            writer.accept(1, new dk.tidlig.synth.internal.population.Population(small, List.of()));
            writer.finish();
        }
        assertThat(handed).containsExactly(0, 1);
    }

    private static void await(CountDownLatch latch, String what) throws IOException {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).as(what).isTrue();
        } catch (InterruptedException e) {
            throw new InterruptedIOException(what);
        }
    }

    @Test
    void aWritersFailureStopsTheGenerationAndIsThrownAsItWas(@TempDir Path tmp) {
        IOException full = new IOException("No space left on device");
        List<Integer> handed = new ArrayList<>();
        List<SourceAdapter> adapters = List.of(adapter("aa", (d, p) -> { }), adapter("bb", (data, dir) -> {
            if (dir.getParent().getFileName().toString().equals("part-2")) {
                throw full;
            }
        }));
        assertThatThrownBy(() -> {
            try (PartWriter writer = new PartWriter(adapters, index -> tmp.resolve("part-" + index), index -> 1L, (index, part, byAdapter) -> handed.add(index))) {
                PopulationGenerator.generate(6_000, 3L, DAY, "159", 0, 1_000, writer);
                writer.finish();
            }
        }).isSameAs(full);
        assertThat(handed).as("the parts before the one that failed, and none after it").containsExactly(0, 1);

        // two adapters failing on one part: the first adapter's failure thrown, the other's suppressed in it, neither lost
        IOException denied = new IOException("Permission denied");
        IllegalStateException bug = new IllegalStateException("a writer's bug");
        List<SourceAdapter> both = List.of(adapter("aa", (data, dir) -> {
            throw denied;
        }), adapter("bb", (data, dir) -> {
            throw bug;
        }));
        assertThatThrownBy(() -> {
            try (PartWriter writer = new PartWriter(both, index -> tmp.resolve("again-" + index), index -> 1L, (index, part, byAdapter) -> { })) {
                PopulationGenerator.generate(6_000, 3L, DAY, "159", 0, 1_000, writer);
                writer.finish();
            }
        }).isSameAs(denied).satisfies(e -> assertThat(e.getSuppressed()).containsExactly(bug));
        assertThat(tmp.resolve("part-3")).as("no part begun after the one that failed").doesNotExist();
    }
}
