// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

/**
 * A line that cannot be mapped. The message is the quarantine reason: it names the field and the rule,
 * and never quotes the line's content.
 */
public class RecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecordException(String reason) {
        super(reason, null, false, false);
    }
}
