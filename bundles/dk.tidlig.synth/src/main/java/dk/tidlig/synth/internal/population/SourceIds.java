// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;

import dk.tidlig.model.Indicator;

/**
 * The source systems' own record ids, as each vendor might number its records: a prefix for the
 * system, the year, and a running number per system and year ("TP-2025-000123"). The digit groups are
 * kept short and apart so that no id ever looks like a CPR number. Separations come from CPR, which
 * has no record id: null.
 */
final class SourceIds {

    private final int firstYear;
    private final int[][] next;

    /** @param firstYear the earliest year an event can fall in */
    SourceIds(int firstYear, int years) {
        this.firstYear = firstYear;
        this.next = new int[Indicator.values().length][years];
    }

    String next(Indicator indicator, LocalDate start) {
        String prefix = prefix(indicator);
        if (prefix == null) {
            return null;
        }
        int year = start.getYear();
        int sequence = ++next[indicator.ordinal()][year - firstYear];
        StringBuilder sb = new StringBuilder(24).append(prefix).append('-').append(year);
        if (indicator == Indicator.CHILD_SCHOOL_ABSENCE) {
            sb.append('K').append((start.getMonthValue() - 1) / 3 + 1); // K for kvartal
        }
        sb.append('-');
        String digits = Integer.toString(sequence);
        for (int i = digits.length(); i < 6; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    private static String prefix(Indicator indicator) {
        switch (indicator) {
            case CHILD_NOTIFICATION:
                return "UNDR";
            case CHILD_DENTAL_NO_SHOW:
                return "TP";
            case CHILD_HEALTH_VISITOR_NO_SHOW:
                return "SP";
            case MISSED_DOCTOR_APPOINTMENT:
                return "LAEGE";
            case CHILD_SCHOOL_ABSENCE:
                return "SKOLE";
            case PARENT_UNEMPLOYED:
                return "JC-LEDIG";
            case PARENT_TRANSFER_INCOME:
                return "JC-YDELSE";
            case PARENT_PSYCHIATRIC_ILLNESS:
                return "PSY";
            case PARENT_SUBSTANCE_ABUSE_TREATMENT:
                return "MIS";
            case FAMILY_FREQUENT_MOVES:
                return "FLYT";
            case CHILD_PREVENTIVE_MEASURE:
                return "FOREB";
            case CHILD_PLACEMENT:
                return "ANBR";
            default:
                return null; // PARENTS_SEPARATION: CPR has no record id
        }
    }
}
