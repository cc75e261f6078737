// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

/**
 * A SAML identity provider for tests, as KOMBIT's Context Handler behaves: its metadata, and Responses whose assertion it
 * signs with its own test key (RSA-SHA256), carrying the OIOSAML 3 attributes (assurance level, privileges in the basic
 * privilege profile). Keys and certificates are made with the JDK's keytool, fresh for each test run.
 */
public final class TestIdp {

    public static final String ENTITY_ID = "https://saml.test-ctxhandler.example/runtime/saml2/metadata.idp";
    public static final String PRIVILEGES = "https://data.gov.dk/model/core/eid/privilegesIntermediate";

    public final Path dir;
    public final String ssoUrl;
    public final String sloUrl;
    final PrivateKey key;
    final X509Certificate certificate;

    /** What one Response says; each test changes what it attacks. */
    public static final class Assertion {
        public String inResponseTo;
        public String nameId = "https://data.gov.dk/model/core/eid/professional/uuid/persistent/5f1b9a52-0c63-4d5e-9a61-2a7d3c11e0b4";
        public String audience;
        public String recipient;
        public Instant notOnOrAfter = Instant.now().plus(Duration.ofMinutes(5));
        public String level = "Substantial";
        /** Whether the level is also an attribute (OIOSAML 3), not only the AuthnContextClassRef. */
        public boolean levelAttribute = true;
        /** Data limits in the privilege group, e.g. KLE numbers. */
        public String constraint;
        public String email = "anna.opsoeger@kommune.example";
        /** CVR number of the privilege group's scope, and its privileges. */
        public Map<String, List<String>> privileges = new LinkedHashMap<>(Map.of("62761113", List.of("http://tidlig.dk/roles/opsoegende/1")));
        public String id = "_" + UUID.randomUUID();
    }

    private TestIdp(Path dir, String ssoUrl, String sloUrl, PrivateKey key, X509Certificate certificate) {
        this.dir = dir;
        this.ssoUrl = ssoUrl;
        this.sloUrl = sloUrl;
        this.key = key;
        this.certificate = certificate;
    }

    /** A new identity provider with its key in {@code dir/idp.p12} and its metadata in {@code dir/idp-metadata.xml}. */
    public static TestIdp create(Path dir, String ssoUrl, String sloUrl) throws Exception {
        KeyStore idp = keyStore(dir.resolve("idp.p12"), "idp", "CN=Context Handler (test)");
        TestIdp t = new TestIdp(dir, ssoUrl, sloUrl, (PrivateKey) idp.getKey("idp", PASSWORD.toCharArray()), (X509Certificate) idp.getCertificate("idp"));
        Files.writeString(dir.resolve("idp-metadata.xml"), t.metadata(t.certificate));
        return t;
    }

    public static final String PASSWORD = "test-keystore-pw";

    /** A PKCS#12 key store with a fresh RSA key and a self-signed certificate, made by keytool. */
    public static KeyStore keyStore(Path file, String alias, String dn) throws Exception {
        Files.deleteIfExists(file);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-keyalg", "RSA",
                "-keysize", "2048", "-alias", alias, "-dname", dn, "-validity", "30", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    /** The metadata as the Context Handler publishes it (with this certificate as its signing key). */
    String metadata(X509Certificate signing) throws Exception {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="%s">
                  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>
                      <ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
                    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(ENTITY_ID, Base64.getEncoder().encodeToString(signing.getEncoded()), sloUrl, ssoUrl);
    }

    /** The ID of the AuthnRequest in a redirect to the IdP, after checking its signature against the SP's certificate. */
    public static String authnRequestId(String location, X509Certificate sp) throws Exception {
        Map<String, String> q = query(URI.create(location).getRawQuery());
        String raw = URI.create(location).getRawQuery();
        String signed = raw.substring(0, raw.indexOf("&Signature="));
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(sp.getPublicKey());
        verify.update(signed.getBytes(StandardCharsets.UTF_8));
        if (!q.get("SigAlg").equals(Constants.RSA_SHA256) || !verify.verify(Base64.getDecoder().decode(q.get("Signature")))) {
            throw new AssertionError("the AuthnRequest's signature does not verify");
        }
        String xml = Util.base64decodedInflated(q.get("SAMLRequest"));
        java.util.regex.Matcher id = java.util.regex.Pattern.compile(" ID=\"([^\"]+)\"").matcher(xml);
        if (!id.find()) {
            throw new AssertionError("no ID in " + xml);
        }
        return id.group(1);
    }

    public static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    /** A Response, base64-encoded as the browser posts it, with the assertion signed by {@code signer}. */
    String response(Assertion a, PrivateKey signer, X509Certificate signerCertificate) throws Exception {
        return response(a, signer, signerCertificate, null);
    }

    /**
     * The same, with the signed assertion encrypted to {@code encryptTo} (AES-256-CBC, its key wrapped with RSA-OAEP) in
     * an {@code EncryptedAssertion}, when it is not null.
     */
    String response(Assertion a, PrivateKey signer, X509Certificate signerCertificate, X509Certificate encryptTo) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder privileges = new StringBuilder("<bpp:PrivilegeList xmlns:bpp=\"http://digst.dk/oiosaml/basic_privilege_profile\">");
        a.privileges.forEach((cvr, list) -> {
            privileges.append("<PrivilegeGroup Scope=\"urn:dk:gov:saml:cvrNumberIdentifier:").append(cvr).append("\">");
            list.forEach(p -> privileges.append("<Privilege>").append(p).append("</Privilege>"));
            if (a.constraint != null) {
                privileges.append("<Constraint Name=\"http://sts.kombit.dk/constraints/KLE/1\">").append(a.constraint).append("</Constraint>");
            }
            privileges.append("</PrivilegeGroup>");
        });
        privileges.append("</bpp:PrivilegeList>");
        String assertion = """
                <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="%s" Version="2.0" IssueInstant="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">%s</saml:NameID>\
                <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
                <saml:SubjectConfirmationData InResponseTo="%s" NotOnOrAfter="%s" Recipient="%s"/></saml:SubjectConfirmation></saml:Subject>\
                <saml:Conditions NotBefore="%s" NotOnOrAfter="%s">%s</saml:Conditions>\
                <saml:AuthnStatement AuthnInstant="%s" SessionIndex="%s"><saml:AuthnContext>\
                <saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/%s</saml:AuthnContextClassRef></saml:AuthnContext>\
                </saml:AuthnStatement>\
                <saml:AttributeStatement>%s\
                <saml:Attribute Name="https://data.gov.dk/model/core/eid/email" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">\
                <saml:AttributeValue xsi:type="xs:string">%s</saml:AttributeValue></saml:Attribute>\
                <saml:Attribute Name="%s" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">\
                <saml:AttributeValue xsi:type="xs:string">%s</saml:AttributeValue></saml:Attribute>\
                </saml:AttributeStatement></saml:Assertion>""".formatted(a.id, now, ENTITY_ID, a.nameId, a.inResponseTo, a.notOnOrAfter, a.recipient,
                now.minusSeconds(60), a.notOnOrAfter,
                a.audience == null ? "" : "<saml:AudienceRestriction><saml:Audience>" + a.audience + "</saml:Audience></saml:AudienceRestriction>",
                now, "_s" + UUID.randomUUID(), a.level,
                a.levelAttribute ? "<saml:Attribute Name=\"https://data.gov.dk/concept/core/nsis/loa\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\">"
                        + "<saml:AttributeValue xsi:type=\"xs:string\">" + a.level + "</saml:AttributeValue></saml:Attribute>" : "",
                a.email, PRIVILEGES,
                Base64.getEncoder().encodeToString(privileges.toString().getBytes(StandardCharsets.UTF_8)));
        String signed = Util.addSign(Util.loadXML(assertion), signer, signerCertificate, Constants.RSA_SHA256, Constants.SHA256);
        signed = signed.replaceFirst("^<\\?xml[^>]*\\?>", "");
        if (encryptTo != null) {
            signed = "<saml:EncryptedAssertion>" + encrypt(signed, encryptTo) + "</saml:EncryptedAssertion>";
        }
        String response = """
                <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" \
                ID="_r%s" Version="2.0" IssueInstant="%s" Destination="%s" InResponseTo="%s">\
                <saml:Issuer>%s</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
                %s</samlp:Response>""".formatted(UUID.randomUUID(), now, a.recipient, a.inResponseTo, ENTITY_ID, signed);
        return Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8));
    }

    /** The element, encrypted to the certificate's key as XML Encryption has it: an xenc:EncryptedData with its EncryptedKey. */
    private static String encrypt(String element, X509Certificate to) throws Exception {
        org.apache.xml.security.Init.init();
        org.w3c.dom.Document doc = Util.loadXML(element);
        javax.crypto.KeyGenerator aes = javax.crypto.KeyGenerator.getInstance("AES");
        aes.init(256);
        javax.crypto.SecretKey cek = aes.generateKey();
        org.apache.xml.security.encryption.XMLCipher wrap = org.apache.xml.security.encryption.XMLCipher.getInstance(
                org.apache.xml.security.encryption.XMLCipher.RSA_OAEP);
        wrap.init(org.apache.xml.security.encryption.XMLCipher.WRAP_MODE, to.getPublicKey());
        org.apache.xml.security.encryption.EncryptedKey key = wrap.encryptKey(doc, cek);
        org.apache.xml.security.encryption.XMLCipher cipher = org.apache.xml.security.encryption.XMLCipher.getInstance(
                org.apache.xml.security.encryption.XMLCipher.AES_256);
        cipher.init(org.apache.xml.security.encryption.XMLCipher.ENCRYPT_MODE, cek);
        org.apache.xml.security.keys.KeyInfo info = new org.apache.xml.security.keys.KeyInfo(doc);
        info.add(key);
        cipher.getEncryptedData().setKeyInfo(info);
        cipher.doFinal(doc, doc.getDocumentElement(), false);
        return Util.convertDocumentToString(doc).replaceFirst("^<\\?xml[^>]*\\?>", "");
    }

    /** A Response signed with this IdP's own key. */
    public String response(Assertion a) throws Exception {
        return response(a, key, certificate);
    }

    /** A LogoutRequest for the NameID, by the HTTP-Redirect binding and signed with this IdP's key: the query string. */
    public String logoutRequest(String nameId, String destination) throws Exception {
        String xml = """
                <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" \
                ID="_l%s" Version="2.0" IssueInstant="%s" Destination="%s"><saml:Issuer>%s</saml:Issuer>\
                <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">%s</saml:NameID></samlp:LogoutRequest>"""
                .formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), destination, ENTITY_ID, nameId);
        String query = "SAMLRequest=" + enc(Util.deflatedBase64encoded(xml)) + "&SigAlg=" + enc(Constants.RSA_SHA256);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(query.getBytes(StandardCharsets.UTF_8));
        return query + "&Signature=" + enc(Base64.getEncoder().encodeToString(s.sign()));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
