// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A delivered file as the ingest route reads it: its name and its content, which can be read more than once (an
 * encoding check, then the lines; FHIR reads a Bundle in two passes). A file from an inbox is sealed into the
 * archive of deliveries as it is received ({@link IngestService#receive}) and read back from there, so its clear
 * text is never left on disk; a file given to {@code bin/tidlig import} is read where it is.
 */
public interface DeliveredFile {

    /** The file's name as delivered (not its path). */
    String name();

    /** A new stream of the file's content, from its start. */
    InputStream open() throws IOException;

    /** The id of the sealed copy in the archive of deliveries, or null for a file read where it is. */
    default String archiveId() {
        return null;
    }

    /** A file read where it is. */
    static DeliveredFile of(Path file, String name) {
        return new DeliveredFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
