// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

/**
 * A delivered file, as the ingest pipeline records it.
 *
 * @param fileName  the file's name (not its path)
 * @param sha256    SHA-256 of its content, hex
 * @param size      its size in bytes
 * @param archiveId its sealed copy in the archive of deliveries, whose record the outcome completes; null when none
 * @param deliveredBy who or what delivered it, in words that identify no citizen ("inbox", "import by OS user ops"); null
 *                  when not known
 */
public record FileOrigin(String fileName, String sha256, long size, String archiveId, String deliveredBy) {

    /** A file of which it is not known who delivered it. */
    public FileOrigin(String fileName, String sha256, long size, String archiveId) {
        this(fileName, sha256, size, archiveId, null);
    }

    /** A file with no sealed copy (read where it is). */
    public FileOrigin(String fileName, String sha256, long size) {
        this(fileName, sha256, size, null);
    }
}
