// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.access;

import java.time.Instant;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.SignedInSessions;
import dk.tidlig.store.SessionStore;

/** The application's sessions in the database. A stored row whose role is unknown (an older version's) is no session. */
@Component(service = SignedInSessions.class)
public class SignedInSessionsImpl implements SignedInSessions {

    private final SessionStore store;
    private final dk.tidlig.store.OnceStore once;

    @Activate
    public SignedInSessionsImpl(@Reference SessionStore store, @Reference dk.tidlig.store.OnceStore once) {
        this.store = store;
        this.once = once;
    }

    @Override
    public void save(Stored s) {
        store.insert(new SessionStore.SessionRow(s.idHash(), s.actor().tenant(), s.actor().user(), s.actor().role().name(), s.csrf(), s.credential(),
                s.language(), s.started(), s.lastUsed()));
    }

    @Override
    public Optional<Stored> find(byte[] idHash) {
        return store.find(idHash).flatMap(r -> {
            Role role;
            try {
                role = Role.valueOf(r.role());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (role == Role.SYSTEM) {
                // nobody signs in as the system: a row that says so was not written by tidlig
                return Optional.empty();
            }
            return Optional.of(new Stored(r.idHash(), new Actor(r.username(), role, r.tenant()), r.csrf(), r.credential(), r.language(), r.startedAt(),
                    r.lastUsedAt()));
        });
    }

    @Override
    public void touch(byte[] idHash, Instant lastUsed, String language) {
        store.touch(idHash, lastUsed, language);
    }

    @Override
    public void remove(byte[] idHash) {
        store.delete(idHash);
    }

    @Override
    public int removeFor(String username) {
        return store.deleteFor(username);
    }

    @Override
    public int removeExpired(Instant lastUsedBefore, Instant startedBefore) {
        return store.deleteExpired(lastUsedBefore, startedBefore);
    }

    @Override
    public boolean firstUse(String kind, String id, Instant validUntil) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest((kind + "\n" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return once.useOnce(hash, validUntil);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
