// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.model.Indicator;

/** What the configuration ({@link EvidenceConfig}) means: the outcome, and the settings of the figures. */
final class EvidenceSettings {

    private EvidenceSettings() {
    }

    /** The outcome as configured. */
    static OutcomeDefinition outcome(EvidenceConfig c) {
        Set<Indicator> indicators = EnumSet.noneOf(Indicator.class);
        for (String name : c.outcomeIndicators().split(",")) {
            if (!name.isBlank()) {
                try {
                    indicators.add(Indicator.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("outcomeIndicators in config/" + EvidenceConfig.PID + ".cfg names an unknown indicator: " + name.strip());
                }
            }
        }
        return new OutcomeDefinition(indicators, c.outcomeMonths());
    }

    static Metrics.Settings settings(EvidenceConfig c) {
        Map<String, String> references = new HashMap<>();
        for (String pair : c.referenceGroups().split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                references.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return new Metrics.Settings(Math.max(1, c.capacityPerMonth()), Math.max(0, c.bootstrapResamples()), 20_260_101L, c.toleranceLow(),
                c.toleranceHigh(), Math.max(1, c.leastGroupSize()), references);
    }
}
