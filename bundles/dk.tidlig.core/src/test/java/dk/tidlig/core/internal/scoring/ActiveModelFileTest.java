// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command's framework starts while FileInstall reads config/: a score run asked for at once must find the active
 * model once its file is read (LauncherIT once saw "the active model 'gladsaxe' is no longer in config/"), and a model
 * whose file is gone is still reported at once.
 */
class ActiveModelFileTest {

    private static ModelConfiguration gladsaxe() {
        try {
            return new ModelConfiguration(new HashMap<>(ModelParserTest.shippedGladsaxe()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ScoringServiceImpl scoring(Path config) {
        ScoringServiceImpl s = new ScoringServiceImpl(null, null, null, null, null, null, null, List.of(), null);
        s.configFolder = config;
        return s;
    }

    @Test
    void aModelWhoseFileIsInConfigButNotYetReadIsWaitedFor(@TempDir Path config) throws Exception {
        Files.writeString(config.resolve(ModelConfiguration.FACTORY_PID + "-gladsaxe.cfg"), "model.id = gladsaxe\n");
        ScoringServiceImpl scoring = scoring(config);
        Thread fileInstall = new Thread(() -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                return;
            }
            scoring.models = List.of(gladsaxe());
        });
        long start = System.nanoTime();
        fileInstall.start();
        assertThat(scoring.configuration("gladsaxe")).get().extracting(ModelConfiguration::id).isEqualTo("gladsaxe");
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, ScoringServiceImpl.MODEL_FILE_WAIT_MS);
        fileInstall.join();
    }

    @Test
    void aModelWithoutAFileInConfigIsReportedAtOnce(@TempDir Path config) {
        ScoringServiceImpl scoring = scoring(config);
        long start = System.nanoTime();
        assertThat(scoring.configuration("gladsaxe")).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
        scoring.models = List.of(gladsaxe());
        assertThat(scoring.configuration("gladsaxe")).isPresent();
    }
}
