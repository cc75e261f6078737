// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Persistence of the ingest pipeline: deliveries, idempotent batched writes, quarantine. */
@ProviderType
public interface IngestStore {

    /** Records the start of a delivery and returns its id. */
    default long beginFile(String tenant, String adapterId, String sourceSystem, String fileName, String sha256, long size) {
        return beginFile(tenant, adapterId, sourceSystem, fileName, sha256, size, null, null);
    }

    /**
     * Records the start of a delivery by a process and returns its id.
     *
     * @param owner     the process ingesting it, to tell a delivery whose process died from one still running
     * @param archiveId its sealed copy in the archive of deliveries, or null for a file read where it is
     */
    default long beginFile(String tenant, String adapterId, String sourceSystem, String fileName, String sha256, long size, String owner,
            String archiveId) {
        return beginFile(tenant, adapterId, sourceSystem, fileName, sha256, size, owner, archiveId, null);
    }

    /**
     * Records the start of a delivery by a process and returns its id.
     *
     * @param owner       the process ingesting it, to tell a delivery whose process died from one still running
     * @param archiveId   its sealed copy in the archive of deliveries, or null for a file read where it is
     * @param deliveredBy who or what delivered it, in words that identify no citizen ("inbox", "import by OS user ops"); or null
     */
    long beginFile(String tenant, String adapterId, String sourceSystem, String fileName, String sha256, long size, String owner, String archiveId,
            String deliveredBy);

    /** Deliveries still RUNNING (or whose process died) or INTERRUPTED, oldest first; null for any tenant or adapter. */
    List<FileRecord> unfinished(String tenant, String adapterId);

    /**
     * Takes over an unfinished delivery as it was seen: true when it still was so (the same owner, null for none, and
     * no progress since) and is now this owner's, RUNNING again; false when it made progress meanwhile, another process
     * took it over first, or it ended.
     */
    boolean claim(FileRecord seen, String owner);

    /** Marks a RUNNING delivery of a process that died as INTERRUPTED, with the reason; false when it is not that owner's any more. */
    boolean interrupted(long fileId, String expectedOwner, String reason);

    /**
     * Stores a batch of lines in one transaction. A row held (by its key, see {@link Row#ledgerKey()}) with the same
     * content hash, whichever source delivered it, is a duplicate and not written again; a retraction removes the held event with its id. A line is
     * {@link LineResult#STORED} when at least one of its rows changed what is held.
     *
     * @return what became of each line, in order
     */
    LineResult[] write(String tenant, String sourceSystem, long fileId, List<LineRows> lines);

    void quarantine(String tenant, long fileId, List<QuarantineRow> rows);

    /**
     * Stores a chunk of a delivery in one transaction: its lines as {@link #write} does, its quarantined lines,
     * and the delivery's progress (its counts grow by the chunk's, and its last stored line becomes the chunk's
     * last). Either all of it is stored or none of it, so an interrupted delivery's record always says what is held.
     *
     * @return what became of each of the chunk's stored lines, in order
     */
    LineResult[] writeChunk(String tenant, String sourceSystem, long fileId, IngestChunk chunk);

    /**
     * As {@link #writeChunk(String, String, long, IngestChunk)}, handed over while the delivery's chunk before it may still
     * be being stored on another thread. The chunks are committed in their order all the same: this one only after
     * {@code beforeStored} completed with true, and not at all (a {@link StoreException}) when it completed otherwise, so
     * the delivery's progress never passes a chunk that is not stored. A store may write this chunk's rows meanwhile, on a
     * connection of its own, where that cannot change what either chunk finds held; this one waits for the chunk before.
     *
     * @param before       the chunk handed over just before this one, or null for the delivery's first
     * @param beforeStored completes with whether {@code before} was stored (completed for the first)
     */
    default LineResult[] writeChunk(String tenant, String sourceSystem, long fileId, IngestChunk chunk, IngestChunk before,
            java.util.concurrent.CompletionStage<Boolean> beforeStored) {
        if (!Boolean.TRUE.equals(beforeStored.toCompletableFuture().exceptionally(e -> false).join())) {
            throw new StoreException("the chunk of delivery " + fileId + " before lines up to " + chunk.lastLine() + " was not stored");
        }
        return writeChunk(tenant, sourceSystem, fileId, chunk);
    }

    /**
     * Records how the delivery ended, if it is still this owner's.
     *
     * @param owner the process that read it ({@code pid@host/start}; null for a delivery without one)
     * @return false when another process took the delivery over: nothing was recorded
     */
    boolean endFile(long fileId, String owner, String status, long lines, long accepted, long duplicates, long quarantined, long skipped,
            String reason);

    Optional<FileRecord> file(long fileId);

    /** Deliveries of a file with this content, newest first. */
    List<FileRecord> filesWithContent(String sha256);

    /**
     * The municipality's deliveries, newest first.
     *
     * @param adapterId only this adapter's, or null for all
     * @param limit     at most this many
     */
    List<FileRecord> deliveries(String tenant, String adapterId, int limit);

    /** Per adapter of the municipality, when its last delivery that completed was received. */
    java.util.Map<String, java.time.Instant> lastCompleted(String tenant);

    /**
     * The municipality's quarantined lines, a delivery's first by line, newest delivery first; never their content.
     *
     * @param fileId   only this delivery's, or null for all
     * @param openOnly only those no later delivery resolved
     */
    List<QuarantineEntry> quarantined(String tenant, Long fileId, boolean openOnly, int limit);

    /** A quarantined line of the municipality with its sealed content. */
    Optional<QuarantineEntry.Content> quarantinedLine(String tenant, long id);

    /**
     * Marks a delivery's open quarantined lines as resolved by a later delivery (their corrected lines), and those of
     * every other delivery of the same content through the same adapter before it (the same file delivered again).
     *
     * @return how many lines it resolved
     */
    int resolveQuarantine(String tenant, long fileId, long byFileId);
}
