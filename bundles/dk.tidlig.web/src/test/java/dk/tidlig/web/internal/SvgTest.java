// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;

/** The charts drawn on the server: what each shows, in the user's language, and that the numbers are in the text. */
class SvgTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private static Contribution point(FamilyRole role, String person, Indicator i, int days, int points) {
        return new Contribution(i, role, person, "Sundhed", "R" + days, DAY.plusDays(days), null, points, "b");
    }

    private static long count(Html svg, String regex) {
        return Pattern.compile(regex).matcher(svg.toString()).results().count();
    }

    @Test
    void theTimelineHasARowPerPersonNumberedWhereTwoShareARole() {
        // half-siblings' two fathers, the mother, the child: four persons, four rows
        List<Contribution> cs = List.of(point(FamilyRole.CHILD, "c1", Indicator.CHILD_DENTAL_NO_SHOW, 0, 300),
                point(FamilyRole.FATHER, "f1", Indicator.PARENT_UNEMPLOYED, 10, 500), point(FamilyRole.MOTHER, "m1", Indicator.PARENT_UNEMPLOYED, 20, 500),
                point(FamilyRole.FATHER, "f2", Indicator.PARENT_PSYCHIATRIC_ILLNESS, 30, 3000), point(FamilyRole.FATHER, "f1", Indicator.PARENT_UNEMPLOYED,
                        40, 250));
        FamilyScore f = new FamilyScore("F-BCDFG-HJKLM", "c1", DAY.minusYears(5), 4550, true, cs, List.of());
        Html da = Svg.timeline(Texts.DA, f, cs);
        assertThat(count(da, "class=\"axis\"")).isEqualTo(4);
        assertThat(da.toString()).contains(">far 1</text>").contains(">far 2</text>").contains(">mor</text>").contains("3.000 point</title>")
                .as("a pseudonym is never shown").doesNotContain("f1").doesNotContain("f2");
        assertThat(Svg.timeline(Texts.EN, f, cs).toString()).contains("3,000 points</title>");
        // an analyst sees no pseudonyms: one row per role
        List<Contribution> plain = cs.stream().map(c -> new Contribution(c.indicator(), c.role(), null, c.sourceSystem(), null, c.start(), c.end(),
                c.points(), c.basis())).toList();
        Html analyst = Svg.timeline(Texts.DA, f, plain);
        assertThat(count(analyst, "class=\"axis\"")).isEqualTo(3);
        assertThat(analyst.toString()).contains(">far</text>").doesNotContain("far 1");
    }

    @Test
    void theMonthsShowOffersMadeAcceptedAndDeclinedSideBySideWithAKey() {
        Html svg = Svg.groupedColumns(Texts.DA, "Tilbud", List.of("nov 26", "dec 26"), List.of("Tilbud givet", "Ja tak", "Nej tak"),
                List.of(new long[] {12, 5, 3}, new long[] {1_200, 0, 7}));
        assertThat(count(svg, "<rect class=\"s0\" x")).as("a column per month, and its key").isEqualTo(3);
        assertThat(count(svg, "<rect class=\"s2\" x")).isEqualTo(3);
        assertThat(svg.toString()).contains("<title>Ja tak: 5</title>").contains("<title>Tilbud givet: 1.200</title>").contains(">nov 26</text>")
                .contains(">Nej tak</text>").contains("role=\"img\"").contains("<figcaption");
        assertThat(Svg.groupedColumns(Texts.DA, "Ingen", List.of("jan 26"), List.of("a", "b"), List.<long[]>of(new long[] {0, 0})).toString())
                .as("nothing yet: no bar height").contains("height=\"0.0\"");
    }
}
