// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.Users;
import dk.tidlig.model.CprNumbers;

/** What the single sign-ons (OpenID Connect, KOMBIT's SAML) share: the role mapping, and who an SSO account is in tidlig. */
final class SsoAccounts {

    private SsoAccounts() {
    }

    /**
     * A {@code roleMapping} setting: {@code group=ROLE, …} in the order given (the first a user has wins); a group may
     * itself hold '=' (a privilege's URI), the role is after the last one. No one is given the SYSTEM role.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    static Map<String, Role> roleMapping(String setting, String what) {
        Map<String, Role> roles = new LinkedHashMap<>();
        for (String pair : setting.split(",")) {
            String[] kv = pair.strip().split("=(?=[A-Za-z_]+$)", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("roleMapping: '" + pair.strip() + "' is not " + what + "=ROLE");
            }
            Role role;
            try {
                role = Role.valueOf(kv[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("roleMapping: '" + kv[1].strip() + "' is not a role of tidlig");
            }
            if (role == Role.SYSTEM) {
                throw new IllegalArgumentException("roleMapping: no user has the SYSTEM role");
            }
            roles.put(kv[0].strip(), role);
        }
        return roles;
    }

    /**
     * The tidlig user name of an SSO account, which is its issuer and subject, never a name alone: the name bound to the
     * account, or else {@code offered} (from the configured claim or attribute), bound to it now - refused when it is not
     * a usable name, is a local user's, or is bound to another account.
     *
     * @param source  where the offered name comes from, for the refusal
     * @param refused makes the caller's refusal from a message
     */
    static <E extends Exception> String user(Users users, String issuer, String subject, String offered, String municipality, String source,
            Function<String, E> refused) throws E {
        Optional<Users.SsoIdentity> bound = users.ssoIdentity(issuer, subject);
        if (bound.isPresent()) {
            return bound.get().username();
        }
        String user = offered == null || offered.isBlank() ? subject : offered.strip();
        if (!user.matches("[A-Za-z0-9._@-]{2,64}") || CprNumbers.containsCprLike(user)) {
            throw refused.apply("the sign-in has no usable user name (" + source + ")");
        }
        if (users.find(user).isPresent()) {
            throw refused.apply("the user name " + user + " belongs to a local user; sign in as that user, or give the SSO account another name");
        }
        if (!users.bind(new Users.SsoIdentity(issuer, subject, user, municipality))) {
            throw refused.apply("the user name " + user + " is bound to another SSO account (another subject); an administrator must resolve it");
        }
        return user;
    }
}
