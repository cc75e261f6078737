// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import dk.tidlig.model.Indicator;

/**
 * What an adapter is, for the core, the legal-basis gate, the data inventory and the platform that builds its inbox.
 *
 * @param id             the adapter id: lower case, digits and hyphens ("cpr", "dental"); prefixes
 *                       the adapter's route ids and names its inbox
 * @param sourceSystem   the source system the data comes from, as shown in explanations
 *                       ("CPR", "Kommunal tandpleje")
 * @param title          a one-line description of the export it reads
 * @param indicators     the indicators it can yield (empty for adapters that give persons only)
 * @param dataCategories the categories of personal data it touches
 * @param purpose        why the data is processed, for the inventory
 * @param inbox          the inbox's defaults: what its configuration need not say
 */
public record AdapterDescriptor(
        String id,
        String sourceSystem,
        String title,
        Set<Indicator> indicators,
        Set<DataCategory> dataCategories,
        String purpose,
        InboxDefaults inbox) {

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
        Objects.requireNonNull(inbox, "inbox");
    }

    /** An adapter of CSV files ({@code *.csv}, UTF-8) delivered to {@code inbox/<id>}. */
    public AdapterDescriptor(String id, String sourceSystem, String title, Set<Indicator> indicators, Set<DataCategory> dataCategories,
            String purpose) {
        this(id, sourceSystem, title, indicators, dataCategories, purpose, InboxDefaults.of(id, ".*\\.csv"));
    }

    /** The same adapter with other inbox defaults. */
    public AdapterDescriptor withInbox(InboxDefaults defaults) {
        return new AdapterDescriptor(id, sourceSystem, title, indicators, dataCategories, purpose, defaults);
    }
}
