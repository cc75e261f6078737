// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;

/**
 * A delivered file and its outcome as recorded. The counts are those of the lines stored so far (each chunk
 * adds its own with its rows); {@code linesDone} is the last line stored; {@code owner} the process that ingests or
 * ingested it ({@code pid@host/start}); {@code archiveId} its sealed copy in the archive of deliveries, if any;
 * {@code progressAt} when it last made progress (its start, a stored chunk, a take-over), or null when not known;
 * {@code bytesDone} about how many of its bytes are read and stored (the characters of its stored lines: for a progress
 * bar, not exact for multi-byte text); {@code deliveredBy} who or what delivered it ("inbox", "import by OS user …"), or
 * null when not recorded.
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
        Instant progressAt,
        long bytesDone,
        String deliveredBy) {

    /** A record without progress in bytes or origin (as versions before 4.2 gave it). */
    public FileRecord(long id, String tenant, String adapterId, String sourceSystem, String fileName, String sha256, long size, String status,
            long lines, long accepted, long duplicates, long quarantined, long skipped, long linesDone, String owner, String archiveId,
            String reason, Instant startedAt, Instant finishedAt, Instant progressAt) {
        this(id, tenant, adapterId, sourceSystem, fileName, sha256, size, status, lines, accepted, duplicates, quarantined, skipped, linesDone,
                owner, archiveId, reason, startedAt, finishedAt, progressAt, 0, null);
    }
}
