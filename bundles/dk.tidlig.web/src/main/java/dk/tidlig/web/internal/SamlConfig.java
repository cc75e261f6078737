// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code dk.tidlig.web.saml}: sign-in through KOMBIT's Context Handler (Fælleskommunal
 * Adgangsstyring), SAML 2.0 in the OIOSAML 3 profile.
 */
@ObjectClassDefinition(name = "tidlig sign-in through KOMBIT's Context Handler (SAML 2.0, OIOSAML 3)",
        description = "tidlig is a SAML service provider: signed AuthnRequests, signed (optionally encrypted) assertions checked against the "
                + "Context Handler's metadata, the NSIS assurance level checked, the user's privileges mapped to tidlig's roles and "
                + "municipality, single logout.")
public @interface SamlConfig {

    String PID = "dk.tidlig.web.saml";

    @AttributeDefinition(name = "Identity provider metadata", description = "The Context Handler's metadata (XML, as KOMBIT publishes it), "
            + "relative to the distribution folder: its entity id, sign-in and logout addresses and signing certificate.")
    String idpMetadataFile();

    @AttributeDefinition(name = "Service provider entity id", description = "tidlig's entity id, as registered with KOMBIT, e.g. "
            + "https://tidlig.kommune.dk/saml")
    String spEntityId();

    @AttributeDefinition(name = "Public address", description = "tidlig's public https address (https://tidlig.kommune.dk); the "
            + "assertion consumer is <address>/app/saml/acs, single logout <address>/app/saml/slo, the metadata <address>/app/saml/metadata.")
    String baseUrl();

    @AttributeDefinition(name = "Service provider key store", description = "PKCS#12 file with tidlig's signing key and certificate (the "
            + "municipality's OCES3 organisation certificate), relative to the distribution folder.")
    String spKeystoreFile();

    @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD)
    String _spKeystorePassword();

    @AttributeDefinition(name = "Required assurance level", description = "The lowest NSIS level of assurance accepted: Low, Substantial or High.")
    String requiredAssuranceLevel() default "Substantial";

    @AttributeDefinition(name = "Privileges attribute", description = "The attribute with the user's privileges (OIOSAML basic privilege "
            + "profile, base64-encoded).")
    String privilegeAttribute() default "https://data.gov.dk/model/core/eid/privilegesIntermediate";

    @AttributeDefinition(name = "User name attribute", description = "The attribute whose value becomes the user's name in tidlig the first "
            + "time they sign in; without it, the NameID.")
    String usernameAttribute() default "https://data.gov.dk/model/core/eid/email";

    @AttributeDefinition(name = "Role mapping", description = "Privilege = tidlig role, comma-separated, e.g. "
            + "http://tidlig.dk/roles/opsoegende/1=OUTREACH_WORKER. A user with none of them is refused; with several, the first listed wins.")
    String roleMapping();

    @AttributeDefinition(name = "Municipality mapping", description = "CVR number in a privilege's scope = municipality code, comma-separated, "
            + "e.g. 62761113=159. A privilege whose scope is not listed gives no role.")
    String municipalityMapping();

    @AttributeDefinition(name = "Encrypted assertions", description = "Refuse assertions that are not encrypted to tidlig's certificate.")
    boolean wantAssertionsEncrypted() default false;

    @AttributeDefinition(name = "Plain HTTP (tests only)", description = "Allow an http:// public address. Only for a test's own identity "
            + "provider: outside tests the address must be https.")
    boolean insecureHttpForTests() default false;

    @AttributeDefinition(name = "Button text")
    String label() default "Log ind med KOMBIT (Fælleskommunal Adgangsstyring)";
}
