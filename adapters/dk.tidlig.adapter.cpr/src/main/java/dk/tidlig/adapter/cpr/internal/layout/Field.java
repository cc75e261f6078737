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
        // in place, the record's length unchanged: numbers after their zeros, text before its blanks
        int from = position - 1;
        int pad = length - v.length();
        boolean right = numeric && !v.isEmpty();
        if (record.length() < from + length) {
            record.replace(from, from + length, right ? "0".repeat(pad) + v : v + " ".repeat(pad)); // a record cut short grows
            return;
        }
        for (int i = 0; i < length; i++) {
            record.setCharAt(from + i, right ? (i < pad ? '0' : v.charAt(i - pad)) : i < v.length() ? v.charAt(i) : ' ');
        }
    }
}
