// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/** The verifiable audit trail. */
@Export
@Version("3.5.0")
package dk.tidlig.core.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
