// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The adapter API: what an adapter bundle implements ({@link dk.tidlig.adapter.SourceAdapter},
 * {@link dk.tidlig.adapter.LineMapper}, {@link dk.tidlig.adapter.ExportWriter}) and what it feeds
 * ({@link dk.tidlig.adapter.IngestService}).
 */
@Export
@Version("2.4.0")
package dk.tidlig.adapter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
