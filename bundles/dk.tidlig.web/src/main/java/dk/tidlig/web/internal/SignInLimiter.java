// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Limits sign-in attempts: at most {@code maxFailures} attempts per user name, and four times as many per client
 * address, within the window; beyond that every attempt is refused until old ones leave the window.
 *
 * <p>Attempts are kept in a bounded cache that forgets a key when its window has passed (Caffeine), so a flood of
 * distinct user names or addresses costs bounded memory and never stops the limiter. User names are compared the way
 * the database compares them (case and accents aside), so "Anna", "ANNA" and "Ånna" share one count. An attempt is
 * counted before the slow password check; a successful one takes back only its own count against the address and
 * forgives only its own user's failures, never another's.
 */
public final class SignInLimiter {

    /** One attempt in flight: what a success takes back. */
    public static final class Ticket {
        final String user;
        final String address;
        final Instant at;

        Ticket(String user, String address, Instant at) {
            this.user = user;
            this.address = address;
            this.at = at;
        }
    }

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Deque<Instant>> attempts;
    private final AtomicLong limited = new AtomicLong();

    public SignInLimiter(int maxFailures, Duration window, Clock clock) {
        this(maxFailures, window, clock, 1_000_000);
    }

    SignInLimiter(int maxFailures, Duration window, Clock clock, long maximumKeys) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.attempts = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterAccess(window.toNanos(), TimeUnit.NANOSECONDS)
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        Instant now = clock.instant();
                        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    }
                }).build();
    }

    /** A user name as the database compares it (utf8mb4_unicode_ci): no case, no accents, no trailing blanks. */
    static String normalise(String username) {
        String n = Normalizer.normalize(username == null ? "" : username, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("\\s+$", "");
    }

    /**
     * Takes an attempt for this user from this address.
     *
     * @return the attempt's ticket, or null (nothing counted but the refusal) when too many recent attempts failed
     */
    public Ticket tryAttempt(String username, String address) {
        String user = "u:" + normalise(username);
        String from = "a:" + address;
        Instant now = clock.instant();
        Deque<Instant> byUser = attempts.get(user, k -> new ArrayDeque<>());
        Deque<Instant> byAddress = attempts.get(from, k -> new ArrayDeque<>());
        // lock ordering: always the user's deque first, then the address's
        synchronized (byUser) {
            synchronized (byAddress) {
                if (recent(byUser, now) >= maxFailures || recent(byAddress, now) >= maxFailures * 4) {
                    limited.incrementAndGet();
                    return null;
                }
                Instant at = now;
                byUser.addLast(at);
                byAddress.addLast(at);
                return new Ticket(user, from, at);
            }
        }
    }

    /**
     * The attempt succeeded: its own count against the address is taken back, and the user's own failures are
     * forgiven. Another user's count, and other attempts from the address, stay.
     */
    public void succeeded(Ticket ticket) {
        attempts.invalidate(ticket.user);
        Deque<Instant> byAddress = attempts.getIfPresent(ticket.address);
        if (byAddress != null) {
            synchronized (byAddress) {
                byAddress.removeFirstOccurrence(ticket.at);
            }
        }
    }

    /** How many attempts the limit refused since the last call (for the audit trail and the metrics). */
    public long takeLimited() {
        return limited.getAndSet(0);
    }

    /** How many keys (user names and addresses) are held now; for tests. */
    long keys() {
        attempts.cleanUp();
        return attempts.estimatedSize();
    }

    private int recent(Deque<Instant> d, Instant now) {
        Instant from = now.minus(window);
        while (!d.isEmpty() && d.peekFirst().isBefore(from)) {
            d.removeFirst();
        }
        return d.size();
    }
}
