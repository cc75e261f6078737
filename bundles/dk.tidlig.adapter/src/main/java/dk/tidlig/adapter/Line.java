// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

/**
 * One physical line of a delivered file.
 *
 * @param number  1-based line number in the file
 * @param text    the decoded line without its line terminator
 * @param problem why the line cannot be read as it is (a broken byte sequence, an overlong line), never quoting it;
 *                null for a good line. Such a line is quarantined with this reason, not handed to the mapper.
 */
public record Line(long number, String text, String problem) {

    /** A good line. */
    public Line(long number, String text) {
        this(number, text, null);
    }

    @Override
    public String toString() {
        return "Line " + number; // the text may hold personal data
    }
}
