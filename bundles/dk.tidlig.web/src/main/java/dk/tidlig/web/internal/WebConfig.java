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
            + "(e.g. X-Forwarded-For), for the sign-in limit per address. Empty: the connection's address.")
    String clientAddressHeader() default "";

    @AttributeDefinition(name = "Default language", description = "da or en.")
    String language() default "da";
}
