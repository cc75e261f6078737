package dk.tidlig.store;

import java.time.LocalDate;

import org.osgi.annotation.versioning.ProviderType;

/** Removes data past its retention. */
@ProviderType
public interface RetentionStore {

    /**
     * Deletes the tenant's risk events (with their detail codes) that ended — or, for dated events,
     * happened — before the day. A period without an end is still going on and is kept. The ingest ledger keeps their keyed hashes, so a re-delivered old file
     * does not bring them back.
     *
     * @return how many events were deleted
     */
    int purgeEvents(String tenant, LocalDate endedBefore);
}
