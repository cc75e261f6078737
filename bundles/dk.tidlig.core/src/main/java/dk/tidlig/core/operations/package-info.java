// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
/**
 * The operator's side of tidlig: the deliveries of every source with their progress, the lines kept aside and why, and
 * whether each source still delivers. For administrators and the operator's commands; nothing here identifies a citizen,
 * except a quarantined line's content, which {@link dk.tidlig.core.operations.Operations#openQuarantinedLine} gives an
 * administrator with a stated reason, audited.
 */
@Export
@Version("1.1.0")
package dk.tidlig.core.operations;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
