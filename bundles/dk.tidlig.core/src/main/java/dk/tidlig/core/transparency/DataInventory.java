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
 */
public record DataInventory(List<Source> sources, int eventRetentionMonths, int suppressionMonths) {

    public DataInventory {
        sources = List.copyOf(sources);
    }

    /** One deployed adapter: its source system, what it yields, which data it touches and why. */
    public record Source(String adapterId, String sourceSystem, String title, Set<Indicator> indicators, Set<DataCategory> dataCategories,
            String purpose) {
    }
}
