// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.core.internal.Configs;
import dk.tidlig.core.internal.crypto.KeyRing;

/** The archive of deliveries: sealed on receipt, readable back whole, with its outcome beside it, purged by age. */
class DeliveryArchiveTest {

    static final String CONTENT = "000\n0010101901234 Anna Testesen Hovedgade 3\n999\n";

    @TempDir
    Path dir;

    DeliveryArchive archive(int keepDays, int refusedDays) throws Exception {
        return new DeliveryArchive(new KeyRing(dir.resolve("keys/tidlig.keys"), true), dir.resolve("deliveries"),
                Configs.of(DeliveryArchive.Config.class, Map.of("keepDays", keepDays, "refusedKeepDays", refusedDays)));
    }

    @Test
    void aReceivedFileIsSealedAndReadsBackWhole() throws Exception {
        DeliveryArchive archive = archive(7, 30);
        Path file = dir.resolve("U12170-P.20261101");
        Files.writeString(file, CONTENT);
        DeliveredFile d = archive.receive("159", "cpr", file, "U12170-P.20261101");
        try (InputStream in = d.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CONTENT);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("deliveries"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(text).as(f.toString()).doesNotContain("0101901234").doesNotContain("Testesen").doesNotContain("Hovedgade");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
            }
        }
        archive.ended(d.archiveId(), 17, "REJECTED", "the extract has no end record (999)");
        DeliveryArchive.Entry e = archive.get(d.archiveId()).orElseThrow();
        assertThat(e.status()).isEqualTo("REJECTED");
        assertThat(e.reason()).isEqualTo("the extract has no end record (999)");
        assertThat(e.fileId()).isEqualTo(17);
        assertThat(archive.list()).extracting(DeliveryArchive.Entry::id).containsExactly(d.archiveId());
    }

    /** The audit trail refuses text that looks like a CPR number: an archive id must never look like one (a hyphen did, 15 % of the time). */
    @Test
    void archiveIdsNeverLookLikeACprNumberSoTheirReadingCanBeAudited() throws Exception {
        DeliveryArchive archive = archive(7, 30);
        Path file = dir.resolve("small.csv");
        Files.writeString(file, "a;b\n");
        for (int i = 0; i < 300; i++) {
            String id = archive.receive("159", "dental", file, "small.csv").archiveId();
            assertThat(DeliveryArchive.isId(id)).as(id).isTrue();
            assertThat(dk.tidlig.model.CprNumbers.containsCprLike("delivery " + id)).as(id).isFalse();
        }
        assertThat(DeliveryArchive.isId("20261204T033732048-10276790")).as("an id made before the change still names its delivery").isTrue();
    }

    @Test
    void aSealedCopyThatWasAlteredOrMovedDoesNotOpen() throws Exception {
        DeliveryArchive archive = archive(7, 30);
        Path file = dir.resolve("a.csv");
        Files.writeString(file, CONTENT.repeat(1000));
        DeliveredFile d = archive.receive("159", "dental", file, "a.csv");
        DeliveryArchive.Entry e = archive.get(d.archiveId()).orElseThrow();
        byte[] bytes = Files.readAllBytes(e.sealed());
        bytes[bytes.length / 2] ^= 1;
        Files.write(e.sealed(), bytes);
        assertThatThrownBy(() -> {
            try (InputStream in = d.open()) {
                in.readAllBytes();
            }
        }).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void completedDeliveriesGoAfterTheirDaysAndRefusedOnesAfterTheirs() throws Exception {
        DeliveryArchive archive = archive(7, 30);
        Path file = dir.resolve("f.csv");
        Files.writeString(file, CONTENT);
        String done = archive.receive("159", "dental", file, "f.csv").archiveId();
        String refused = archive.receive("147", "dental", file, "f.csv").archiveId();
        String running = archive.receive("159", "dental", file, "f.csv").archiveId();
        archive.ended(done, 1, "COMPLETED", null);
        archive.ended(refused, 2, "REJECTED", "wrong header");
        LocalDate today = LocalDate.now();
        assertThat(archive.purge(today.plusDays(6))).isEmpty();
        assertThat(archive.purge(today.plusDays(8))).isEqualTo(Map.of("159", 1));
        assertThat(archive.purge(today.plusDays(31))).isEqualTo(Map.of("147", 1));
        assertThat(archive.list()).extracting(DeliveryArchive.Entry::id).as("still being ingested: left alone").containsExactly(running);
        assertThat(List.of(done, refused)).allSatisfy(id -> assertThat(archive.get(id)).isEmpty());
    }
}
