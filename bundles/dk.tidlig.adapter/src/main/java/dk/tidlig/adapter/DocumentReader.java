// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.io.IOException;
import java.nio.charset.Charset;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a delivered file that is one document rather than a sequence of lines (a FHIR Bundle, a bulk export),
 * for adapters that cannot use a {@link LineMapper}. The platform has already checked the file's encoding and
 * opened its ingest; the reader reports each item of the document exactly once to the session (accepted,
 * quarantined or skipped, with its position as the line number) and does not end it: the platform completes the
 * delivery when the reader returns.
 */
@ConsumerType
public interface DocumentReader {

    /**
     * @param file    the delivered file; it may be opened more than once
     * @param charset the encoding the configuration names for the adapter's files
     * @param session the delivery's ingest; its methods throw {@link IngestFailedException} when storing fails,
     *                which must propagate
     * @throws FileFormatException when the file as a whole is not what the adapter reads: the delivery is refused
     *                             with its message
     * @throws IOException         when the file cannot be read to its end: the delivery fails
     */
    void read(DeliveredFile file, Charset charset, RecordSink session) throws FileFormatException, IOException;
}
