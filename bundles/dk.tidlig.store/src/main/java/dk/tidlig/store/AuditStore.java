// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/** The audit trail's table: append-only; nothing here updates or deletes an entry. */
@ProviderType
public interface AuditStore {

    /**
     * Appends an entry at the end of the chain. Appends are serialised: the store gives the draft its
     * sequence number and the previous entry's hash, asks {@code hasher} for the entry's hash, and
     * stores it.
     *
     * @return the stored entry
     */
    AuditRecord append(AuditRecord draft, Function<AuditRecord, String> hasher);

    /**
     * Appends several entries in one transaction, in order, each chained to the one before (a group commit: one commit
     * for all of them). Either all are stored or none.
     *
     * @return the entries as stored, in the order given
     */
    default java.util.List<AuditRecord> appendAll(java.util.List<AuditRecord> drafts, Function<AuditRecord, String> hasher) {
        java.util.List<AuditRecord> out = new java.util.ArrayList<>(drafts.size());
        for (AuditRecord d : drafts) {
            out.add(append(d, hasher));
        }
        return out;
    }

    /** Every entry, in chain order, for verification. */
    void forEach(Consumer<AuditRecord> each);

    /**
     * Where the chain starts once its oldest entries were deleted by retention.
     *
     * @param seq          the first entry kept
     * @param prevHash     the hash of the entry before it (deleted)
     * @param purgedBefore entries older than this were deleted
     * @param mac          the start's MAC under the audit key of {@code keyGeneration}
     */
    record Start(long seq, String prevHash, Instant purgedBefore, int keyGeneration, String mac) {
    }

    /** The chain's start after a purge; empty while no entry was ever deleted (the chain starts at entry 1). */
    java.util.Optional<Start> start();

    /**
     * Deletes the entries older than {@code cut}, from the oldest, never the newest entry: the start is written first
     * (with the MAC {@code mac} gives it), then the entries before it, in batches, so that a purge stopped half-way leaves
     * a chain that verifies and is finished by the next.
     *
     * @return the entries deleted, per municipality
     */
    java.util.Map<String, Long> purgeBefore(Instant cut, int keyGeneration, Function<Start, String> mac);

    /**
     * Which entries to find; null fields are left out.
     *
     * @param action    only this action
     * @param actor     only this actor
     * @param subject   only entries about this subject (e.g. a family's audit reference)
     * @param from      from this time
     * @param to        before this time
     * @param beforeSeq only entries older than this one (paging back through the trail)
     * @param limit     at most this many
     */
    record Query(String tenant, String action, String actor, String subject, Instant from, Instant to, Long beforeSeq, int limit) {
    }

    /** A tenant's entries, newest first. */
    List<AuditRecord> find(Query query);

    /**
     * The actors who, in some whole clock hour since the moment given, have entries of these actions on at least
     * {@code atLeast} different subjects; counted by the database, so no entry is read.
     */
    List<String> actorsWithManySubjectsInAnHour(String tenant, List<String> actions, java.time.Instant since, int atLeast);
}
