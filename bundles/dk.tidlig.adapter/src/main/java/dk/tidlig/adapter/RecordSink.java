// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.SourceRecord;

/**
 * Where a mapper puts what it made of each line. Every line must be reported exactly once: accepted
 * with the records it gave, rejected with a reason, or skipped.
 */
@ProviderType
public interface RecordSink {

    /**
     * The records one line gives. The line is validated as a unit: if any record breaks a rule, the
     * whole line goes to quarantine with the reason. An empty list counts the line as skipped.
     */
    void accept(Line line, List<? extends SourceRecord> records);

    /**
     * Quarantines the line.
     *
     * @param reason why, in words that never quote the line's content (it may hold a CPR number)
     */
    void reject(Line line, String reason);

    /** The line carries nothing tidlig reads (a header, a start or end record, an unused record type). */
    void skip(Line line);
}
