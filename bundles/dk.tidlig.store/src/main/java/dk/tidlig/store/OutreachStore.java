// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.PersonId;

/** Outreach cases, their steps, suppressions after a decline, disputed data points and erasure. */
@ProviderType
public interface OutreachStore {

    /** A family's outreach case; {@code version} counts its changes. */
    record CaseRow(String familyId, String state, String assignedTo, Instant updatedAt, String updatedBy, int version) {
    }

    /**
     * One step of a case's history.
     *
     * @param contact the contact the step records, or null
     */
    record StepRow(String state, String assignedTo, Instant at, String actor, Contact contact) {
        public StepRow(String state, String assignedTo, Instant at, String actor) {
            this(state, assignedTo, at, actor, null);
        }
    }

    /**
     * A contact with a family.
     *
     * @param channel a code from the outreach's fixed list
     * @param note    the worker's note, sealed with the vault's key; null for none
     */
    record Contact(LocalDate date, String channel, Sealed note) {
    }

    /**
     * A data point marked as disputed or wrong.
     *
     * @param reason why, a code from a fixed list; null for marks made before reasons were asked
     */
    record DisputeRow(String sourceSystem, String sourceRecordId, String kind, Instant markedAt, String markedBy, String reason) {
        public DisputeRow(String sourceSystem, String sourceRecordId, String kind, Instant markedAt, String markedBy) {
            this(sourceSystem, sourceRecordId, kind, markedAt, markedBy, null);
        }
    }

    /**
     * A worker's working session on an opened case: until {@code expiresAt} the case's page shows without a new opening,
     * as long as the run it showed is still the latest.
     */
    record WorkingSession(String familyId, String user, String purpose, Instant openedAt, Instant expiresAt, long runId) {
    }

    /**
     * What an erasure removed.
     *
     * @param familyScores the family's score results, one per run it was scored in
     * @param steps        the steps of its outreach case (the case itself included)
     * @param disputes     marks on data points that concerned this family only
     * @param identities   vault entries (CPR number, name, address) of persons of no other family
     * @param reference    whether the link between the family and its audit entries was destroyed
     */
    record Erasure(int familyScores, int steps, int disputes, int identities, boolean reference) {
    }

    /**
     * The random reference audit entries name a family by, and the family's key that seals their details.
     * The link lives only in this row; a decline deletes it.
     */
    record FamilyReference(String familyId, String reference, byte[] secret) {
        @Override
        public String toString() {
            return "FamilyReference[" + reference + "]";
        }
    }

    Optional<CaseRow> findCase(String tenant, String familyId);

    /** The tenant's cases that are still being worked (not closed or declined). */
    List<CaseRow> openCases(String tenant);

    /** Every case of the tenant, closed ones included (declined ones are erased). */
    List<CaseRow> allCases(String tenant);

    /** A step with the family it belongs to, for overviews. */
    record TenantStep(String familyId, String state, String assignedTo, Instant at) {
    }

    /** The tenant's case steps since the moment, oldest first. */
    List<TenantStep> stepsSince(String tenant, Instant since);

    /** The day of the first run that flagged each of these families, by family id (families never flagged are absent). */
    Map<String, LocalDate> firstFlagged(String tenant, Collection<String> familyIds);

    /** The cases of these families, by family id. */
    Map<String, CaseRow> cases(String tenant, Collection<String> familyIds);

    /**
     * In one read, what a worklist needs: the tenant's cases still being worked, oldest change first, followed by the
     * cases of these families that are not (closed ones), so that a list of them and the open cases costs one query.
     */
    List<CaseRow> openCasesAnd(String tenant, Collection<String> familyIds);

    /**
     * Moves a case to a state (creating it at version 1 when {@code expectedVersion} is 0) and records the
     * step.
     *
     * @throws ConflictException when the case's version is not {@code expectedVersion}: someone else
     *                           changed it first
     */
    CaseRow transition(String tenant, String familyId, int expectedVersion, String state, String assignedTo, String actor, Instant at);

    /** As {@link #transition(String, String, int, String, String, String, Instant)}, recording a contact with the step. */
    CaseRow transition(String tenant, String familyId, int expectedVersion, String state, String assignedTo, String actor, Instant at, Contact contact);

    /** Starts the user's working session on the family, or renews it; the tenant's expired sessions are deleted. */
    void startWorking(String tenant, String user, String familyId, String purpose, Instant openedAt, Instant expiresAt, long runId);

    /** The user's working session on the family, unless it has expired by {@code now}. */
    Optional<WorkingSession> working(String tenant, String user, String familyId, Instant now);

    /**
     * Ends the user's working sessions.
     *
     * @param familyId the family whose session ends, or null for all of the user's
     * @return how many ended
     */
    int stopWorking(String tenant, String user, String familyId);

    List<StepRow> steps(String tenant, String familyId);

    /**
     * The family's audit reference, created (random reference, random key) the first time it is asked for.
     *
     * @param reference the new reference to use when the family has none yet (random, made by the caller)
     * @param secret    the new key to use with it
     */
    FamilyReference reference(String tenant, String familyId, String reference, byte[] secret);

    /** The families these references still name, by reference; a reference whose family declined is absent. */
    Map<String, FamilyReference> byReference(String tenant, Collection<String> references);

    /** The family's reference, if it has one. */
    Optional<FamilyReference> referenceOf(String tenant, String familyId);

    /** Keeps the families of these markers (keyed hashes of children's CPR numbers) off the lists until the day (inclusive). */
    void suppress(String tenant, Collection<byte[]> markers, LocalDate until);

    /** As {@link #suppress(String, Collection, LocalDate)}, for a household in the trial: its markers also follow up its outcome. */
    void suppress(String tenant, Collection<byte[]> markers, LocalDate until, Long trialAllocation);


    /** The markers (hex) in force on the day. */
    Set<String> suppressionMarkers(String tenant, LocalDate day);

    /** Marks a data point; marking it again replaces the mark. */
    void dispute(String tenant, String sourceSystem, String sourceRecordId, String kind, String actor, Instant at);

    /** Marks a data point with the reason; marking it again replaces the mark. */
    void dispute(String tenant, String sourceSystem, String sourceRecordId, String kind, String reason, String actor, Instant at);

    /** Withdraws a data point's mark: it counts again from the next run. @return whether there was a mark */
    boolean withdrawDispute(String tenant, String sourceSystem, String sourceRecordId);

    List<DisputeRow> disputes(String tenant);

    /**
     * Erases a family that declined, and nothing of any other family, in one transaction: its score results
     * in every run (with their contributions and members), its outreach case and steps, the marks on data
     * points that contributed to it and to no other family, the vault entries of those of {@code persons}
     * who belong to no other scored family (so that the next delivery of the register stores them again), its
     * audit reference and every working session on it.
     */
    Erasure erase(String tenant, String familyId, Collection<PersonId> persons);

    /** Thrown when a case changed since it was read. */
    class ConflictException extends StoreException {
        private static final long serialVersionUID = 1L;

        public ConflictException(String message) {
            super(message);
        }
    }
}
