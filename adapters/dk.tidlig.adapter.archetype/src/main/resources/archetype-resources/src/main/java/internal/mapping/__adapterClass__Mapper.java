// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package ${package}.internal.mapping;

import java.util.List;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/**
 * Maps the export of ${sourceSystem}: every row is {@link Indicator#${indicator}} for the person in
 * {@code CPR-nummer}, on {@code Startdato} (to {@code Slutdato}, if given), identified by {@code Id},
 * with {@code Kode} as a detail code. Pure: no I/O, no OSGi, no Camel.
 *
 * <p>Shape it to the vendor's export: decide which rows give an event. A row that is not an event but
 * has a record id returns {@code List.of(new Retraction(id))}, so that a row corrected in the source
 * system removes the event it gave before; a row with nothing tidlig reads returns an empty list. Throw a
 * {@link RecordException} naming the column and the rule, never the value, for a row that cannot be read.
 */
public final class ${adapterClass}Mapper extends CsvLineMapper {

    /** The code system of {@code Kode} in the event's details. */
    public static final String CODES = "${adapterId}.code";

    public ${adapterClass}Mapper() {
        super(';', ${adapterClass}Columns.REQUIRED);
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String cpr = row.cpr(${adapterClass}Columns.CPR);
        var start = row.date(${adapterClass}Columns.START, Row.DANISH_DATE);
        var end = row.optionalDate(${adapterClass}Columns.END, Row.DANISH_DATE).orElse(null);
        String id = row.text(${adapterClass}Columns.ID);
        List<DetailCode> details = row.optional(${adapterClass}Columns.CODE).map(code -> List.of(DetailCode.of(CODES, code))).orElse(List.of());
        return List.of(new RiskEvent(Indicator.${indicator}, cpr, start, end, id, details));
    }
}
