// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a deployed adapter's source still delivers: when its last delivery that completed was received, against how
 * often its configuration says the source delivers.
 *
 * @param interval      how often the source delivers ({@code deliveryInterval}), or null when its configuration does not say
 * @param lastCompleted when its last completed delivery was received, or null when none has
 * @param since         when the adapter was first deployed (its audited deployment; else its first sight in this process): a
 *                      source that never delivered is overdue one and a half intervals after it
 */
public record SourceFreshness(String adapterId, String sourceSystem, Duration interval, Instant lastCompleted, Instant since) {

    /** The interval in ISO-8601 as it is configured: whole days as {@code P7D}, else {@code PT12H}; null when not stated. */
    public String intervalText() {
        if (interval == null) {
            return null;
        }
        return interval.toSeconds() % 86_400 == 0 ? "P" + interval.toDays() + "D" : interval.toString();
    }

    /** How late a delivery may be before the source counts as overdue: half an interval. */
    public Duration overdueAfter() {
        return interval == null ? null : interval.plus(interval.dividedBy(2));
    }

    /** Whether the source is overdue at {@code now}: watched, and no delivery completed within one and a half intervals. */
    public boolean overdue(Instant now) {
        if (interval == null) {
            return false;
        }
        Instant from = lastCompleted != null ? lastCompleted : since;
        return from != null && from.plus(overdueAfter()).isBefore(now);
    }

    /** How long ago the last delivery completed; empty when none has. */
    public Optional<Duration> age(Instant now) {
        return lastCompleted == null ? Optional.empty() : Optional.of(Duration.between(lastCompleted, now));
    }
}
