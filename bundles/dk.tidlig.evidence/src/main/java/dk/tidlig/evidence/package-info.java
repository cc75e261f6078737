// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The evidence behind a model: evaluations of its list against the outcomes that followed, with uncertainty, per group,
 * and the reports that show them.
 */
@Export
@Version("2.2.0")
package dk.tidlig.evidence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
