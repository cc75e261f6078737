// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's options of the form {@code --name value} and {@code --flag}: an option not named, or a value of the wrong
 * kind, is an {@link IllegalArgumentException} whose message the command runner shows with the usage.
 */
public final class CommandArguments {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    public CommandArguments(List<String> args, Set<String> valued, Set<String> flagNames) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (flagNames.contains(a)) {
                flags.add(a);
            } else if (valued.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                values.put(a, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    /** Whether the option was given, with a value or as a flag. */
    public boolean has(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int number(String name, int fallback, int least, int most) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n < least || n > most) {
                throw new IllegalArgumentException(name + " must be between " + least + " and " + most);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number");
        }
    }

    public long seed(String name, long fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number");
        }
    }

    public double share(String name, double fallback) {
        String v = values.get(name);
        try {
            double d = v == null ? fallback : Double.parseDouble(v);
            if (d < 0 || d > 1) {
                throw new IllegalArgumentException(name + " must be between 0 and 1");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number between 0 and 1");
        }
    }

    public LocalDate date(String name, LocalDate fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " takes a date yyyy-MM-dd");
        }
    }
}
