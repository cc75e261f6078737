// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.operations;

import java.time.Duration;

/**
 * An adapter that runs here, as the operator sees it: which bundle and version, and the inbox it reads.
 *
 * @param bundle           the adapter bundle's symbolic name
 * @param version          its version
 * @param municipality     the municipality its deliveries belong to
 * @param inbox            the folder it reads
 * @param deliveryInterval how often its source delivers, or null when not stated
 */
public record DeployedAdapter(String id, String sourceSystem, String title, String bundle, String version, String municipality, String inbox,
        String encoding, Duration deliveryInterval) {
}
