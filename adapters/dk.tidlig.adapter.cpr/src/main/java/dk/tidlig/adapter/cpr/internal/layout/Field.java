// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.layout;

/**
 * A field of a fixed-width CPR record: its Danish name in the CPR office's layout, its 1-based
 * position and its length.
 */
public record Field(String name, int position, int length, boolean numeric) {

    /** The field's text in a record line, without surrounding blanks; "" when the line is shorter. */
    public String read(String line) {
        int from = position - 1;
        if (from >= line.length()) {
            return "";
        }
        return line.substring(from, Math.min(line.length(), from + length)).strip();
    }

    /** Writes a value into a record buffer: numbers right-aligned with zeros, text left-aligned with blanks. */
    public void write(StringBuilder record, String value) {
        String v = value == null ? "" : value;
        if (v.length() > length) {
            throw new IllegalArgumentException("field " + name + " holds at most " + length + " characters");
        }
        String padded = numeric && !v.isEmpty() ? "0".repeat(length - v.length()) + v
                : v + " ".repeat(length - v.length());
        record.replace(position - 1, position - 1 + length, padded);
    }
}
