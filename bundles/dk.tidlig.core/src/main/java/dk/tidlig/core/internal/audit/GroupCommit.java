// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dk.tidlig.store.AuditRecord;
import dk.tidlig.store.AuditStore;

/**
 * Appends to the audit trail in groups: the entries of concurrent callers are stored in one transaction (one commit,
 * one pass of the chain's locks) instead of one each. The first caller that finds no group being written writes every
 * entry waiting; the others wait for their entry to be stored. Each caller returns only once its entry is stored (or
 * with the group's error), so nothing that needs an audit entry goes ahead without one.
 * <p>
 * Whoever lets go of the writer's lock looks at the queue once more afterwards: an entry queued after the writer's
 * last look, while the lock was still held, is written at once instead of waiting for its caller's next try. Every
 * entry is queued before its caller tries the lock, so either the caller gets the lock or the holder's look after
 * letting go sees the entry.
 */
final class GroupCommit {

    /** At most this many entries in one transaction. */
    static final int MAX_GROUP = 200;

    record Pending(AuditRecord draft, CompletableFuture<AuditRecord> stored) {
    }

    private final AuditStore store;
    private final Function<AuditRecord, String> hasher;
    /**
     * Told the last entry stored (the chain's head, kept beside the key file) once the writer has let go of its lock: once
     * per turn at the lock, not per entry; the group's other callers may have returned by then.
     */
    private final java.util.function.BiConsumer<Long, String> stored;
    private final java.util.Queue<Pending> waiting;
    /** How long a caller waits for its entry before it looks at the lock again: a safeguard, not what wakes it. */
    private final java.time.Duration poll;
    private final ReentrantLock writer = new ReentrantLock();

    GroupCommit(AuditStore store, Function<AuditRecord, String> hasher, java.util.function.BiConsumer<Long, String> stored) {
        this(store, hasher, stored, new ConcurrentLinkedQueue<>(), java.time.Duration.ofMillis(20));
    }

    /** @param waiting the queue of entries not yet taken into a group: thread-safe, and empty */
    GroupCommit(AuditStore store, Function<AuditRecord, String> hasher, java.util.function.BiConsumer<Long, String> stored,
            java.util.Queue<Pending> waiting, java.time.Duration poll) {
        this.store = store;
        this.hasher = hasher;
        this.stored = stored;
        this.waiting = waiting;
        this.poll = poll;
    }

    /** Stores the entry, with others waiting at the same time; returns it as stored. */
    AuditRecord append(AuditRecord draft) {
        Pending mine = new Pending(draft, new CompletableFuture<>());
        waiting.add(mine);
        writeWhileWaiting();
        while (!mine.stored().isDone()) {
            try {
                mine.stored().get(poll.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                writeWhileWaiting();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the audit trail");
            } catch (ExecutionException e) {
                break;
            }
        }
        try {
            return mine.stored().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Writes the waiting entries unless another thread holds the writer's lock, and looks again after letting go of it,
     * so that no entry is left waiting for a lock nobody holds. The chain's head is told after letting go, so that the next
     * group never waits for it; in the server it is written on a thread of its own ({@link HeadRecorder}), since its file
     * is written with an fsync (10–22 ms at times while a delivery ran). Heads told out of turn keep the newest.
     */
    private void writeWhileWaiting() {
        while (!waiting.isEmpty() && writer.tryLock()) {
            AuditRecord last;
            try {
                last = writeWaiting();
            } finally {
                writer.unlock();
            }
            if (last != null) {
                stored.accept(last.seq(), last.hash());
            }
        }
    }

    /**
     * Under the writer lock: stores the waiting entries, a group at a time, until none waits, and hands each group's
     * callers their entries.
     *
     * @return the last entry stored, or null
     */
    private AuditRecord writeWaiting() {
        AuditRecord newest = null;
        while (true) {
            List<Pending> group = new ArrayList<>();
            Pending p;
            while (group.size() < MAX_GROUP && (p = waiting.poll()) != null) {
                group.add(p);
            }
            if (group.isEmpty()) {
                return newest;
            }
            try {
                List<AuditRecord> entries = store.appendAll(group.stream().map(Pending::draft).toList(), hasher);
                newest = entries.get(entries.size() - 1);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).stored().complete(entries.get(i));
                }
            } catch (RuntimeException e) {
                group.forEach(g -> g.stored().completeExceptionally(e));
            }
        }
    }
}
