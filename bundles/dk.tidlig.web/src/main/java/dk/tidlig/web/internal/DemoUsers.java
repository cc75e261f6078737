// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.Users;

/**
 * The demo's users, one per role, all with the configured password. Only the demo's configuration
 * (etc/demo) has this PID, and the users are only created under a legal basis for synthetic data: the
 * component also reads the legal basis's configuration, so it activates once both have arrived (in
 * whichever order FileInstall delivers them).
 */
@Component(configurationPid = {DemoUsers.PID, "dk.tidlig.legalbasis"}, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public class DemoUsers {

    public static final String PID = "dk.tidlig.web.demousers";
    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

    /** User name per role. */
    public static final Map<String, Role> USERS = Map.of("opsoeger", Role.OUTREACH_WORKER, "teamleder", Role.TEAM_LEAD, "analytiker", Role.ANALYST,
            "admin", Role.ADMINISTRATOR, "revisor", Role.AUDITOR, "dpo", Role.DATA_PROTECTION_OFFICER);

    @ObjectClassDefinition(name = "tidlig demo users")
    public @interface Config {
        @AttributeDefinition(description = "The demo users' password.")
        String password();

        /** From the legal basis's configuration. */
        boolean syntheticDataOnly() default false;
    }

    @Activate
    public DemoUsers(@Reference Users users, @Reference Tenant tenant, Config config) {
        if (!config.syntheticDataOnly()) {
            LOG.warn("Demo users are only created under a legal basis for synthetic test data; none were created");
            return;
        }
        USERS.forEach((name, role) -> users.put(tenant.municipalityCode(), name, role, config.password().toCharArray()));
        LOG.info("Demo users created: {}", String.join(", ", new java.util.TreeSet<>(USERS.keySet())));
    }
}
