package dk.tidlig.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Limits sign-in attempts: at most {@code maxFailures} failed attempts per user name, and per client
 * address, within the window; beyond that every attempt is refused until old failures leave the window.
 */
public final class SignInLimiter {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new java.util.HashMap<>();

    public SignInLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Takes an attempt for this user from this address: false, and nothing counted, when too many recent
     * attempts failed; otherwise the attempt counts as failed until {@link #succeeded} clears the user's
     * count. Counting before the (slow) password check keeps parallel guesses inside the limit.
     */
    public boolean tryAttempt(String username, String address) {
        String user = "u:" + username.toLowerCase(java.util.Locale.ROOT);
        String from = "a:" + address;
        synchronized (failures) {
            if (recent(user) >= maxFailures || recent(from) >= maxFailures * 4) {
                return false;
            }
            Instant now = clock.instant();
            failures.computeIfAbsent(user, k -> new ArrayDeque<>()).addLast(now);
            failures.computeIfAbsent(from, k -> new ArrayDeque<>()).addLast(now);
            if (failures.size() > 100_000) {
                failures.keySet().removeIf(k -> recent(k) == 0);
            }
            return true;
        }
    }

    /** The attempt succeeded: it does not count against the address, and the user's failures are forgiven. */
    public void succeeded(String username, String address) {
        synchronized (failures) {
            failures.remove("u:" + username.toLowerCase(java.util.Locale.ROOT));
            Deque<Instant> d = failures.get("a:" + address);
            if (d != null && !d.isEmpty()) {
                d.removeLast();
            }
        }
    }

    private int recent(String key) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        Instant from = clock.instant().minus(window);
        while (!d.isEmpty() && d.peekFirst().isBefore(from)) {
            d.removeFirst();
        }
        if (d.isEmpty()) {
            failures.remove(key);
        }
        return d.size();
    }
}
