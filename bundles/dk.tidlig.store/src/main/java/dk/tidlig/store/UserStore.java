// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Local users: user name, municipality, role and password hash. Never a CPR number. */
@ProviderType
public interface UserStore {

    /** A local user; {@code role} is the name of a role of the core's access model. */
    record UserRow(String tenant, String username, String role, String passwordHash, boolean disabled) {
        @Override
        public String toString() {
            return "UserRow[" + tenant + ", " + username + ", " + role + ", disabled=" + disabled + "]";
        }
    }

    Optional<UserRow> find(String username);

    /** Creates the user or replaces its municipality, role and password hash, and enables it. */
    void save(UserRow user);

    List<UserRow> list(String tenant);

    /** A user of the municipality's SSO: the user name bound to the issuer and subject. */
    record SsoIdentity(String issuer, String subject, String username, String tenant) {
    }

    /** The user name bound to this issuer and subject, if any. */
    Optional<SsoIdentity> ssoIdentity(String issuer, String subject);

    /**
     * Binds a user name to an issuer and subject the first time they sign in.
     *
     * @return false when the user name is bound to another issuer and subject
     */
    boolean bind(SsoIdentity identity);

    /** An SSO user as last seen: the role the provider gave and when. */
    record SsoUserRow(String username, String role, Instant lastSeen) {
    }

    /** Records an SSO user's sign-in: the role the provider gave this time, and the moment. */
    void signedIn(String issuer, String subject, String role, Instant at);

    /** The municipality's SSO users who signed in since the moment given, by user name. */
    List<SsoUserRow> ssoUsers(String tenant, Instant since);
}
