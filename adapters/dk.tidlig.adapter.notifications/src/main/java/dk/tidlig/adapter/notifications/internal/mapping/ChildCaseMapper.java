// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.util.Locale;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.RecordSink;

/**
 * The children's case system delivers two exports: notifications received and measures granted. Their header line
 * tells them apart (a measures export has the column {@value MeasureColumns#ID}); each is then read by its own mapper.
 */
public final class ChildCaseMapper implements LineMapper {

    private LineMapper delegate;

    @Override
    public void map(Line line, RecordSink sink) throws RecordException, FileFormatException {
        if (delegate == null) {
            if (line.text().isBlank()) {
                sink.skip(line);
                return;
            }
            boolean measures = line.text().toLowerCase(Locale.ROOT).contains(MeasureColumns.ID.toLowerCase(Locale.ROOT));
            delegate = measures ? new MeasureMapper() : new NotificationMapper();
        }
        delegate.map(line, sink);
    }

    @Override
    public void finish(RecordSink sink) throws FileFormatException {
        if (delegate != null) {
            delegate.finish(sink);
        }
    }
}
