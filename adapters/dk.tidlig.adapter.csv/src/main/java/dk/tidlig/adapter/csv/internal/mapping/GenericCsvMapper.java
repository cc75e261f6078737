// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.csv.internal.mapping;

import java.time.LocalDate;
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
 * Maps a delimited export by a {@link CsvMapping}: each row gives the mapping's indicator, or the
 * indicator its code stands for in the code table; a code that stands for NONE is not an event (it
 * retracts an earlier event with the row's id); a code not in the table is quarantined or skipped, as
 * configured.
 */
public final class GenericCsvMapper extends CsvLineMapper {

    private final CsvMapping mapping;

    public GenericCsvMapper(CsvMapping mapping) {
        super(mapping.delimiter(), mapping.requiredColumns());
        this.mapping = mapping;
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String cpr = row.cpr(mapping.cprColumn());
        LocalDate start = row.date(mapping.startColumn(), mapping.dateFormat(), mapping.datePattern());
        LocalDate end = mapping.endColumn() == null ? null
                : row.optionalDate(mapping.endColumn(), mapping.dateFormat(), mapping.datePattern()).orElse(null);
        String id = row.text(mapping.idColumn());
        Indicator indicator = mapping.indicator();
        List<DetailCode> details = List.of();
        if (mapping.codeColumn() != null) {
            String code = row.text(mapping.codeColumn());
            if (!mapping.codeTable().containsKey(code)) {
                if (mapping.skipUnknown()) {
                    return List.of();
                }
                throw new RecordException("column " + mapping.codeColumn() + " has a code that is not in the mapping's code table");
            }
            indicator = mapping.codeTable().get(code);
            if (indicator == null) {
                return List.of(new Retraction(id));
            }
            details = List.of(DetailCode.of(mapping.codeSystem(), code));
        }
        return List.of(new RiskEvent(indicator, cpr, start, end, id, details));
    }
}
