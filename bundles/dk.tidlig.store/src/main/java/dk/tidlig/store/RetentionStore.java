// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Removes data past its retention, table by table, for one municipality at a time. */
@ProviderType
public interface RetentionStore {

    /** The municipalities the database holds data of. */
    Set<String> tenants();

    /**
     * The cut-offs of one purge. Everything before its cut-off goes:
     *
     * @param eventsEndedBefore  risk events that ended (or, for dated events, happened) before the day; a period
     *                           without an end is still going on and is kept
     * @param notDeliveredSince  persons, residences, relations and vault entries no delivery has held since the day
     *                           (with the events of persons of whom nothing else is left)
     * @param runsStartedBefore  score runs begun before the day, except each municipality's newest, with their results
     * @param casesClosedBefore  outreach cases closed before the day, with their steps
     * @param quarantinedBefore  quarantined lines put aside before the day
     * @param requestsBefore     access requests registered before the day
     * @param today              suppressions that ended before today
     */
    record Policy(LocalDate eventsEndedBefore, LocalDate notDeliveredSince, LocalDate runsStartedBefore, LocalDate casesClosedBefore,
            LocalDate quarantinedBefore, LocalDate requestsBefore, LocalDate today) {
    }

    /**
     * Deletes the municipality's data past the policy's cut-offs, in batches (what is deleted is no longer held, so a
     * re-delivered old file stores it again only if it is still within retention), the marks on deleted events, and the audit references of families no longer scored and without a case.
     *
     * @return how many rows were deleted, per table
     */
    Map<String, Integer> purge(String tenant, Policy policy);
}
