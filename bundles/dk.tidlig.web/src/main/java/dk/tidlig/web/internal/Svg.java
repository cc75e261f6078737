// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dk.tidlig.model.Indicator;

/**
 * Small charts drawn on the server as inline SVG, so that the content security policy needs neither scripts nor inline
 * styles: colours come from the style sheet by class ({@code .i0}…{@code .i12} per indicator, {@code .bar} for plain
 * bars), and every chart carries its numbers as text for screen readers and for print.
 */
final class Svg {

    private Svg() {
    }

    /**
     * A household's points as one horizontal bar stacked by indicator.
     *
     * @param scale the points the full width stands for (the largest on the page), so bars compare down the list
     */
    static Html stackedBar(Texts t, Map<Indicator, Integer> points, int scale, int width, int height) {
        int total = points.values().stream().mapToInt(Integer::intValue).sum();
        List<Html> parts = new ArrayList<>();
        List<String> described = new ArrayList<>();
        double x = 0;
        double unit = scale <= 0 ? 0 : (double) width / scale;
        for (Map.Entry<Indicator, Integer> e : points.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            double w = e.getValue() * unit;
            String label = t.indicator(e.getKey()) + ": " + t.number(e.getValue());
            described.add(label);
            parts.add(Html.of("<rect class=\"i{}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{}\"><title>{}</title></rect>", e.getKey().ordinal(),
                    decimal(x), decimal(Math.max(w, 0.5)), height, label));
            x += w;
        }
        return Html.of("<svg class=\"stack\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">{}</svg>", width, height,
                width, height, t.get("chart.points", t.number(total), String.join("; ", described)), parts);
    }

    /** A colour key for the indicators that occur: a square in each indicator's colour and its name. */
    static Html legend(Texts t, java.util.Collection<Indicator> indicators) {
        List<Html> items = indicators.stream().map(i -> Html.of("<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect class=\"i{}\" "
                + "width=\"12\" height=\"12\"/></svg> {}</li>", i.ordinal(), t.indicator(i))).toList();
        return Html.of("<ul class=\"legend\">{}</ul>", items);
    }

    /**
     * Horizontal bars with their labels and numbers beside them: the chart for a few categories (workload per worker,
     * cases per state, families per indicator). The numbers are in the text, so the chart reads without colour.
     */
    static Html bars(Texts t, String caption, List<Map.Entry<String, Long>> rows) {
        long max = rows.stream().mapToLong(Map.Entry::getValue).max().orElse(0);
        int labelWidth = 220;
        int barWidth = 300;
        int rowHeight = 22;
        List<Html> items = new ArrayList<>();
        int y = 0;
        for (Map.Entry<String, Long> r : rows) {
            double w = max == 0 ? 0 : (double) r.getValue() * barWidth / max;
            items.add(Html.of("<text x=\"0\" y=\"{}\" class=\"label\">{}</text><rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
                    + "<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>", y + 15, r.getKey(), labelWidth, y + 3, decimal(w), rowHeight - 6,
                    decimal(labelWidth + w + 6), y + 15, t.number(r.getValue())));
            y += rowHeight;
        }
        return figure(null, id(caption), caption, labelWidth + barWidth + 80, Math.max(y, 1), items);
    }

    /** A histogram: counts per bin, each bar labelled with its bin and count. */
    static Html columns(Texts t, String caption, List<Map.Entry<String, Long>> bins) {
        long max = bins.stream().mapToLong(Map.Entry::getValue).max().orElse(0);
        int colWidth = 44;
        int height = 160;
        List<Html> items = new ArrayList<>();
        int x = 0;
        for (Map.Entry<String, Long> b : bins) {
            double h = max == 0 ? 0 : (double) b.getValue() * height / max;
            items.add(Html.of("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/><text x=\"{}\" y=\"{}\" class=\"value\" "
                    + "text-anchor=\"middle\">{}</text><text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"middle\">{}</text>", x + 4,
                    decimal(20 + height - h), colWidth - 8, decimal(h), x + colWidth / 2, decimal(16 + height - h), t.number(b.getValue()),
                    x + colWidth / 2, height + 36, b.getKey()));
            x += colWidth;
        }
        return figure(null, id(caption), caption, Math.max(x, 1), height + 44, items);
    }

    /**
     * Columns side by side for each group (e.g. offers made, accepted and declined in each month), each series in its own
     * colour and pattern-free, with its number above it and a key below; the numbers are in the text, so it reads without
     * colour.
     *
     * @param values per group, one number per series
     */
    static Html groupedColumns(Texts t, String caption, List<String> groups, List<String> series, List<long[]> values) {
        long max = values.stream().flatMapToLong(java.util.Arrays::stream).max().orElse(0);
        int barWidth = 16;
        int groupWidth = barWidth * series.size() + 12;
        int height = 160;
        List<Html> items = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            int x0 = g * groupWidth;
            for (int s = 0; s < series.size(); s++) {
                long v = values.get(g)[s];
                double h = max == 0 ? 0 : (double) v * height / max;
                int x = x0 + 6 + s * barWidth;
                items.add(Html.of("<rect class=\"s{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {}</title></rect>"
                        + "<text x=\"{}\" y=\"{}\" class=\"value small\" text-anchor=\"middle\">{}</text>", s, x, decimal(20 + height - h),
                        barWidth - 2, decimal(h), series.get(s), t.number(v), x + barWidth / 2 - 1, decimal(16 + height - h), t.number(v)));
            }
            items.add(Html.of("<text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"middle\">{}</text>", x0 + groupWidth / 2, height + 36,
                    groups.get(g)));
        }
        int keyY = height + 56;
        for (int s = 0; s < series.size(); s++) {
            items.add(Html.of("<rect class=\"s{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/><text x=\"{}\" y=\"{}\" class=\"label\">{}</text>",
                    s, s * 160, keyY, s * 160 + 18, keyY + 11, series.get(s)));
        }
        return figure(null, id(caption), caption, Math.max(groups.size() * groupWidth, series.size() * 160), keyY + 16, items);
    }

    /**
     * The contributing events of a family along time, one row per person (a role, numbered when two persons share it, as
     * two fathers of half-siblings may): a dot for an event on a day, a bar for a period (to its end, or to the latest day
     * shown while it goes on). Each mark carries its indicator, day and points as a title; the table beside it has the
     * same facts. Analysts see no persons' pseudonyms: for them the rows are roles.
     */
    static Html timeline(Texts t, dk.tidlig.model.score.FamilyScore f, List<dk.tidlig.model.score.Contribution> cs) {
        if (cs.isEmpty()) {
            return Html.EMPTY;
        }
        java.time.LocalDate from = cs.stream().map(dk.tidlig.model.score.Contribution::start).min(java.time.LocalDate::compareTo).orElseThrow();
        java.time.LocalDate to = cs.stream().map(c -> c.end() == null ? c.start() : c.end()).max(java.time.LocalDate::compareTo).orElseThrow();
        to = to.isAfter(from) ? to : from.plusDays(1);
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to);
        // one row per person, in the order they first occur; the person's pseudonym is never shown, only the role
        List<String> persons = cs.stream().map(Svg::person).distinct().toList();
        Map<dk.tidlig.model.score.FamilyRole, Long> perRole = persons.stream().collect(java.util.stream.Collectors.groupingBy(
                p -> dk.tidlig.model.score.FamilyRole.valueOf(p.substring(0, p.indexOf('\u0000'))), java.util.stream.Collectors.counting()));
        Map<dk.tidlig.model.score.FamilyRole, Integer> seen = new java.util.EnumMap<>(dk.tidlig.model.score.FamilyRole.class);
        int labelWidth = 110;
        int plot = 520;
        int rowHeight = 26;
        List<Html> items = new ArrayList<>();
        for (int r = 0; r < persons.size(); r++) {
            int y = r * rowHeight;
            String person = persons.get(r);
            dk.tidlig.model.score.FamilyRole role = dk.tidlig.model.score.FamilyRole.valueOf(person.substring(0, person.indexOf('\u0000')));
            int n = seen.merge(role, 1, Integer::sum);
            String label = t.role(role) + (perRole.get(role) > 1 ? " " + n : "");
            items.add(Html.of("<text x=\"0\" y=\"{}\" class=\"label\">{}</text><line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"axis\"/>", y + 17,
                    label, labelWidth, labelWidth + plot, y + 13, y + 13));
            for (dk.tidlig.model.score.Contribution c : cs) {
                if (!person(c).equals(person)) {
                    continue;
                }
                double x1 = labelWidth + plot * (double) java.time.temporal.ChronoUnit.DAYS.between(from, c.start()) / days;
                String title = t.indicator(c.indicator()) + ", " + t.date(c.start()) + (c.end() == null || c.end().equals(c.start()) ? ""
                        : " – " + t.date(c.end())) + ": " + t.get("chart.timeline.points", t.number(c.points()));
                if (c.end() != null && !c.end().equals(c.start())) {
                    double x2 = labelWidth + plot * (double) java.time.temporal.ChronoUnit.DAYS.between(from, c.end()) / days;
                    items.add(Html.of("<rect class=\"i{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\"><title>{}</title></rect>", c.indicator().ordinal(),
                            decimal(x1), y + 8, decimal(Math.max(2, x2 - x1)), title));
                } else {
                    items.add(Html.of("<circle class=\"i{}\" cx=\"{}\" cy=\"{}\" r=\"6\"><title>{}</title></circle>", c.indicator().ordinal(), decimal(x1),
                            y + 13, title));
                }
            }
        }
        int height = persons.size() * rowHeight + 20;
        items.add(Html.of("<text x=\"{}\" y=\"{}\" class=\"label\">{}</text><text x=\"{}\" y=\"{}\" class=\"label\" text-anchor=\"end\">{}</text>",
                labelWidth, height - 4, t.date(from), labelWidth + plot, height - 4, t.date(to)));
        int width = labelWidth + plot + 10;
        return figure("timeline", "timeline-caption", t.get("chart.timeline", t.date(from), t.date(to)), width, height, items);
    }

    /** Who a contribution is about, for the timeline's rows: its role and the person's pseudonym (empty when not shown). */
    private static String person(dk.tidlig.model.score.Contribution c) {
        return c.role().name() + "\u0000" + (c.person() == null ? "" : c.person());
    }

    /** A chart in its figure, the caption naming it for screen readers. */
    private static Html figure(String id, String captionId, String caption, int width, int height, List<Html> items) {
        return Html.of("<figure class=\"chart\"{}><svg width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{}\">{}</svg>"
                + "<figcaption id=\"{}\">{}</figcaption></figure>", id == null ? Html.EMPTY : Html.of(" id=\"{}\"", id), width, height, width, height,
                captionId, items, captionId, caption);
    }

    private static String id(String caption) {
        return "chart-" + Integer.toHexString(caption.hashCode());
    }

    private static String decimal(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
