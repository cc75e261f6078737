// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.Entry;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.Indicator;

/**
 * The worklist as a page: the households of the latest run's list, filtered, sorted and paged by the query in the URL
 * ({@code ?tab=closed&sort=age&dir=asc&indicator=…&age=3-5&status=…&worker=…&q=…&page=2}), closed cases in a tab of their
 * own. The list is bounded by the outreach's monthly capacity (hundreds, not thousands), so it is filtered here, from
 * the one audited read of the list.
 */
final class WorklistPage {

    static final int PAGE_SIZE = 50;

    enum Sort {
        POINTS, AGE, STATUS, WORKER, DATE
    }

    /** Age bands of the children, in years. */
    static final Map<String, int[]> AGES = new LinkedHashMap<>();
    static {
        AGES.put("0-2", new int[] {0, 2});
        AGES.put("3-5", new int[] {3, 5});
        AGES.put("6-11", new int[] {6, 11});
        AGES.put("12-17", new int[] {12, 17});
    }

    /** A worker filter that means "not assigned to anyone". */
    static final String UNASSIGNED = "-";

    /** What the URL asks for; anything unknown is left out, never an error. */
    record Query(boolean closed, Sort sort, boolean ascending, Indicator indicator, String age, State state, String worker, String search, int page) {

        static Query of(Function<String, String> parameter) {
            Sort sort = Sort.POINTS;
            try {
                sort = Sort.valueOf(upper(parameter.apply("sort")));
            } catch (IllegalArgumentException | NullPointerException e) {
                // the default
            }
            String dir = parameter.apply("dir");
            boolean ascending = dir == null ? sort == Sort.AGE || sort == Sort.STATUS || sort == Sort.WORKER : dir.equals("asc");
            Indicator indicator = null;
            try {
                indicator = Indicator.valueOf(upper(parameter.apply("indicator")));
            } catch (IllegalArgumentException | NullPointerException e) {
                // no filter
            }
            String age = AGES.containsKey(parameter.apply("age")) ? parameter.apply("age") : null;
            State state = null;
            try {
                state = State.valueOf(upper(parameter.apply("status")));
            } catch (IllegalArgumentException | NullPointerException e) {
                // no filter
            }
            String worker = parameter.apply("worker");
            worker = worker == null || !(worker.equals(UNASSIGNED) || worker.matches("[A-Za-z0-9._@-]{2,64}")) ? null : worker;
            String search = parameter.apply("q");
            search = search == null ? null : search.toUpperCase(Locale.ROOT).replaceAll("[^A-Z-]", "");
            search = search == null || search.isEmpty() || search.length() > 13 ? null : search;
            int page = 1;
            try {
                page = Math.max(1, Integer.parseInt(parameter.apply("page")));
            } catch (NumberFormatException e) {
                // the first
            }
            return new Query("closed".equals(parameter.apply("tab")), sort, ascending, indicator, age, state, worker, search, page);
        }

        private static String upper(String s) {
            return s.toUpperCase(Locale.ROOT);
        }

        boolean filtered() {
            return indicator != null || age != null || state != null || worker != null || search != null;
        }

        Query page(int n) {
            return new Query(closed, sort, ascending, indicator, age, state, worker, search, n);
        }

        Query sortedBy(Sort s) {
            boolean asc = s == sort ? !ascending : s == Sort.AGE || s == Sort.STATUS || s == Sort.WORKER;
            return new Query(closed, s, asc, indicator, age, state, worker, search, 1);
        }

        Query tab(boolean c) {
            return new Query(c, sort, ascending, indicator, age, state, worker, search, 1);
        }

        /** The page's address with this query; the defaults are left out. */
        String href() {
            List<String> p = new ArrayList<>();
            if (closed) {
                p.add("tab=closed");
            }
            if (sort != Sort.POINTS || ascending) {
                p.add("sort=" + sort.name().toLowerCase(Locale.ROOT));
                p.add("dir=" + (ascending ? "asc" : "desc"));
            }
            add(p, "indicator", indicator == null ? null : indicator.name());
            add(p, "age", age);
            add(p, "status", state == null ? null : state.name());
            add(p, "worker", worker);
            add(p, "q", search);
            if (page > 1) {
                p.add("page=" + page);
            }
            return "/app/" + (p.isEmpty() ? "" : "?" + String.join("&", p));
        }

        private static void add(List<String> p, String name, String value) {
            if (value != null) {
                p.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    private WorklistPage() {
    }

    /** The entries of the query's tab that pass its filters, in its order. */
    static List<Entry> select(List<Entry> entries, Query q) {
        Predicate<Entry> keep = e -> (e.state() == State.CLOSED) == q.closed();
        if (q.indicator() != null) {
            keep = keep.and(e -> e.indicators().contains(q.indicator()));
        }
        if (q.age() != null) {
            int[] band = AGES.get(q.age());
            keep = keep.and(e -> e.children().stream().anyMatch(c -> c.ageYears() >= band[0] && c.ageYears() <= band[1]));
        }
        if (q.state() != null) {
            keep = keep.and(e -> e.state() == q.state());
        }
        if (q.worker() != null) {
            keep = keep.and(e -> q.worker().equals(UNASSIGNED) ? e.assignedTo() == null : q.worker().equals(e.assignedTo()));
        }
        if (q.search() != null) {
            keep = keep.and(e -> e.children().stream().anyMatch(c -> c.familyId().contains(q.search())));
        }
        Comparator<Entry> order = switch (q.sort()) {
            case POINTS -> Comparator.comparingInt(Entry::score);
            case AGE -> Comparator.comparingInt(Entry::childAgeYears);
            case STATUS -> Comparator.comparing(Entry::state);
            case WORKER -> Comparator.comparing(Entry::assignedTo, Comparator.nullsFirst(Comparator.naturalOrder()));
            case DATE -> Comparator.comparing(Entry::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        order = q.ascending() ? order : order.reversed();
        // ties in a stable order: most points first, then the family id
        order = order.thenComparing(Comparator.comparingInt(Entry::score).reversed()).thenComparing(Entry::familyId);
        return entries.stream().filter(keep).sorted(order).toList();
    }

    /**
     * The page's model for {@code worklist.mustache}.
     *
     * @param workers the municipality's outreach workers a team lead may assign to; empty for anyone else
     */
    static Map<String, Object> model(Texts t, Outreach.Worklist list, Query q, List<String> workers, String csrf, String notice) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notice", notice);
        if (list.run() == null) {
            m.put("none", t.get("worklist.none"));
            return m;
        }
        m.put("listed", true);
        List<Entry> all = list.families();
        long closed = all.stream().filter(e -> e.state() == State.CLOSED).count();
        long households = all.size();
        long children = all.stream().mapToLong(e -> e.children().size()).sum();
        m.put("run", t.get("worklist.run", String.valueOf(list.run().id()), list.run().modelId(), list.run().modelVersion(),
                t.date(list.run().asOf()), t.number(list.flagged())));
        m.put("counts", t.get("worklist.counts", t.number(households), t.number(children), t.number(list.flagged())));
        int onList = Math.min(list.capacity(), list.flagged());
        m.put("capacity", t.get(list.byLottery() ? "worklist.capacity.lottery" : "worklist.capacity",
                t.number(list.byLottery() ? all.size() : onList),
                t.number(list.byLottery() ? Math.max(0, list.flagged() - all.size()) : list.flagged() - onList)));
        m.put("pseudonymous", t.get("worklist.pseudonymous"));
        m.put("capacitySummary", t.get("worklist.capacity.summary"));
        m.put("tabsLabel", t.get("worklist.tabs"));
        m.put("assignHeader", t.get("worklist.assign"));
        m.put("tabs", List.of(tab(t, q, false, households - closed), tab(t, q, true, closed)));

        // the filters, each select with its current choice
        m.put("filterLegend", t.get("worklist.filter"));
        m.put("selects", List.of(
                select(t, "indicator", t.get("worklist.filter.indicator"), java.util.Arrays.stream(Indicator.values())
                        .map(i -> option(i.name(), t.indicator(i), i == q.indicator())).toList()),
                select(t, "age", t.get("worklist.filter.age"), AGES.keySet().stream()
                        .map(a -> option(a, t.get("worklist.age.band", a.replace("-", "–")), a.equals(q.age()))).toList()),
                select(t, "status", t.get("worklist.filter.status"), java.util.Arrays.stream(State.values())
                        .filter(s -> s != State.DECLINED && (s == State.CLOSED) == q.closed())
                        .map(s -> option(s.name(), t.state(s), s == q.state())).toList()),
                select(t, "worker", t.get("worklist.filter.worker"), workerOptions(t, all, q))));
        m.put("searchLabel", t.get("worklist.search"));
        m.put("search", q.search());
        m.put("closedTab", q.closed());
        m.put("filterSubmit", t.get("worklist.filter.submit"));
        m.put("filterReset", q.filtered() ? t.get("worklist.filter.reset") : null);
        m.put("resetHref", new Query(q.closed(), q.sort(), q.ascending(), null, null, null, null, null, 1).href());

        List<Entry> selected = select(all, q);
        int pages = Math.max(1, (selected.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(q.page(), pages);
        List<Entry> shown = selected.subList((page - 1) * PAGE_SIZE, Math.min(selected.size(), page * PAGE_SIZE));
        int scale = shown.stream().mapToInt(Entry::score).max().orElse(0);
        boolean assigning = !workers.isEmpty();
        List<Map<String, Object>> rows = new ArrayList<>();
        TreeSet<Indicator> seen = new TreeSet<>();
        for (Entry e : shown) {
            seen.addAll(e.points().keySet());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("family", e.familyId());
            r.put("children", t.get("worklist.children", e.children().size()));
            r.put("ages", t.get("worklist.ages", String.join(", ", e.children().stream().map(c -> String.valueOf(c.ageYears())).toList())));
            r.put("points", t.number(e.score()));
            r.put("bar", Svg.stackedBar(t, e.points(), scale, 120, 12));
            r.put("indicators", e.indicators().stream().map(t::indicator).toList());
            // data points someone marked as disputed: left out of the next run, and the points shown may fall with it
            r.put("marks", e.marks() == 0 ? null : t.get("worklist.marks", e.marks()));
            r.put("state", t.state(e.state()));
            r.put("stateCode", e.state().name().toLowerCase(Locale.ROOT));
            r.put("worker", e.assignedTo() == null ? "–" : e.assignedTo());
            r.put("updated", e.updatedAt() == null ? "–" : t.day(e.updatedAt()));
            if (assigning && (e.state() == State.NEW || e.state() == State.ASSIGNED)) {
                r.put("assign", Map.of("choose", t.get("worklist.assign.choose"), "version", e.version(), "label", t.get("worklist.assign.to", e.familyId()),
                        "button", t.get("worklist.assign.button"), "buttonLabel", t.get("worklist.assign.button.for", e.familyId()),
                        "workers", workers.stream().map(w -> option(w, w, w.equals(e.assignedTo()))).toList()));
            }
            rows.add(r);
        }
        m.put("rows", rows);
        m.put("csrf", csrf);
        m.put("assigning", assigning);
        m.put("legend", rows.isEmpty() ? null : Svg.legend(t, seen));
        m.put("emptyText", rows.isEmpty() ? t.get(q.filtered() ? "worklist.nomatch" : q.closed() ? "worklist.noclosed" : "worklist.empty") : null);
        m.put("caption", t.get(q.closed() ? "worklist.caption.closed" : "worklist.caption", t.number(selected.size()),
                t.number(selected.isEmpty() ? 0 : (page - 1) * PAGE_SIZE + 1), t.number((page - 1) * PAGE_SIZE + shown.size())));
        m.put("columns", List.of(
                column(t, q, "worklist.family", null, false),
                column(t, q, "worklist.score", Sort.POINTS, true),
                column(t, q, "worklist.indicators", null, false),
                column(t, q, "worklist.age", Sort.AGE, false),
                column(t, q, "worklist.state", Sort.STATUS, false),
                column(t, q, "worklist.assigned", Sort.WORKER, false),
                column(t, q, "worklist.updated", Sort.DATE, false)));
        if (pages > 1) {
            List<Map<String, Object>> links = new ArrayList<>();
            for (int i = 1; i <= pages; i++) {
                links.add(Map.of("n", i, "href", q.page(i).href(), "current", i == page, "label", t.get("worklist.page.n", i)));
            }
            Map<String, Object> pager = new LinkedHashMap<>();
            pager.put("label", t.get("worklist.pages"));
            pager.put("links", links);
            pager.put("previous", page > 1 ? Map.of("href", q.page(page - 1).href(), "text", t.get("worklist.page.previous")) : null);
            pager.put("next", page < pages ? Map.of("href", q.page(page + 1).href(), "text", t.get("worklist.page.next")) : null);
            m.put("pager", pager);
        }
        return m;
    }

    private static Map<String, Object> tab(Texts t, Query q, boolean closed, long count) {
        return Map.of("href", q.tab(closed).href(), "text", t.get(closed ? "worklist.tab.closed" : "worklist.tab.open", t.number(count)),
                "current", q.closed() == closed, "id", closed ? "tab-closed" : "tab-open");
    }

    private static Map<String, Object> column(Texts t, Query q, String key, Sort sort, boolean numeric) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("text", t.get(key));
        c.put("numeric", numeric);
        if (sort != null) {
            boolean current = q.sort() == sort;
            c.put("href", q.sortedBy(sort).href());
            c.put("id", "sort-" + sort.name().toLowerCase(Locale.ROOT));
            c.put("ariaSort", current ? q.ascending() ? "ascending" : "descending" : "none");
            c.put("arrow", current ? q.ascending() ? "▲" : "▼" : "");
            c.put("hint", t.get("worklist.sort.by", t.get(key)));
        }
        return c;
    }

    private static List<Map<String, Object>> workerOptions(Texts t, List<Entry> all, Query q) {
        List<Map<String, Object>> options = new ArrayList<>();
        options.add(option(UNASSIGNED, t.get("worklist.unassigned"), UNASSIGNED.equals(q.worker())));
        all.stream().map(Entry::assignedTo).filter(java.util.Objects::nonNull).distinct().sorted()
                .forEach(w -> options.add(option(w, w, w.equals(q.worker()))));
        return options;
    }

    private static Map<String, Object> select(Texts t, String name, String label, List<Map<String, Object>> options) {
        return Map.of("name", name, "label", label, "all", t.get("worklist.filter.all"), "options", options);
    }

    private static Map<String, Object> option(String value, String text, boolean selected) {
        return Map.of("value", value, "text", text, "selected", selected);
    }
}
