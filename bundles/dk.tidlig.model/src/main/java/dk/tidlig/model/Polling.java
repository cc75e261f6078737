// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for what another thread brings, when there is nothing to be told by: a command's framework starts while
 * FileInstall reads {@code config/} and the adapters start, so a command asks again every {@link #EVERY} until what it
 * needs is there or its time is up.
 */
public final class Polling {

    /** How often the value is asked for. */
    public static final Duration EVERY = Duration.ofMillis(200);

    private Polling() {
    }

    /**
     * Asks for the value until it is done, at most {@code max}; interrupted, it stops asking (the thread stays interrupted).
     *
     * @return the last value asked for: one that is done, or the one at the deadline
     */
    public static <T> T until(Supplier<T> value, Predicate<? super T> done, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        T v = value.get();
        while (!done.test(v) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
            v = value.get();
        }
        return v;
    }
}
