// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel.Basis;
import dk.tidlig.core.scoring.PointModel.Provenance;
import dk.tidlig.model.Indicator;

public class ModelParserTest {

    /** The model file the distribution ships, read as FileInstall reads it. */
    public static Map<String, Object> shippedGladsaxe() throws IOException {
        Path file = Path.of("../../config/dk.tidlig.scoring.model-gladsaxe.cfg");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        return m;
    }

    @Test
    void theShippedGladsaxeModelHasThePublishedPoints() throws IOException {
        PointModel m = ModelParser.parse(shippedGladsaxe());
        assertThat(m.id()).isEqualTo("gladsaxe");
        assertThat(m.rules().get(Indicator.PARENT_UNEMPLOYED)).satisfies(r -> {
            assertThat(r.points()).isEqualTo(500);
            assertThat(r.basis()).isEqualTo(Basis.PER_YEAR);
            assertThat(r.provenance()).isEqualTo(Provenance.PUBLISHED);
        });
        assertThat(m.rules().get(Indicator.CHILD_DENTAL_NO_SHOW).points()).isEqualTo(300);
        assertThat(m.rules().get(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW).points()).isEqualTo(600);
        assertThat(m.rules().get(Indicator.PARENT_PSYCHIATRIC_ILLNESS).points()).isEqualTo(3000);
        assertThat(m.minIndicators()).isEqualTo(2);
        assertThat(m.ageMin()).isZero();
        assertThat(m.ageMax()).isEqualTo(6);
        // what Gladsaxe did not publish is marked as the municipality's decision
        assertThat(m.thresholdProvenance()).isEqualTo(Provenance.MUNICIPAL_DECISION);
        assertThat(m.windowProvenance()).isEqualTo(Provenance.MUNICIPAL_DECISION);
        assertThat(m.rules().get(Indicator.CHILD_NOTIFICATION).provenance()).isEqualTo(Provenance.MUNICIPAL_DECISION);
        assertThat(m.digest()).hasSize(64);
    }

    @Test
    void theDigestChangesWithAnyNumber() throws IOException {
        Map<String, Object> config = shippedGladsaxe();
        String before = ModelParser.parse(config).digest();
        config.put("flag.threshold", "1600");
        assertThat(ModelParser.parse(config).digest()).isNotEqualTo(before);
    }

    @Test
    void theDwellingCapIsPartOfTheDigest() throws IOException {
        Map<String, Object> config = shippedGladsaxe();
        PointModel shipped = ModelParser.parse(config);
        assertThat(shipped.dwellingMax()).isEqualTo(PointModel.DWELLING_MAX);
        // the default written out is the same model as the default left out
        config.put("family.dwellingMax", Integer.toString(PointModel.DWELLING_MAX));
        assertThat(ModelParser.parse(config).digest()).isEqualTo(shipped.digest());
        config.put("family.dwellingMax", "20");
        PointModel twenty = ModelParser.parse(config);
        assertThat(twenty.dwellingMax()).isEqualTo(20);
        assertThat(twenty.digest()).isNotEqualTo(shipped.digest());
        // the model file format carries it, and reads back with the same digest
        Properties written = new Properties();
        written.load(new java.io.StringReader(ModelParser.format(twenty, List.of("test"))));
        Map<String, Object> back = new HashMap<>();
        written.forEach((k, v) -> back.put((String) k, v));
        assertThat(ModelParser.parse(back).digest()).isEqualTo(twenty.digest());
        config.put("family.dwellingMax", "1");
        assertThatThrownBy(() -> ModelParser.parse(config)).hasMessageContaining("family.dwellingMax must be at least 2");
    }

    @Test
    void nothingHasADefault() throws IOException {
        Map<String, Object> config = shippedGladsaxe();
        config.remove("flag.threshold");
        config.remove("window.months");
        config.put("indicator.PARENT_UNEMPLOYED.basis", "PER_DECADE");
        config.put("indicator.NOT_A_THING.points", "5");
        assertThatThrownBy(() -> ModelParser.parse(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flag.threshold is missing")
                .hasMessageContaining("window.months is missing")
                .hasMessageContaining("indicator.PARENT_UNEMPLOYED.basis must be one of")
                .hasMessageContaining("indicator.NOT_A_THING: unknown indicator");
    }

    @Test
    void perYearNeedsAPeriodIndicator() throws IOException {
        Map<String, Object> config = shippedGladsaxe();
        config.put("indicator.CHILD_DENTAL_NO_SHOW.basis", "PER_YEAR");
        assertThatThrownBy(() -> ModelParser.parse(config)).hasMessageContaining("PER_YEAR needs an indicator with periods");
    }
}
