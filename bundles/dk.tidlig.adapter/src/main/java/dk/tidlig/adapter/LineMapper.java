// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns the lines of one delivered file into common-model records. A new mapper is made for every
 * file, so a mapper may keep state across lines (a header, the records of one person). Mappers are
 * pure: no I/O, no OSGi, no Camel; they are unit-tested on their own.
 */
@ConsumerType
public interface LineMapper {

    /**
     * Maps one line, reporting it to the sink now or, for a mapper that groups lines, later.
     *
     * @throws RecordException to quarantine this line with the exception's message as reason
     * @throws FileFormatException to refuse the whole file (a wrong header, a wrong record layout)
     */
    void map(Line line, RecordSink sink) throws RecordException, FileFormatException;

    /**
     * Called after the last line: report whatever lines are still held.
     *
     * @throws FileFormatException when the file as a whole is wrong (e.g. a missing end record)
     */
    default void finish(RecordSink sink) throws FileFormatException {
    }
}
