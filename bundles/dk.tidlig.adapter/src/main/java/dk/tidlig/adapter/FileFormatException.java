// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

/**
 * A file that cannot be read as the adapter's format at all; the file is refused as a whole and kept
 * for the operator. The message never quotes the file's content.
 */
public class FileFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public FileFormatException(String reason) {
        super(reason, null, false, false);
    }
}
