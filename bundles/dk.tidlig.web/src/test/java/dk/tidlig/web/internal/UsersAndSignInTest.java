// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jwt.JWTClaimsSet;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.Users;
import dk.tidlig.core.internal.access.UsersImpl;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcUserStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/** Local users and SSO identities against a real MariaDB, tried as someone with a stale session or a forged token would. */
class UsersAndSignInTest {

    @TempDir
    Path keys;
    TestDatabase db;
    MariaDbDatabase database;
    Users users;
    AuditTrailImpl audit;
    UsersCommand command;
    WebSupport web;
    dk.tidlig.core.access.SignedInSessions signedIn;
    dk.tidlig.core.access.SignInSeals seals;
    final Tenant gladsaxe = () -> "159";

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create("users");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, true);
        users = new UsersImpl(new JdbcUserStore(database));
        audit = new AuditTrailImpl(new JdbcAuditStore(database), new KeyRing(keys.resolve("tidlig.keys"), true), new JdbcOutreachStore(database));

        signedIn = new dk.tidlig.core.internal.access.SignedInSessionsImpl(new dk.tidlig.store.internal.JdbcSessionStore(database), new dk.tidlig.store.internal.JdbcSessionStore(database));
        seals = new dk.tidlig.core.internal.access.SignInSealsImpl(new KeyRing(keys.resolve("tidlig.keys"), true));
        web = new WebSupport(users, audit, gladsaxe, signedIn, WebConfigs.defaults());
        command = new UsersCommand(users, audit, gladsaxe, signedIn);
    }

    @AfterEach
    void stop() {
        audit.deactivate(); // its head recorder's thread, before the key folder goes
        database.close();
        db.close();
    }

    String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(command.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    static String password(String output) {
        Matcher m = Pattern.compile("has the password: (\\S+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return m.group(1);
    }

    @Test
    void sessionsOutliveARestartAreSharedByTwoNodesAndTheirTableSignsNobodyIn() throws Exception {
        String password = password(run("add", "bente", "team_lead"));
        WebSupport.SignIn signIn = web.signIn("bente", password.toCharArray(), "10.0.0.2");
        Sessions.Session s = web.open(signIn.actor(), signIn.credential(), "da");
        web.language(s, "en");
        // a restart, or the other node behind the proxy: a new WebSupport on the same database
        WebSupport other = new WebSupport(users, audit, gladsaxe, signedIn, WebConfigs.defaults());
        Sessions.Session there = other.session(s.id).orElseThrow();
        assertThat(there.actor()).isEqualTo(signIn.actor());
        assertThat(there.csrf()).as("the same CSRF token on both nodes").isEqualTo(s.csrf());
        assertThat(there.language()).isEqualTo("en");

        // the table knows the session only by a digest of its id: what it holds does not sign anyone in
        List<String> stored = new java.util.ArrayList<>();
        try (java.sql.Connection c = db.connect(); java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT HEX(id_hash) FROM app_session")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertThat(stored).hasSize(1).doesNotContain(s.id);
        assertThat(other.session(stored.get(0))).isEmpty();
        assertThat(other.session(java.util.HexFormat.of().formatHex(Sessions.hash(s.id)))).isEmpty();
        assertThat(other.session(s.id.substring(1))).isEmpty();

        // the operator ends a user's sessions (an SSO user's too) with one command, audited
        Sessions.Session second = web.open(signIn.actor(), signIn.credential(), "da");
        assertThat(run("end-sessions", "bente")).contains("Ended 2 sessions of bente");
        assertThat(other.session(second.id)).isEmpty();
        assertThat(web.session(s.id)).isEmpty();
        s = web.open(signIn.actor(), signIn.credential(), "da");

        // signing out on one node (its sessions close the id) ends it on the other
        new Sessions(signedIn, java.time.Duration.ofMinutes(30), java.time.Clock.systemUTC()).close(s.id);
        assertThat(web.session(s.id)).isEmpty();
        assertThat(other.session(s.id)).isEmpty();
    }

    @Test
    void aPasswordResetOrARoleChangeEndsTheUsersSessions() {
        String first = password(run("add", "anna", "outreach_worker"));
        WebSupport.SignIn signIn = web.signIn("anna", first.toCharArray(), "10.0.0.1");
        assertThat(signIn.outcome()).isEqualTo(WebSupport.Outcome.OK);
        Sessions.Session before = web.open(signIn.actor(), signIn.credential(), "da");
        assertThat(web.session(before.id)).isPresent();

        String second = password(run("reset-password", "anna"));
        assertThat(web.session(before.id)).as("the stolen or forgotten session ends with the reset").isEmpty();
        assertThat(web.signIn("anna", first.toCharArray(), "10.0.0.1").outcome()).isEqualTo(WebSupport.Outcome.FAILED);
        WebSupport.SignIn again = web.signIn("anna", second.toCharArray(), "10.0.0.1");
        Sessions.Session after = web.open(again.actor(), again.credential(), "da");
        assertThat(web.session(after.id)).isPresent();
        run("role", "anna", "analyst");
        assertThat(web.session(after.id)).isEmpty();
    }

    /** A request with HTTP Basic credentials, from 10.0.0.9. */
    static jakarta.servlet.http.HttpServletRequest basic(String user, String password) {
        String header = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(UsersAndSignInTest.class.getClassLoader(),
                new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? header : null;
                    case "getRemoteAddr" -> "10.0.0.9";
                    default -> null;
                });
    }

    long signIns(String user) {
        return audit.find("159", dk.tidlig.core.audit.AuditTrail.Action.SIGN_IN, user, null, null, 100).size();
    }

    @Test
    void httpBasicCredentialsAreVerifiedOnceAndTheCacheHoldsOnlyWhileTheUserIsUnchanged() {
        String password = password(run("add", "api", "outreach_worker"));
        long before = System.nanoTime();
        assertThat(web.basic(basic("api", password)).outcome()).isEqualTo(WebSupport.Outcome.OK);
        long first = System.nanoTime() - before;
        before = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThat(web.basic(basic("api", password)).outcome()).isEqualTo(WebSupport.Outcome.OK);
        }
        long twenty = System.nanoTime() - before;
        assertThat(twenty).as("twenty verified requests cost less than the one password hash").isLessThan(first);
        assertThat(signIns("api")).as("one sign-in audited per verification, not per request").isEqualTo(1);

        assertThat(web.basic(basic("api", password + "x")).outcome()).as("other credentials are checked anew").isEqualTo(WebSupport.Outcome.FAILED);
        String second = password(run("reset-password", "api"));
        assertThat(web.basic(basic("api", password)).outcome()).as("the old password ends with the reset").isEqualTo(WebSupport.Outcome.FAILED);
        assertThat(web.basic(basic("api", second)).outcome()).isEqualTo(WebSupport.Outcome.OK);
        run("disable", "api");
        assertThat(web.basic(basic("api", second)).outcome()).as("a disabled user's cached credentials count no more")
                .isEqualTo(WebSupport.Outcome.FAILED);
        run("enable", "api");
        run("role", "api", "analyst");
        WebSupport.SignIn changed = web.basic(basic("api", second));
        assertThat(changed.actor().role()).as("a role change is seen at the next request").isEqualTo(Role.ANALYST);
    }

    @Test
    void addingAnExistingUserNeverReEnablesItOrReplacesItsPassword() {
        String password = password(run("add", "bo", "team_lead"));
        run("disable", "bo");
        assertThatThrownBy(() -> command.execute(List.of("add", "bo", "team_lead"), new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists and was left as it is");
        assertThatThrownBy(() -> command.execute(List.of("add", "BO", "administrator"), new PrintStream(new ByteArrayOutputStream())))
                .as("another case of the same name").isInstanceOf(IllegalArgumentException.class);
        assertThat(users.find("bo")).hasValueSatisfying(u -> {
            assertThat(u.disabled()).isTrue();
            assertThat(u.role()).isEqualTo(Role.TEAM_LEAD);
        });
        assertThat(web.signIn("bo", password.toCharArray(), "10.0.0.2").outcome()).isEqualTo(WebSupport.Outcome.FAILED);
        assertThat(run("reset-password", "bo")).contains("stays disabled");
        assertThat(users.find("bo").orElseThrow().disabled()).isTrue();
        run("enable", "bo");
        assertThat(users.find("bo").orElseThrow().disabled()).isFalse();
        assertThat(run("add", "dora", "data_protection_officer")).contains("data protection officer");
    }

    @Test
    void anSsoUserIsItsIssuerAndSubjectNeverAUserNameAlone() throws Exception {
        OidcSignIn oidc = new OidcSignIn(oidcConfig("https://login.kommune.example/realms/k", false), audit, gladsaxe, users, seals, signedIn);
        Actor anna = oidc.actor(claims("https://login.kommune.example/realms/k", "sub-1", "anna.sso"));
        assertThat(anna.user()).isEqualTo("anna.sso");
        assertThat(anna.role()).isEqualTo(Role.OUTREACH_WORKER);
        assertThatThrownBy(() -> oidc.actor(claims("https://login.kommune.example/realms/k", "sub-2", "anna.sso")))
                .as("another subject claiming the name").isInstanceOf(OidcSignIn.Refused.class).hasMessageContaining("another SSO account");
        assertThatThrownBy(() -> oidc.actor(claims("https://other.example/realms/k", "sub-1", "anna.sso")))
                .as("the same subject at another issuer").isInstanceOf(OidcSignIn.Refused.class);
        assertThat(oidc.actor(claims("https://login.kommune.example/realms/k", "sub-1", "someone.else")).user())
                .as("the name bound at first sign-in stays").isEqualTo("anna.sso");
        run("add", "bo", "team_lead");
        assertThatThrownBy(() -> oidc.actor(claims("https://login.kommune.example/realms/k", "sub-3", "bo")))
                .as("a local user's name").isInstanceOf(OidcSignIn.Refused.class).hasMessageContaining("local user");
    }

    @Test
    void anIdTokenForSeveralClientsMustNameTidligAsItsAuthorizedParty() throws Exception {
        OidcSignIn.checkAuthorizedParty(new JWTClaimsSet.Builder().audience("tidlig").build(), "tidlig");
        OidcSignIn.checkAuthorizedParty(new JWTClaimsSet.Builder().audience(List.of("tidlig", "other")).claim("azp", "tidlig").build(), "tidlig");
        assertThatThrownBy(() -> OidcSignIn.checkAuthorizedParty(new JWTClaimsSet.Builder().audience(List.of("tidlig", "other")).build(), "tidlig"))
                .isInstanceOf(OidcSignIn.Refused.class).hasMessageContaining("azp");
        assertThatThrownBy(() -> OidcSignIn.checkAuthorizedParty(new JWTClaimsSet.Builder().audience(List.of("tidlig", "other"))
                .claim("azp", "other").build(), "tidlig")).isInstanceOf(OidcSignIn.Refused.class).hasMessageContaining("another client");
    }

    @Test
    void theProvidersAddressesMustBeHttpsOutsideTests() {
        assertThatThrownBy(() -> new OidcSignIn(oidcConfig("http://login.kommune.example/realms/k", false), audit, gladsaxe, users, seals, signedIn))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        new OidcSignIn(oidcConfig("http://127.0.0.1:8089/k", true), audit, gladsaxe, users, seals, signedIn);
    }

    static JWTClaimsSet claims(String issuer, String subject, String name) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience("tidlig").claim("preferred_username", name)
                .claim("roles", List.of("tidlig-opsoegende")).build();
    }

    @Test
    void everyEndpointOfTheDiscoveryDocumentMustBeHttpsToo() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String good = "{\"issuer\":\"https://login.kommune.example/k\",\"authorization_endpoint\":\"https://login.kommune.example/k/auth\","
                + "\"token_endpoint\":\"https://login.kommune.example/k/token\",\"jwks_uri\":\"https://login.kommune.example/k/certs\"}";
        OidcSignIn.checkEndpoints(json.readTree(good), false);
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri")) {
            com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(good);
            doc.put(endpoint, doc.get(endpoint).asText().replace("https://", "http://"));
            assertThatThrownBy(() -> OidcSignIn.checkEndpoints(doc, false)).as(endpoint).isInstanceOf(OidcSignIn.Refused.class)
                    .hasMessageContaining(endpoint).hasMessageContaining("https");
            OidcSignIn.checkEndpoints(doc, true); // a provider started inside a test
            doc.remove(endpoint);
            assertThatThrownBy(() -> OidcSignIn.checkEndpoints(doc, true)).as(endpoint + " missing").isInstanceOf(OidcSignIn.Refused.class);
        }
    }

    static OidcConfig oidcConfig(String issuer, boolean insecure) {
        return new OidcConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OidcConfig.class;
            }

            @Override
            public String issuer() {
                return issuer;
            }

            @Override
            public String clientId() {
                return "tidlig";
            }

            @Override
            public String _clientSecret() {
                return "secret";
            }

            @Override
            public String redirectUri() {
                return "https://tidlig.kommune.example/app/oidc/callback";
            }

            @Override
            public String scopes() {
                return "openid profile";
            }

            @Override
            public String usernameClaim() {
                return "preferred_username";
            }

            @Override
            public String roleClaim() {
                return "roles";
            }

            @Override
            public String roleMapping() {
                return "tidlig-opsoegende=OUTREACH_WORKER";
            }

            @Override
            public String municipalityClaim() {
                return "";
            }

            @Override
            public boolean insecureHttpForTests() {
                return insecure;
            }

            @Override
            public String label() {
                return "SSO";
            }
        };
    }

    /** A request before any session, with a language cookie and an Accept-Language header, either or both null. */
    static jakarta.servlet.http.HttpServletRequest browser(String cookie, String acceptLanguage) {
        return (jakarta.servlet.http.HttpServletRequest) java.lang.reflect.Proxy.newProxyInstance(UsersAndSignInTest.class.getClassLoader(),
                new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCookies" -> cookie == null ? null : new jakarta.servlet.http.Cookie[] {new jakarta.servlet.http.Cookie("tidlig_lang", cookie)};
                    case "getHeader" -> "Accept-Language".equals(args[0]) ? acceptLanguage : null;
                    case "getLocales" -> java.util.Collections.enumeration(acceptLanguage == null ? List.of(java.util.Locale.getDefault())
                            : java.util.Arrays.stream(acceptLanguage.split(",")).map(l -> java.util.Locale.forLanguageTag(l.split(";")[0].strip())).toList());
                    default -> null;
                });
    }

    @Test
    void aPageBeforeTheSignInSpeaksTheLanguageChosenInThisBrowserElseTheMunicipalitys() {
        Pages pages = new Pages(web);
        assertThat(pages.language(browser(null, null))).as("the configured default").isEqualTo("da");
        assertThat(pages.language(browser(null, "en-GB,en;q=0.9"))).as("the municipality's language, not the browser's setting").isEqualTo("da");
        assertThat(pages.language(browser("en", "da"))).as("the choice made when last signed in").isEqualTo("en");
        assertThat(pages.language(browser("xx", "en"))).isEqualTo("da");
    }
}
