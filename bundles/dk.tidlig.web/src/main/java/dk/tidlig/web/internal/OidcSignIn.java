// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.SignInSeals;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.core.access.Users;

/**
 * OpenID Connect sign-in: the authorization code flow with PKCE (S256), state and nonce. The ID token's
 * signature is checked against the provider's published keys (RS256 or ES256), and its issuer, audience,
 * expiry and nonce are checked; the user name, role and municipality come from its claims.
 */
@Component(service = OidcSignIn.class, configurationPid = OidcConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OidcConfig.class)
public class OidcSignIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PENDING = Duration.ofMinutes(10);

    /** A sign-in on its way through the provider, as the browser carries it (sealed) in a cookie. */
    record Pending(String state, String nonce, String verifier, Instant started) {
    }

    /** A started sign-in: where to send the browser, and the sealed cookie that remembers it there. */
    record Start(String location, String cookie) {
    }

    /** A refused sign-in; the message is for the user and the log, without personal data. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final OidcConfig config;
    private final AuditTrail audit;
    private final Tenant tenant;
    private final Users users;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    /**
     * The key that seals started sign-ins into the browser's cookie, new at every start of tidlig: nothing of a
     * sign-in under way is kept on the server, so anonymous requests to start one cannot fill anything.
     */
    /** Seals a pending sign-in for its cookie with the installation's key: any node finishes what another began. */
    private final SignInSeals seals;
    /** Where the states of completed sign-ins are remembered, so that a callback cannot be replayed on any node. */
    private final dk.tidlig.core.access.SignedInSessions sessions;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private volatile Discovery discovery;
    /** Where refused sign-ins are counted when the metrics bundle runs. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile io.micrometer.core.instrument.MeterRegistry meters;

    private record Discovery(String authorization, String token, DefaultJWTProcessor<SecurityContext> verifier) {
    }

    @Activate
    public OidcSignIn(OidcConfig config, @Reference AuditTrail audit, @Reference Tenant tenant, @Reference Users users,
            @Reference SignInSeals seals, @Reference dk.tidlig.core.access.SignedInSessions sessions) {
        this.sessions = sessions;
        this.config = config;
        this.audit = audit;
        this.tenant = tenant;
        this.users = users;
        this.seals = seals;
        requireHttps("issuer", config.issuer());
        roles.putAll(SsoAccounts.roleMapping(config.roleMapping(), "group"));
    }

    /** Every address of the provider is https, unless a test's own provider is allowed plain http. */
    private void requireHttps(String what, String address) {
        requireHttps(what, address, config.insecureHttpForTests());
    }

    private static void requireHttps(String what, String address, boolean insecureHttpForTests) {
        if (!address.startsWith("https://") && !(insecureHttpForTests && address.startsWith("http://"))) {
            throw new IllegalArgumentException("the identity provider's " + what + " must be an https address: " + address);
        }
    }

    /** The discovery document's endpoints are https too: an https issuer that sends the code or fetches keys over http is refused. */
    static void checkEndpoints(JsonNode discovery, boolean insecureHttpForTests) throws Refused {
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            try {
                requireHttps(endpoint, discovery.path(endpoint).asText(), insecureHttpForTests);
            } catch (IllegalArgumentException e) {
                throw new Refused(e.getMessage());
            }
        }
    }

    public String label() {
        return config.label();
    }

    /**
     * Starts a sign-in: a new state, nonce and PKCE verifier, sealed into the cookie the browser carries back; the
     * provider's authorization URL.
     */
    public Start start() throws Refused {
        Discovery d = discovery();
        String state = Sessions.token();
        String nonce = Sessions.token();
        String verifier = Sessions.token() + Sessions.token();
        String cookie = seal(new Pending(state, nonce, verifier, Instant.now()));
        return new Start(d.authorization() + (d.authorization().contains("?") ? "&" : "?") + form(Map.of("response_type", "code", "client_id",
                config.clientId(), "redirect_uri", config.redirectUri(), "scope", config.scopes(), "state", state, "nonce", nonce, "code_challenge",
                challenge(verifier), "code_challenge_method", "S256")), cookie);
    }

    private String seal(Pending p) {
        return seals.seal(p.state() + " " + p.nonce() + " " + p.verifier() + " " + p.started().getEpochSecond());
    }

    /** The sign-in a cookie carries, or null when it is not one of ours (forged, altered, from another installation). */
    private Pending open(String cookie) {
        String[] f = seals.open(cookie).map(t -> t.split(" ")).orElse(new String[0]);
        try {
            return f.length == 4 ? new Pending(f[0], f[1], f[2], Instant.ofEpochSecond(Long.parseLong(f[3]))) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Completes a sign-in from the provider's redirect.
     *
     * @param cookie the sealed sign-in the browser carried back
     */
    public Actor complete(String state, String cookie, String code, String error) throws Refused {
        Pending p = cookie == null ? null : open(cookie);
        try {
            if (error != null) {
                // only the standard error codes reach the log and the audit trail, never the sender's text
                throw new Refused("the identity provider refused the sign-in (" + (error.matches("[a-z_]{1,40}") ? error : "unknown error") + ")");
            }
            if (p == null || state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), p.state().getBytes(StandardCharsets.UTF_8))) {
                throw new Refused("the sign-in's state does not match: start again");
            }
            if (p.started().plus(PENDING).isBefore(Instant.now())) {
                throw new Refused("the sign-in took too long: start again");
            }
            // on every node: the database remembers it
            if (!sessions.firstUse("oidc-state", p.state(), p.started().plus(PENDING).plus(PENDING))) {
                throw new Refused("the sign-in was completed already: start again");
            }
            if (code == null || code.isBlank()) {
                throw new Refused("the identity provider sent no code");
            }
            JWTClaimsSet claims = verify(exchange(code, p.verifier()), p.nonce());
            Actor actor = actor(claims);
            audit.record(actor, Action.SIGN_IN, "", "OpenID Connect");
            return actor;
        } catch (Refused e) {
            WebSupport.signInFailed(meters, "oidc", "refused");
            audit.record(Actor.system(tenant.municipalityCode()), Action.SIGN_IN_REFUSED, "", "OpenID Connect: " + e.getMessage());
            throw e;
        }
    }

    private String exchange(String code, String verifier) throws Refused {
        Discovery d = discovery();
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(config._clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.token())).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                        config.redirectUri(), "code_verifier", verifier, "client_id", config.clientId())))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Refused("the token endpoint answered " + response.statusCode());
            }
            JsonNode body = JSON.readTree(response.body());
            if (!body.path("id_token").isTextual()) {
                throw new Refused("the token endpoint sent no ID token");
            }
            return body.get("id_token").asText();
        } catch (IOException e) {
            throw new Refused("the token endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private JWTClaimsSet verify(String idToken, String nonce) throws Refused {
        try {
            JWTClaimsSet claims = discovery().verifier().process(idToken, null);
            if (!nonce.equals(claims.getStringClaim("nonce"))) {
                throw new Refused("the ID token's nonce does not match");
            }
            checkAuthorizedParty(claims, config.clientId());
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new Refused("the ID token is not valid: " + e.getMessage());
        }
    }

    /**
     * An ID token with more than one audience must name tidlig as its authorized party ({@code azp}), and an
     * {@code azp} that is present must be tidlig: otherwise a token issued to another client could sign in here.
     */
    static void checkAuthorizedParty(JWTClaimsSet claims, String clientId) throws Refused {
        Object azp = claims.getClaim("azp");
        List<String> audience = claims.getAudience();
        if (audience != null && audience.size() > 1 && !(azp instanceof String)) {
            throw new Refused("the ID token has several audiences but no authorized party (azp)");
        }
        if (azp != null && !clientId.equals(azp)) {
            throw new Refused("the ID token was issued to another client (azp)");
        }
    }

    /**
     * Who signed in. A user is the issuer and subject of the token, never a user name alone: the user name
     * ({@code usernameClaim}) is bound to them the first time they sign in, and a token of another subject
     * claiming the same name, or the name of a local user, is refused.
     */
    Actor actor(JWTClaimsSet claims) throws Refused {
        String issuer = claims.getIssuer();
        String subject = claims.getSubject();
        if (issuer == null || subject == null || subject.isBlank()) {
            throw new Refused("the ID token has no issuer or subject");
        }
        Object name = claims.getClaim(config.usernameClaim());
        String offered = name instanceof String n && n.strip().matches("[A-Za-z0-9._@-]{2,64}") && !CprNumbers.containsCprLike(n) ? n.strip() : subject;
        Object claim = claims.getClaim(config.roleClaim());
        List<String> groups = new ArrayList<>();
        if (claim instanceof String s) {
            groups.add(s);
        } else if (claim instanceof List<?> l) {
            l.forEach(g -> groups.add(String.valueOf(g)));
        }
        Role role = roles.entrySet().stream().filter(e -> groups.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new Refused("the user " + CprNumbers.mask(offered) + " has none of the groups that give a role in tidlig"));
        String municipality = tenant.municipalityCode();
        if (!config.municipalityClaim().isBlank()) {
            Object m = claims.getClaim(config.municipalityClaim());
            if (!(m instanceof String s) || !s.strip().matches("[1-9]\\d{2}")) {
                throw new Refused("the ID token has no municipality code (" + config.municipalityClaim() + ")");
            }
            municipality = ((String) m).strip();
        }
        String user = SsoAccounts.user(users, issuer, subject, name instanceof String n ? n : null, municipality, config.usernameClaim(), Refused::new);
        users.signedIn(new Users.SsoIdentity(issuer, subject, user, municipality), role);
        return new Actor(user, role, municipality);
    }

    private Discovery discovery() throws Refused {
        Discovery d = discovery;
        if (d != null) {
            return d;
        }
        String issuer = config.issuer().replaceAll("/+$", "");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new Refused("the identity provider's discovery document answered " + response.statusCode());
            }
            JsonNode doc = JSON.readTree(response.body());
            if (!config.issuer().equals(doc.path("issuer").asText())) {
                throw new Refused("the discovery document names another issuer");
            }
            checkEndpoints(doc, config.insecureHttpForTests());
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(doc.path("jwks_uri").asText()).toURL()).build();
            DefaultJWTProcessor<SecurityContext> verifier = new DefaultJWTProcessor<>();
            verifier.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256), keys));
            verifier.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.clientId(), new JWTClaimsSet.Builder().issuer(config.issuer()).build(),
                    Set.of("sub", "exp", "iat", "nonce")));
            d = new Discovery(doc.path("authorization_endpoint").asText(), doc.path("token_endpoint").asText(), verifier);
            discovery = d;
            return d;
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new Refused("the discovery document's addresses are not valid");
        } catch (IOException e) {
            throw new Refused("the identity provider could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
