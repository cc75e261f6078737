// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contribution's basis in words. Scoring stores it in one fixed form ("1500 once", "300 per occurrence, at most 3",
 * "500 per year × 1.25 year (456 days in the window)"); the pages say it in the reader's language with its numbers in
 * that language's format. A basis in no known form is shown as stored.
 */
final class Rules {

    private static final Pattern ONCE = Pattern.compile("(\\d+) once");
    private static final Pattern OCCURRENCE = Pattern.compile("(\\d+) per occurrence(?:, at most (\\d+))?");
    private static final Pattern YEAR = Pattern.compile("(\\d+) per year × ([\\d.]+) year \\((\\d+) days in the window\\)");

    private Rules() {
    }

    static String basis(Texts t, String basis) {
        if (basis == null) {
            return "";
        }
        Matcher m = ONCE.matcher(basis);
        if (m.matches()) {
            return t.get("basis.once", t.number(Long.parseLong(m.group(1))));
        }
        m = OCCURRENCE.matcher(basis);
        if (m.matches()) {
            return m.group(2) == null ? t.get("basis.occurrence", t.number(Long.parseLong(m.group(1))))
                    : t.get("basis.occurrence.max", t.number(Long.parseLong(m.group(1))), Integer.parseInt(m.group(2)));
        }
        m = YEAR.matcher(basis);
        if (m.matches()) {
            java.text.NumberFormat years = java.text.NumberFormat.getNumberInstance(t.locale());
            years.setMaximumFractionDigits(2);
            return t.get("basis.year", t.number(Long.parseLong(m.group(1))), years.format(Double.parseDouble(m.group(2))),
                    t.number(Long.parseLong(m.group(3))));
        }
        return basis;
    }
}
