// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;

/**
 * The auditors' view of the trail ({@code audit.mustache}): filtered by period, action, user and family, a page of
 * {@value #PAGE_SIZE} entries at a time (older pages by sequence number, so a page stays the same while entries are
 * added), exported as CSV with the same filters, and an alert when one user opened more families within an hour than the
 * municipality allows.
 */
final class AuditPage {

    static final int PAGE_SIZE = 100;
    /** The export reads the trail this many entries at a time, however many it holds. */
    static final int EXPORT_BATCH = 10_000;
    static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    /** The filters of the page's address; anything malformed is left out. */
    record Filter(Action action, String actor, String family, LocalDate from, LocalDate to, Long before) {

        static Filter of(Function<String, String> parameter) {
            Action action = null;
            try {
                action = Action.valueOf(parameter.apply("action"));
            } catch (IllegalArgumentException | NullPointerException e) {
                // all actions
            }
            String actor = parameter.apply("actor");
            actor = actor == null || !actor.strip().matches("[A-Za-z0-9._@-]{1,64}") ? null : actor.strip();
            String family = parameter.apply("family");
            family = family == null ? null : family.strip().toUpperCase(java.util.Locale.ROOT);
            family = family != null && family.matches("F-[B-Z]{5}-[B-Z]{5}") ? family : null;
            Long before = null;
            String b = parameter.apply("before");
            if (b != null && b.matches("\\d{1,18}")) {
                before = Long.parseLong(b);
            }
            return new Filter(action, actor, family, day(parameter.apply("from")), day(parameter.apply("to")), before);
        }

        private static LocalDate day(String s) {
            try {
                LocalDate d = s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
                // a day tidlig can have entries on; anything else is no filter (and no date arithmetic at the calendar's ends)
                return d == null || d.getYear() < 2000 || d.getYear() > 2200 ? null : d;
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        /** The same filters, for the entries older than {@code seq}. */
        Filter before(long seq) {
            return new Filter(action, actor, family, from, to, seq);
        }

        AuditTrail.Query query(String tenant, int limit) {
            return new AuditTrail.Query(tenant, action, actor, family, from == null ? null : from.atStartOfDay(ZONE).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(ZONE).toInstant(), before, limit);
        }

        /** The filters as an address's query (without the page), for the next page and the export. */
        String parameters() {
            List<String> p = new ArrayList<>();
            if (action != null) {
                p.add("action=" + action.name());
            }
            if (actor != null) {
                p.add("actor=" + java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8));
            }
            if (family != null) {
                p.add("family=" + family);
            }
            if (from != null) {
                p.add("from=" + from);
            }
            if (to != null) {
                p.add("to=" + to);
            }
            return String.join("&", p);
        }

        /** In words, for the trail's own entry about the view. */
        String described() {
            return (action == null ? "all actions" : action.name()) + (actor == null ? "" : ", user " + actor) + (family == null ? "" : ", a family")
                    + (from == null ? "" : ", from " + from) + (to == null ? "" : ", to " + to);
        }
    }

    /** One user who opened more families within an hour than allowed: when the hour began, and how many. */
    record Alert(String actor, Instant from, int families) {
    }

    private final WebSupport web;
    private final Pages pages;
    private final AuditTrail audit;

    AuditPage(WebSupport web, Pages pages, AuditTrail audit) {
        this.web = web;
        this.pages = pages;
        this.audit = audit;
    }

    /** The page (or its export as CSV): for auditors; any other role's attempt is refused and recorded. */
    void show(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp, Sessions.Session s, Texts t, boolean export)
            throws java.io.IOException {
        if (!s.actor().role().mayReadAudit()) {
            throw audit.refuse(s.actor(), "audit trail", "only auditors read the audit trail");
        }
        Filter f = Filter.of(req::getParameter);
        String tenant = s.actor().tenant();
        if (export) {
            // on record before anything goes out (an entry the trail refuses stops the export), and again with how many went
            audit.record(s.actor(), Action.EXPORT, "", "audit trail as CSV requested; " + f.described());
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentType("text/csv;charset=UTF-8");
            resp.setHeader("Content-Disposition", "attachment; filename=\"audit-" + tenant + "-" + LocalDate.now(ZONE) + ".csv\"");
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            try {
                export(t, f, tenant, resp.getWriter(), EXPORT_BATCH, written::addAndGet);
            } finally {
                // however far it got: an export cut off by the browser still took out what it wrote
                audit.record(s.actor(), Action.EXPORT, "", "audit trail as CSV: " + written.get() + " entries; " + f.described());
            }
            return;
        }
        List<AuditTrail.Shown> entries = audit.search(f.query(tenant, PAGE_SIZE + 1));
        boolean more = entries.size() > PAGE_SIZE;
        entries = more ? entries.subList(0, PAGE_SIZE) : entries;
        audit.record(s.actor(), Action.AUDIT_VIEW, "", f.described());
        // checked at most every ten minutes, however often the page is viewed; bin/tidlig audit verify checks at once
        AuditTrail.Verification v = audit.verify(Duration.ofMinutes(10));
        Instant since = Instant.now().minus(Duration.ofDays(1));
        int limit = web.familiesPerHourAlert();
        // the database names the few users who may be over the limit; only their openings are read and checked exactly
        List<AuditEntry> openings = new ArrayList<>();
        for (String actor : audit.possiblyBusy(tenant, java.util.EnumSet.of(Action.EXPLANATION_VIEW, Action.REIDENTIFY), since, limit)) {
            openings.addAll(audit.find(tenant, Action.EXPLANATION_VIEW, actor, since, null, 50_000));
            openings.addAll(audit.find(tenant, Action.REIDENTIFY, actor, since, null, 50_000));
        }
        pages.page(resp, s, t, 200, t.get("audit.title"), Templates.render("audit", model(t, f, entries, more, v, alerts(openings, limit), limit)));
    }

    /** An entry's subject: a family's reference shows the family while the family has not declined. */
    static String subject(Texts t, AuditTrail.Shown x) {
        String subject = x.entry().subject();
        if (x.familyId() != null) {
            return x.familyId() + " (" + subject + ")";
        }
        return subject.startsWith("A-") ? subject + " " + t.get("audit.unlinked") : subject;
    }

    /** An entry's detail as written (for the export), with its sealed part opened while that can be done. */
    static String detail(Texts t, AuditTrail.Shown x) {
        return detail(t, x, false);
    }

    /** @param inWords in the user's words ({@link AuditDetails}), as the page shows it */
    static String detail(Texts t, AuditTrail.Shown x, boolean inWords) {
        String detail = x.entry().detail().replaceFirst(" \\[sealed:[A-Za-z0-9+/=]+\\]$", "");
        boolean sealed = detail.length() != x.entry().detail().length();
        String shown = inWords ? AuditDetails.shown(t, x.entry().action(), detail) : detail;
        if (!sealed) {
            return shown;
        }
        return shown + " – " + (x.sealedDetail() != null ? x.sealedDetail() : t.get("audit.sealed"));
    }

    /**
     * The users who opened more than {@code limit} different families within an hour: each family entry (an explanation
     * viewed, a family re-identified) counts once per family in a sliding hour, per user. One alert per user, at the
     * busiest hour.
     */
    static List<Alert> alerts(List<AuditEntry> openings, int limit) {
        Map<String, List<AuditEntry>> byActor = new HashMap<>();
        for (AuditEntry e : openings) {
            byActor.computeIfAbsent(e.actor(), a -> new ArrayList<>()).add(e);
        }
        List<Alert> out = new ArrayList<>();
        for (Map.Entry<String, List<AuditEntry>> a : byActor.entrySet()) {
            List<AuditEntry> es = new ArrayList<>(a.getValue());
            es.sort(Comparator.comparing(AuditEntry::at).thenComparingLong(AuditEntry::seq));
            Deque<AuditEntry> window = new ArrayDeque<>();
            Map<String, Integer> inWindow = new HashMap<>();
            Alert worst = null;
            for (AuditEntry e : es) {
                window.addLast(e);
                inWindow.merge(e.subject(), 1, Integer::sum);
                while (Duration.between(window.peekFirst().at(), e.at()).compareTo(Duration.ofHours(1)) >= 0) {
                    AuditEntry gone = window.removeFirst();
                    inWindow.computeIfPresent(gone.subject(), (k, n) -> n == 1 ? null : n - 1);
                }
                if (inWindow.size() > limit && (worst == null || inWindow.size() > worst.families())) {
                    worst = new Alert(a.getKey(), window.peekFirst().at(), inWindow.size());
                }
            }
            if (worst != null) {
                out.add(worst);
            }
        }
        out.sort(Comparator.comparingInt(Alert::families).reversed().thenComparing(Alert::actor));
        return out;
    }

    /** The page's model. */
    static Map<String, Object> model(Texts t, Filter f, List<AuditTrail.Shown> entries, boolean more, AuditTrail.Verification v,
            List<Alert> alerts, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chainIntact", v.intact() ? t.get("audit.intact", t.number(v.entries()), t.when(v.checkedAt())) : null);
        m.put("chainBroken", v.intact() ? null : t.get("audit.broken"));
        m.put("problems", v.problems().stream().map(p -> p.description()).toList());
        m.put("alerts", alerts.stream().map(a -> Map.of("text", t.get("audit.alert", a.actor(), t.number(a.families()), t.when(a.from()),
                t.number(limit)), "href", "/app/audit?actor=" + java.net.URLEncoder.encode(a.actor(), java.nio.charset.StandardCharsets.UTF_8)
                        + "&from=" + a.from().atZone(ZONE).toLocalDate() + "&to=" + a.from().plus(Duration.ofHours(1)).atZone(ZONE).toLocalDate())).toList());
        m.put("alertsTitle", alerts.isEmpty() ? null : t.get("audit.alerts"));
        m.put("filterLegend", t.get("audit.filter.legend"));
        m.put("actionLabel", t.get("audit.action"));
        m.put("all", t.get("audit.all"));
        List<Map<String, Object>> options = new ArrayList<>();
        for (Action a : Action.values()) {
            options.add(Map.of("value", a.name(), "text", action(t, a.name()), "selected", a == f.action()));
        }
        options.sort(Comparator.comparing(o -> (String) o.get("text")));
        m.put("actions", options);
        m.put("actorLabel", t.get("audit.actor"));
        m.put("actor", f.actor());
        m.put("familyLabel", t.get("audit.family"));
        m.put("family", f.family());
        m.put("fromLabel", t.get("audit.from"));
        m.put("from", f.from() == null ? null : f.from().toString());
        m.put("toLabel", t.get("audit.to"));
        m.put("to", f.to() == null ? null : f.to().toString());
        m.put("submit", t.get("audit.filter"));
        m.put("export", t.get("audit.export"));
        m.put("exportHref", "/app/audit/export.csv" + (f.parameters().isEmpty() ? "" : "?" + f.parameters()));
        m.put("caption", t.get(f.before() == null ? "audit.caption" : "audit.caption.older", t.number(entries.size())));
        m.put("head", List.of(t.get("audit.seq"), t.get("audit.at"), t.get("audit.actor"), t.get("audit.role"), t.get("audit.action"),
                t.get("audit.subject"), t.get("audit.detail")));
        m.put("rows", entries.stream().map(x -> {
            AuditEntry e = x.entry();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("seq", e.seq());
            r.put("at", t.when(e.at()));
            r.put("actor", e.actor());
            r.put("role", role(t, e.role()));
            r.put("action", action(t, e.action()));
            r.put("code", e.action());
            r.put("refused", e.action().equals(Action.ACCESS_REFUSED.name()) || e.action().equals(Action.SIGN_IN_REFUSED.name()));
            r.put("subject", subject(t, x));
            r.put("detail", detail(t, x, true));
            return r;
        }).toList());
        m.put("emptyText", entries.isEmpty() ? t.get("audit.empty") : null);
        if (more && !entries.isEmpty()) {
            long last = entries.get(entries.size() - 1).entry().seq();
            m.put("older", Map.of("href", "/app/audit?" + (f.parameters().isEmpty() ? "" : f.parameters() + "&") + "before=" + last,
                    "text", t.get("audit.older")));
        }
        if (f.before() != null) {
            m.put("newest", Map.of("href", "/app/audit" + (f.parameters().isEmpty() ? "" : "?" + f.parameters()), "text", t.get("audit.newest")));
        }
        return m;
    }

    /** An action's name in words ("Genidentificering"), the code where a text is missing. */
    static String action(Texts t, String code) {
        try {
            return t.get("audit.action." + code);
        } catch (java.util.MissingResourceException e) {
            return code;
        }
    }

    private static String role(Texts t, String code) {
        try {
            dk.tidlig.core.access.Role r = dk.tidlig.core.access.Role.valueOf(code);
            return "en".equals(t.language()) ? r.englishLabel() : r.danishLabel();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** The entries as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheets read the Danish letters). */
    static String csv(Texts t, List<AuditTrail.Shown> entries) {
        StringBuilder out = new StringBuilder(CSV_HEADER);
        rows(t, entries, out);
        return out.toString();
    }

    /** The byte order mark (for spreadsheets) and the columns. */
    static final String CSV_HEADER = "\uFEFF" + String.join(",", "seq", "at", "actor", "role", "action", "subject", "detail", "hash") + "\r\n";

    private static void rows(Texts t, List<AuditTrail.Shown> entries, StringBuilder out) {
        for (AuditTrail.Shown x : entries) {
            AuditEntry e = x.entry();
            out.append(e.seq()).append(',').append(field(e.at().toString())).append(',').append(field(e.actor())).append(',')
                    .append(field(e.role())).append(',').append(field(e.action())).append(',').append(field(subject(t, x))).append(',')
                    .append(field(detail(t, x))).append(',').append(e.hash()).append("\r\n");
        }
    }

    /**
     * Writes every entry the filter selects, newest first, {@code batch} at a time (each batch older than the last), so that
     * an export of years of entries is whole without holding them all in memory.
     *
     * @return how many entries were written
     */
    long export(Texts t, Filter f, String tenant, java.io.Writer out, int batch) throws java.io.IOException {
        return export(t, f, tenant, out, batch, n -> n);
    }

    /** @param sent told the size of each batch once it is written */
    long export(Texts t, Filter f, String tenant, java.io.Writer out, int batch, java.util.function.LongUnaryOperator sent) throws java.io.IOException {
        out.write(CSV_HEADER);
        long written = 0;
        Filter next = f;
        while (true) {
            List<AuditTrail.Shown> entries = audit.search(next.query(tenant, batch));
            StringBuilder rows = new StringBuilder();
            rows(t, entries, rows);
            out.write(rows.toString());
            written += entries.size();
            sent.applyAsLong(entries.size());
            if (entries.size() < batch) {
                out.flush();
                return written;
            }
            next = next.before(entries.get(entries.size() - 1).entry().seq());
        }
    }

    /** A CSV field: quoted when needed, and never read by a spreadsheet as a formula. */
    static String field(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.matches("[^\",\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
