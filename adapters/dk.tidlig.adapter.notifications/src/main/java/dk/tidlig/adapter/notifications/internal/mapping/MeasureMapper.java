// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/**
 * Maps the children's case system's export of measures granted for children under Barnets Lov: a preventive measure
 * (§ 32) is {@link Indicator#CHILD_PREVENTIVE_MEASURE}, a placement outside the home (§§ 43, 46, 47) is
 * {@link Indicator#CHILD_PLACEMENT}, each for the period granted, with the section as detail and the day it was
 * registered. These are the outcomes a model is judged on (issue #8); a model may count them too. An annulled row
 * (registered in error) retracts what its id gave before.
 */
public final class MeasureMapper extends CsvLineMapper {

    /** Detail code system of the section of Barnets Lov. */
    public static final String SECTION_CODES = "barnets-lov";
    private static final Pattern SECTION = Pattern.compile("(?:BL\\s*)?§\\s*(\\d{1,3})(?:\\s*[a-z])?(?:,.*)?", Pattern.CASE_INSENSITIVE);

    public MeasureMapper() {
        super(';', MeasureColumns.REQUIRED);
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String status = row.oneOf(MeasureColumns.STATUS, MeasureColumns.STATUSES);
        String id = row.text(MeasureColumns.ID);
        if (status.equals(MeasureColumns.ANNULLED)) {
            return List.of(new Retraction(id));
        }
        String cpr = row.cpr(MeasureColumns.CPR);
        Indicator indicator = row.oneOf(MeasureColumns.KIND, MeasureColumns.KINDS).equals(MeasureColumns.PLACEMENT) ? Indicator.CHILD_PLACEMENT
                : Indicator.CHILD_PREVENTIVE_MEASURE;
        String section = section(row.text(MeasureColumns.SECTION));
        LocalDate from = row.date(MeasureColumns.FROM, Row.DANISH_DATE);
        if (from.isBefore(CprNumbers.birthDate(cpr))) {
            throw new RecordException("column " + MeasureColumns.FROM + " lies before the child's birth date (from column " + MeasureColumns.CPR + ")");
        }
        LocalDate until = row.optionalDate(MeasureColumns.UNTIL, Row.DANISH_DATE).orElse(null);
        if (until != null && until.isBefore(from)) {
            throw new RecordException("column " + MeasureColumns.UNTIL + " lies before column " + MeasureColumns.FROM);
        }
        LocalDate registered = row.optionalDate(MeasureColumns.REGISTERED, Row.DANISH_DATE).orElse(null);
        if (registered != null && registered.isBefore(from)) {
            registered = from; // granted with effect from a later day than it was decided: known from the day it began
        }
        return List.of(new RiskEvent(indicator, cpr, from, until, id, List.of(new DetailCode(SECTION_CODES, "§ " + section, null)), registered));
    }

    /** "BL § 32, stk. 1, nr. 3" to "32". */
    static String section(String text) throws RecordException {
        var m = SECTION.matcher(text.strip());
        if (!m.matches()) {
            throw new RecordException("column " + MeasureColumns.SECTION + " is not a section of Barnets Lov in the form BL § 32");
        }
        return m.group(1);
    }
}
