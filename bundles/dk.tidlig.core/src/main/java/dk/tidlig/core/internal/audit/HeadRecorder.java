// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * Records the audit chain's head on a thread of its own, so that no caller of the audit trail waits for the head file's
 * fsync (10–22 ms at times while a delivery runs). Heads told while one is being recorded are folded into the newest:
 * the file is written at most once at a time, and never with an older head after a newer one.
 * <p>
 * Until it is recorded, the file names an older entry: removing the entries after that one is then found by the chain
 * alone only as far as the head goes — the same window as between an entry's commit and its head's fsync before, now a
 * few milliseconds longer. {@link #flush()} waits until every head told is recorded; verification and shutdown call it.
 */
final class HeadRecorder implements BiConsumer<Long, String>, AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HeadRecorder.class);
    /** How long a flush waits for the recorder's thread before it records the head itself. */
    private static final java.time.Duration FLUSH_WAIT = java.time.Duration.ofSeconds(30);

    private record Head(long seq, String hash) {
    }

    private final BiConsumer<Long, String> record;
    private final AtomicReference<Head> newest = new AtomicReference<>();
    /** Whether a recording task is queued that has not yet taken {@link #newest}: one at a time is enough. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tidlig-audit-head");
        t.setDaemon(true);
        return t;
    });
    /** The newest head recorded, guarded by this recorder's monitor ({@link #recordNow()}). */
    private long recorded;

    /** @param record writes a head durably (the {@link ChainHead} file); called on the recorder's thread, one at a time */
    HeadRecorder(BiConsumer<Long, String> record) {
        this.record = record;
    }

    /** Takes the head to be recorded, and returns at once. */
    @Override
    public void accept(Long seq, String hash) {
        Head head = new Head(seq, hash);
        newest.accumulateAndGet(head, (was, now) -> was == null || now.seq() > was.seq() ? now : was);
        if (queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::recordNewest);
            } catch (RejectedExecutionException e) {
                // closed: record it on the caller's thread, as before there was a recorder
                recordNewest();
            }
        }
    }

    private void recordNewest() {
        queued.set(false);
        recordNow();
    }

    private synchronized void recordNow() {
        Head head = newest.get();
        if (head != null && head.seq() > recorded) {
            try {
                record.accept(head.seq(), head.hash());
                recorded = head.seq();
            } catch (RuntimeException e) {
                // the entries are in the database; only the extra protection against removing the newest is missing
                LOG.error("Could not record the audit chain's head (entry {}): {}", head.seq(), e.toString());
            }
        }
    }

    /** Returns once every head told before is recorded. */
    void flush() {
        try {
            thread.submit(this::recordNow).get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | TimeoutException e) {
            recordNow(); // closed (a task dropped by shutdownNow would never answer), or the thread is stuck in a write
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("recording the audit chain's head failed", e.getCause());
        }
    }

    /** Records what is waiting and stops the thread; a head told afterwards is recorded by its caller. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recordNow();
    }
}
