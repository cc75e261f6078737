// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/**
 * Maps the job centre's period export: a period whose socio-economic code is in the unemployment table
 * is {@link Indicator#PARENT_UNEMPLOYED}, in the transfer-income table
 * {@link Indicator#PARENT_TRANSFER_INCOME}; other codes (employment, education, pension) retract an
 * earlier period with the same id (a recoded period), and are skipped when there is none. A period
 * without an end date is ongoing. The period id identifies the record, so a period delivered
 * again with its end date filled in replaces the open one.
 */
public final class EmploymentMapper extends CsvLineMapper {

    private final SocioCodes codes;

    public EmploymentMapper(SocioCodes codes) {
        super(';', EmploymentColumns.REQUIRED);
        this.codes = codes;
    }

    private static final java.util.regex.Pattern THREE_DIGITS = java.util.regex.Pattern.compile("\\d{3}");

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String cpr = row.cpr(EmploymentColumns.CPR);
        String code = row.text(EmploymentColumns.SOCIO);
        if (!THREE_DIGITS.matcher(code).matches()) {
            throw new RecordException("column " + EmploymentColumns.SOCIO + " is not a three-digit socio-economic code");
        }
        LocalDate start = row.date(EmploymentColumns.START, Row.DANISH_DATE);
        Optional<LocalDate> end = row.optionalDate(EmploymentColumns.END, Row.DANISH_DATE);
        String id = row.text(EmploymentColumns.ID);
        Indicator indicator = codes.indicator(code);
        if (indicator == null) {
            return List.of(new Retraction(id)); // e.g. a period recoded to employment
        }
        String kind = row.optional(EmploymentColumns.KIND).orElse(null);
        return List.of(new RiskEvent(indicator, cpr, start, end.orElse(null), id,
                List.of(new DetailCode(DetailCode.SOCIO, code, kind == null || kind.length() > 120 ? null : kind))));
    }
}
