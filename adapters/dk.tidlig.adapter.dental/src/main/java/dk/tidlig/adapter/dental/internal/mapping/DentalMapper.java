// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal.mapping;

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
 * Maps the dental care's appointment export: a row whose Fremmøde is "Udeblevet" is the child's
 * no-show ({@link Indicator#CHILD_DENTAL_NO_SHOW}). Attended and cancelled appointments are no event:
 * they retract an earlier no-show with the same appointment id (a correction in the dental system), and
 * are skipped when there is none. The appointment id identifies the record, so a re-delivered export is
 * idempotent and a corrected row replaces the earlier one.
 */
public final class DentalMapper extends CsvLineMapper {

    public DentalMapper() {
        super(';', DentalColumns.REQUIRED);
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String attendance = row.oneOf(DentalColumns.ATTENDANCE, DentalColumns.ATTENDANCES);
        String cpr = row.cpr(DentalColumns.CPR);
        var date = row.date(DentalColumns.DATE, Row.DANISH_DATE);
        String id = row.text(DentalColumns.ID);
        if (!attendance.equals(DentalColumns.NO_SHOW)) {
            return List.of(new Retraction(id)); // not a no-show; removes an earlier no-show with this id
        }
        DentalService service = DentalService.of(row.text(DentalColumns.SERVICE));
        return List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, cpr, date, null, id,
                List.of(new DetailCode(DentalService.CODE_SYSTEM, service.name(), service.danish()))));
    }
}
