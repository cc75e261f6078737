// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.operations;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;

/**
 * The operator's view of deliveries, quarantine and the sources' freshness, of the actor's municipality. Only an
 * administrator and the system (the operator's commands) may use it: anyone else gets {@link AccessDeniedException}.
 */
@ProviderType
public interface Operations {

    /**
     * The municipality's deliveries, newest first.
     *
     * @param adapterId only this adapter's, or null for all
     * @param limit     at most this many (1 to 10,000)
     */
    List<Delivery> deliveries(Actor actor, String adapterId, int limit);

    /** One delivery of the municipality. */
    Optional<Delivery> delivery(Actor actor, long id);

    /**
     * The municipality's quarantined lines, a delivery's by line, newest delivery first: where and why, never their content.
     *
     * @param deliveryId only this delivery's, or null for all
     * @param openOnly   only those no later delivery corrected
     * @param limit      at most this many (1 to 100,000)
     */
    List<QuarantinedLine> quarantine(Actor actor, Long deliveryId, boolean openOnly, int limit);

    /**
     * A quarantined line's content, opened for an administrator (or the operator's command) who states why; audited with
     * the reason, before it is opened.
     *
     * @param reason why it is read: 3 to 200 characters, never a CPR number
     * @throws IllegalArgumentException when the reason is missing or unfit, or there is no such line in the municipality
     */
    String openQuarantinedLine(Actor actor, long lineId, String reason);

    /**
     * Records that a later delivery of the same adapter corrected a delivery's quarantined lines: those still open are
     * resolved by it, and so are those of the same file delivered again before the correction (the same content through
     * the same adapter). The correction must have completed, after the delivery, with no quarantined line of its own.
     * Audited.
     *
     * @return how many lines it resolved
     * @throws IllegalArgumentException naming what does not fit (another adapter, not completed, lines of its own kept aside)
     */
    int resolveQuarantine(Actor actor, long deliveryId, long correctionId);

    /** Each adapter of the municipality that runs here, with when its source last delivered and whether it is overdue. */
    List<SourceFreshness> freshness(Actor actor);

    /** The adapters that run here for the municipality, with their bundles' versions and inboxes. */
    List<DeployedAdapter> adapters(Actor actor);

    /**
     * tidlig's configurations (PIDs {@code dk.tidlig.*}), each setting with its description and value (secrets masked),
     * and the municipality's audited history of their changes.
     */
    List<ConfigurationView> configurations(Actor actor);
}
