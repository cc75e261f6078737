// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.access;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Local users and the users of the municipality's single sign-on: who they are, their municipality and role, and
 * whether a password is right. Passwords are kept only as slow salted hashes (PBKDF2), which never leave this service;
 * a new password is drawn here and shown once. User names never hold a CPR number.
 */
@ProviderType
public interface Users {

    /**
     * A local user.
     *
     * @param credential a digest of the password's hash: it changes whenever the password is set, so that a session
     *                   opened with an older one can be ended; nothing to guess the password from
     */
    record Account(String tenant, String username, Role role, boolean disabled, String credential) {
        @Override
        public String toString() {
            return "Account[" + tenant + ", " + username + ", " + role + ", disabled=" + disabled + "]";
        }
    }

    /**
     * A user name as given, checked: 2-64 letters, digits and . _ @ -, and never a CPR number.
     *
     * @throws IllegalArgumentException saying what a user name is
     */
    static String userName(String name) {
        String n = name == null ? "" : name.strip();
        if (!n.matches("[A-Za-z0-9._@-]{2,64}") || dk.tidlig.model.CprNumbers.containsCprLike(n)) {
            throw new IllegalArgumentException("a user name is 2-64 letters, digits and . _ @ -, and never a CPR number");
        }
        return n;
    }

    /** The outcome of checking a password. */
    enum Outcome {
        /** The password is right and the account enabled. */
        OK,
        /** There is such a user, but the password is wrong. */
        WRONG_PASSWORD,
        /** The password is right, but the account is disabled. */
        DISABLED,
        /** There is no such user. */
        UNKNOWN
    }

    /** A password checked: the outcome, and the account unless it is {@link Outcome#UNKNOWN}. */
    record Check(Outcome outcome, Account account) {
    }

    /**
     * Checks a local user's password. An unknown user name costs as much time as a known one, so that timing does not
     * tell which names exist.
     */
    Check check(String username, char[] password);

    Optional<Account> find(String username);

    /** The municipality's local users, by name. */
    List<Account> list(String tenant);

    /**
     * Adds a local user with a new password.
     *
     * @return the password, to be handed to the user once
     * @throws IllegalArgumentException when the user exists (it is left as it is) or the name is not a user name
     */
    String add(String tenant, String username, Role role);

    /**
     * Gives a user a new password; the sessions opened with the old one end. A disabled user stays disabled.
     *
     * @return the password, to be handed to the user once
     */
    String resetPassword(String username);

    /** Changes a user's role; its sessions end. */
    Account changeRole(String username, Role role);

    /** Disables or enables a user; a disabled user's sessions end. */
    Account setDisabled(String username, boolean disabled);

    /** Creates or replaces a user with the password given (the demo's users, one per role, with the demo's password). */
    void put(String tenant, String username, Role role, char[] password);

    /** A user of the municipality's single sign-on: the user name bound to the provider's issuer and subject. */
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

    /** A user of the single sign-on as last seen: the role the provider gave at the last sign-in, and when. */
    record SsoUser(String username, Role role, java.time.Instant lastSeen) {
    }

    /** Records an SSO user's sign-in with the role the provider gave this time (a team lead assigns cases to SSO workers too). */
    void signedIn(SsoIdentity identity, Role role);

    /** The municipality's SSO users who signed in since the moment given, by user name. */
    List<SsoUser> ssoUsers(String tenant, java.time.Instant since);
}
