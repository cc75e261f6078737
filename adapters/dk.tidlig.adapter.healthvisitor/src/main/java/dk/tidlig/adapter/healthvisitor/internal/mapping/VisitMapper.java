// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.healthvisitor.internal.mapping;

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
 * Maps the health visitors' visit list: a visit with status "Udeblevet" (no-show at a consultation) or
 * "Ikke truffet hjemme" (nobody at home for a home visit) is {@link Indicator#CHILD_HEALTH_VISITOR_NO_SHOW};
 * completed, cancelled and moved visits retract an earlier missed visit with the same id, and are skipped
 * when there is none. The visit id identifies the record.
 */
public final class VisitMapper extends CsvLineMapper {

    /** Code system of the kind of visit, as in the event's details. */
    public static final String KIND_CODES = "visit";
    /** Code system of what happened, as in the event's details. */
    public static final String STATUS_CODES = "visit.status";

    public VisitMapper() {
        super(';', VisitColumns.REQUIRED);
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String status = row.oneOf(VisitColumns.STATUS, VisitColumns.STATUSES);
        String kind = row.oneOf(VisitColumns.KIND, VisitColumns.KINDS);
        String cpr = row.cpr(VisitColumns.CPR);
        var date = row.date(VisitColumns.DATE, Row.DANISH_DATE);
        String id = row.text(VisitColumns.ID);
        if (!status.equals(VisitColumns.NO_SHOW) && !status.equals(VisitColumns.NOT_AT_HOME)) {
            return List.of(new Retraction(id)); // not missed; removes an earlier missed visit with this id
        }
        return List.of(new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, cpr, date, null, id, List.of(
                new DetailCode(KIND_CODES, kindCode(kind), kind),
                new DetailCode(STATUS_CODES, status.equals(VisitColumns.NO_SHOW) ? "NO_SHOW" : "NOT_AT_HOME", status))));
    }

    static String kindCode(String kind) {
        return switch (kind) {
            case VisitColumns.HOME_VISIT -> "HOME_VISIT";
            case VisitColumns.CONSULTATION -> "CONSULTATION";
            default -> "OPEN_HOUSE";
        };
    }
}
