// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chain's head is recorded on a thread of its own, newest first, never older after newer, and all of it by a flush. */
@Timeout(20) // a recorder that makes its caller wait would otherwise hold the test for ever
class HeadRecorderTest {

    final List<Long> recorded = new CopyOnWriteArrayList<>();
    final CountDownLatch recording = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final HeadRecorder recorder = new HeadRecorder((seq, hash) -> {
        recording.countDown();
        try {
            release.await(); // the head file's fsync, held as long as the test likes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorded.add(seq);
    });

    @AfterEach
    void close() {
        release.countDown();
        recorder.close();
    }

    @Test
    void theCallerDoesNotWaitForTheHeadToBeWritten() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recorder.accept(1L, "a"), "a caller waited for the head's fsync");
        assertThat(recording.await(5, TimeUnit.SECONDS)).as("recorded on the recorder's thread meanwhile").isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> recorder.accept(2L, "b"), "a caller waited for the head being written");
        assertThat(recorded).isEmpty();
    }

    @Test
    void headsToldWhileOneIsWrittenAreFoldedIntoTheNewestAndNoOlderOneFollows() throws Exception {
        recorder.accept(1L, "a");
        assertThat(recording.await(5, TimeUnit.SECONDS)).isTrue();
        recorder.accept(3L, "c");
        recorder.accept(2L, "b"); // told late, by a group that let go of the writer's lock first
        recorder.accept(4L, "d");
        release.countDown();
        recorder.flush();
        assertThat(recorded).containsExactly(1L, 4L);
        recorder.accept(4L, "d");
        recorder.accept(3L, "c");
        recorder.flush();
        assertThat(recorded).as("nothing older than what is recorded is written again").containsExactly(1L, 4L);
    }

    @Test
    void flushReturnsOnlyOnceEveryHeadToldIsRecorded() throws Exception {
        recorder.accept(7L, "g");
        Thread flusher = new Thread(recorder::flush);
        flusher.start();
        flusher.join(200);
        assertThat(flusher.isAlive()).as("flush waits while the head is being written").isTrue();
        release.countDown();
        flusher.join(5_000);
        assertThat(flusher.isAlive()).isFalse();
        assertThat(recorded).containsExactly(7L);
    }

    @Test
    void closingRecordsWhatWaitsAndAHeadToldAfterwardsIsRecordedByItsCaller() {
        release.countDown();
        recorder.accept(5L, "e");
        recorder.close();
        assertThat(recorded).containsExactly(5L);
        recorder.accept(6L, "f");
        assertThat(recorded).as("recorded before accept returned").containsExactly(5L, 6L);
        recorder.accept(7L, "g");
        recorder.flush();
        assertThat(recorded).as("and every one after it").containsExactly(5L, 6L, 7L);
    }
}
