// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dk.tidlig.web.oidc}: sign-in with the municipality's own SSO (OpenID Connect). */
@ObjectClassDefinition(name = "tidlig OpenID Connect sign-in", description = "Authorization code flow with PKCE against the municipality's identity provider.")
public @interface OidcConfig {

    String PID = "dk.tidlig.web.oidc";

    @AttributeDefinition(name = "Issuer", description = "The identity provider's issuer URL; its discovery document is read from "
            + "<issuer>/.well-known/openid-configuration.")
    String issuer();

    @AttributeDefinition(name = "Client id")
    String clientId();

    @AttributeDefinition(name = "Client secret", description = "Sent with HTTP Basic to the token endpoint.", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String _clientSecret();

    @AttributeDefinition(name = "Redirect URI", description = "tidlig's public address of /app/oidc/callback, as registered with the provider.")
    String redirectUri();

    @AttributeDefinition(name = "Scopes")
    String scopes() default "openid profile";

    @AttributeDefinition(name = "User name claim")
    String usernameClaim() default "preferred_username";

    @AttributeDefinition(name = "Role claim", description = "The claim (a string or a list of strings) with the user's groups or roles.")
    String roleClaim() default "roles";

    @AttributeDefinition(name = "Role mapping", description = "Provider group = tidlig role, comma-separated, e.g. "
            + "tidlig-opsoegende=OUTREACH_WORKER, tidlig-teamleder=TEAM_LEAD. A user with none of them is refused; with several, the first listed wins.")
    String roleMapping();

    @AttributeDefinition(name = "Municipality claim", description = "A claim with the user's municipality code; empty: every user belongs to "
            + "the installation's municipality (config/dk.tidlig.core.cfg).")
    String municipalityClaim() default "";

    @AttributeDefinition(name = "Plain HTTP to the provider (tests only)", description = "Allow http:// for the issuer and its endpoints. "
            + "Only for a provider started inside a test: outside tests every address of the provider must be https.")
    boolean insecureHttpForTests() default false;

    @AttributeDefinition(name = "Button text")
    String label() default "Log ind med kommunens login (SSO)";
}
