// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.util.Objects;

/**
 * What an adapter's inbox is when its configuration does not say otherwise; part of its {@link AdapterDescriptor}.
 * The platform builds every adapter's inbox from these defaults and the settings in the adapter's configuration
 * (see {@link InboxSettings}), so an adapter declares no inbox settings of its own.
 *
 * @param folder           the inbox folder, relative to the distribution folder ({@code inbox/<adapter id>})
 * @param encoding         the export's character set
 * @param include          regular expression for the file names to read
 * @param pollIntervalMs   how often the inbox is looked at
 * @param readLockMinAgeMs a file is read only once it has not changed for this long
 */
public record InboxDefaults(String folder, String encoding, String include, long pollIntervalMs, long readLockMinAgeMs) {

    /** Polled every five seconds. */
    public static final long POLL_INTERVAL_MS = 5000;
    /** A file is read once it has not changed for ten seconds. */
    public static final long READ_LOCK_MIN_AGE_MS = 10_000;

    public InboxDefaults {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(include, "include");
        if (pollIntervalMs <= 0 || readLockMinAgeMs < 0) {
            throw new IllegalArgumentException("the poll interval must be positive and the read lock's age not negative");
        }
    }

    /** {@code inbox/<adapterId>}, UTF-8, the given file names, polled every five seconds, read once unchanged for ten. */
    public static InboxDefaults of(String adapterId, String include) {
        return new InboxDefaults("inbox/" + adapterId, "UTF-8", include, POLL_INTERVAL_MS, READ_LOCK_MIN_AGE_MS);
    }

    /** The same, for files of another character set. */
    public InboxDefaults withEncoding(String charset) {
        return new InboxDefaults(folder, charset, include, pollIntervalMs, readLockMinAgeMs);
    }
}
