// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.synth.internal.population.Population;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * Writes the parts of a generated population in every adapter's export format, on as many threads as there are
 * processors (at least two): the adapters' exports of a part at once, while the generating thread makes the next part. Writing is most
 * of the work (at 650,000 citizens some seven eighths of the processor time; the CPR extract about two thirds of the
 * bytes), and the generation cannot be split, since one random sequence runs through every part. The files are the
 * same as written one after the other: each adapter writes its own folder with its own seed.
 *
 * <p>A part is handed on to {@link Written} on the generating thread once every adapter has written it, one part at a
 * time and in order; the next part's writing starts only then, so memory holds at most two parts. A writer's failure is
 * thrown by the next {@link #accept} or by {@link #finish()}.
 */
final class PartWriter implements PopulationGenerator.Parts, AutoCloseable {

    /** What is done with a part once it is written: the adapters' files in the adapters' order. */
    @FunctionalInterface
    interface Written {
        void accept(int index, Population part, List<List<WrittenFile>> byAdapter) throws IOException;
    }

    private final List<SourceAdapter> adapters;
    private final IntFunction<Path> folder;
    private final IntToLongFunction seed;
    private final Written written;
    private final ExecutorService pool;
    private int index;
    private Population part;
    private List<Future<List<WrittenFile>>> writing = List.of();

    /**
     * @param adapters the adapters whose exports to write, in the order {@link Written} gets their files
     * @param folder   the folder of part {@code index} (each adapter writes {@code <folder>/<id>/})
     * @param seed     the seed of part {@code index}'s export writers
     */
    PartWriter(List<SourceAdapter> adapters, IntFunction<Path> folder, IntToLongFunction seed, Written written) {
        this.adapters = List.copyOf(adapters);
        this.folder = folder;
        this.seed = seed;
        this.written = written;
        int threads = Math.max(1, Math.min(adapters.size(), Math.max(2, Runtime.getRuntime().availableProcessors())));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tidlig-export-writer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void accept(int index, Population part) throws IOException {
        finish(); // the part before is written and handed on, or its failure thrown, before this one is begun
        Path dir = folder.apply(index);
        long s = seed.applyAsLong(index);
        List<Future<List<WrittenFile>>> futures = new ArrayList<>();
        for (SourceAdapter adapter : adapters) {
            futures.add(pool.submit(() -> Delivery.write(adapter, part.data(), dir, s)));
        }
        this.index = index;
        this.part = part;
        this.writing = futures;
    }

    /** Waits until the last part begun is written, and hands it on. */
    void finish() throws IOException {
        if (part == null) {
            return;
        }
        List<List<WrittenFile>> files = new ArrayList<>();
        Throwable failed = null;
        for (Future<List<WrittenFile>> f : writing) {
            try {
                files.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while a generated part was written");
            } catch (ExecutionException e) {
                // every adapter's failure is told: the first thrown, the others suppressed in it
                if (failed == null) {
                    failed = e.getCause();
                } else {
                    failed.addSuppressed(e.getCause());
                }
            }
        }
        Population done = part;
        part = null;
        writing = List.of();
        if (failed instanceof IOException io) {
            throw io;
        } else if (failed instanceof RuntimeException r) {
            throw r;
        } else if (failed instanceof Error err) {
            throw err;
        } else if (failed != null) {
            throw new IOException(failed);
        }
        written.accept(index, done, files);
    }

    /**
     * Stops the threads, and waits a while for them: writers still at work (after a failure) are interrupted, and what
     * they wrote is left as it is.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
