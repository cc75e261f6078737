// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.operations;

import java.time.Instant;

/**
 * A line of a delivery kept aside: where it was and why. Never its content, which stays sealed.
 *
 * @param id         the line's id in the quarantine
 * @param deliveryId its delivery
 * @param line       its line number in the delivered file
 * @param reason     why, in words that identify nobody
 * @param resolvedBy the later delivery that corrected it, or null while open
 */
public record QuarantinedLine(long id, long deliveryId, String adapterId, long line, String reason, Instant quarantinedAt, Instant resolvedAt,
        Long resolvedBy) {

    public boolean open() {
        return resolvedAt == null;
    }
}
