// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

/** The operating-system user who runs a command, as the audit trail and the list of deliveries name it. */
final class OsUser {

    private OsUser() {
    }

    /** The user's name when it is a plain one (letters, digits, dot, dash, underscore; at most 32), else "unknown". */
    static String name() {
        String u = System.getProperty("user.name", "unknown");
        return u.matches("[A-Za-z0-9._-]{1,32}") ? u : "unknown";
    }
}
