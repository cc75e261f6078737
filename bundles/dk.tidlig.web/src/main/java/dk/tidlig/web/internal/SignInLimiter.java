package dk.tidlig.web.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits sign-in attempts: at most {@code maxFailures} failed attempts per user name, and per client
 * address, within the window; beyond that every attempt is refused until old failures leave the window.
 */
public final class SignInLimiter {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** True when another attempt for this user from this address may be made now. */
    public boolean allows(String username, String address) {
        return recent("u:" + username) < maxFailures && recent("a:" + address) < maxFailures * 4;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[] {"u:" + username, "a:" + address}) {
            Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (d) {
                d.addLast(now);
            }
        }
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private int recent(String key) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        Instant from = clock.instant().minus(window);
        synchronized (d) {
            while (!d.isEmpty() && d.peekFirst().isBefore(from)) {
                d.removeFirst();
            }
            return d.size();
        }
    }
}
