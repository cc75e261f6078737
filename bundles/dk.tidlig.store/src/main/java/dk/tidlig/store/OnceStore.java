// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What may happen only once across every tidlig node on the database: a sign-in message used, a scheduled job's run in its
 * interval. A primary key decides, which holds on a MariaDB Galera cluster too (no named lock).
 *
 * @since 4.4
 */
@ProviderType
public interface OnceStore {

    /**
     * Records the first use of something (by the SHA-256 of its id), kept until {@code expiresAt}; false when it was used
     * before, on any node. Uses that have expired are forgotten.
     */
    boolean useOnce(byte[] idHash, Instant expiresAt);

    /** Forgets a use, so that it may happen again (a scheduled run that failed). */
    void forget(byte[] idHash);
}
