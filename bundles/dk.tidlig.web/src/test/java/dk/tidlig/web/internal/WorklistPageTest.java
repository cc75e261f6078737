// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.Entry;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.ScoreRun;

/** The worklist page: paging, sorting, filters, the closed tab, the header's counts and the bars, rendered by the template. */
class WorklistPageTest {

    private static final String LETTERS = "BCDFGHJKLMNPQRSTVWXZ";

    /** A run that flagged 1,018 families, of which 130 households (with 216 children) are on the list, 12 of them closed. */
    private static Outreach.Worklist list() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            String id = family(i);
            State state = i < 12 ? State.CLOSED : i % 5 == 0 ? State.ASSIGNED : i % 7 == 0 ? State.CONTACTED : State.NEW;
            Map<Indicator, Integer> points = new EnumMap<>(Indicator.class);
            points.put(Indicator.PARENT_UNEMPLOYED, 500);
            if (i % 2 == 0) {
                points.put(Indicator.PARENT_PSYCHIATRIC_ILLNESS, 3000);
            }
            points.put(Indicator.CHILD_DENTAL_NO_SHOW, 300 * (1 + i % 3));
            int score = points.values().stream().mapToInt(Integer::intValue).sum();
            List<Outreach.Child> children = new ArrayList<>();
            children.add(new Outreach.Child(id, score, true, points.keySet(), i % 18, state, 1));
            if (i % 3 != 0) {
                children.add(new Outreach.Child(family(1000 + i), score - 100, false, EnumSet.of(Indicator.PARENT_UNEMPLOYED), 3, state, 1));
            }
            entries.add(new Entry(id, score, points.keySet(), i % 18, state, state == State.NEW ? null : i % 2 == 0 ? "ane" : "bo", 1, id,
                    children, points, state == State.NEW ? null : Instant.parse("2026-11-01T10:00:00Z").plusSeconds(3600L * i)));
        }
        ScoreRun run = new ScoreRun(7, "159", "gladsaxe", "1.0", "d", LocalDate.of(2026, 12, 1), LocalDate.of(2022, 12, 1), "LB-1", "x",
                Instant.now(), Instant.now(), 5000, 1018);
        return new Outreach.Worklist(run, entries, 200, false);
    }

    private static String family(int n) {
        StringBuilder s = new StringBuilder("F-");
        for (int k = 0; k < 10; k++) {
            if (k == 5) {
                s.append('-');
            }
            s.append(LETTERS.charAt(n % 20));
            n /= 20;
        }
        return s.toString();
    }

    private static WorklistPage.Query query(String... pairs) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put(pairs[i], pairs[i + 1]);
        }
        return WorklistPage.Query.of(p::get);
    }

    /** The page, with the template engine's escaped '=' (&#61;) read back as the browser reads it. */
    private static String render(WorklistPage.Query q, List<String> workers) {
        return Templates.render("worklist", WorklistPage.model(Texts.DA, list(), q, workers, "csrf-token", null)).toString().replace("&#61;", "=");
    }

    private static int count(String html, String regex) {
        return (int) Pattern.compile(regex).matcher(html).results().count();
    }

    @Test
    void aPageHoldsAtMostFiftyHouseholdsAndThePagerReachesTheRest() {
        String first = render(query(), List.of());
        assertThat(count(first, "<tr class=\"state-")).isEqualTo(50);
        assertThat(first).contains("Aktive husstande: 118 i alt, viser 1–50").contains("aria-current=\"page\">1</a>").contains("id=\"page-next\"");
        String last = render(query("page", "3"), List.of());
        assertThat(count(last, "<tr class=\"state-")).isEqualTo(18);
        assertThat(last).contains("viser 101–118").contains("id=\"page-previous\"").doesNotContain("id=\"page-next\"");
        // a page past the end shows the last one
        assertThat(count(render(query("page", "99"), List.of()), "<tr class=\"state-")).isEqualTo(18);
    }

    @Test
    void theHeaderSaysHowManyAreListedHowManyWereFlaggedAndWhyTheyDiffer() {
        String html = render(query(), List.of());
        assertThat(html).contains("130 husstande (216 børn) på listen; kørslen markerede 1.018 familier.");
        assertThat(html).contains("1. december 2026").contains("818 markerede familier er ikke på listen");
    }

    @Test
    void closedCasesHaveTheirOwnTab() {
        List<Entry> open = WorklistPage.select(list().families(), query());
        assertThat(open).hasSize(118).noneMatch(e -> e.state() == State.CLOSED);
        List<Entry> closed = WorklistPage.select(list().families(), query("tab", "closed"));
        assertThat(closed).hasSize(12).allMatch(e -> e.state() == State.CLOSED);
        String html = render(query("tab", "closed"), List.of());
        assertThat(html).contains("id=\"tab-closed\" href=\"/app/?tab=closed\" aria-current=\"page\">Afsluttede (12)")
                .contains("id=\"tab-open\" href=\"/app/\">Aktive (118)");
    }

    @Test
    void sortsByEachColumnBothWays() {
        List<Entry> all = list().families();
        assertThat(WorklistPage.select(all, query()).stream().map(Entry::score).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(WorklistPage.select(all, query("sort", "age")).stream().map(Entry::childAgeYears).toList()).isSorted();
        assertThat(WorklistPage.select(all, query("sort", "age", "dir", "desc")).stream().map(Entry::childAgeYears).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(WorklistPage.select(all, query("sort", "status")).stream().map(Entry::state).toList()).isSorted();
        List<Instant> dates = WorklistPage.select(all, query("sort", "date")).stream().map(Entry::updatedAt).filter(java.util.Objects::nonNull).toList();
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        List<String> workers = WorklistPage.select(all, query("sort", "worker")).stream().map(Entry::assignedTo).toList();
        assertThat(workers.subList(workers.lastIndexOf(null) + 1, workers.size())).isSorted();
        // the header's link turns the current order around and keeps the filters
        String html = render(query("sort", "age", "dir", "asc", "status", "ASSIGNED"), List.of());
        assertThat(html).contains("aria-sort=\"ascending\"><a href=\"/app/?sort=age&amp;dir=desc&amp;status=ASSIGNED\" id=\"sort-age\"");
    }

    @Test
    void filtersByIndicatorAgeStatusWorkerAndFamilyId() {
        List<Entry> all = list().families();
        assertThat(WorklistPage.select(all, query("indicator", "PARENT_PSYCHIATRIC_ILLNESS")))
                .isNotEmpty().allMatch(e -> e.indicators().contains(Indicator.PARENT_PSYCHIATRIC_ILLNESS));
        assertThat(WorklistPage.select(all, query("age", "12-17"))).isNotEmpty()
                .allMatch(e -> e.children().stream().anyMatch(c -> c.ageYears() >= 12 && c.ageYears() <= 17));
        assertThat(WorklistPage.select(all, query("status", "CONTACTED"))).isNotEmpty().allMatch(e -> e.state() == State.CONTACTED);
        assertThat(WorklistPage.select(all, query("worker", "bo"))).isNotEmpty().allMatch(e -> "bo".equals(e.assignedTo()));
        assertThat(WorklistPage.select(all, query("worker", "-"))).isNotEmpty().allMatch(e -> e.assignedTo() == null);
        // a family id, whole or in part and in any case, also a sibling's
        assertThat(WorklistPage.select(all, query("q", family(40).toLowerCase()))).extracting(Entry::familyId).containsExactly(family(40));
        assertThat(WorklistPage.select(all, query("q", family(1041)))).extracting(Entry::familyId).containsExactly(family(41));
        assertThat(render(query("q", "F-ZZZZZ"), List.of())).contains("Ingen husstande passer til filtrene.").contains("id=\"filter-reset\"");
    }

    @Test
    void whatTheAddressCarriesIsCheckedAndEscaped() {
        WorklistPage.Query q = query("q", "\"><script>alert(1)</script>", "worker", "<b>", "status", "NOPE", "sort", "x", "page", "-4",
                "indicator", "DROP TABLE");
        assertThat(q.search()).isNull(); // too long for a family id once the markup is gone
        assertThat(query("q", "f-bc<i>").search()).isEqualTo("F-BCI");
        assertThat(q.worker()).isNull();
        assertThat(q.state()).isNull();
        assertThat(q.indicator()).isNull();
        assertThat(q.sort()).isEqualTo(WorklistPage.Sort.POINTS);
        assertThat(q.page()).isEqualTo(1);
        assertThat(render(q, List.of())).doesNotContain("<script").doesNotContain("<b>");
        // what is kept goes back into links encoded
        assertThat(query("worker", "a.b@c", "page", "2").href()).isEqualTo("/app/?worker=a.b%40c&page=2");
    }

    @Test
    void eachRowHasAStackedBarOfItsPointsAndDanishNumbers() {
        String html = render(query(), List.of());
        // the first row (most points: 500 + 3,000 + 900) in three parts, the colour key below the filters
        assertThat(html).contains("<span class=\"points\">4.400</span>");
        assertThat(html).containsPattern("aria-label=\"I alt 4.400 point: Forælders ledighed: 500; Forælders psykiatriske diagnose: 3.000; "
                + "Udeblivelse fra kommunal tandpleje: 900\"><rect class=\"i0\"");
        assertThat(html).contains("<ul class=\"legend\">");
        // dates as Danes write them
        assertThat(render(query("sort", "date"), List.of())).containsPattern("<td>\\d{1,2}\\. november 2026</td>");
    }

    @Test
    void aTeamLeadAssignsFromTheListToTheMunicipalitysWorkers() {
        String lead = render(query(), List.of("ane", "bo", "carl"));
        String first = WorklistPage.select(list().families(), query()).get(0).familyId();
        assertThat(lead).contains("action=\"/app/family/" + first + "/assign\"");
        assertThat(lead).containsPattern("<select name=\"assignTo\" id=\"assign-F-[A-Z-]+\" required><option value=\"\">Vælg medarbejder</option><option value=\"ane\"( selected)?>ane</option>"
                + "<option value=\"bo\"( selected)?>bo</option><option value=\"carl\">carl</option></select>");
        // a distinct label for each of the repeated buttons
        assertThat(lead).contains("aria-label=\"Tildel " + first + "\"");
        // contacted and closed cases are not reassigned from the list; nobody else sees the forms
        assertThat(count(lead, "/assign\"")).isEqualTo((int) WorklistPage.select(list().families(), query()).stream().limit(50)
                .filter(e -> e.state() == State.NEW || e.state() == State.ASSIGNED).count());
        assertThat(render(query(), List.of())).doesNotContain("/assign\"");
    }
}
