// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.access;

import java.util.Objects;

/**
 * Who acts: a signed-in user with a role in one municipality (tenant), or the system.
 *
 * @param user   the user name as the sign-in gives it (never a CPR number)
 * @param role   the role the user acts in
 * @param tenant the municipality code the user belongs to
 */
public record Actor(String user, Role role, String tenant) {

    /** The request attribute the web bundle sets to the signed-in actor where another bundle's servlet needs to know. */
    public static final String REQUEST_ATTRIBUTE = "dk.tidlig.actor";

    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tenant, "tenant");
    }

    /** Scheduled work and the operator's commands in a municipality. */
    public static Actor system(String tenant) {
        return new Actor("system", Role.SYSTEM, tenant);
    }

    /**
     * @throws AccessDeniedException unless this actor belongs to the tenant
     * @deprecated the refusal is not audited; every service reads only its actor's own municipality, and refuses through
     *             {@link dk.tidlig.core.audit.AuditTrail#refuse}
     */
    @Deprecated(since = "2026-12")
    public void requireTenant(String municipalityCode) {
        if (!tenant.equals(municipalityCode)) {
            throw new AccessDeniedException("this user belongs to another municipality");
        }
    }
}
