// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.evidence;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.model.Indicator;

/**
 * Scores every eligible child as of a past day on what was known then (events registered by then, the family as CPR's
 * dated records describe it that day) and pairs it with the outcome observed after the day. Nothing is stored, nobody is
 * re-identified; it needs a legal basis in force all the same.
 */
@ProviderType
public interface Backtest {

    /** The valid models in configuration, active or not, by id. */
    List<PointModel> models();

    Optional<PointModel> model(String id);

    /** The model configurations that cannot be used: by id (the file's {@code model.id}), what is wrong with them. */
    Map<String, String> invalidModels();

    /** The model the configuration names for use ({@code activeModel} in dk.tidlig.core): evaluated and activated by default. */
    Optional<String> configuredModelId();

    /**
     * @param truth outcomes from the synthetic municipality's truth file instead of the database: per child's CPR number, its
     *              outcome events; null to take them from the database. Only in the demo's own home (synthetic data).
     * @throws LegalBasisException when no legal basis is in force
     * @throws IllegalArgumentException when a truth file is given outside the demo's home
     */
    BacktestData run(String tenant, PointModel model, LocalDate asOf, OutcomeDefinition outcome, Map<String, List<TruthEvent>> truth)
            throws LegalBasisException;

    /** An outcome event in a truth file. */
    record TruthEvent(Indicator indicator, LocalDate day) {
    }
}
