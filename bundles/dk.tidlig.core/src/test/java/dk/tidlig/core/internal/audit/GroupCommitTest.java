// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.store.AuditRecord;
import dk.tidlig.store.internal.JdbcAuditStore;

/** Concurrent appends share transactions and still make one unbroken chain, against a real MariaDB. */
class GroupCommitTest {

    @TempDir
    Path keysDir;
    CoreFixture core;

    @BeforeEach
    void start() throws Exception {
        core = CoreFixture.create("group-commit", keysDir);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    @Test
    void manyConcurrentAppendsAreEachStoredOnceInOneChainAndEachCallerGetsItsOwnEntry() throws Exception {
        int threads = 16;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "worker" + t;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    AuditEntry e = core.audit.record(new Actor(user, Role.OUTREACH_WORKER, "159"), Action.LIST_VIEW, "", "view " + i);
                    assertThat(e.actor()).as("the caller's own entry").isEqualTo(user);
                    assertThat(e.detail()).isEqualTo("view " + i);
                    assertThat(seqs.add(e.seq())).as("a sequence number of its own").isTrue();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(seqs).hasSize(threads * each);
        try (Connection c = core.db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*), MIN(seq), MAX(seq) FROM audit_entry WHERE action = 'LIST_VIEW'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(threads * each);
            assertThat(rs.getLong(3) - rs.getLong(2) + 1).as("no gaps").isEqualTo(threads * each);
        }
        assertThat(core.audit.verify().intact()).as("one unbroken chain").isTrue();
        Path head = core.keys.file().resolveSibling(core.keys.file().getFileName() + ".audit-head");
        assertThat(Files.readString(head)).as("the head beside the key file is the last entry").startsWith(seqs.stream().max(Long::compare)
                .orElseThrow() + " ");
    }

    @Test
    void anEntryQueuedAsTheWriterLetsGoIsWrittenAtOnceNotAtItsCallersNextTry() throws Exception {
        // the writer (this thread) is held at its last look at the queue, which finds it empty, until a second caller has
        // queued its entry, found the lock held and begun to wait; a caller waits a minute before it looks again here
        Thread[] second = new Thread[1];
        CompletableFuture<AuditRecord> secondStored = new CompletableFuture<>();
        AtomicInteger groups = new AtomicInteger();
        AtomicInteger emptyLooks = new AtomicInteger();
        GroupCommit[] group = new GroupCommit[1];
        Queue<GroupCommit.Pending> queue = new ConcurrentLinkedQueue<>() {
            @Override
            public GroupCommit.Pending poll() {
                GroupCommit.Pending p = super.poll();
                // the first empty look ends the first group, the second comes after it is stored: the writer's last
                if (p == null && emptyLooks.incrementAndGet() == 2 && second[0] == null) {
                    second[0] = new Thread(() -> {
                        try {
                            secondStored.complete(group[0].append(draft("second")));
                        } catch (RuntimeException e) {
                            secondStored.completeExceptionally(e);
                        }
                    });
                    second[0].start();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (second[0].getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    assertThat(second[0].getState()).as("the second caller waits for its entry").isEqualTo(Thread.State.TIMED_WAITING);
                    assertThat(isEmpty()).as("its entry is queued").isFalse();
                    return null; // the look that found the queue empty, a moment ago
                }
                return p;
            }
        };
        group[0] = groupCommit((seq, hash) -> groups.incrementAndGet(), queue, Duration.ofMinutes(1));

        long start = System.nanoTime();
        assertThat(group[0].append(draft("first")).seq()).isEqualTo(1);
        assertThat(secondStored.get(20, TimeUnit.SECONDS).seq()).as("stored by the writer as it let go, not a minute later").isEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
        assertThat(groups.get()).as("each turn at the lock records the head").isEqualTo(2);
    }

    @Test
    void theNextGroupIsStoredWhileTheHeadOfTheOneBeforeIsRecorded() throws Exception {
        // recording the head (a file written with an fsync) held every waiting caller for 10-22 ms at times; it is done
        // after the writer has let go of the lock, so here the first group's head is held until the second is stored
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> heads = java.util.Collections.synchronizedList(new ArrayList<>());
        GroupCommit group = groupCommit((seq, hash) -> {
            heads.add(seq);
            if (seq == 1) {
                recording.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, new ConcurrentLinkedQueue<>(), Duration.ofMillis(20));
        CompletableFuture<AuditRecord> first = CompletableFuture.supplyAsync(() -> group.append(draft("first")));
        assertThat(recording.await(30, TimeUnit.SECONDS)).as("the first group's head is being recorded").isTrue();
        try {
            CompletableFuture<AuditRecord> second = CompletableFuture.supplyAsync(() -> group.append(draft("second")));
            assertThat(second.get(20, TimeUnit.SECONDS).seq()).as("stored meanwhile").isEqualTo(2);
            assertThat(heads).containsExactly(1L, 2L);
        } finally {
            release.countDown();
        }
        assertThat(first.get(20, TimeUnit.SECONDS).seq()).isEqualTo(1);
    }

    /** A group commit on the test's database, with a plain hash of the sequence number. */
    private GroupCommit groupCommit(BiConsumer<Long, String> stored, Queue<GroupCommit.Pending> waiting, Duration poll) {
        return new GroupCommit(new JdbcAuditStore(core.database), r -> String.format("%064x", r.seq()), stored, waiting, poll);
    }

    private static AuditRecord draft(String detail) {
        return AuditRecord.draft("159", java.time.Instant.now(), "worker", Role.OUTREACH_WORKER.name(), Action.LIST_VIEW.name(),
                "", detail, 1);
    }
}
