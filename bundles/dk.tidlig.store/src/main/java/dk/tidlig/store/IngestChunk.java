// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.util.List;

/**
 * A run of a delivery's lines, stored in one transaction with the delivery's progress: the rows of the
 * lines that passed, the lines quarantined, and how many were skipped (nothing to store).
 *
 * @param lines      the lines' rows, in line order
 * @param quarantine the lines kept aside, with their reasons
 * @param skipped    lines that gave nothing to store
 * @param lastLine   the number of the chunk's last line: the delivery's progress once the chunk is stored
 * @param owner      the process storing it ({@code pid@host/start}): the chunk is stored only while the delivery is still
 *                   that process's, so that a process another took the delivery over from (it seemed to have died)
 *                   stores nothing more
 * @param bytesRead  about how many bytes of the file were read up to the chunk's last line (the characters of its lines
 *                   and their line breaks): the delivery's progress against its size; 0 when not known
 */
public record IngestChunk(List<LineRows> lines, List<QuarantineRow> quarantine, long skipped, long lastLine, String owner, long bytesRead) {

    public IngestChunk(List<LineRows> lines, List<QuarantineRow> quarantine, long skipped, long lastLine, String owner) {
        this(lines, quarantine, skipped, lastLine, owner, 0);
    }

    public IngestChunk {
        lines = List.copyOf(lines);
        quarantine = List.copyOf(quarantine);
    }

    /** How many lines of the file the chunk stands for. */
    public long lineCount() {
        return lines.size() + quarantine.size() + skipped;
    }
}
