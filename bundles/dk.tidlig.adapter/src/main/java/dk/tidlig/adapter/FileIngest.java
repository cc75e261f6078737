// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The ingest of one file in progress. Records handed to the sink are written in batches; the outcome
 * is recorded when the file is completed, rejected or failed. Exactly one of those three ends it. The
 * sink methods throw {@link IngestFailedException} when storing fails; after that only {@link #fail}
 * may be called.
 */
@ProviderType
public interface FileIngest extends RecordSink {

    /** All lines were read: flush, record and return the outcome. */
    FileOutcome complete();

    /**
     * The file is refused as a whole. Normally nothing of it was stored yet; lines already stored stay stored.
     *
     * @param reason why, never quoting content
     */
    FileOutcome reject(String reason);

    /**
     * Processing broke off. What was stored stays stored; re-delivering the file is safe.
     *
     * @param reason why, never quoting content
     */
    FileOutcome fail(String reason);
}
