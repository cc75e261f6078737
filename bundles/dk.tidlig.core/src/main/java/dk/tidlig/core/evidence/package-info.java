// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The evidence behind a model: every eligible child scored as of a past day on what was known then, with its household,
 * its groups and the outcome that followed. The evaluation itself (figures, reports, fitting) is in the evidence bundle.
 */
@Export
@Version("1.2.0")
package dk.tidlig.core.evidence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
