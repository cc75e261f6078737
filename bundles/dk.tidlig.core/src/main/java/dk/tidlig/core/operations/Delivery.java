// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A delivered file as the operator sees it: what it was, how it ended or how far it is, and who or what delivered it.
 * The counts add up: {@code accepted + duplicates + quarantined + skipped = lines} (the lines stored so far while it runs).
 *
 * @param bytes       the file's size
 * @param bytesDone   about how many of its bytes are read and stored (for the progress of a running delivery)
 * @param linesDone   its last line stored
 * @param deliveredBy who or what delivered it ("inbox", "import by OS user ops"), or null when not recorded
 * @param reason      why it was refused or failed, in one line; null otherwise
 * @param progressAt  when it last made progress
 */
public record Delivery(long id, String adapterId, String sourceSystem, String fileName, long bytes, Status status, long lines, long accepted,
        long duplicates, long quarantined, long skipped, long linesDone, long bytesDone, String deliveredBy, String reason, Instant startedAt,
        Instant finishedAt, Instant progressAt) {

    /** How a delivery stands. */
    public enum Status {
        /** Being read now. */
        RUNNING,
        /** Every line is accounted for. */
        COMPLETED,
        /** Refused whole, for the reason given (wrong encoding, a trailer that does not add up, ...). */
        REJECTED,
        /** Storing it failed; what was stored stays, and delivering it again stores the rest. */
        FAILED,
        /** Its process died; the next start or import of the same file resumes it after its last stored line. */
        INTERRUPTED
    }

    /** Whether it has ended (completed, refused or failed). */
    public boolean ended() {
        return status != Status.RUNNING && status != Status.INTERRUPTED;
    }

    /** The part of the file read and stored, from 0 to 1: 1 for a completed delivery. */
    public double progress() {
        if (status == Status.COMPLETED) {
            return 1;
        }
        return bytes <= 0 ? 0 : Math.min(1, (double) bytesDone / bytes);
    }

    /** How long it ran, or has run until {@code now}. */
    public Duration duration(Instant now) {
        Instant end = finishedAt != null ? finishedAt : ended() && progressAt != null ? progressAt : now;
        return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }

    /** Lines stored per second over its run so far; empty before a second has passed. */
    public OptionalDouble linesPerSecond(Instant now) {
        double seconds = duration(now).toMillis() / 1000.0;
        return seconds < 1 ? OptionalDouble.empty() : OptionalDouble.of(lines / seconds);
    }

    /** Of a running delivery, about how long it still needs at its rate so far; empty when that cannot be told yet. */
    public Optional<Duration> timeLeft(Instant now) {
        if (status != Status.RUNNING || bytesDone <= 0 || bytes <= 0) {
            return Optional.empty();
        }
        long ms = duration(now).toMillis();
        if (ms < 1000) {
            return Optional.empty();
        }
        double left = (double) Math.max(0, bytes - bytesDone) * ms / bytesDone;
        return Optional.of(Duration.ofMillis((long) left));
    }
}
