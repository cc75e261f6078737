// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.model.CprNumbers;

/**
 * One data line of a delimited file, addressed by column name. Every accessor that fails throws a
 * {@link RecordException} naming the column and the rule, never the value.
 */
public final class Row {

    /** Danish vendor exports write dates as 31-12-2025. */
    public static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final Header header;
    private final List<String> fields;
    private final long line;

    Row(Header header, List<String> fields, long line) {
        this.header = header;
        this.fields = fields;
        this.line = line;
    }

    public long lineNumber() {
        return line;
    }

    /** The trimmed value, or empty when the column is blank or absent from the file. */
    public Optional<String> optional(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            return Optional.empty();
        }
        String v = fields.get(i).strip();
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** The trimmed value of a column that must be filled in. */
    public String text(String column) throws RecordException {
        return optional(column).orElseThrow(() -> new RecordException("column " + column + " is empty"));
    }

    /** A CPR number, with or without hyphen, checked by the CPR office's rules and returned as ten digits. */
    public String cpr(String column) throws RecordException {
        String v = text(column);
        Optional<String> problem = CprNumbers.problem(v);
        if (problem.isPresent()) {
            throw new RecordException("column " + column + ": " + problem.get());
        }
        return CprNumbers.normalise(v);
    }

    public LocalDate date(String column, DateTimeFormatter format) throws RecordException {
        return date(column, format, pattern(format));
    }

    /**
     * @param pattern the format as people write it ("yyyy-MM-dd"), for the quarantine reason
     */
    public LocalDate date(String column, DateTimeFormatter format, String pattern) throws RecordException {
        return parseDate(column, text(column), format, pattern);
    }

    public Optional<LocalDate> optionalDate(String column, DateTimeFormatter format) throws RecordException {
        return optionalDate(column, format, pattern(format));
    }

    public Optional<LocalDate> optionalDate(String column, DateTimeFormatter format, String pattern) throws RecordException {
        Optional<String> v = optional(column);
        return v.isEmpty() ? Optional.empty() : Optional.of(parseDate(column, v.get(), format, pattern));
    }

    public int integer(String column) throws RecordException {
        String v = text(column);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RecordException("column " + column + " is not a whole number");
        }
    }

    /** A value that must be one of the given codes (compared ignoring case); returns the code as listed. */
    public String oneOf(String column, List<String> codes) throws RecordException {
        String v = text(column);
        for (String c : codes) {
            if (c.equalsIgnoreCase(v)) {
                return c;
            }
        }
        throw new RecordException("column " + column + " is not one of " + String.join(", ", codes));
    }

    private static LocalDate parseDate(String column, String value, DateTimeFormatter format, String pattern) throws RecordException {
        try {
            return LocalDate.parse(value, format);
        } catch (DateTimeParseException e) {
            throw new RecordException("column " + column + " is not a date in the form " + pattern);
        }
    }

    private static String pattern(DateTimeFormatter format) {
        return format == DANISH_DATE ? "dd-mm-åååå" : "the expected date format";
    }
}
