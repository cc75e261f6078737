// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.util.ArrayList;
import java.util.List;

import dk.tidlig.model.SourceRecord;

/**
 * Runs a mapper over lines and tells, per line, what became of it: the records it gave, "skipped", or
 * the quarantine reason. For mapper unit tests, without Camel or a database.
 */
public final class MapperHarness {

    public static final String SKIPPED = "skipped";

    private MapperHarness() {
    }

    /**
     * @return one entry per reported line, in the order reported: a {@code List} of records, {@link #SKIPPED},
     *         or the reason (String) the line was quarantined for
     * @throws FileFormatException when the mapper refuses the whole file
     */
    public static List<Object> map(LineMapper mapper, String... lines) throws FileFormatException {
        List<Object> out = new ArrayList<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(Line line, List<? extends SourceRecord> records) {
                out.add(records.isEmpty() ? SKIPPED : records);
            }

            @Override
            public void reject(Line line, String reason) {
                out.add(reason);
            }

            @Override
            public void skip(Line line) {
                out.add(SKIPPED);
            }
        };
        long n = 0;
        for (String text : lines) {
            Line line = new Line(++n, text);
            try {
                mapper.map(line, sink);
            } catch (RecordException e) {
                out.add(e.getMessage());
            }
        }
        mapper.finish(sink);
        return out;
    }
}
