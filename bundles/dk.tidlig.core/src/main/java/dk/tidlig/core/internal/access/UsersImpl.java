// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.Users;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.UserStore;
import dk.tidlig.store.UserStore.UserRow;

/** The users on the store's table of local users; password hashes stay in here. */
@Component(service = Users.class)
public class UsersImpl implements Users {

    /** What an unknown user's password is checked against, so that it takes as long as a known one's. */
    private static final String UNKNOWN_USER_HASH = Passwords.hash("no such user".toCharArray());

    private final UserStore store;

    @Activate
    public UsersImpl(@Reference UserStore store) {
        this.store = store;
    }

    @Override
    public Check check(String username, char[] password) {
        String name = username == null ? "" : username.strip();
        Optional<UserRow> row = name.isEmpty() || name.length() > 64 || CprNumbers.containsCprLike(name) ? Optional.empty() : store.find(name);
        boolean right = Passwords.matches(password, row.map(UserRow::passwordHash).orElse(UNKNOWN_USER_HASH));
        if (row.isEmpty()) {
            return new Check(Outcome.UNKNOWN, null);
        }
        Account account = account(row.get());
        return new Check(!right ? Outcome.WRONG_PASSWORD : account.disabled() ? Outcome.DISABLED : Outcome.OK, account);
    }

    @Override
    public Optional<Account> find(String username) {
        return store.find(username).map(UsersImpl::account);
    }

    @Override
    public List<Account> list(String tenant) {
        return store.list(tenant).stream().map(UsersImpl::account).toList();
    }

    @Override
    public String add(String tenant, String username, Role role) {
        String name = Users.userName(username);
        if (store.find(name).isPresent()) {
            throw new IllegalArgumentException("the user " + name + " exists and was left as it is: 'users reset-password " + name
                    + "' gives a new password, 'users enable " + name + "' enables it, 'users role " + name + " <role>' changes its role");
        }
        String password = Passwords.generate();
        store.save(new UserRow(tenant, name, role.name(), Passwords.hash(password.toCharArray()), false));
        return password;
    }

    @Override
    public String resetPassword(String username) {
        UserRow u = existing(username);
        String password = Passwords.generate();
        store.save(new UserRow(u.tenant(), u.username(), u.role(), Passwords.hash(password.toCharArray()), u.disabled()));
        return password;
    }

    @Override
    public Account changeRole(String username, Role role) {
        UserRow u = existing(username);
        UserRow changed = new UserRow(u.tenant(), u.username(), role.name(), u.passwordHash(), u.disabled());
        store.save(changed);
        return account(changed);
    }

    @Override
    public Account setDisabled(String username, boolean disabled) {
        UserRow u = existing(username);
        UserRow changed = new UserRow(u.tenant(), u.username(), u.role(), u.passwordHash(), disabled);
        store.save(changed);
        return account(changed);
    }

    @Override
    public void put(String tenant, String username, Role role, char[] password) {
        store.save(new UserRow(tenant, Users.userName(username), role.name(), Passwords.hash(password), false));
    }

    @Override
    public Optional<SsoIdentity> ssoIdentity(String issuer, String subject) {
        return store.ssoIdentity(issuer, subject).map(s -> new SsoIdentity(s.issuer(), s.subject(), s.username(), s.tenant()));
    }

    @Override
    public void signedIn(SsoIdentity identity, Role role) {
        store.signedIn(identity.issuer(), identity.subject(), role.name(), java.time.Instant.now());
    }

    @Override
    public List<SsoUser> ssoUsers(String tenant, java.time.Instant since) {
        List<SsoUser> out = new java.util.ArrayList<>();
        for (UserStore.SsoUserRow r : store.ssoUsers(tenant, since)) {
            try {
                out.add(new SsoUser(r.username(), Role.valueOf(r.role()), r.lastSeen()));
            } catch (IllegalArgumentException | NullPointerException e) {
                // a role this version does not know (or none recorded yet): no role here
            }
        }
        return out;
    }

    @Override
    public boolean bind(SsoIdentity identity) {
        return store.bind(new UserStore.SsoIdentity(identity.issuer(), identity.subject(), identity.username(), identity.tenant()));
    }

    private UserRow existing(String username) {
        String name = Users.userName(username);
        return store.find(name).orElseThrow(() -> new IllegalArgumentException("no user " + name));
    }

    private static Account account(UserRow r) {
        return new Account(r.tenant(), r.username(), Role.valueOf(r.role()), r.disabled(), credential(r.passwordHash()));
    }

    /** A digest of a password hash: enough to notice that it changed, nothing to guess the password from. */
    static String credential(String passwordHash) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
