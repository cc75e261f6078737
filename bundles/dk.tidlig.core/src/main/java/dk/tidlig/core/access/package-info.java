// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * Who may do what: roles, the acting user and refusals. Every service that touches families checks
 * role and municipality itself, whatever the caller (web page, REST API, command) has checked.
 */
@Export
@Version("1.5.0")
package dk.tidlig.core.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
