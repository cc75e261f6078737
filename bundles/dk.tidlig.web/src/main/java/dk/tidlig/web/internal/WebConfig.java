// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dk.tidlig.web}. */
@ObjectClassDefinition(name = "tidlig web", description = "The web application and the REST API.")
public @interface WebConfig {

    String PID = "dk.tidlig.web";

    @AttributeDefinition(name = "Secure cookies", description = "Send the session cookie only over HTTPS. Leave on in production, "
            + "where tidlig runs behind a TLS-terminating proxy; the demo on localhost turns it off.")
    boolean secureCookies() default true;

    @AttributeDefinition(name = "Idle timeout (minutes)", description = "A session that is not used for this long is signed out.")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(name = "Sign-in attempts", description = "Failed sign-ins per user name within 15 minutes before sign-in is refused.")
    int maxFailedSignIns() default 5;

    @AttributeDefinition(name = "Client address header", description = "Behind a proxy: the header with the client's address "
            + "(e.g. X-Forwarded-For), for the sign-in limit per address. Read only on connections from a trusted proxy, from the right: "
            + "the first address that is not a trusted proxy is the client. Empty: the connection's address.")
    String clientAddressHeader() default "";

    @AttributeDefinition(name = "Trusted proxies", description = "Comma-separated addresses of the proxies in front of tidlig (e.g. 10.0.0.5). "
            + "The client address header is believed only from these, and only their own entries in it are skipped.")
    String trustedProxies() default "127.0.0.1, ::1, 0:0:0:0:0:0:0:1";

    @AttributeDefinition(name = "HTTP Basic on every API request", description = "Off: an API client signs in once with HTTP Basic at "
            + "POST /api/v1/tokens and sends the token it gets (Authorization: Bearer); Basic anywhere else in the API is refused, so that "
            + "passwords do not travel with every request and a client's access ends with its token. On: Basic is accepted on every "
            + "request, for clients not yet moved to tokens.")
    boolean basicOnEveryApiRequest() default false;

    @AttributeDefinition(name = "Default language", description = "da or en.")
    String language() default "da";

    @AttributeDefinition(name = "Families opened per hour before an alert", description = "The auditors' view raises an alert when one user "
            + "opens (views the explanation of, or re-identifies) more different families within an hour than this. A MUNICIPAL DECISION.")
    int familiesPerHourAlert() default 40;
}
