// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.SignedInSessions;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.access.Users;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the web application and the REST API share: sign-in against the local users with its rate limit,
 * the sessions, CSRF checks and the security headers every response carries.
 */
@Component(service = WebSupport.class, configurationPid = WebConfig.PID)
@Designate(ocd = WebConfig.class)
public class WebSupport {

    /** Scripts, styles and forms only from tidlig itself; never framed; nothing inline. */
    /** Scripts and styles only from tidlig's own files (no inline script or style), requests only to tidlig itself. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final Users users;
    private final AuditTrail audit;
    private final Tenant tenant;
    private volatile WebConfig config;
    private volatile Sessions sessions;
    private final SignedInSessions signedIn;
    private volatile SignInLimiter limiter;
    /** Where sign-in failures are counted when the metrics bundle runs. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile io.micrometer.core.instrument.MeterRegistry meters;
    /**
     * HTTP Basic credentials verified in the last few minutes, by a salted digest of the Authorization header (never
     * the header itself): an API client's requests cost one password hash (about 160 ms) per five minutes, not one
     * each. A hit counts only while the user's row still matches (not disabled, same password, role and municipality).
     * Concurrent first requests with the same credentials wait for the first one's verification (on its own thread), so
     * a client that opens many connections at once neither hashes its password many times nor trips the limit on
     * attempts; only a success is shared.
     */
    private final com.github.benmanes.caffeine.cache.AsyncCache<String, SignIn> verified = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).buildAsync();
    private final byte[] salt = salt();

    private static byte[] salt() {
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        return b;
    }

    @Activate
    public WebSupport(@Reference Users users, @Reference AuditTrail audit, @Reference Tenant tenant, @Reference SignedInSessions signedIn,
            WebConfig config) {
        this.signedIn = signedIn;
        this.users = users;
        this.audit = audit;
        this.tenant = tenant;
        modified(config);
    }

    @Modified
    void modified(WebConfig config) {
        this.config = config;
        if (sessions == null) {
            sessions = new Sessions(signedIn, Duration.ofMinutes(Math.max(1, config.sessionIdleMinutes())), Clock.systemUTC());
        }
        limiter = new SignInLimiter(Math.max(1, config.maxFailedSignIns()), Duration.ofMinutes(15), Clock.systemUTC());
    }

    /** The outcome of a sign-in attempt. */
    public enum Outcome {
        OK, FAILED, LIMITED
    }

    /**
     * A sign-in's outcome and, when it succeeded, who signed in.
     *
     * @param credential a digest of the local user's password hash, so that a session ends when the password is reset
     */
    public record SignIn(Outcome outcome, Actor actor, String credential) {
    }

    /**
     * Checks a local user's password. Failures and refusals are audited under the installation's
     * municipality, with the user name only when it is one of ours.
     */
    public SignIn signIn(String username, char[] password, String address) {
        String name = username == null ? "" : username.strip();
        SignInLimiter.Ticket ticket = limiter.tryAttempt(name, address);
        if (ticket == null) {
            signInFailed(meters, "local", "limited");
            auditLimited();
            return new SignIn(Outcome.LIMITED, null, null);
        }
        // an unknown user name costs as much as a known one, so that timing does not tell which names exist
        Users.Check check = users.check(name, password);
        if (check.outcome() != Users.Outcome.OK) {
            signInFailed(meters, "local", check.account() == null ? "unknown_user" : "wrong_password");
            audit.record(Actor.system(check.account() == null ? tenant.municipalityCode() : check.account().tenant()), Action.SIGN_IN_REFUSED,
                    "", check.account() == null ? "unknown user name" : "wrong password for " + name);
            return new SignIn(Outcome.FAILED, null, null);
        }
        limiter.succeeded(ticket);
        Users.Account user = check.account();
        Actor actor = new Actor(user.username(), user.role(), user.tenant());
        audit.record(actor, Action.SIGN_IN, "", "local user");
        return new SignIn(Outcome.OK, actor, user.credential());
    }

    /** Counts a refused sign-in for /metrics ({@code tidlig_sign_in_failures_total}), when the metrics bundle runs. */
    static void signInFailed(io.micrometer.core.instrument.MeterRegistry registry, String method, String reason) {
        if (registry != null) {
            registry.counter("tidlig.sign.in.failures", "method", method, "reason", reason).increment();
        }
    }

    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> lastLimitedEntry =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.EPOCH);

    /**
     * Attempts the limit refused are counted, not each written: at most one audit entry a minute says how many there
     * were, so a flood of guesses cannot flood the trail.
     */
    private void auditLimited() {
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant last = lastLimitedEntry.get();
        if (last.plusSeconds(60).isBefore(now) && lastLimitedEntry.compareAndSet(last, now)) {
            long n = limiter.takeLimited();
            audit.record(Actor.system(tenant.municipalityCode()), Action.SIGN_IN_REFUSED, "", n + " sign-in attempt" + (n == 1 ? "" : "s")
                    + " refused by the limit on failed attempts since " + (last.equals(java.time.Instant.EPOCH) ? "start" : last));
        }
    }

    /**
     * Opens a session.
     *
     * @param credential the {@link SignIn#credential()} of a local user; null for SSO
     */
    public Session open(Actor actor, String credential, String language, HttpServletResponse resp, HttpServletRequest req) {
        Session s = sessions.open(actor, credential, language);
        resp.addHeader("Set-Cookie", sessions.cookie(s, secure(req)));
        return s;
    }

    /** Opens a session without a response to set its cookie on (the cookie's value is {@code session.id}). */
    Session open(Actor actor, String credential, String language) {
        return sessions.open(actor, credential, language);
    }

    /** The language the session's user chose, kept with the session. */
    public void language(Session s, String language) {
        sessions.language(s, language);
    }

    public void close(Session s, HttpServletRequest req, HttpServletResponse resp) {
        sessions.close(s.id);
        audit.record(s.actor(), Action.SIGN_OUT, "", "");
        resp.addHeader("Set-Cookie", sessions.cookie(null, secure(req)));
    }

    public Optional<Session> session(HttpServletRequest req) {
        return session(cookie(req, Sessions.COOKIE));
    }

    /** An API token: a session without a cookie, in the default language; it ends like a session (idle, age, password reset). */
    Session openToken(Actor actor, String credential) {
        Session s = sessions.open(actor, credential, defaultLanguage());
        audit.record(actor, Action.SIGN_IN, "", "API token");
        return s;
    }

    /** Ends an API token. */
    void closeToken(String id) {
        sessions.find(id).ifPresent(s -> audit.record(s.actor(), Action.SIGN_OUT, "", "API token"));
        sessions.close(id);
    }

    /** The live session with this id, unless its user was disabled, reset or changed since it began. */
    Optional<Session> session(String id) {
        Optional<Session> s = sessions.find(id);
        if (s.isPresent() && revoked(s.get())) {
            sessions.close(id);
            return Optional.empty();
        }
        return s;
    }

    /**
     * True when a local user's account was disabled, its password reset, or its role or municipality changed since
     * sign-in. Users signed in with SSO have no local row: their provider decides at the next sign-in, and a local
     * user of the same name appearing meanwhile ends the session.
     */
    private boolean revoked(Session s) {
        return revoked(s.actor(), s.credential());
    }

    private boolean revoked(Actor actor, String credential) {
        Optional<Users.Account> row = users.find(actor.user());
        if (credential == null) {
            return row.isPresent();
        }
        return row.isEmpty() || row.get().disabled() || row.get().role() != actor.role() || !row.get().tenant().equals(actor.tenant())
                || !credential.equals(row.get().credential());
    }

    /** The value of the request's cookie with this name, or null. */
    static String cookie(HttpServletRequest req, String name) {
        if (req.getCookies() == null) {
            return null;
        }
        for (Cookie c : req.getCookies()) {
            if (name.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    /** True when the request carries the session's CSRF token (form field or header). */
    public static boolean csrfOk(Session s, HttpServletRequest req) {
        String token = req.getParameter("csrf");
        if (token == null) {
            token = req.getHeader("X-CSRF-Token");
        }
        return token != null && java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    boolean secure(HttpServletRequest req) {
        return req.isSecure() || config.secureCookies();
    }

    /** Whether the API accepts HTTP Basic on every request, not only at {@code POST /tokens}. */
    boolean basicOnEveryApiRequest() {
        return config.basicOnEveryApiRequest();
    }

    /** More families than this opened by one user within an hour raise an alert in the auditors' view. */
    public int familiesPerHourAlert() {
        return Math.max(1, config.familiesPerHourAlert());
    }

    public String defaultLanguage() {
        return "en".equals(config.language()) ? "en" : "da";
    }

    /** True when the request carries HTTP Basic credentials. */
    static boolean hasBasic(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /**
     * Signs in with the request's HTTP Basic credentials; null when they are malformed. Credentials verified in the last
     * five minutes are taken from the cache while the user's row is unchanged (one sign-in audit entry per verification,
     * not per request); failures are never cached, so the limit on failed attempts counts every one.
     */
    SignIn basic(HttpServletRequest req) {
        String key = digest(req.getHeader("Authorization"));
        java.util.concurrent.CompletableFuture<SignIn> pending = verified.getIfPresent(key);
        if (pending != null && pending.isDone() && !pending.isCompletedExceptionally()) {
            SignIn cached = pending.getNow(null);
            if (cached != null && cached.outcome() == Outcome.OK && !revoked(cached.actor(), cached.credential())) {
                return cached;
            }
            verified.asMap().remove(key, pending);
        }
        // one verification per credentials at a time, on the thread of the request that came first
        java.util.concurrent.CompletableFuture<SignIn> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<SignIn> shared = verified.asMap().putIfAbsent(key, mine);
        if (shared != null) {
            try {
                SignIn theirs = shared.get(30, java.util.concurrent.TimeUnit.SECONDS);
                if (theirs != null && theirs.outcome() == Outcome.OK) {
                    return theirs;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // checked anew below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // a failure is never shared: this request's own attempt is checked and counted
            return verify(req);
        }
        try {
            SignIn result = verify(req);
            mine.complete(result);
            if (result == null || result.outcome() != Outcome.OK) {
                verified.asMap().remove(key, mine); // failures are never kept
            }
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            verified.asMap().remove(key, mine);
            throw e;
        }
    }

    private String digest(String header) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(salt);
            return java.util.HexFormat.of().formatHex(d.digest(header.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private SignIn verify(HttpServletRequest req) {
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(req.getHeader("Authorization").substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : signIn(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), address(req));
    }

    /** The signed-in actor of a request, by its session or its HTTP Basic credentials; empty for anonymous callers. */
    Optional<Actor> actor(HttpServletRequest req) {
        if (hasBasic(req)) {
            SignIn s = basic(req);
            return s == null || s.outcome() != Outcome.OK ? Optional.empty() : Optional.of(s.actor());
        }
        return session(req).map(Session::actor);
    }

    /** Headers every response of tidlig carries (the application, the API, /health and even a 404). */
    public static void securityHeaders(HttpServletResponse resp) {
        // a browser that reached tidlig over https once keeps to https for a year
        resp.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Cache-Control", "no-store");
    }

    /** The client address for the sign-in limit: see {@link #clientAddress}. */
    public String address(HttpServletRequest req) {
        String header = config.clientAddressHeader();
        return clientAddress(req.getRemoteAddr(), header == null || header.isBlank() ? null : req.getHeader(header.strip()), config.trustedProxies());
    }

    /**
     * The client's address. Behind the TLS proxy every request comes from the proxy, which appends the address it
     * saw to the header (e.g. X-Forwarded-For). Everything left of the proxies' own entries was written by the client
     * and may be forged, so the header is read from the right: the first address that is not a trusted proxy is the
     * client. A request that does not come from a trusted proxy is its connection's address, whatever it claims.
     */
    static String clientAddress(String remote, String header, String trustedProxies) {
        java.util.Set<String> trusted = new java.util.HashSet<>();
        for (String p : trustedProxies == null ? new String[0] : trustedProxies.split(",")) {
            if (!p.isBlank()) {
                trusted.add(p.strip());
            }
        }
        if (header == null || header.isBlank() || !trusted.contains(remote)) {
            return remote;
        }
        String[] hops = header.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop;
            }
        }
        return remote;
    }

    /** How long a signed-in session may be idle, in seconds; the pages warn before it ends. */
    public long idleSeconds() {
        return sessions.idle().toSeconds();
    }

    public AuditTrail audit() {
        return audit;
    }

    /** The municipality's local users (names and roles only). */
    public java.util.List<Users.Account> users(String municipality) {
        return users.list(municipality);
    }

    /** The municipality's users of the single sign-on who signed in within the last year (names, roles, last sign-in). */
    public java.util.List<Users.SsoUser> ssoUsers(String municipality) {
        return users.ssoUsers(municipality, java.time.Instant.now().minus(java.time.Duration.ofDays(365)));
    }
}
