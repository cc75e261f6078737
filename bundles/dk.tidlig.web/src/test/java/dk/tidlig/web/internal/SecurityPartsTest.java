package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;

/** Password hashes, sessions and the sign-in limit. */
class SecurityPartsTest {

    static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T08:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void pass(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    @Test
    void passwordsAreSaltedPbkdf2Hashes() {
        String a = Passwords.hash("correct horse".toCharArray());
        String b = Passwords.hash("correct horse".toCharArray());
        assertThat(a).startsWith("pbkdf2-sha256$600000$").isNotEqualTo(b);
        assertThat(Passwords.matches("correct horse".toCharArray(), a)).isTrue();
        assertThat(Passwords.matches("correct horsf".toCharArray(), a)).isFalse();
        assertThat(Passwords.matches("x".toCharArray(), "plain")).isFalse();
        assertThat(Passwords.generate()).hasSize(16).matches("[a-zA-Z2-9]+");
    }

    @Test
    void aSessionEndsWhenIdleAndItsCookieIsHttpOnlyAndStrict() {
        MovableClock clock = new MovableClock();
        Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
        Sessions.Session s = sessions.open(new Actor("anna", Role.OUTREACH_WORKER, "159"), null, "da");
        assertThat(sessions.cookie(s, true)).isEqualTo("tidlig_session=" + s.id + "; Path=/; HttpOnly; SameSite=Strict; Secure");
        assertThat(s.id).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(s.csrf());
        clock.pass(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id)).isPresent();
        clock.pass(Duration.ofMinutes(29));
        assertThat(sessions.find(s.id)).as("used 29 minutes ago").isPresent();
        clock.pass(Duration.ofMinutes(31));
        assertThat(sessions.find(s.id)).isEmpty();
        Sessions.Session busy = sessions.open(new Actor("bo", Role.TEAM_LEAD, "159"), null, "da");
        for (int i = 0; i < 16; i++) {
            clock.pass(Duration.ofMinutes(29));
            assertThat(sessions.find(busy.id)).isPresent();
        }
        clock.pass(Duration.ofMinutes(29));
        assertThat(sessions.find(busy.id)).as("eight hours after sign-in, however busy").isEmpty();
        assertThat(sessions.find("forged")).isEmpty();
    }

    @Test
    void signInIsRefusedAfterTooManyFailuresUntilTheyLeaveTheWindow() {
        MovableClock clock = new MovableClock();
        SignInLimiter limiter = new SignInLimiter(3, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAttempt("anna", "10.0.0.1")).isTrue();
        }
        assertThat(limiter.tryAttempt("ANNA", "10.0.0.2")).as("per user name in any case, from any address").isFalse();
        assertThat(limiter.tryAttempt("bo", "10.0.0.1")).isTrue();
        limiter.succeeded("bo", "10.0.0.1");
        clock.pass(Duration.ofMinutes(16));
        assertThat(limiter.tryAttempt("anna", "10.0.0.1")).isTrue();
        limiter.succeeded("Anna", "10.0.0.1");
        assertThat(limiter.tryAttempt("anna", "10.0.0.1")).as("a success clears the user's count").isTrue();
        limiter.succeeded("anna", "10.0.0.1");
        for (int i = 0; i < 20; i++) {
            assertThat(limiter.tryAttempt("user" + (i % 2), "10.0.0.9")).isTrue();
            limiter.succeeded("user" + (i % 2), "10.0.0.9");
        }
        assertThat(limiter.tryAttempt("carl", "10.0.0.9")).as("successful sign-ins do not count against the address").isTrue();
    }
}
