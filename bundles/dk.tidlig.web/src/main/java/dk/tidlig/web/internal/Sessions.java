// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.SignedInSessions;

/**
 * Signed-in sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie (Secure when the request came over
 * HTTPS or the configuration demands it), an idle timeout, and a CSRF token per session that every state-changing request
 * must carry. They are kept in the database ({@link SignedInSessions}) by the SHA-256 of their id, never the id itself:
 * a restart signs nobody out, two nodes behind one proxy share them, and a copy of the table signs nobody in.
 */
public final class Sessions {

    public static final String COOKIE = "tidlig_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** However busy, a session ends this long after sign-in. */
    public static final Duration MAX_AGE = Duration.ofHours(8);
    /** A session's use is written at most this often (half the idle timeout when that is shorter). */
    static final Duration TOUCH = Duration.ofMinutes(1);

    /** A session: who, its CSRF token, the language chosen, when it began. */
    public static final class Session {
        final String id;
        final byte[] idHash;
        final Actor actor;
        final String csrf;
        /** A digest of the local user's password hash at sign-in (null for SSO): a reset ends the session. */
        final String credential;
        final Instant started;
        volatile String language;

        Session(String id, byte[] idHash, Actor actor, String csrf, String credential, String language, Instant started) {
            this.id = id;
            this.idHash = idHash;
            this.actor = actor;
            this.csrf = csrf;
            this.credential = credential;
            this.language = language;
            this.started = started;
        }

        public Actor actor() {
            return actor;
        }

        public String csrf() {
            return csrf;
        }

        public String language() {
            return language;
        }

        public String credential() {
            return credential;
        }
    }

    private final SignedInSessions store;
    private final Duration idle;
    private final Clock clock;

    public Sessions(SignedInSessions store, Duration idle, Clock clock) {
        this.store = store;
        this.idle = idle;
        this.clock = clock;
    }

    /** How long a session may be idle. */
    public Duration idle() {
        return idle;
    }

    public Session open(Actor actor, String credential, String language) {
        Instant now = clock.instant();
        store.removeExpired(now.minus(idle), now.minus(MAX_AGE));
        String id = token();
        Session s = new Session(id, hash(id), actor, token(), credential, language, now);
        store.save(new SignedInSessions.Stored(s.idHash, actor, s.csrf, credential, language, now, now));
        return s;
    }

    /** The live session with this id, its use recorded; empty when unknown, idle too long or too old. */
    public Optional<Session> find(String id) {
        if (id == null || id.length() > 100) {
            return Optional.empty();
        }
        byte[] h = hash(id);
        Optional<SignedInSessions.Stored> stored = store.find(h);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SignedInSessions.Stored s = stored.get();
        Instant now = clock.instant();
        if (s.lastUsed().plus(idle).isBefore(now) || s.started().plus(MAX_AGE).isBefore(now)) {
            store.remove(h);
            return Optional.empty();
        }
        // written at most once a minute (or twice per idle period, when that is shorter), so the timeout keeps close to its setting
        Duration touch = idle.dividedBy(2).compareTo(TOUCH) < 0 ? idle.dividedBy(2) : TOUCH;
        if (s.lastUsed().plus(touch).isBefore(now)) {
            store.touch(h, now, s.language());
        }
        return Optional.of(new Session(id, h, s.actor(), s.csrf(), s.credential(), s.language(), s.started()));
    }

    /** The language the session's user chose, kept with the session. */
    public void language(Session s, String language) {
        s.language = language;
        store.touch(s.idHash, clock.instant(), language);
    }

    public void close(String id) {
        if (id != null && id.length() <= 100) {
            store.remove(hash(id));
        }
    }

    /**
     * The Set-Cookie header value for a session (or, with null, one that removes the cookie). A browser
     * session cookie: the server ends the session when idle or too old.
     */
    public String cookie(Session s, boolean secure) {
        String value = s == null ? "" : s.id;
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") + (s == null ? "; Max-Age=0" : "");
    }

    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of a session id: what the database knows a session by. */
    static byte[] hash(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
