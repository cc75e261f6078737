// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.audit;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;

/**
 * The audit trail: append-only and hash-chained with a key kept outside the database, so that
 * {@link #verify()} finds an entry that was altered, inserted or removed, and says which.
 *
 * <p>Entries never hold a CPR number, a name or an address; {@link #record} refuses a subject or
 * detail that looks like a CPR number. Entries about a family never hold its family id: see
 * {@link #recordFamily}.
 */
@ProviderType
public interface AuditTrail {

    /** What is audited. */
    enum Action {
        SIGN_IN, SIGN_IN_REFUSED, SIGN_OUT, LIST_VIEW, EXPLANATION_VIEW, REIDENTIFY, STATE_CHANGE, DISPUTE, DECLINE, EXPORT, ACCESS_REPORT,
        ACCESS_REPORT_REVIEW, AUDIT_VIEW, CONFIG_CHANGE, ADAPTER_DEPLOYED, ADAPTER_REMOVED, DELIVERY_OPENED, DELIVERY_REPROCESSED, SCORE_RUN,
        PURGE, ACCESS_REFUSED, EVALUATION, MODEL_FITTED, ACTIVATION_REQUESTED, ACTIVATION_APPROVED, ACTIVATION_REFUSED, ACTIVATION_WITHDRAWN,
        EFFECT_EVALUATION, EVIDENCE_EXPORT, OFFER_LOTTERY, AUDIT_PURGED, QUARANTINE_OPENED, QUARANTINE_RESOLVED, DISPUTE_WITHDRAWN,
        KEYS_REKEYED
    }

    AuditEntry record(Actor actor, Action action, String subject, String detail);

    /**
     * Records a refusal ({@link Action#ACCESS_REFUSED}) and gives the exception to throw, so that no role or municipality
     * is refused off the record: {@code throw audit.refuse(actor, "the models page", "the models page is for …")}.
     *
     * @param what what was refused, in words that identify nobody (the trail says for which role)
     * @param why  the message for the user, without personal data
     */
    default AccessDeniedException refuse(Actor actor, String what, String why) {
        record(actor, Action.ACCESS_REFUSED, "", what + " refused for role " + actor.role());
        return new AccessDeniedException(why);
    }

    /**
     * Records an entry about a family. The entry names the family by its audit reference, a random value
     * whose only link to the family id is a row that a decline deletes; {@code sealedDetail} (e.g. which data
     * point was disputed) is sealed with the family's own key and can be read only while that row exists.
     *
     * @param detail       what was done, in words that identify nobody (a state, a purpose code, a count)
     * @param sealedDetail more, readable only while the family has not declined; or null
     */
    AuditEntry recordFamily(Actor actor, Action action, String familyId, String detail, String sealedDetail);

    /** Checks the whole chain. */
    Verification verify();

    /**
     * Deletes the entries older than {@code cut} (the audit trail's retention), from the oldest and never the newest, and
     * records the purge in the trail of each municipality whose entries it deleted, with their number. The chain (one for
     * the installation) still verifies: it starts at the first entry kept, whose predecessor's hash is kept with a MAC
     * under the audit key.
     *
     * @return the entries deleted, per municipality
     */
    java.util.Map<String, Long> purgeBefore(Instant cut);

    /**
     * The last check of the whole chain if it is younger than {@code maxAge}, else a new one; concurrent callers share
     * one check. For pages that show the chain's state: a flood of views costs at most one check per {@code maxAge}.
     */
    Verification verify(java.time.Duration maxAge);

    /**
     * Which entries to find; null fields are left out.
     *
     * @param familyId  only the entries about this family (none once it declined)
     * @param beforeSeq only entries older than this one (paging back)
     */
    record Query(String tenant, Action action, String actor, String familyId, Instant from, Instant to, Long beforeSeq, int limit) {
    }

    /**
     * An entry as shown to an auditor.
     *
     * @param familyId     the family the entry is about while that can still be told; null otherwise
     * @param sealedDetail the sealed part of the detail, opened; null when there is none or it can no longer be opened
     */
    record Shown(AuditEntry entry, String familyId, String sealedDetail) {
    }

    /** A tenant's entries, newest first, with the families they concern where that can still be told. */
    List<Shown> search(Query query);

    /**
     * The users who may have opened more than {@code limit} different families within an hour since the moment given: those
     * with more than half as many in some whole clock hour (a sliding hour with more than {@code limit} spans at most two
     * clock hours, so one of them holds more than half). Their entries then tell exactly; nobody else's need be read.
     */
    List<String> possiblyBusy(String tenant, java.util.Set<Action> actions, Instant since, int limit);

    /** A tenant's entries, newest first; null filters are left out. */
    default List<AuditEntry> find(String tenant, Action action, String actor, Instant from, Instant to, int limit) {
        return search(new Query(tenant, action, actor, null, from, to, null, limit)).stream().map(Shown::entry).toList();
    }

    /** The outcome of a verification: how many entries were read and what was wrong, in chain order. */
    record Verification(long entries, String lastHash, List<Problem> problems, Instant checkedAt) {
        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean intact() {
            return problems.isEmpty();
        }
    }

    /** Something wrong at one place in the chain. */
    record Problem(long seq, String description) {
    }
}
