// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

/**
 * The ingest pipeline could not store what it was given (the database went away, a deadlock). Thrown by
 * a {@link FileIngest}'s sink methods; the file must then end with {@link FileIngest#fail(String)}, and it
 * can be delivered again safely: what was stored stays stored and is recognised as duplicate. Never to be
 * caught by a mapper.
 */
public class IngestFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
