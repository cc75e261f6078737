// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model.score;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded score run: which model, on what input, when, with what result.
 *
 * @param id               the run's id
 * @param municipalityCode the tenant
 * @param modelId          the model's id, e.g. "gladsaxe"
 * @param modelVersion     the model's version
 * @param modelDigest      SHA-256 of the model's full definition
 * @param asOf             the reference date: ages and the look-back window are counted from it
 * @param windowStart      first day of the look-back window
 * @param legalBasisId     the legal basis the run was made under
 * @param inputFingerprint SHA-256 over everything the run read; same fingerprint and model, same result
 * @param startedAt        when it started
 * @param finishedAt       when it finished
 * @param familiesScored   eligible children (families) that were scored
 * @param familiesFlagged  families that met the flag rule
 */
public record ScoreRun(
        long id,
        String municipalityCode,
        String modelId,
        String modelVersion,
        String modelDigest,
        LocalDate asOf,
        LocalDate windowStart,
        String legalBasisId,
        String inputFingerprint,
        Instant startedAt,
        Instant finishedAt,
        int familiesScored,
        int familiesFlagged) {
}
