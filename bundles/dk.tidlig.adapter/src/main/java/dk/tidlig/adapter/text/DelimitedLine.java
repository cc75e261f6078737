// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.util.ArrayList;
import java.util.List;

import dk.tidlig.adapter.RecordException;

/**
 * Splits one line of delimited text (semicolon-separated CSV as Danish vendor exports write it) into
 * fields. Fields may be quoted with {@code "}; a quote inside a quoted field is written twice. A record
 * is one physical line: a quoted field that does not end on its line is an error, so a broken line is
 * quarantined alone instead of swallowing the lines after it.
 */
public final class DelimitedLine {

    private DelimitedLine() {
    }

    public static List<String> split(String line, char delimiter) throws RecordException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed) {
                    throw new RecordException("field " + (fields.size() + 1) + " opens a quote that is not closed on its line");
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new RecordException("field " + (fields.size() + 1) + " has text after its closing quote");
                }
            } else {
                while (i < n && line.charAt(i) != delimiter) {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the delimiter
            if (i == n) {
                fields.add("");
                return fields;
            }
        }
    }

    /** One line of delimited text from fields, quoting where needed (the inverse of {@link #split}). */
    public static String join(String[] fields, char delimiter) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            sb.append(quote(fields[i], delimiter));
        }
        return sb.toString();
    }

    /** Quotes a field for writing when it contains the delimiter, a quote or surrounding blanks. */
    public static String quote(String field, char delimiter) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(delimiter) < 0 && field.indexOf('"') < 0 && field.strip().equals(field)) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
