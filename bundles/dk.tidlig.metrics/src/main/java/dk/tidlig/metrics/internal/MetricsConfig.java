// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "tidlig metrics", description = "/metrics in the Prometheus text format, for a scrape token or an administrator.")
public @interface MetricsConfig {

    /** Configuration PID. */
    String PID = "dk.tidlig.metrics";

    @AttributeDefinition(name = "Scrape token", type = AttributeType.PASSWORD, required = false,
            description = "The bearer token Prometheus sends (Authorization: Bearer ...), at least 32 characters; empty: only administrators "
                    + "(HTTP Basic or signed in) read /metrics.")
    String _scrapeToken() default "";
}
