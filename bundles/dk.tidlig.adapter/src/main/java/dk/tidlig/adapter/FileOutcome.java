// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import dk.tidlig.model.CprNumbers;

/**
 * What became of one delivered file. Lines are counted once each: accepted (new or changed data
 * stored), duplicates (the data was already held unchanged), quarantined (kept aside with a reason),
 * skipped (carry nothing tidlig reads: header, start and end records, record types not used).
 *
 * @param fileId the ingest pipeline's id of the delivery (0 when it never reached the pipeline)
 * @param reason why the file was rejected or failed; null when completed
 */
public record FileOutcome(
        long fileId,
        String adapterId,
        String fileName,
        Status status,
        long lines,
        long accepted,
        long duplicates,
        long quarantined,
        long skipped,
        String reason) {

    public enum Status {
        /** Every line was accounted for. */
        COMPLETED,
        /** The file as a whole was refused (wrong encoding, wrong format); nothing was stored. */
        REJECTED,
        /** Processing broke off (e.g. the database went away); lines stored so far stay stored. */
        FAILED
    }

    /** One line of JSON, as {@code bin/tidlig import} prints it. File names are masked for CPR-like numbers. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "file", CprNumbers.mask(fileName)).append(',');
        field(sb, "adapter", adapterId).append(',');
        field(sb, "status", status.name().toLowerCase()).append(',');
        sb.append("\"lines\":").append(lines)
                .append(",\"accepted\":").append(accepted)
                .append(",\"duplicates\":").append(duplicates)
                .append(",\"quarantined\":").append(quarantined)
                .append(",\"skipped\":").append(skipped);
        if (reason != null) {
            field(sb.append(','), "reason", CprNumbers.mask(reason));
        }
        return sb.append('}').toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":");
        if (value == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"');
    }
}
