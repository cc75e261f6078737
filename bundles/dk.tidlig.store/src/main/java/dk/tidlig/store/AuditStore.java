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
     * A tenant's entries, newest first.
     *
     * @param action only this action, or null for all
     * @param actor  only this actor, or null for all
     * @param from   from this time, or null
     * @param to     before this time, or null
     */
    List<AuditRecord> find(String tenant, String action, String actor, Instant from, Instant to, int limit);
}
