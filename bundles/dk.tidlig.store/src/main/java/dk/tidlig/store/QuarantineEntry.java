// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;

/**
 * A quarantined line as the operator sees it: which delivery and line, why, and whether a later delivery resolved it.
 * Never its content: that is {@link Content}, sealed.
 *
 * @param id         the line's quarantine id
 * @param fileId     its delivery
 * @param line       its line number in the delivery
 * @param reason     why it was kept aside, in words that identify nobody
 * @param resolvedBy the delivery that resolved it (its corrected lines), or null while open
 */
public record QuarantineEntry(long id, long fileId, String adapterId, long line, String reason, Instant createdAt, Instant resolvedAt,
        Long resolvedBy) {

    /** The line itself, sealed with the key of the identity vault. */
    public record Content(QuarantineEntry entry, Sealed line) {
    }
}
