// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.operations;

import java.time.Instant;
import java.util.List;

/**
 * One of tidlig's configurations (a file in config/, a PID), as the operator sees it: each setting with its description
 * and current value, secrets masked, and the audited history of changes (which settings changed, never their values).
 *
 * @param pid         the configuration's PID (the file's name without .cfg)
 * @param name        what it configures, from its metatype; the PID when it has none
 * @param description its metatype's description, or null
 * @param file        the file it comes from, relative to the distribution folder, or null when not from a file
 */
public record ConfigurationView(String pid, String name, String description, String file, List<Setting> settings, List<Change> history) {

    /**
     * A setting: its key, its metatype's name and description where it has one, and its value; a secret (a key with a
     * leading dot, a password in the metatype, or a name that says password, secret or token) shows only whether it is set.
     */
    public record Setting(String key, String name, String description, String value, boolean secret) {
    }

    /** An audited change: when, by whom (the system for a file edited on disk), and which settings. */
    public record Change(Instant at, String actor, String what) {
    }
}
