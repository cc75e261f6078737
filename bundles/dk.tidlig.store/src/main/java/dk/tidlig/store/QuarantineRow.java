// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

/** A line kept aside: where it was, why, and the line itself encrypted. */
public record QuarantineRow(long line, String reason, Sealed rawLine) {
}
