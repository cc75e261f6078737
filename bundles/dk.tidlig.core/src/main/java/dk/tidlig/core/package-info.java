// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The core's services: scoring, the legal-basis gate, re-identification, the tenant, and the command
 * extension point of bin/tidlig.
 */
@Export
@Version("2.4.0")
package dk.tidlig.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
