// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The last audited state of each configuration: property name to a keyed digest of its value. */
@ProviderType
public interface ConfigStateStore {

    /** The digests last saved for the PID; empty when none. */
    Map<String, String> read(String pid);

    void save(String pid, Map<String, String> digests);
}
