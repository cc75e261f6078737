// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The tidlig database: schema, pool, and the stores the core uses.
 */
@Export
@Version("5.1.0")
package dk.tidlig.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
