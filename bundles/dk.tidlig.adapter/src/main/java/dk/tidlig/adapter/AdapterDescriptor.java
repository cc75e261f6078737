package dk.tidlig.adapter;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dk.tidlig.model.Indicator;

/**
 * What an adapter is, for the core, the legal-basis gate and the data inventory.
 *
 * @param id             the adapter id: lower case, digits and hyphens ("cpr", "dental"); prefixes
 *                       the adapter's route ids and names its inbox
 * @param sourceSystem   the source system the data comes from, as shown in explanations
 *                       ("CPR", "Kommunal tandpleje")
 * @param title          a one-line description of the export it reads
 * @param indicators     the indicators it can yield (empty for adapters that give persons only)
 * @param dataCategories the categories of personal data it touches
 * @param purpose        why the data is processed, for the inventory
 */
public record AdapterDescriptor(
        String id,
        String sourceSystem,
        String title,
        Set<Indicator> indicators,
        Set<DataCategory> dataCategories,
        String purpose) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,30}");

    public AdapterDescriptor {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("adapter id must be 2-31 lower-case letters, digits or hyphens: " + id);
        }
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(title, "title");
        indicators = Set.copyOf(indicators);
        dataCategories = Set.copyOf(dataCategories);
        Objects.requireNonNull(purpose, "purpose");
    }
}
