package dk.tidlig.store;

import java.time.Instant;

/**
 * A delivered file and its outcome as recorded. The counts are those of the lines stored so far (each chunk
 * adds its own with its rows); {@code linesDone} is the last line stored; {@code owner} the process that ingests or
 * ingested it ({@code pid@host/start}); {@code archiveId} its sealed copy in the archive of deliveries, if any;
 * {@code progressAt} when it last made progress (its start, a stored chunk, a take-over), or null when not known.
 */
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
        long linesDone,
        String owner,
        String archiveId,
        String reason,
        Instant startedAt,
        Instant finishedAt,
        Instant progressAt) {
}
