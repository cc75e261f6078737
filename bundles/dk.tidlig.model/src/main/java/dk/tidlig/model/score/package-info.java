// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * Score runs and explained family scores.
 */
@Export
@Version("2.0.0")
package dk.tidlig.model.score;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
