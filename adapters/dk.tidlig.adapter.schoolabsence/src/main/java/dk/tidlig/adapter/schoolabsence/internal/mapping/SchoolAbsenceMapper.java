// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.schoolabsence.internal.mapping;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/**
 * Maps the school's quarterly absence statistics: one row per pupil and calendar quarter with the
 * school days and the days of absence per ministry category (illness, permitted, unlawful). A quarter
 * with unlawful absence of at least the threshold (15 % by the rules on pupils' absence) is
 * {@link Indicator#CHILD_SCHOOL_ABSENCE} for that quarter; other quarters retract an earlier version of
 * the same quarter (a correction) and are skipped when there is none. The statistics id identifies the
 * record, so a corrected quarter replaces the earlier one.
 */
public final class SchoolAbsenceMapper extends CsvLineMapper {

    /** Detail code system of the absence category. */
    public static final String CATEGORY_CODES = "absence";
    /** Detail code system of the unlawful share, in whole percent. */
    public static final String PERCENT_CODES = "absence.percent";

    private final int thresholdPercent;

    public SchoolAbsenceMapper(int thresholdPercent) {
        super(';', SchoolAbsenceColumns.REQUIRED);
        if (thresholdPercent < 1 || thresholdPercent > 100) {
            throw new IllegalArgumentException("the threshold is a percentage between 1 and 100");
        }
        this.thresholdPercent = thresholdPercent;
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String cpr = row.cpr(SchoolAbsenceColumns.CPR);
        LocalDate from = row.date(SchoolAbsenceColumns.FROM, Row.DANISH_DATE);
        LocalDate to = row.date(SchoolAbsenceColumns.TO, Row.DANISH_DATE);
        if (!isCalendarQuarter(from, to)) {
            throw new RecordException("the period (Periode fra, Periode til) is not one calendar quarter");
        }
        int days = days(row, SchoolAbsenceColumns.SCHOOL_DAYS);
        int illness = days(row, SchoolAbsenceColumns.ILLNESS);
        int permitted = days(row, SchoolAbsenceColumns.PERMITTED);
        int unlawful = days(row, SchoolAbsenceColumns.UNLAWFUL);
        String id = row.text(SchoolAbsenceColumns.ID);
        if (days == 0) {
            throw new RecordException("column " + SchoolAbsenceColumns.SCHOOL_DAYS + " is 0");
        }
        if (illness + permitted + unlawful > days) {
            throw new RecordException("the days of absence add up to more than the school days");
        }
        // whole percent, rounded down: 15 % is reached only by 15 % or more
        int percent = unlawful * 100 / days;
        if (unlawful * 100 < thresholdPercent * days) {
            return List.of(new Retraction(id)); // below the threshold; removes the quarter if it was above it before
        }
        return List.of(new RiskEvent(Indicator.CHILD_SCHOOL_ABSENCE, cpr, from, to, id,
                List.of(new DetailCode(CATEGORY_CODES, "UNLAWFUL", "Ulovligt fravær"),
                        new DetailCode(PERCENT_CODES, Integer.toString(percent), unlawful + " af " + days + " skoledage"))));
    }

    private static int days(Row row, String column) throws RecordException {
        int n = row.integer(column);
        if (n < 0 || n > 100) {
            throw new RecordException("column " + column + " is not a number of days in a quarter (0-100)");
        }
        return n;
    }

    static boolean isCalendarQuarter(LocalDate from, LocalDate to) {
        LocalDate first = from.with(IsoFields.DAY_OF_QUARTER, 1);
        return from.equals(first) && to.equals(first.plusMonths(3).minusDays(1));
    }
}
