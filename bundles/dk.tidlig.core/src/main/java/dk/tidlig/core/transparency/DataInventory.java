// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.transparency;

import java.util.List;
import java.util.Set;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.model.Indicator;

/**
 * What tidlig processes, generated from the deployed adapters, for the municipality's data protection
 * impact assessment.
 *
 * @param eventRetentionMonths how long events are kept (0 when no retention is configured)
 * @param suppressionMonths    how long a family that declined is kept off the lists
 * @param retention            how long each kind of data about people is kept, from the retention's configuration
 */
public record DataInventory(List<Source> sources, int eventRetentionMonths, int suppressionMonths, List<Retention> retention) {

    public DataInventory {
        sources = List.copyOf(sources);
        retention = List.copyOf(retention);
    }

    /**
     * How long one kind of data is kept.
     *
     * @param data   what: EVENTS, NOT_DELIVERED, SCORE_RUNS, CLOSED_CASES, QUARANTINE, ACCESS_REQUESTS, SUPPRESSION,
     *               DELIVERIES, REFUSED_DELIVERIES
     * @param period how long
     * @param unit   MONTHS or DAYS
     */
    public record Retention(String data, int period, String unit) {
    }

    /** One deployed adapter: its source system, what it yields, which data it touches and why. */
    public record Source(String adapterId, String sourceSystem, String title, Set<Indicator> indicators, Set<DataCategory> dataCategories,
            String purpose) {
    }
}
