// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The routes the platform builds for every adapter: its inbox and its ingest route.
 */
@Export
@Version("2.0.0")
package dk.tidlig.adapter.route;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
