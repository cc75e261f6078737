// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;

/**
 * Scores every eligible child's family with the active model and records the run. A score never
 * triggers anything by itself: it produces a list of families to offer help to.
 */
@ProviderType
public interface ScoringService {

    /**
     * Runs the active model.
     *
     * @param municipalityCode the tenant
     * @param asOf             the reference date (ages and the look-back window count from it)
     * @throws LegalBasisException when no legal basis is in force
     * @throws IllegalStateException when no valid model is active; the message says why
     */
    ScoreRun run(String municipalityCode, LocalDate asOf) throws LegalBasisException;

    Optional<ScoreRun> latestRun(String municipalityCode);

    /**
     * The families of a run with a score above zero, highest first, with their explanations.
     *
     * @param flaggedOnly true for the families that meet the flag rule only (the list outreach works)
     */
    List<FamilyScore> results(long runId, boolean flaggedOnly, int limit);
}
