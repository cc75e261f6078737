package dk.tidlig.core.audit;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.Actor;
import dk.tidlig.store.AuditRecord;

/**
 * The audit trail: append-only and hash-chained with a key kept outside the database, so that
 * {@link #verify()} finds an entry that was altered, inserted or removed, and says which.
 *
 * <p>Entries never hold a CPR number, a name or an address; {@link #record} refuses a subject or
 * detail that looks like a CPR number.
 */
@ProviderType
public interface AuditTrail {

    /** What is audited. */
    enum Action {
        SIGN_IN, SIGN_IN_REFUSED, SIGN_OUT, LIST_VIEW, REIDENTIFY, STATE_CHANGE, DISPUTE, DECLINE, EXPORT, ACCESS_REPORT, AUDIT_VIEW,
        CONFIG_CHANGE, SCORE_RUN, PURGE, ACCESS_REFUSED
    }

    AuditRecord record(Actor actor, Action action, String subject, String detail);

    /** Checks the whole chain. */
    Verification verify();

    /** A tenant's entries, newest first; null filters are left out. */
    List<AuditRecord> find(String tenant, Action action, String actor, Instant from, Instant to, int limit);

    /** The outcome of a verification: how many entries were read and what was wrong, in chain order. */
    record Verification(long entries, String lastHash, List<Problem> problems) {
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
