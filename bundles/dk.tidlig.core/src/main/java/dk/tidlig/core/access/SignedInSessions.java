// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.access;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the application's signed-in sessions are kept: in the database, so that a restart signs nobody out and two
 * tidlig nodes behind one proxy share them. A session is known by the SHA-256 of its id only; the id itself, the
 * browser's cookie, is never stored.
 */
@ProviderType
public interface SignedInSessions {

    /**
     * A session.
     *
     * @param idHash     SHA-256 of the session id
     * @param credential a digest of a local user's password hash at sign-in (a reset ends the session); null for SSO
     */
    record Stored(byte[] idHash, Actor actor, String csrf, String credential, String language, Instant started, Instant lastUsed) {
    }

    void save(Stored session);

    Optional<Stored> find(byte[] idHash);

    /** Records a use of the session, and the language chosen. */
    void touch(byte[] idHash, Instant lastUsed, String language);

    void remove(byte[] idHash);

    /** Ends every session of the user, or every session of every user when {@code username} is null; returns how many. */
    int removeFor(String username);

    /** Ends the sessions unused since {@code lastUsedBefore} or begun before {@code startedBefore}. */
    int removeExpired(Instant lastUsedBefore, Instant startedBefore);

    /**
     * Records the first use of a sign-in message that may be used once (a SAML assertion, an OpenID Connect state, a
     * logout request), on every node: false when it was used before. Only a digest of {@code kind} and {@code id} is kept,
     * until {@code validUntil}.
     *
     * @since 1.4
     */
    boolean firstUse(String kind, String id, Instant validUntil);
}
