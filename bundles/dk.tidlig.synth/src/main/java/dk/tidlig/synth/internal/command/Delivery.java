// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.SyntheticData;

/**
 * Writes an adapter's synthetic export and hands it to the adapter's inbox the way a delivery should
 * arrive: written completely elsewhere, then moved in with one atomic rename, so the route never sees
 * half a file.
 */
record Delivery(SourceAdapter adapter, Path file, String sha256, long records, long broken, Instant deliveredAt) {

    /** Writes the adapter's files into {@code staging/<id>/}. */
    static List<WrittenFile> write(SourceAdapter adapter, SyntheticData data, Path staging, long seed) throws IOException {
        String id = adapter.descriptor().id();
        return adapter.exportWriter().write(data, staging.resolve(id), new Random(seed * 31 + id.hashCode()));
    }

    /** Moves a written file into the adapter's inbox. */
    static Delivery deliver(SourceAdapter adapter, Path inbox, WrittenFile written) throws IOException {
        String sha = sha256(written.file());
        Files.createDirectories(inbox);
        Path target = inbox.resolve(written.file().getFileName());
        Instant at = Instant.now();
        Files.move(written.file(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Delivery(adapter, target, sha, written.records(), written.broken(), at);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<SourceAdapter> sorted(List<SourceAdapter> adapters) {
        List<SourceAdapter> list = new ArrayList<>(adapters);
        list.sort((a, b) -> a.descriptor().id().compareTo(b.descriptor().id()));
        return list;
    }
}
