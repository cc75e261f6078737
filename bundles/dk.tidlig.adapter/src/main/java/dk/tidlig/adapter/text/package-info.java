// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * Reading vendor text exports: encoding checks, line chunks, delimited fields and a CSV mapper base.
 */
@Export
@Version("1.0.0")
package dk.tidlig.adapter.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
