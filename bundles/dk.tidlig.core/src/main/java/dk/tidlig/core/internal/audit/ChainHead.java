// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit chain's head — the newest entry's number and hash — kept in a file beside the key file,
 * apart from the database: someone who can change the database but not that folder cannot remove the
 * newest entries unseen. Every process of the installation (server and commands) advances it; it only
 * ever moves forward.
 */
final class ChainHead {

    private static final Logger LOG = LoggerFactory.getLogger(ChainHead.class);

    record Head(long seq, String hash) {
    }

    private final Path file;

    ChainHead(Path file) {
        this.file = file;
    }

    /**
     * Records the entry as the head unless a newer one is recorded already. One at a time in the process (the file lock
     * orders the processes; within one, a second lock on the same file would fail): each instance's recorder writes
     * on a thread of its own, and a process may hold two instances, as the tests do.
     */
    void advance(long seq, String hash) {
        synchronized (ChainHead.class) {
            write(seq, hash);
        }
    }

    private void write(long seq, String hash) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
            ch.read(buf, 0);
            Optional<Head> now = parse(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
            if (now.isPresent() && now.get().seq() >= seq) {
                return;
            }
            byte[] text = (seq + " " + hash + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(text), 0);
            ch.force(false);
        } catch (IOException e) {
            // the entry is in the database; only the extra protection against removing it is missing
            LOG.error("Could not record the audit chain's head in {}", file, e);
        }
    }

    Optional<Head> read() {
        try {
            return Files.exists(file) ? parse(Files.readString(file, StandardCharsets.US_ASCII)) : Optional.empty();
        } catch (IOException e) {
            LOG.error("Could not read the audit chain's head in {}", file, e);
            return Optional.empty();
        }
    }

    private static Optional<Head> parse(String text) {
        String[] parts = text.strip().split(" ");
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(new Head(Long.parseLong(parts[0]), parts[1]));
    }
}
