package dk.tidlig.web.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dk.tidlig.core.access.Actor;

/**
 * Signed-in sessions, in memory: a random 256-bit id in an HttpOnly, SameSite=Strict cookie (Secure when
 * the request came over HTTPS or the configuration demands it), an idle timeout, and a CSRF token per
 * session that every state-changing request must carry. A restart signs everybody out.
 */
public final class Sessions {

    public static final String COOKIE = "tidlig_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** However busy, a session ends this long after sign-in. */
    public static final Duration MAX_AGE = Duration.ofHours(8);

    /** A session: who, its CSRF token, the language chosen, when it began and was last used. */
    public static final class Session {
        final String id;
        final Actor actor;
        final String csrf;
        /** A digest of the local user's password hash at sign-in (null for SSO): a reset ends the session. */
        final String credential;
        final Instant started;
        volatile String language;
        volatile Instant lastUsed;

        Session(String id, Actor actor, String csrf, String credential, String language, Instant now) {
            this.id = id;
            this.actor = actor;
            this.csrf = csrf;
            this.credential = credential;
            this.language = language;
            this.started = now;
            this.lastUsed = now;
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

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    public Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    public Session open(Actor actor, String credential, String language) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        Session s = new Session(token(), actor, token(), credential, language, now);
        sessions.put(s.id, s);
        return s;
    }

    /** The live session with this id, touched; empty when unknown or idle too long. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastUsed = now;
        return Optional.of(s);
    }

    private boolean expired(Session s, Instant now) {
        return s.lastUsed.plus(idle).isBefore(now) || s.started.plus(MAX_AGE).isBefore(now);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
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
}
