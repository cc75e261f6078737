// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

/** What storing one line's rows did. */
public enum LineResult {
    /** New or changed data was stored, or a held event was removed. */
    STORED,
    /** Everything in the line was held already, unchanged. */
    DUPLICATE,
    /** The line asked to remove an event that is not held: nothing to do. */
    NOTHING
}
