// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.mapping;

import java.util.ArrayList;
import java.util.List;

import dk.tidlig.adapter.cpr.internal.layout.RecordType;

/** Builds fixed-width CPR records for tests, field by field, by the layout's names. */
final class Records {
    private final List<String> lines = new ArrayList<>();

    static Records extract() {
        Records r = new Records();
        r.add(RecordType.START, "PRODDTO", "20261101");
        return r;
    }

    Records add(RecordType type, String... nameValuePairs) {
        StringBuilder sb = type.blank();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            type.field(nameValuePairs[i]).write(sb, nameValuePairs[i + 1]);
        }
        lines.add(sb.toString());
        return this;
    }

    Records raw(String line) {
        lines.add(line);
        return this;
    }

    Records end() {
        return add(RecordType.END, "TAELLER", Integer.toString(lines.size() - 1));
    }

    List<String> lines() {
        return lines;
    }
}
