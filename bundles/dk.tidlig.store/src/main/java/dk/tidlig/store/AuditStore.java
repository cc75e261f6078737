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

    /** Every entry, in chain order, for verification. */
    void forEach(Consumer<AuditRecord> each);

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
}
