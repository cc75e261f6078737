// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/** Transparency: the model card, the data inventory and the citizen's access report. */
@Export
@Version("3.3.0")
package dk.tidlig.core.transparency;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
