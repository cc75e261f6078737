// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.evidence;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.core.scoring.PointModel;

/**
 * A back-test: every eligible child scored as of {@code asOf} by the model on what was known then, with the outcome
 * observed after it.
 *
 * @param outcomeSource    where the outcomes come from: "database" (delivered through the adapters) or "truth file"
 * @param inputFingerprint a fingerprint of the scoring input, as a score run records one
 * @param legalBasisId     the legal basis the back-test ran under
 */
public record BacktestData(PointModel model, String tenant, LocalDate asOf, OutcomeDefinition outcome, String outcomeSource,
        String inputFingerprint, String legalBasisId, List<ChildCase> children) {
}
