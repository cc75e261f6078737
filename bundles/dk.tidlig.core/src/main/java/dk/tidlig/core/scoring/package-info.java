// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * Scoring models: points per indicator and the rule that flags a family, read from a model file, with the
 * provenance of every number; and the model file's format, so that a learned model is written as a published one is.
 */
@Export
@Version("1.1.0")
package dk.tidlig.core.scoring;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
