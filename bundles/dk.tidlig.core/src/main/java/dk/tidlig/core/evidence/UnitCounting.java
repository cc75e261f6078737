// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.evidence;

import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.scoring.PointModel.Basis;
import dk.tidlig.core.scoring.PointModel.Rule;
import dk.tidlig.model.Indicator;

/**
 * How a back-test counts the units of each indicator ({@link ChildCase#units()}), so that a model fitted on those units
 * counts them the same way: an indicator the model counts is counted as the model counts it (its basis and cap); one it
 * does not is counted per year for periods, else per occurrence up to {@link #DEFAULT_MAX_COUNT}.
 */
public final class UnitCounting {

    /** The cap on occurrences counted of an indicator the model does not count. */
    public static final int DEFAULT_MAX_COUNT = 3;

    private UnitCounting() {
    }

    /** The rule that counts the indicator's units for this model, with the points given. */
    public static Rule rule(PointModel model, Indicator indicator, int points, PointModel.Provenance provenance, String note) {
        Rule own = model.rules().get(indicator);
        Basis basis = own != null ? own.basis() : indicator.isPeriod() ? Basis.PER_YEAR : Basis.PER_EVENT;
        int max = own != null ? own.maxCount() : basis == Basis.PER_EVENT ? DEFAULT_MAX_COUNT : 0;
        return new Rule(points, basis, max, provenance, note);
    }
}
