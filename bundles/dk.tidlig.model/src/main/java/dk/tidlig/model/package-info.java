// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The common model of tidlig: what every adapter maps its source system's records into.
 */
@Export
@Version("1.4.0")
package dk.tidlig.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
