// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Signed-in sessions, by the SHA-256 of their id (the id itself, the browser's cookie, is never stored). */
@ProviderType
public interface SessionStore {

    /** A session as stored. {@code credential} is a digest of a local user's password hash at sign-in, null for SSO. */
    record SessionRow(byte[] idHash, String tenant, String username, String role, String csrf, String credential, String language,
            Instant startedAt, Instant lastUsedAt) {
    }

    void insert(SessionRow session);

    Optional<SessionRow> find(byte[] idHash);

    /** Records a use (and the language chosen). */
    void touch(byte[] idHash, Instant lastUsedAt, String language);

    void delete(byte[] idHash);

    /** Deletes every session of the user, or all sessions when {@code username} is null; returns how many. */
    int deleteFor(String username);

    /** Deletes the sessions unused since {@code lastUsedBefore} or begun before {@code startedBefore}; returns how many. */
    int deleteExpired(Instant lastUsedBefore, Instant startedBefore);
}
