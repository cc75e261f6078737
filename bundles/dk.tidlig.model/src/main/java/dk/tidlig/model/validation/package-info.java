// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * Bean Validation constraints of the common model. Messages never quote the validated value.
 */
@Export
@Version("1.0.0")
package dk.tidlig.model.validation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
