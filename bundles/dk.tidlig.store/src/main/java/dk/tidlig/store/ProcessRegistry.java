// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The tidlig processes that use the database, each on record while it runs: what must run alone (replacing a key)
 * refuses while another does.
 */
@ProviderType
public interface ProcessRegistry {

    /** A process after its last word longer ago than this is taken for gone (killed, or its host lost). */
    Duration GONE_AFTER = Duration.ofSeconds(60);

    /** Another process: where it runs, what it is, when it was last heard of. */
    record Process(String host, long osPid, String mode, Instant startedAt, Instant seenAt) {
    }

    /** The other processes heard of within {@link #GONE_AFTER}. */
    List<Process> others();
}
