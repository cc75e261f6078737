// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.csv.internal.mapping;

import java.nio.charset.Charset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.model.Indicator;

/**
 * One mapping of the generic CSV adapter, read from a factory configuration
 * ({@code config/dk.tidlig.adapter.csv-<name>.cfg}). See the adapter's README for every key.
 *
 * @param descriptor    the adapter this mapping makes
 * @param delimiter     the field delimiter
 * @param dateFormat    the dates' format, strict
 * @param datePattern   the same as written in the configuration, for quarantine reasons
 * @param cprColumn     column of the CPR number
 * @param startColumn   column of the date, or the start of a period
 * @param endColumn     column of the end of a period, or null
 * @param idColumn      column of the record id
 * @param codeColumn    column of the code that decides the indicator, or null: every row gives {@code indicator}
 * @param codeSystem    the detail-code system of the code column's values
 * @param indicator     the indicator of every row when there is no code column
 * @param codeTable     code → indicator, or null for "not an event" (NONE)
 * @param skipUnknown   true: a code not in the table is skipped; false: quarantined
 */
public record CsvMapping(
        AdapterDescriptor descriptor,
        char delimiter,
        DateTimeFormatter dateFormat,
        String datePattern,
        String cprColumn,
        String startColumn,
        String endColumn,
        String idColumn,
        String codeColumn,
        String codeSystem,
        Indicator indicator,
        Map<String, Indicator> codeTable,
        boolean skipUnknown) {

    /** The columns a file must have. */
    public List<String> requiredColumns() {
        List<String> required = new ArrayList<>(List.of(cprColumn, startColumn, idColumn));
        if (codeColumn != null) {
            required.add(codeColumn);
        }
        return required;
    }

    /**
     * Reads a mapping from configuration properties and checks it. Problems are collected and reported
     * together, naming the keys.
     *
     * @throws IllegalArgumentException naming every problem
     */
    public static CsvMapping parse(Map<String, ?> config) {
        List<String> problems = new ArrayList<>();
        String id = text(config, "adapterId", problems);
        if (id != null && !id.matches("csv-[a-z0-9-]{1,26}")) {
            problems.add("adapterId must be 'csv-' and lower-case letters, digits or hyphens, e.g. csv-aktiv");
            id = null;
        }
        String source = text(config, "sourceSystem", problems);
        String title = optional(config, "title", source == null ? "" : source + " (generisk CSV)");
        String purpose = text(config, "purpose", problems);
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String c : list(optional(config, "dataCategories", ""))) {
            try {
                categories.add(DataCategory.valueOf(c));
            } catch (IllegalArgumentException e) {
                problems.add("dataCategories: unknown category " + c + " (known: " + Arrays.toString(DataCategory.values()) + ")");
            }
        }
        if (categories.isEmpty() && !config.containsKey("dataCategories")) {
            problems.add("dataCategories is missing");
        }
        String delimiter = optional(config, "delimiter", ";");
        if ("\\t".equals(delimiter) || "tab".equalsIgnoreCase(delimiter)) {
            delimiter = "\t";
        }
        if (delimiter.length() != 1) {
            problems.add("delimiter must be one character (or \\t)");
        }
        DateTimeFormatter dates = null;
        String pattern = optional(config, "dateFormat", "dd-MM-yyyy");
        try {
            dates = DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu").replace("yy", "uu")).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            problems.add("dateFormat is not a date pattern: " + pattern);
        }
        String cpr = text(config, "column.cpr", problems);
        String start = text(config, "column.start", problems);
        String end = optional(config, "column.end", null);
        String idColumn = text(config, "column.id", problems);
        String code = optional(config, "column.code", null);
        String codeSystem = optional(config, "codeSystem", id == null ? "csv" : id + ".code");

        Indicator single = null;
        Map<String, Indicator> table = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : config.entrySet()) {
            if (e.getKey().startsWith("code.")) {
                String value = e.getValue() == null ? "" : e.getValue().toString().strip();
                String codeValue = e.getKey().substring("code.".length());
                if (value.equalsIgnoreCase("NONE")) {
                    table.put(codeValue, null);
                } else {
                    try {
                        table.put(codeValue, Indicator.valueOf(value.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException ex) {
                        problems.add(e.getKey() + ": not an indicator or NONE");
                    }
                }
            }
        }
        if (code == null) {
            String ind = text(config, "indicator", problems);
            if (ind != null) {
                try {
                    single = Indicator.valueOf(ind.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add("indicator: unknown indicator " + ind);
                }
            }
            if (!table.isEmpty()) {
                problems.add("code.<value> entries need column.code");
            }
        } else if (table.values().stream().noneMatch(v -> v != null)) {
            problems.add("with column.code, at least one code.<value> = <INDICATOR> is needed");
        }
        String unknown = optional(config, "unknownCodes", "QUARANTINE").toUpperCase(Locale.ROOT);
        if (!unknown.equals("QUARANTINE") && !unknown.equals("SKIP")) {
            problems.add("unknownCodes must be QUARANTINE or SKIP");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("CSV mapping " + (id == null ? "" : "'" + id + "' ") + "is invalid: " + String.join("; ", problems));
        }
        Set<Indicator> indicators = EnumSet.noneOf(Indicator.class);
        if (single != null) {
            indicators.add(single);
        }
        table.values().stream().filter(v -> v != null).forEach(indicators::add);
        return new CsvMapping(new AdapterDescriptor(id, source, title, indicators, categories, purpose), delimiter.charAt(0), dates, pattern, cpr, start,
                end, idColumn, code, codeSystem, single, table, unknown.equals("SKIP"));
    }

    /** Charset check for the configuration's encoding, for a clear message at start. */
    static void checkCharset(String name) {
        Charset.forName(name);
    }

    private static String optional(Map<String, ?> config, String key, String fallback) {
        Object v = config.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString().strip();
    }

    private static String text(Map<String, ?> config, String key, List<String> problems) {
        String v = optional(config, key, null);
        if (v == null) {
            problems.add(key + " is missing");
        }
        return v;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.toUpperCase(Locale.ROOT)).toList();
    }
}
