// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes common-model data in an adapter's own export format: the inverse of its mapper. Used by the
 * synthetic municipality (demo, tests, benchmarks), so that every adapter can be exercised through its
 * real route, and by round-trip tests.
 */
@ConsumerType
public interface ExportWriter {

    /**
     * Writes the records of {@code data} that this adapter reads, as one or more files in
     * {@code directory}. When {@code data.brokenShare()} is above zero the writer breaks about that
     * share of records in a way its mapper must quarantine, and reports how many it broke.
     *
     * @param random the source of all randomness, so that output is deterministic by seed
     */
    List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException;

    /**
     * A file written.
     *
     * @param file    where
     * @param records data records (lines) written, broken ones included
     * @param broken  records deliberately broken
     */
    record WrittenFile(Path file, long records, long broken) {
    }
}
