package dk.tidlig.store;

import java.time.Instant;

/** A delivered file and its outcome as recorded. */
public record FileRecord(
        long id,
        String tenant,
        String adapterId,
        String sourceSystem,
        String fileName,
        String sha256,
        long size,
        String status,
        long lines,
        long accepted,
        long duplicates,
        long quarantined,
        long skipped,
        String reason,
        Instant startedAt,
        Instant finishedAt) {
}
