// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.transparency;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.Actor;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.ScoreRun;

/**
 * Statistics of the latest score run, pseudonymous and aggregate only: how the points are distributed, how many families
 * each threshold would flag, and how many flagged families have each indicator. For every role that reads the model card.
 */
@ProviderType
public interface Statistics {

    /** Families with points in {@code [from, to)}; {@code to} is 0 for the last, open bin. */
    record Bin(int from, int to, int families) {
    }

    /** How many families a threshold would flag, with the model's least number of indicators. */
    record Cut(int threshold, int families, boolean current) {
    }

    /**
     * @param scored the families (children) scored
     * @param zero   of them, those with no points at all (left out of the bins)
     */
    record Distribution(ScoreRun run, int threshold, int minIndicators, int scored, int zero, List<Bin> bins, List<Cut> cuts,
            Map<Indicator, Integer> flaggedPerIndicator) {
        public Distribution {
            bins = List.copyOf(bins);
            cuts = List.copyOf(cuts);
            flaggedPerIndicator = Map.copyOf(flaggedPerIndicator);
        }
    }

    /** The latest run's distribution; empty before the first run. Not audited: it shows no family. */
    Optional<Distribution> distribution(Actor actor);
}
