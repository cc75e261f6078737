// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.transparency.AccessReport.Appearance;

/** The citizen's letter shows each household once in each run, as the outreach offered it. */
class AccessLetterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    @Test
    void aParentOfTwoChildrenInOneHouseholdIsOneRowWithBothChildrensPoints() {
        List<Appearance> appearances = List.of(
                new Appearance(7, DAY, "gladsaxe", "1", "F-BBBBB-BBBBB", "MOTHER", 3_800, true, "CONTACTED", "H-BBBBB-BBBBB"),
                new Appearance(7, DAY, "gladsaxe", "1", "F-CCCCC-CCCCC", "MOTHER", 3_300, false, "CONTACTED", "H-BBBBB-BBBBB"),
                // another household of hers (a child with another father), and an earlier run, before offers
                new Appearance(7, DAY, "gladsaxe", "1", "F-DDDDD-DDDDD", "MOTHER", 500, false, null, "H-DDDDD-DDDDD"),
                new Appearance(3, DAY.minusMonths(1), "gladsaxe", "1", "F-BBBBB-BBBBB", "MOTHER", 3_000, true, null, null),
                new Appearance(3, DAY.minusMonths(1), "gladsaxe", "1", "F-CCCCC-CCCCC", "MOTHER", 2_500, true, null, null));
        List<Map<String, Object>> rows = AccessLetter.households(appearances);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsEntry("role", "mor (husstand med 2 børn)").containsEntry("points", "3.800 og 3.300")
                .containsEntry("listed", "ja").containsEntry("date", "1. december 2026");
        assertThat(rows.get(0).get("state")).isNotEqualTo("–");
        assertThat(rows.get(1)).containsEntry("role", "mor").containsEntry("points", "500").containsEntry("listed", "nej").containsEntry("state", "–");
        assertThat(rows.get(2)).as("before offers, a family is a row").containsEntry("points", "3.000");
        String letter = Templates.render("access-letter", Map.of("appearances", rows, "hasAppearances", true, "reference", "AIN-1")).toString();
        assertThat(letter).contains("<td>mor (husstand med 2 børn)</td><td>3.800 og 3.300</td>").contains("aria-labelledby=\"h-lists\"");
    }
}
