// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.SignInSeals;
import dk.tidlig.core.access.SignedInSessions;
import dk.tidlig.core.access.Users;
import dk.tidlig.core.internal.access.UsersImpl;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcUserStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/**
 * Sign-in through KOMBIT's Context Handler against an identity provider in the test that signs with its own test key:
 * a valid login, and each way an attacker or a misconfiguration would try to get in - a wrong signature, a wrong audience,
 * an expired assertion, a replay, another browser's response, an unmapped privilege, too low an assurance level - and
 * single logout both ways.
 */
class SamlSignInTest {

    static final String BASE = "https://tidlig.kommune.example";
    static final String SP_ENTITY = "https://tidlig.kommune.example/saml";

    @TempDir
    static Path keyDir;
    /** The identity provider's and tidlig's keys, made once (keytool takes a second each). */
    static TestIdp idp;
    static X509Certificate spCertificate;

    @TempDir
    Path home;
    TestDatabase db;
    MariaDbDatabase database;
    Users users;
    AuditTrailImpl audit;
    SignInSeals seals;
    SignedInSessions sessions;
    SamlSignIn saml;
    final Tenant gladsaxe = () -> "159";

    /** One database for the class (made once: a second each); each test starts from empty tables. */
    static TestDatabase sharedDb;

    @org.junit.jupiter.api.AfterAll
    static void dropDatabase() {
        if (sharedDb != null) {
            sharedDb.close();
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void keys() throws Exception {
        sharedDb = TestDatabase.create("saml");
        idp = TestIdp.create(keyDir, "https://idp.example/runtime/saml2/issue.idp", "https://idp.example/runtime/saml2/logout.idp");
        spCertificate = (X509Certificate) TestIdp.keyStore(keyDir.resolve("tidlig.p12"), "tidlig", "CN=tidlig (test)").getCertificate("tidlig");
    }

    @BeforeEach
    void start() throws Exception {
        db = sharedDb;
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, true);
        try (var c = db.connect(); var st = c.createStatement()) {
            for (String table : List.of("audit_entry", "audit_start", "sso_identity", "app_session", "used_once", "app_user")) {
                st.executeUpdate("DELETE FROM " + table);
            }
        }
        users = new UsersImpl(new JdbcUserStore(database));
        KeyRing keys = new KeyRing(home.resolve("tidlig.keys"), true);
        audit = new AuditTrailImpl(new JdbcAuditStore(database), keys, new JdbcOutreachStore(database));
        seals = new dk.tidlig.core.internal.access.SignInSealsImpl(keys);
        sessions = new dk.tidlig.core.internal.access.SignedInSessionsImpl(new dk.tidlig.store.internal.JdbcSessionStore(database), new dk.tidlig.store.internal.JdbcSessionStore(database));
        Files.createDirectories(home.resolve("etc/saml"));
        for (String f : List.of("idp-metadata.xml", "tidlig.p12")) {
            Files.copy(keyDir.resolve(f), home.resolve("etc/saml").resolve(f));
        }
        saml = new SamlSignIn(home, config("Substantial", BASE), audit, gladsaxe, users, seals, sessions);
    }

    @AfterEach
    void stop() {
        audit.deactivate(); // its head recorder's thread, before the key folder goes
        database.close();
    }

    /** A browser's way to the IdP: the started request's id (its signature checked as the IdP would) and its cookie. */
    record Started(String requestId, String cookie) {
    }

    Started started() throws Exception {
        SamlSignIn.Start s = saml.start();
        assertThat(s.location()).startsWith(idp.ssoUrl + "?SAMLRequest=");
        return new Started(TestIdp.authnRequestId(s.location(), spCertificate), s.cookie());
    }

    TestIdp.Assertion answering(Started s) {
        TestIdp.Assertion a = new TestIdp.Assertion();
        a.inResponseTo = s.requestId();
        a.audience = SP_ENTITY;
        a.recipient = BASE + "/app/saml/acs";
        return a;
    }

    List<String> audited(String action) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = db.connect(); var ps = c.prepareStatement("SELECT actor, detail FROM audit_entry WHERE action = ? ORDER BY seq")) {
            ps.setString(1, action);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ": " + rs.getString(2));
                }
            }
        }
        return out;
    }

    @Test
    void aValidAssertionSignsInWithTheRoleAndMunicipalityOfTheMappedPrivilege() throws Exception {
        Started s = started();
        SamlSignIn.SignedIn in = saml.complete(idp.response(answering(s)), s.cookie());
        assertThat(in.actor()).isEqualTo(new Actor("anna.opsoeger@kommune.example", Role.OUTREACH_WORKER, "159"));
        assertThat(audited("SIGN_IN")).singleElement().asString().contains("SAML (KOMBIT Context Handler), assurance Substantial");
        // the second time, the same KOMBIT user (issuer + NameID) is the same tidlig user whatever its e-mail says now
        Started again = started();
        TestIdp.Assertion renamed = answering(again);
        renamed.email = "anna.ny@kommune.example";
        assertThat(saml.complete(idp.response(renamed), again.cookie()).actor().user()).isEqualTo("anna.opsoeger@kommune.example");
    }

    @Test
    void anEncryptedAssertionIsReadWithTidligsKeyAndAPlainOneIsRefusedWhenEncryptionIsRequired() throws Exception {
        SamlSignIn encrypted = new SamlSignIn(home, config("Substantial", BASE, true), audit, gladsaxe, users, seals, sessions);
        SamlSignIn.Start e = encrypted.start();
        Started s = new Started(TestIdp.authnRequestId(e.location(), spCertificate), e.cookie());
        String response = idp.response(answering(s), idp.key, idp.certificate, spCertificate);
        assertThat(new String(java.util.Base64.getDecoder().decode(response), java.nio.charset.StandardCharsets.UTF_8))
                .contains("EncryptedAssertion").doesNotContain("anna.opsoeger");
        assertThat(encrypted.complete(response, s.cookie()).actor().user()).isEqualTo("anna.opsoeger@kommune.example");
        SamlSignIn.Start p = encrypted.start();
        Started plain = new Started(TestIdp.authnRequestId(p.location(), spCertificate), p.cookie());
        assertThatThrownBy(() -> encrypted.complete(idp.response(answering(plain)), plain.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("not encrypted");
        // encrypted to another key than tidlig's: it cannot be read
        KeyStore other = TestIdp.keyStore(home.resolve("other-sp.p12"), "x", "CN=another service provider");
        SamlSignIn.Start o = encrypted.start();
        Started wrongKey = new Started(TestIdp.authnRequestId(o.location(), spCertificate), o.cookie());
        String toOther = idp.response(answering(wrongKey), idp.key, idp.certificate, (X509Certificate) other.getCertificate("x"));
        assertThatThrownBy(() -> encrypted.complete(toOther, wrongKey.cookie())).isInstanceOf(SamlSignIn.Refused.class);
    }

    @Test
    void anAssertionSignedByAnotherKeyIsRefused() throws Exception {
        Started s = started();
        KeyStore other = TestIdp.keyStore(home.resolve("other.p12"), "x", "CN=Context Handler (forged)");
        String forged = idp.response(answering(s), (PrivateKey) other.getKey("x", TestIdp.PASSWORD.toCharArray()),
                (X509Certificate) other.getCertificate("x"));
        assertThatThrownBy(() -> saml.complete(forged, s.cookie())).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("Signature");
        assertThat(audited("SIGN_IN")).isEmpty();
        assertThat(audited("SIGN_IN_REFUSED")).singleElement().asString().contains("SAML: the assertion is not valid");
    }

    @Test
    void anAssertionAlteredAfterSigningIsRefused() throws Exception {
        Started s = started();
        String xml = new String(java.util.Base64.getDecoder().decode(idp.response(answering(s))), java.nio.charset.StandardCharsets.UTF_8);
        // the privilege of an outreach worker becomes a team lead's after the IdP signed it
        String teamLead = java.util.Base64.getEncoder().encodeToString(("<bpp:PrivilegeList xmlns:bpp=\"http://digst.dk/oiosaml/basic_privilege_profile\">"
                + "<PrivilegeGroup Scope=\"urn:dk:gov:saml:cvrNumberIdentifier:62761113\"><Privilege>http://tidlig.dk/roles/teamleder/1</Privilege>"
                + "</PrivilegeGroup></bpp:PrivilegeList>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String altered = xml.replaceFirst("(Name=\"" + java.util.regex.Pattern.quote(TestIdp.PRIVILEGES) + "\"[^>]*><saml:AttributeValue[^>]*>)[^<]+", "$1"
                + teamLead);
        assertThat(altered).isNotEqualTo(xml);
        assertThatThrownBy(() -> saml.complete(java.util.Base64.getEncoder().encodeToString(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                s.cookie())).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("Signature");
    }

    @Test
    void anAssertionForAnotherServiceProviderIsRefused() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.audience = "https://another-system.kommune.example/saml";
        assertThatThrownBy(() -> saml.complete(idp.response(a), s.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("audience");
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.notOnOrAfter = Instant.now().minus(Duration.ofMinutes(10));
        assertThatThrownBy(() -> saml.complete(idp.response(a), s.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("the assertion is not valid");
    }

    @Test
    void aReplayedAssertionIsRefusedEvenWithANewRequestsCookie() throws Exception {
        Started s = started();
        String response = idp.response(answering(s));
        saml.complete(response, s.cookie());
        assertThatThrownBy(() -> saml.complete(response, s.cookie())).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("replay");
        // another browser's cookie: the response does not answer its request
        Started other = started();
        assertThatThrownBy(() -> saml.complete(response, other.cookie())).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("InResponseTo");
        // and no cookie at all (an unsolicited response)
        assertThatThrownBy(() -> saml.complete(response, null)).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("no sign-in was started");
        assertThatThrownBy(() -> saml.complete(response, "forged")).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("no sign-in was started");
    }

    @Test
    void anAssertionReplayedOnTheOtherNodeIsRefusedToo() throws Exception {
        // a second node: its own SamlSignIn, the same database and key file
        SamlSignIn other = new SamlSignIn(home, config("Substantial", BASE), audit, gladsaxe, users, seals,
                new dk.tidlig.core.internal.access.SignedInSessionsImpl(new dk.tidlig.store.internal.JdbcSessionStore(database), new dk.tidlig.store.internal.JdbcSessionStore(database)));
        Started s = started();
        String response = idp.response(answering(s));
        saml.complete(response, s.cookie());
        assertThatThrownBy(() -> other.complete(response, s.cookie())).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("replay");
    }

    @Test
    void anAssertionWithoutAnAudienceIsRefused() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.audience = null;
        assertThatThrownBy(() -> saml.complete(idp.response(a), s.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("not restricted to tidlig");
    }

    @Test
    void aPrivilegeWithDataLimitsIsNotTakenForTheWholeMunicipality() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.constraint = "27.*";
        assertThatThrownBy(() -> saml.complete(idp.response(a), s.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("data limits");
    }

    @Test
    void theAssuranceLevelMayComeFromTheAuthnContextAlone() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.levelAttribute = false;
        assertThat(saml.complete(idp.response(a), s.cookie()).actor().user()).isEqualTo("anna.opsoeger@kommune.example");
        Started t = started();
        TestIdp.Assertion low = answering(t);
        low.levelAttribute = false;
        low.level = "Low";
        assertThatThrownBy(() -> saml.complete(idp.response(low), t.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessage("the assurance level is Low; tidlig requires at least Substantial");
    }

    @Test
    void aPrivilegeThatIsNotMappedOrIsScopedToAnotherMunicipalityGivesNoRole() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.privileges = Map.of("62761113", List.of("http://kombit.dk/roles/someOtherSystem/1"));
        assertThatThrownBy(() -> saml.complete(idp.response(a), s.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("none of the privileges");
        Started t = started();
        TestIdp.Assertion b = answering(t);
        b.privileges = Map.of("29189919", List.of("http://tidlig.dk/roles/opsoegende/1")); // a CVR number that is not mapped
        assertThatThrownBy(() -> saml.complete(idp.response(b), t.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("none of the privileges");
        assertThat(audited("SIGN_IN")).isEmpty();
    }

    @Test
    void theFirstMappedRoleWinsAndTheMunicipalityComesFromTheScope() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.privileges = Map.of("62761113", List.of("http://tidlig.dk/roles/opsoegende/1", "http://tidlig.dk/roles/teamleder/1"));
        assertThat(saml.complete(idp.response(a), s.cookie()).actor().role()).isEqualTo(Role.TEAM_LEAD);
    }

    @Test
    void tooLowAnAssuranceLevelIsRefused() throws Exception {
        Started s = started();
        TestIdp.Assertion a = answering(s);
        a.level = "Low";
        assertThatThrownBy(() -> saml.complete(idp.response(a), s.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessage("the assurance level is Low; tidlig requires at least Substantial");
        SamlSignIn high = new SamlSignIn(home, config("High", BASE), audit, gladsaxe, users, seals, sessions);
        SamlSignIn.Start h = high.start();
        Started t = new Started(TestIdp.authnRequestId(h.location(), spCertificate), h.cookie());
        assertThatThrownBy(() -> high.complete(idp.response(answering(t)), t.cookie())).isInstanceOf(SamlSignIn.Refused.class)
                .hasMessageContaining("requires at least High");
        assertThat(com.onelogin.saml2.util.Util.base64decodedInflated(TestIdp.query(java.net.URI.create(h.location()).getRawQuery()).get("SAMLRequest")))
                .as("the request asks for the level").contains("https://data.gov.dk/concept/core/nsis/loa/High").contains("Comparison=\"minimum\"");
    }

    @Test
    void singleLogoutBothWays() throws Exception {
        Started s = started();
        SamlSignIn.SignedIn in = saml.complete(idp.response(answering(s)), s.cookie());
        // tidlig's sign-out goes on to the Context Handler as a signed LogoutRequest for that NameID
        assertThat(saml.logout(in.sessionCookie(), "another.user")).as("a cookie left from another user's KOMBIT session").isEmpty();
        String location = saml.logout(in.sessionCookie(), in.actor().user()).orElseThrow();
        assertThat(location).startsWith(idp.sloUrl + "?SAMLRequest=");
        TestIdp.authnRequestId(location, spCertificate); // its signature verifies with tidlig's certificate
        assertThat(com.onelogin.saml2.util.Util.base64decodedInflated(TestIdp.query(java.net.URI.create(location).getRawQuery()).get("SAMLRequest")))
                .contains(new TestIdp.Assertion().nameId);
        assertThat(saml.logout("forged", in.actor().user())).isEmpty();

        // the Context Handler's logout request ends the user's sessions here, and the user's working sessions on cases
        List<String> left = new java.util.ArrayList<>();
        java.lang.reflect.Field outreach = SamlSignIn.class.getDeclaredField("outreach");
        outreach.setAccessible(true);
        outreach.set(saml, java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dk.tidlig.core.outreach.Outreach.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("leave")) {
                        dk.tidlig.core.access.Actor who = (dk.tidlig.core.access.Actor) args[0];
                        left.add(who.user() + "@" + who.tenant() + " " + args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
        sessions.save(new SignedInSessions.Stored(new byte[32], in.actor(), "csrf", null, "da", Instant.now(), Instant.now()));
        String query = idp.logoutRequest(new TestIdp.Assertion().nameId, BASE + "/app/saml/slo");
        String answer = saml.singleLogout(query, params(query));
        assertThat(answer).startsWith(idp.sloUrl + "?SAMLResponse=");
        assertThat(sessions.find(new byte[32])).isEmpty();
        assertThat(left).containsExactly(in.actor().user() + "@" + in.actor().tenant() + " null");
        assertThat(audited("SIGN_OUT")).singleElement().asString().contains("single logout of anna.opsoeger@kommune.example");
        // a logout request with a broken signature ends nothing
        sessions.save(new SignedInSessions.Stored(new byte[32], in.actor(), "csrf", null, "da", Instant.now(), Instant.now()));
        String forged = idp.logoutRequest(new TestIdp.Assertion().nameId, BASE + "/app/saml/slo").replaceFirst("Signature=[A-Za-z0-9%]{8}",
                "Signature=AAAAAAAA");
        assertThatThrownBy(() -> saml.singleLogout(forged, params(forged))).isInstanceOf(SamlSignIn.Refused.class);
        // nor one without a signature (java-saml checks one only when there is one), nor the same request again
        String fresh = idp.logoutRequest(new TestIdp.Assertion().nameId, BASE + "/app/saml/slo");
        String unsigned = fresh.substring(0, fresh.indexOf("&SigAlg="));
        assertThatThrownBy(() -> saml.singleLogout(unsigned, params(unsigned))).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("not signed");
        assertThatThrownBy(() -> saml.singleLogout(query, params(query))).isInstanceOf(SamlSignIn.Refused.class).hasMessageContaining("replay");
        assertThat(sessions.find(new byte[32])).isPresent();
    }

    @Test
    void theMetadataNamesTheEndpointsAndCertificateAndTheConfigurationIsChecked() throws Exception {
        String metadata = saml.metadata();
        assertThat(metadata).contains("entityID=\"" + SP_ENTITY + "\"").contains(BASE + "/app/saml/acs").contains(BASE + "/app/saml/slo")
                .contains("AuthnRequestsSigned=\"true\"").contains("WantAssertionsSigned=\"true\"")
                .contains(java.util.Base64.getEncoder().encodeToString(spCertificate.getEncoded()).substring(0, 40));
        assertThatThrownBy(() -> new SamlSignIn(home, config("Substantial", "http://tidlig.kommune.example"), audit, gladsaxe, users, seals, sessions))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new SamlSignIn(home, config("Medium", BASE), audit, gladsaxe, users, seals, sessions))
                .hasMessage("requiredAssuranceLevel must be Low, Substantial or High");
    }

    static Map<String, List<String>> params(String query) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        TestIdp.query(query).forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    SamlConfig config(String level, String base) {
        return config(level, base, false);
    }

    SamlConfig config(String level, String base, boolean encrypted) {
        return new SamlConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SamlConfig.class;
            }

            @Override
            public String idpMetadataFile() {
                return "etc/saml/idp-metadata.xml";
            }

            @Override
            public String spEntityId() {
                return SP_ENTITY;
            }

            @Override
            public String baseUrl() {
                return base;
            }

            @Override
            public String spKeystoreFile() {
                return "etc/saml/tidlig.p12";
            }

            @Override
            public String _spKeystorePassword() {
                return TestIdp.PASSWORD;
            }

            @Override
            public String requiredAssuranceLevel() {
                return level;
            }

            @Override
            public String privilegeAttribute() {
                return TestIdp.PRIVILEGES;
            }

            @Override
            public String usernameAttribute() {
                return "https://data.gov.dk/model/core/eid/email";
            }

            @Override
            public String roleMapping() {
                return "http://tidlig.dk/roles/teamleder/1=TEAM_LEAD, http://tidlig.dk/roles/opsoegende/1=OUTREACH_WORKER";
            }

            @Override
            public String municipalityMapping() {
                return "62761113=159";
            }

            @Override
            public boolean wantAssertionsEncrypted() {
                return encrypted;
            }

            @Override
            public boolean insecureHttpForTests() {
                return false;
            }

            @Override
            public String label() {
                return "KOMBIT";
            }
        };
    }
}
