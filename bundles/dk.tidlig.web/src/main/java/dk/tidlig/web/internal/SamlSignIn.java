// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.AuthnRequestParams;
import com.onelogin.saml2.authn.SamlResponse;
import com.onelogin.saml2.http.HttpRequest;
import com.onelogin.saml2.logout.LogoutRequest;
import com.onelogin.saml2.logout.LogoutRequestParams;
import com.onelogin.saml2.logout.LogoutResponse;
import com.onelogin.saml2.logout.LogoutResponseParams;
import com.onelogin.saml2.settings.IdPMetadataParser;
import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.SignInSeals;
import dk.tidlig.core.access.SignedInSessions;
import dk.tidlig.core.access.Users;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.model.CprNumbers;

/**
 * Sign-in through KOMBIT's Context Handler (Fælleskommunal Adgangsstyring): a SAML 2.0 service provider in the OIOSAML 3
 * profile, on OneLogin's java-saml with Apache Santuario.
 *
 * <ul>
 * <li>the AuthnRequest is signed (HTTP-Redirect binding) and asks for at least the configured NSIS assurance level;</li>
 * <li>the Response comes by HTTP-POST; its assertion must be signed by the certificate in the Context Handler's metadata
 * (and encrypted to tidlig's, if configured), answer this browser's request ({@code InResponseTo}, sealed in a cookie),
 * be addressed to tidlig (audience, recipient, destination), be within its validity and be used once;</li>
 * <li>the assurance level is checked, and the user's privileges (the OIOSAML basic privilege profile: privileges in groups
 * scoped by the municipality's CVR number) give the role and municipality through the configured mappings; a user with
 * no mapped privilege is refused;</li>
 * <li>the user is the Context Handler's entity id with the NameID, never a name alone; the user name is bound to them the
 * first time, as for OpenID Connect;</li>
 * <li>single logout both ways: tidlig's sign-out is sent on to the Context Handler, and the Context Handler's logout
 * request ends the user's sessions here.</li>
 * </ul>
 */
@Component(service = SamlSignIn.class, configurationPid = SamlConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SamlConfig.class)
public class SamlSignIn {

    /** How long a started sign-in may take at the identity provider. */
    private static final Duration PENDING = Duration.ofMinutes(10);
    static final String LOA_ATTRIBUTE = "https://data.gov.dk/concept/core/nsis/loa";
    static final String LOA_CONTEXT = "https://data.gov.dk/concept/core/nsis/loa/";
    static final List<String> LEVELS = List.of("Low", "Substantial", "High");
    static final String CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:";
    private static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    /** A started sign-in: where to send the browser, and the sealed cookie that remembers which request it answers. */
    record Start(String location, String cookie) {
    }

    /** A completed sign-in: who, and the sealed cookie that remembers the SAML session for single logout. */
    record SignedIn(Actor actor, String sessionCookie) {
    }

    /** A refused sign-in or logout; the message is for the log and the audit trail, without personal data. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(CprNumbers.mask(message.replaceAll("\\s+", " ")));
        }
    }

    private final SamlConfig config;
    private final Saml2Settings settings;
    private final PrivateKey key;
    private final String signatureAlgorithm;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Map<String, String> municipalities = new HashMap<>();
    private final AuditTrail audit;
    private final Tenant tenant;
    private final Users users;
    private final SignInSeals seals;
    private final SignedInSessions sessions;
    /** How long a used assertion or logout request is remembered: longer than either can be valid. */
    private static final Duration REMEMBER = Duration.ofHours(1);
    /** How old a logout request may be. */
    private static final Duration LOGOUT_AGE = Duration.ofMinutes(5);
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.micrometer.core.instrument.MeterRegistry meters;

    /** The outreach, whose working sessions a single logout ends along with the sign-in sessions. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile dk.tidlig.core.outreach.Outreach outreach;

    @Activate
    public SamlSignIn(BundleContext context, SamlConfig config, @Reference AuditTrail audit, @Reference Tenant tenant, @Reference Users users,
            @Reference SignInSeals seals, @Reference SignedInSessions sessions) {
        this(Path.of(Optional.ofNullable(context.getProperty("tidlig.home")).orElse("")), config, audit, tenant, users, seals, sessions);
    }

    SamlSignIn(Path home, SamlConfig config, AuditTrail audit, Tenant tenant, Users users, SignInSeals seals, SignedInSessions sessions) {
        this.config = config;
        this.audit = audit;
        this.tenant = tenant;
        this.users = users;
        this.seals = seals;
        this.sessions = sessions;
        String base = config.baseUrl().replaceAll("/+$", "");
        if (!base.startsWith("https://") && !(config.insecureHttpForTests() && base.startsWith("http://"))) {
            throw new IllegalArgumentException("baseUrl must be tidlig's public https address: " + base);
        }
        String level = level(config.requiredAssuranceLevel());
        roles.putAll(SsoAccounts.roleMapping(config.roleMapping(), "privilege"));
        for (String pair : config.municipalityMapping().split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || !kv[0].strip().matches("\\d{8}") || !kv[1].strip().replaceFirst("^0", "").matches("[1-9]\\d{2}")) {
                throw new IllegalArgumentException("municipalityMapping: '" + pair.strip() + "' is not CVR=municipality code (8 and 3 digits)");
            }
            municipalities.put(kv[0].strip(), kv[1].strip().replaceFirst("^0", ""));
        }
        Path metadata = home.resolve(config.idpMetadataFile());
        Map<String, Object> values = new HashMap<>();
        try (InputStream in = Files.newInputStream(metadata)) {
            values.putAll(IdPMetadataParser.parseXML(Util.parseXML(new org.xml.sax.InputSource(in))));
        } catch (Exception e) {
            throw new IllegalArgumentException("idpMetadataFile: " + metadata + " is not the identity provider's SAML metadata ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (values.get(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY) == null) {
            throw new IllegalArgumentException("idpMetadataFile: " + metadata + " describes no identity provider (IDPSSODescriptor)");
        }
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(home.resolve(config.spKeystoreFile()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = config._spKeystorePassword() == null ? new char[0] : config._spKeystorePassword().toCharArray();
            store.load(in, password);
            String alias = Collections.list(store.aliases()).stream().filter(a -> {
                try {
                    return store.isKeyEntry(a);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new IllegalArgumentException("spKeystoreFile: the key store holds no key"));
            key = (PrivateKey) store.getKey(alias, password);
            certificate = (X509Certificate) store.getCertificate(alias);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("spKeystoreFile: " + home.resolve(config.spKeystoreFile()) + " could not be opened ("
                    + e.getClass().getSimpleName() + "; is it a PKCS#12 file, with the configured password?)");
        }
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("spKeystoreFile: the key is " + key.getAlgorithm() + "; OIOSAML 3 signs with RSA (an OCES3 certificate)");
        }
        signatureAlgorithm = Constants.RSA_SHA256;
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, true);
        values.put(SettingsBuilder.DEBUG_PROPERTY_KEY, false);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, config.spEntityId());
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, base + "/app/saml/acs");
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_SINGLE_LOGOUT_SERVICE_URL_PROPERTY_KEY, base + "/app/saml/slo");
        values.put(SettingsBuilder.SP_SINGLE_LOGOUT_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_REDIRECT);
        values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, PERSISTENT);
        values.put(SettingsBuilder.SP_X509CERT_PROPERTY_KEY, certificate);
        values.put(SettingsBuilder.SP_PRIVATEKEY_PROPERTY_KEY, key);
        values.put(SettingsBuilder.SECURITY_AUTHREQUEST_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_LOGOUTREQUEST_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_LOGOUTRESPONSE_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_SIGNED, true);
        values.put(SettingsBuilder.SECURITY_WANT_MESSAGES_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_ASSERTIONS_ENCRYPTED, config.wantAssertionsEncrypted());
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        values.put(SettingsBuilder.SECURITY_SIGNATURE_ALGORITHM, signatureAlgorithm);
        values.put(SettingsBuilder.SECURITY_DIGEST_ALGORITHM, Constants.SHA256);
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.SECURITY_REJECT_UNSOLICITED_RESPONSES_WITH_INRESPONSETO, true);
        values.put(SettingsBuilder.SECURITY_REQUESTED_AUTHNCONTEXT, LOA_CONTEXT + level);
        values.put(SettingsBuilder.SECURITY_REQUESTED_AUTHNCONTEXTCOMPARISON, "minimum");
        values.put(SettingsBuilder.SECURITY_SIGN_METADATA, false);
        settings = new SettingsBuilder().fromValues(values).build();
        List<String> errors = settings.checkSettings();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("the SAML settings are not complete: " + String.join("; ", errors));
        }
    }

    private static String level(String configured) {
        return LEVELS.stream().filter(l -> l.equalsIgnoreCase(configured.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("requiredAssuranceLevel must be Low, Substantial or High"));
    }

    public String label() {
        return config.label();
    }

    /** tidlig's service provider metadata, for registering it with KOMBIT. */
    public String metadata() throws Refused {
        try {
            return settings.getSPMetadata();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new Refused("the service provider's metadata could not be written: " + e.getMessage());
        }
    }

    /** Starts a sign-in: a signed AuthnRequest for the Context Handler, and the sealed cookie that remembers its id. */
    public Start start() throws Refused {
        AuthnRequest request = new AuthnRequest(settings, new AuthnRequestParams(false, false, true));
        try {
            String location = redirect(settings.getIdpSingleSignOnServiceUrl().toString(), "SAMLRequest", request.getEncodedAuthnRequest());
            return new Start(location, seals.seal("authn " + request.getId() + " " + Instant.now().getEpochSecond()));
        } catch (IOException | GeneralSecurityException e) {
            throw new Refused("the sign-in request could not be signed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A message for the identity provider by the HTTP-Redirect binding: deflated and encoded, with the signature over
     * {@code <param>=…&SigAlg=…} as the binding prescribes.
     */
    private String redirect(String endpoint, String param, String encoded) throws GeneralSecurityException {
        String query = param + "=" + url(encoded) + "&SigAlg=" + url(signatureAlgorithm);
        String signature = Base64.getEncoder().encodeToString(Util.sign(query, key, signatureAlgorithm));
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query + "&Signature=" + url(signature);
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Completes a sign-in from the Context Handler's HTTP-POST to the assertion consumer service.
     *
     * @param samlResponse the posted {@code SAMLResponse}
     * @param cookie       the sealed request the browser carried back
     */
    public SignedIn complete(String samlResponse, String cookie) throws Refused {
        try {
            String[] pending = cookie == null ? new String[0] : seals.open(cookie).map(t -> t.split(" ")).orElse(new String[0]);
            if (pending.length != 3 || !pending[0].equals("authn")) {
                throw new Refused("no sign-in was started from this browser: start again");
            }
            if (Instant.ofEpochSecond(Long.parseLong(pending[2])).plus(PENDING).isBefore(Instant.now())) {
                throw new Refused("the sign-in took too long: start again");
            }
            if (samlResponse == null || samlResponse.isBlank()) {
                throw new Refused("the identity provider sent no SAMLResponse");
            }
            Assertion assertion;
            try {
                assertion = new Assertion(settings, new HttpRequest(settings.getSpAssertionConsumerServiceUrl().toString(), Map.of("SAMLResponse", List.of(samlResponse)),
                        null));
            } catch (Exception e) {
                throw new Refused("the SAMLResponse could not be read (" + e.getClass().getSimpleName() + ")");
            }
            if (!assertion.isValid(pending[1])) {
                Exception e = assertion.getValidationException();
                throw new Refused("the assertion is not valid: " + (e == null ? assertion.getError() : e.getMessage()));
            }
            List<String> audiences = assertion.getAudiences();
            if (audiences == null || !audiences.contains(config.spEntityId())) {
                throw new Refused("the assertion is not restricted to tidlig (no Audience " + config.spEntityId() + ")");
            }
            String id = assertion.getAssertionId();
            // on every node: the database remembers it
            if (id == null || !sessions.firstUse("saml-assertion", settings.getIdpEntityId() + " " + id, Instant.now().plus(REMEMBER))) {
                throw new Refused("the assertion was used already (a replay)");
            }
            String level = assertion.assuranceLevel();
            if (LEVELS.indexOf(level) < LEVELS.indexOf(level(config.requiredAssuranceLevel()))) {
                throw new Refused("the assurance level is " + (level == null ? "not stated" : level) + "; tidlig requires at least "
                        + level(config.requiredAssuranceLevel()));
            }
            String nameId = assertion.getNameId();
            if (nameId == null || nameId.isBlank()) {
                throw new Refused("the assertion has no NameID");
            }
            Actor actor = actor(settings.getIdpEntityId(), nameId, assertion.getAttributes());
            audit.record(actor, Action.SIGN_IN, "", "SAML (KOMBIT Context Handler), assurance " + level);
            String sessionIndex = assertion.getSessionIndex();
            return new SignedIn(actor, seals.seal("session " + url(actor.user()) + " " + url(nameId) + " " + url(sessionIndex == null ? "" : sessionIndex)));
        } catch (Refused e) {
            WebSupport.signInFailed(meters, "saml", "refused");
            audit.record(Actor.system(tenant.municipalityCode()), Action.SIGN_IN_REFUSED, "", "SAML: " + e.getMessage());
            throw e;
        } catch (Exception e) {
            Refused r = new Refused("the assertion could not be read (" + e.getClass().getSimpleName() + ")");
            WebSupport.signInFailed(meters, "saml", "refused");
            audit.record(Actor.system(tenant.municipalityCode()), Action.SIGN_IN_REFUSED, "", "SAML: " + r.getMessage());
            throw r;
        }
    }

    /**
     * Who signed in: the identity provider and NameID, bound to a user name the first time; the role and municipality from
     * the privileges whose scope is a mapped municipality's CVR number.
     */
    Actor actor(String issuer, String nameId, Map<String, List<String>> attributes) throws Refused {
        Map<String, List<String>> privileges = privileges(attributes.getOrDefault(config.privilegeAttribute(), List.of()));
        Role role = null;
        String municipality = null;
        for (Map.Entry<String, Role> mapping : roles.entrySet()) {
            for (Map.Entry<String, List<String>> scoped : privileges.entrySet()) {
                if (scoped.getValue().contains(mapping.getKey()) && municipalities.containsKey(scoped.getKey())) {
                    if (role == null) {
                        role = mapping.getValue();
                        municipality = municipalities.get(scoped.getKey());
                    } else if (!municipalities.get(scoped.getKey()).equals(municipality)) {
                        throw new Refused("the user has privileges for more than one municipality; KOMBIT must give one");
                    }
                }
            }
        }
        if (role == null) {
            throw new Refused("the user has none of the privileges that give a role in tidlig (for a mapped municipality)");
        }
        List<String> names = attributes.getOrDefault(config.usernameAttribute(), List.of());
        String user = SsoAccounts.user(users, issuer, nameId, names.isEmpty() ? null : names.get(0), municipality, config.usernameAttribute(),
                Refused::new);
        users.signedIn(new Users.SsoIdentity(issuer, nameId, user, municipality), role);
        return new Actor(user, role, municipality);
    }

    /**
     * The privileges of the OIOSAML basic privilege profile (a base64-encoded {@code PrivilegeList}), by the CVR number in
     * their group's scope; groups scoped otherwise are left out.
     */
    static Map<String, List<String>> privileges(List<String> values) throws Refused {
        Map<String, List<String>> out = new HashMap<>();
        for (String value : values) {
            Document doc;
            try {
                doc = Util.loadXML(new String(Base64.getMimeDecoder().decode(value.strip()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Refused("the privileges attribute is not base64");
            }
            if (doc == null || !"PrivilegeList".equals(doc.getDocumentElement().getLocalName())) {
                throw new Refused("the privileges attribute is not a PrivilegeList");
            }
            NodeList groups = doc.getElementsByTagNameNS("*", "PrivilegeGroup");
            for (int i = 0; i < groups.getLength(); i++) {
                Element group = (Element) groups.item(i);
                String scope = group.getAttribute("Scope").strip();
                if (!scope.startsWith(CVR_SCOPE)) {
                    continue;
                }
                if (group.getElementsByTagNameNS("*", "Constraint").getLength() > 0) {
                    // a data limit (e.g. KLE numbers) that tidlig cannot apply: the privilege is not taken for the whole municipality
                    throw new Refused("a privilege carries data limits (Constraint) that tidlig cannot apply; KOMBIT must give it without");
                }
                NodeList privileges = group.getElementsByTagNameNS("*", "Privilege");
                for (int j = 0; j < privileges.getLength(); j++) {
                    out.computeIfAbsent(scope.substring(CVR_SCOPE.length()), k -> new ArrayList<>()).add(privileges.item(j).getTextContent().strip());
                }
            }
        }
        return out;
    }

    /**
     * Where to send the browser after tidlig's own sign-out, so that the Context Handler ends its session too: a signed
     * LogoutRequest for the SAML session in the sealed cookie; empty when there is none, it is another user's, or the
     * provider has no logout.
     *
     * @param user the user whose tidlig session just ended
     */
    public Optional<String> logout(String sessionCookie, String user) {
        String[] s = sessionCookie == null ? new String[0] : seals.open(sessionCookie).map(t -> t.split(" ", -1)).orElse(new String[0]);
        if (s.length != 4 || !s[0].equals("session") || settings.getIdpSingleLogoutServiceUrl() == null
                || !java.net.URLDecoder.decode(s[1], StandardCharsets.UTF_8).equals(user)) {
            // not a KOMBIT session of this user (a cookie left from an earlier one): nothing to send on
            return Optional.empty();
        }
        String nameId = java.net.URLDecoder.decode(s[2], StandardCharsets.UTF_8);
        String index = java.net.URLDecoder.decode(s[3], StandardCharsets.UTF_8);
        LogoutRequest request = new LogoutRequest(settings, new LogoutRequestParams(index.isEmpty() ? null : index, nameId, PERSISTENT));
        try {
            return Optional.of(redirect(settings.getIdpSingleLogoutServiceUrl().toString(), "SAMLRequest", request.getEncodedLogoutRequest()));
        } catch (IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * A message from the Context Handler to single logout (HTTP-Redirect): its logout request ends the user's sessions here
     * and is answered with a signed LogoutResponse (where to send the browser); its answer to tidlig's own logout request
     * is checked and the browser goes to the sign-in page.
     *
     * @param queryString the request's raw query string (the signature is over its encoded parameters)
     */
    public String singleLogout(String queryString, Map<String, List<String>> parameters) throws Refused {
        // java-saml checks a signature only when there is one: here there must be one
        if (!parameters.containsKey("Signature") || !parameters.containsKey("SigAlg") || queryString == null) {
            throw new Refused("the logout message is not signed");
        }
        HttpRequest request = new HttpRequest(settings.getSpSingleLogoutServiceUrl().toString(), parameters, queryString);
        if (parameters.containsKey("SAMLResponse")) {
            LogoutResponse response = new LogoutResponse(settings, request);
            if (!response.isValid()) {
                throw new Refused("the logout response is not valid: " + response.getError());
            }
            return "/app/login";
        }
        if (!parameters.containsKey("SAMLRequest")) {
            throw new Refused("neither a logout request nor a logout response");
        }
        LogoutRequest logout = new LogoutRequest(settings, request);
        if (!logout.isValid()) {
            throw new Refused("the logout request is not valid: " + logout.getError());
        }
        String xml = Util.base64decodedInflated(parameters.get("SAMLRequest").get(0));
        java.util.Calendar issued = LogoutRequest.getIssueInstant(xml);
        if (issued == null || Math.abs(issued.toInstant().getEpochSecond() - Instant.now().getEpochSecond()) > LOGOUT_AGE.toSeconds()) {
            throw new Refused("the logout request is not recent");
        }
        String requestId = LogoutRequest.getId(xml);
        if (requestId == null || !sessions.firstUse("saml-logout", settings.getIdpEntityId() + " " + requestId, Instant.now().plus(REMEMBER))) {
            throw new Refused("the logout request was used already (a replay)");
        }
        String nameId;
        try {
            nameId = LogoutRequest.getNameId(xml, key);
        } catch (Exception e) {
            throw new Refused("the logout request names no user");
        }
        Optional<Users.SsoIdentity> bound = users.ssoIdentity(settings.getIdpEntityId(), nameId);
        if (bound.isPresent()) {
            int ended = sessions.removeFor(bound.get().username());
            dk.tidlig.core.outreach.Outreach o = outreach;
            if (o != null) {
                // the user's working sessions on cases end too: signing in again opens a case anew, with its purpose, audited
                o.leave(new Actor(bound.get().username(), Role.OUTREACH_WORKER, bound.get().tenant()), null);
            }
            audit.record(Actor.system(bound.get().tenant()), Action.SIGN_OUT, "", "single logout of " + bound.get().username()
                    + " from the KOMBIT Context Handler (" + ended + " session(s) ended)");
        }
        LogoutResponse response = new LogoutResponse(settings, new LogoutResponseParams(LogoutRequest.getId(xml), Constants.STATUS_SUCCESS));
        try {
            String endpoint = settings.getIdpSingleLogoutServiceResponseUrl() != null ? settings.getIdpSingleLogoutServiceResponseUrl().toString()
                    : settings.getIdpSingleLogoutServiceUrl().toString();
            return redirect(endpoint, "SAMLResponse", response.getEncodedLogoutResponse());
        } catch (IOException | GeneralSecurityException e) {
            throw new Refused("the logout response could not be signed: " + e.getClass().getSimpleName());
        }
    }

    /** The SAML response with what the profile needs beyond java-saml's checks: the assurance level. */
    static final class Assertion extends SamlResponse {

        Assertion(Saml2Settings settings, HttpRequest request) throws Exception {
            super(settings, request);
        }

        /**
         * The NSIS level of assurance: the OIOSAML 3 attribute, or else the AuthnContextClassRef of the (one, signed)
         * assertion; null when neither states one.
         */
        String assuranceLevel() throws XPathExpressionException, com.onelogin.saml2.exception.ValidationError {
            List<String> attribute = getAttributes().getOrDefault(LOA_ATTRIBUTE, List.of());
            if (!attribute.isEmpty()) {
                String v = attribute.get(0).strip();
                return LEVELS.contains(v) ? v : null;
            }
            javax.xml.xpath.XPath xpath = XPathFactory.newInstance().newXPath();
            String ref = (String) xpath.evaluate("/*[local-name()='Response']/*[local-name()='Assertion']/*[local-name()='AuthnStatement']"
                    + "/*[local-name()='AuthnContext']/*[local-name()='AuthnContextClassRef']", getSAMLResponseDocument(), XPathConstants.STRING);
            ref = ref == null ? "" : ref.strip();
            return ref.startsWith(LOA_CONTEXT) && LEVELS.contains(ref.substring(LOA_CONTEXT.length())) ? ref.substring(LOA_CONTEXT.length()) : null;
        }
    }
}
