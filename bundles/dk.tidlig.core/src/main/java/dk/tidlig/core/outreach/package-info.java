// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/** The outreach workflow: worklist, family view, case states, disputes and decline with erasure. */
@Export
@Version("4.1.0")
package dk.tidlig.core.outreach;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
