// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
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
    void afterSigningInTheUserReturnsOnlyToAPageOfTheApplication() {
        assertThat(SignInPages.returnPath("/app/audit?action=DECLINE&from=2026-12-01")).isEqualTo("/app/audit?action=DECLINE&from=2026-12-01");
        assertThat(SignInPages.returnPath("/app/family/F-BCDFG-HJKLM")).isEqualTo("/app/family/F-BCDFG-HJKLM");
        for (String hostile : new String[] {null, "", "//evil.example/x", "https://evil.example/", "/app//evil.example", "/app/../admin",
                "/app/x?y=<script>", "/app/x\r\nSet-Cookie: a=b", "/api/v1/worklist", "/app/\\evil.example", "javascript:alert(1)"}) {
            org.assertj.core.api.Assertions.assertThat(SignInPages.returnPath(hostile)).as(String.valueOf(hostile)).isEqualTo("/app/");
        }
    }

    @Test
    void aSessionEndsWhenIdleAndItsCookieIsHttpOnlyAndStrict() {
        MovableClock clock = new MovableClock();
        Sessions sessions = new Sessions(new MemorySessions(), Duration.ofMinutes(30), clock);
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
            assertThat(limiter.tryAttempt("anna", "10.0.0.1")).isNotNull();
        }
        assertThat(limiter.tryAttempt("ANNA", "10.0.0.2")).as("per user name in any case, from any address").isNull();
        assertThat(limiter.tryAttempt("Ånna", "10.0.0.3")).as("the database compares without accents: the same user").isNull();
        assertThat(limiter.tryAttempt("anna  ", "10.0.0.4")).as("nor trailing blanks").isNull();
        assertThat(limiter.takeLimited()).as("refusals are counted").isEqualTo(3);
        SignInLimiter.Ticket bo = limiter.tryAttempt("bo", "10.0.0.1");
        limiter.succeeded(bo);
        clock.pass(Duration.ofMinutes(16));
        SignInLimiter.Ticket anna = limiter.tryAttempt("anna", "10.0.0.1");
        assertThat(anna).isNotNull();
        limiter.succeeded(anna);
        assertThat(limiter.tryAttempt("anna", "10.0.0.1")).as("a success clears the user's own count").isNotNull();
    }

    @Test
    void aSuccessfulSignInNeverResetsAnotherUsersOrTheAddressesOtherFailures() {
        MovableClock clock = new MovableClock();
        SignInLimiter limiter = new SignInLimiter(3, Duration.ofMinutes(15), clock);
        // an attacker with an account of her own guesses other users' passwords from one address, signing in as herself in between
        int guesses = 0;
        for (int i = 0; i < 100; i++) {
            SignInLimiter.Ticket guess = limiter.tryAttempt("victim" + i, "10.6.6.6");
            if (guess == null) {
                break;
            }
            guesses++;
            SignInLimiter.Ticket own = limiter.tryAttempt("eve", "10.6.6.6");
            if (own != null) {
                limiter.succeeded(own);
            }
        }
        assertThat(guesses).as("the address's limit holds: her own successes take back only their own attempts").isEqualTo(12);
        assertThat(limiter.tryAttempt("carl", "10.0.0.9")).as("another address is not affected").isNotNull();
    }

    @Test
    void twoHundredThousandDistinctKeysNeitherBreakTheLimiterNorGrowItWithoutBound() {
        MovableClock clock = new MovableClock();
        SignInLimiter limiter = new SignInLimiter(5, Duration.ofMinutes(15), clock, 50_000);
        for (int i = 0; i < 200_000; i++) {
            assertThat(limiter.tryAttempt("user" + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255))).isNotNull();
        }
        assertThat(limiter.keys()).as("bounded").isLessThanOrEqualTo(50_000);
        for (int i = 0; i < 5; i++) {
            limiter.tryAttempt("target", "192.0.2." + i);
        }
        assertThat(limiter.tryAttempt("target", "192.0.2.99")).as("still limiting after the flood").isNull();
        clock.pass(Duration.ofMinutes(16));
        assertThat(limiter.keys()).as("expired after the window").isZero();
    }

    @Test
    void theClientAddressIsTheRightMostHopThatIsNotATrustedProxy() {
        String trusted = "10.0.0.5, 10.0.0.6";
        assertThat(WebSupport.clientAddress("203.0.113.9", "1.2.3.4", trusted)).as("not from a proxy: the header is ignored").isEqualTo("203.0.113.9");
        assertThat(WebSupport.clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.7", trusted)).as("the client forged the left part")
                .isEqualTo("198.51.100.7");
        assertThat(WebSupport.clientAddress("10.0.0.5", "198.51.100.7, 10.0.0.6", trusted)).as("two proxies").isEqualTo("198.51.100.7");
        assertThat(WebSupport.clientAddress("10.0.0.5", null, trusted)).isEqualTo("10.0.0.5");
    }
}
