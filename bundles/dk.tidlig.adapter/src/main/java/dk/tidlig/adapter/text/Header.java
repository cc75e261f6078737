// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dk.tidlig.adapter.FileFormatException;

/** The column names of a delimited file, matched ignoring case and surrounding blanks. */
public final class Header {
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    Header(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(key(names.get(i)), i);
        }
    }

    /** Checks that every required column is present. */
    void require(List<String> required) throws FileFormatException {
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            if (indexOf(r) < 0) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw new FileFormatException("the header lacks the column(s) " + String.join(", ", missing)
                    + "; expected at least " + String.join(";", required));
        }
    }

    public int size() {
        return names.size();
    }

    public int indexOf(String column) {
        Integer i = index.get(key(column));
        return i == null ? -1 : i;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
