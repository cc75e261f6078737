// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.core.transparency.Statistics;
import dk.tidlig.evidence.EvidenceService;

/**
 * The pictures: the team lead's overview of the outreach ({@code overview.mustache}) and the statistics of the latest run
 * ({@code statistics.mustache}), each chart with its numbers beside it in a table. Counts only: no family.
 */
final class Overviews {

    private Overviews() {
    }

    static Map<String, Object> overview(Texts t, Outreach.Overview o) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map.Entry<String, Long>> workload = o.openCasesPerWorker().entrySet().stream().map(e -> Map.entry(e.getKey(), (long) e.getValue())).toList();
        m.put("workloadTitle", t.get("overview.workload"));
        m.put("workload", workload.isEmpty() ? null : Svg.bars(t, t.get("overview.workload.caption"), workload));
        m.put("noWorkload", workload.isEmpty() ? t.get("overview.workload.none") : null);
        List<Map.Entry<String, Long>> states = new ArrayList<>();
        for (State s : State.values()) {
            if (s != State.DECLINED) { // declined cases are erased: the months count them
                states.add(Map.entry(t.state(s), (long) o.casesPerState().getOrDefault(s, 0)));
            }
        }
        m.put("statesTitle", t.get("overview.states"));
        m.put("states", Svg.bars(t, t.get("overview.states.caption"), states));
        m.put("monthsTitle", t.get("overview.months"));
        m.put("offers", Svg.groupedColumns(t, t.get("overview.offers.caption"), o.months().stream().map(x -> month(t, x.month())).toList(),
                List.of(t.get("overview.offered"), t.get("overview.accepted"), t.get("overview.declined")),
                o.months().stream().map(x -> new long[] {x.offered(), x.accepted(), x.declined()}).toList()));
        m.put("monthsCaption", t.get("overview.months.caption"));
        m.put("monthsHead", List.of(t.get("overview.month"), t.get("overview.offered"), t.get("overview.accepted"), t.get("overview.declined")));
        m.put("months", o.months().stream().map(x -> List.of(month(t, x.month()), t.number(x.offered()), t.number(x.accepted()),
                t.number(x.declined()))).map(cells -> Map.of("cells", cells)).toList());
        m.put("contactTitle", t.get("overview.contact"));
        List<Integer> days = o.daysToFirstContact();
        if (days.isEmpty()) {
            m.put("contact", t.get("overview.contact.none"));
        } else {
            m.put("contact", t.get("overview.contact.median", t.number(days.size()), t.number(days.get(days.size() / 2)),
                    t.number(days.get((int) Math.min(days.size() - 1, Math.ceil(days.size() * 0.9) - 1)))));
            int[][] bands = {{0, 7}, {8, 14}, {15, 30}, {31, 60}, {61, Integer.MAX_VALUE}};
            List<Map.Entry<String, Long>> bins = new ArrayList<>();
            for (int[] b : bands) {
                bins.add(Map.entry(b[1] == Integer.MAX_VALUE ? t.get("overview.days.more", b[0]) : t.get("overview.days", b[0], b[1]),
                        days.stream().filter(d -> d >= b[0] && d <= b[1]).count()));
            }
            m.put("contactChart", Svg.bars(t, t.get("overview.contact.caption"), bins));
        }
        return m;
    }

    static Map<String, Object> statistics(Texts t, Optional<Statistics.Distribution> distribution, Optional<EvidenceService.Stored> evaluation) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (distribution.isEmpty()) {
            m.put("none", t.get("worklist.none"));
            return m;
        }
        Statistics.Distribution d = distribution.get();
        m.put("hasRun", true);
        m.put("run", t.get("statistics.run", String.valueOf(d.run().id()), d.run().modelId(), d.run().modelVersion(), t.date(d.run().asOf()),
                t.number(d.scored()), t.number(d.run().familiesFlagged()), t.number(d.zero())));
        m.put("distributionTitle", t.get("statistics.distribution"));
        m.put("distribution", Svg.columns(t, t.get("statistics.distribution.caption"), d.bins().stream().map(b -> Map.entry(b.to() == 0
                ? t.number(b.from()) + "+" : t.number(b.from()) + "–", (long) b.families())).toList()));
        m.put("cutsTitle", t.get("statistics.cuts"));
        m.put("cutsCaption", t.get("statistics.cuts.caption", d.minIndicators()));
        m.put("cutsHead", List.of(t.get("statistics.threshold"), t.get("statistics.flagged")));
        m.put("cuts", d.cuts().stream().map(c -> Map.of("threshold", t.number(c.threshold()), "families", t.number(c.families()), "current",
                c.current(), "note", c.current() ? t.get("statistics.current") : "")).toList());
        m.put("cutsChart", Svg.bars(t, t.get("statistics.cuts.chart"), d.cuts().stream().map(c -> Map.entry(t.get("statistics.atleast",
                t.number(c.threshold())), (long) c.families())).toList()));
        m.put("indicatorsTitle", t.get("statistics.indicators"));
        List<Map.Entry<String, Long>> perIndicator = d.flaggedPerIndicator().entrySet().stream()
                .sorted(Map.Entry.<dk.tidlig.model.Indicator, Integer>comparingByValue().reversed())
                .map(e -> Map.entry(t.indicator(e.getKey()), (long) e.getValue())).toList();
        m.put("indicators", perIndicator.isEmpty() ? null : Svg.bars(t, t.get("statistics.indicators.caption"), perIndicator));
        if (evaluation != null) {
            m.put("evidenceTitle", t.get("model.evidence"));
            m.put("evidence", Templates.render("figures", new Scope(t).with("figures", EvidencePages.figures(t, evaluation))));
        }
        return m;
    }

    private static String month(Texts t, java.time.YearMonth m) {
        return m.format(java.time.format.DateTimeFormatter.ofPattern("MMM yy", t.locale()));
    }
}
