// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An adapter's inbox as the platform runs it: published by the platform for every adapter whose routes it built,
 * with the service property {@link SourceAdapter#ADAPTER_ID}. The commands deliver to it, and the core looks there
 * for the clear-text file of a delivery whose process died.
 */
@ProviderType
public interface AdapterInbox {

    SourceAdapter adapter();

    /** The settings the inbox runs with: the adapter's configuration over its descriptor's defaults. */
    InboxSettings settings();
}
