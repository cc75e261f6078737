// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import org.osgi.annotation.versioning.ProviderType;

/** The municipality this installation serves by default (commands, the demo). */
@ProviderType
public interface Tenant {

    /** Three-digit municipality code, e.g. "159" for Gladsaxe. */
    String municipalityCode();
}
