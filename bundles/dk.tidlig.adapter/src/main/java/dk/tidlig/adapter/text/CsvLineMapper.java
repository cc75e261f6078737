// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.util.List;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.RecordSink;
import dk.tidlig.model.SourceRecord;

/**
 * Base of the mappers for delimited vendor exports with a header line: the first line names the
 * columns (checked against the required ones, else the file is refused), every further line is a
 * record mapped by {@link #map(Row)}. Blank lines are skipped.
 */
public abstract class CsvLineMapper implements LineMapper {

    private final char delimiter;
    private final List<String> required;
    private Header header;

    protected CsvLineMapper(char delimiter, List<String> requiredColumns) {
        this.delimiter = delimiter;
        this.required = List.copyOf(requiredColumns);
    }

    @Override
    public final void map(Line line, RecordSink sink) throws RecordException, FileFormatException {
        if (line.text().isBlank()) {
            sink.skip(line);
            return;
        }
        if (header == null) {
            List<String> names;
            try {
                names = DelimitedLine.split(line.text(), delimiter);
            } catch (RecordException e) {
                throw new FileFormatException("the header line cannot be read: " + e.getMessage());
            }
            header = new Header(names);
            header.require(required);
            sink.skip(line);
            return;
        }
        List<String> fields = DelimitedLine.split(line.text(), delimiter);
        if (fields.size() != header.size()) {
            throw new RecordException("the line has " + fields.size() + " fields, the header " + header.size());
        }
        sink.accept(line, map(new Row(header, fields, line.number())));
    }

    /** Maps one data row to the records it gives (empty: nothing tidlig reads, the line is skipped). */
    protected abstract List<? extends SourceRecord> map(Row row) throws RecordException;
}
