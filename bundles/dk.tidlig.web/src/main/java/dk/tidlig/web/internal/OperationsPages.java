// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.operations.ConfigurationView;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.QuarantinedLine;
import dk.tidlig.core.operations.SourceFreshness;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The operator's console (administrators): the start page with the overdue sources and the local users; each source's
 * freshness and the deliveries with their progress and counts; a delivery's quarantined lines with their reasons; a
 * quarantined line's content, opened with a stated reason (audited); the configuration. Templates {@code admin},
 * {@code deliveries}, {@code delivery}, {@code quarantined-line} and {@code configuration}. Core checks the role.
 */
final class OperationsPages {

    private static final Pattern DELIVERY = Pattern.compile("/deliveries/(\\d{1,18})(/open|/resolve)?");

    private final WebSupport web;
    private final Pages pages;
    private final Operations operations;
    private final Transparency transparency;

    OperationsPages(WebSupport web, Pages pages, Operations operations, Transparency transparency) {
        this.web = web;
        this.pages = pages;
        this.operations = operations;
        this.transparency = transparency;
    }

    /** Answers the request if it is one of this area's, and says whether it was. */
    boolean route(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        if (path.equals("/configuration") && !post) {
            pages.page(resp, s, t, 200, t.get("config.title"), Templates.render("configuration", configuration(t, operations.adapters(s.actor()),
                    operations.configurations(s.actor()))));
            return true;
        }
        if (path.equals("/deliveries") || path.startsWith("/deliveries/")) {
            deliveries(path, post, req, resp, s, t);
            return true;
        }
        return false;
    }

    /** The administrator's start page: the overdue sources, the data inventory and the local users; no personal data. */
    void adminPage(HttpServletResponse resp, Session s, Texts t) throws IOException {
        Scope scope = overdue(t, operations.freshness(s.actor()), Instant.now());
        scope.put("inventory", TransparencyPages.inventory(t, transparency.dataInventory()));
        List<Map<String, Object>> users = new ArrayList<>(web.users(s.actor().tenant()).stream().map(u -> Scope.row("name", u.username(),
                "role", Pages.roleLabel(t, u.role()), "state", u.disabled() ? t.get("admin.disabled") : t.get("admin.enabled"))).toList());
        web.ssoUsers(s.actor().tenant()).forEach(u -> users.add(Scope.row("name", u.username(), "role", Pages.roleLabel(t, u.role()),
                "state", t.get("admin.sso", t.day(u.lastSeen())))));
        scope.put("users", users);
        pages.page(resp, s, t, 200, t.get("admin.title"), Templates.render("admin", scope));
    }

    /**
     * The sources and deliveries; one delivery with its quarantined lines; a quarantined line's content (POST with a reason,
     * audited); the resolution of a delivery's lines by a later one (POST, then 303 to the delivery).
     */
    private void deliveries(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Actor actor = s.actor();
        Instant now = Instant.now();
        if (path.equals("/deliveries") && !post) {
            String adapter = req.getParameter("adapter");
            if (adapter != null && !adapter.matches("[a-z][a-z0-9-]{1,30}")) {
                adapter = null;
            }
            pages.page(resp, s, t, 200, t.get("ops.title"), Templates.render("deliveries", deliveries(t, operations.freshness(actor),
                    operations.deliveries(actor, adapter, 200), adapter, now)));
            return;
        }
        Matcher m = DELIVERY.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such page");
        }
        long id = Long.parseLong(m.group(1));
        Delivery d = operations.delivery(actor, id).orElseThrow(() -> new NotFoundException("no such delivery"));
        String action = m.group(2) == null ? "" : m.group(2);
        if (!post && action.isEmpty()) {
            String resolved = req.getParameter("resolved");
            String by = req.getParameter("by");
            String notice = resolved != null && resolved.matches("\\d{1,9}") && by != null && by.matches("\\d{1,18}")
                    ? t.get("ops.resolved.done", resolved, by) : null;
            pages.page(resp, s, t, 200, t.get("ops.delivery.title", String.valueOf(id)), Templates.render("delivery",
                    delivery(t, s.csrf(), d, operations.quarantine(actor, id, false, 10_000), now, notice)));
            return;
        }
        if (post && action.equals("/open")) {
            String line = req.getParameter("line");
            if (line == null || !line.matches("\\d{1,18}")) {
                throw new CasePages.Invalid("ops.line.missing");
            }
            long lineId = Long.parseLong(line);
            QuarantinedLine q = operations.quarantine(actor, id, false, 100_000).stream().filter(x -> x.id() == lineId).findFirst()
                    .orElseThrow(() -> new NotFoundException("no such line"));
            String content = operations.openQuarantinedLine(actor, lineId, req.getParameter("reason"));
            // the line's content is shown once and kept nowhere: reload or Back shows the delivery, and reads nothing again
            pages.shownOnce(resp, s, t, t.get("ops.content.title"), Templates.render("quarantined-line", new Scope(t).with("file", d.fileName())
                    .with("line", t.number(q.line())).with("reason", q.reason()).with("content", content).with("deliveryId", d.id())),
                    "/app/deliveries/" + id);
            return;
        }
        if (post && action.equals("/resolve")) {
            String by = req.getParameter("by");
            if (by == null || !by.strip().matches("\\d{1,18}")) {
                throw new CasePages.Invalid("ops.resolve.by.missing");
            }
            int n = operations.resolveQuarantine(actor, id, Long.parseLong(by.strip()));
            Pages.seeOther(resp, "/app/deliveries/" + id + "?resolved=" + n + "&by=" + Long.parseLong(by.strip()));
            return;
        }
        throw new NotFoundException("no such page");
    }

    /** A duration in words: "3 t 12 min", "45 s". */
    static String duration(Texts t, Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return t.get("ops.seconds", s);
        }
        if (s < 3600) {
            return t.get("ops.minutes", s / 60, s % 60);
        }
        if (s < 2 * 86_400) {
            return t.get("ops.hours", s / 3600, s % 3600 / 60);
        }
        return t.get("ops.days", s / 86_400);
    }

    /** A scope with the warnings for the sources that are overdue ({@code overdue.mustache}). */
    static Scope overdue(Texts t, List<SourceFreshness> sources, Instant now) {
        List<String> late = new ArrayList<>();
        for (SourceFreshness f : sources) {
            if (f.overdue(now)) {
                late.add(f.lastCompleted() == null
                        ? t.get("ops.overdue.never", f.sourceSystem(), f.adapterId(), duration(t, f.interval()))
                        : t.get("ops.overdue", f.sourceSystem(), f.adapterId(), duration(t, Duration.between(f.lastCompleted(), now)),
                                duration(t, f.interval())));
            }
        }
        return new Scope(t).with("hasOverdue", !late.isEmpty()).with("overdue", late);
    }

    /** The sources and the deliveries, newest first. */
    static Scope deliveries(Texts t, List<SourceFreshness> sources, List<Delivery> deliveries, String adapter, Instant now) {
        Scope scope = overdue(t, sources, now);
        scope.put("sources", sources.stream().map(f -> Scope.row("late", f.overdue(now), "adapter", f.adapterId(), "source", f.sourceSystem(),
                "interval", f.interval() == null ? t.get("ops.interval.none") : t.get("ops.interval", duration(t, f.interval())),
                "last", t.when(f.lastCompleted()), "state", f.interval() == null ? "" : f.overdue(now) ? t.get("ops.state.overdue")
                        : t.get("ops.state.ok"))).toList());
        scope.put("deliveriesTitle", adapter == null ? t.get("ops.deliveries") : t.get("ops.deliveries.of", adapter));
        scope.put("running", deliveries.stream().anyMatch(d -> d.status() == Delivery.Status.RUNNING));
        scope.put("deliveries", deliveries.stream().map(d -> row(t, d, now)).toList());
        return scope;
    }

    /** A delivery's values as its row and its page show them. */
    private static Map<String, Object> row(Texts t, Delivery d, Instant now) {
        Map<String, Object> r = new HashMap<>();
        r.put("id", d.id());
        r.put("adapter", d.adapterId());
        r.put("source", d.sourceSystem());
        r.put("file", d.fileName());
        r.put("received", t.when(d.startedAt()));
        r.put("finished", t.when(d.finishedAt()));
        r.put("status", status(t, d, now));
        r.put("lines", t.number(d.lines()));
        r.put("accepted", t.number(d.accepted()));
        r.put("duplicates", t.number(d.duplicates()));
        r.put("hasQuarantined", d.quarantined() > 0);
        r.put("quarantined", t.number(d.quarantined()));
        r.put("skipped", t.number(d.skipped()));
        r.put("duration", duration(t, d.duration(now)));
        r.put("by", d.deliveredBy() == null ? "–" : d.deliveredBy());
        r.put("bytes", t.number(d.bytes()));
        r.put("counts", t.get("ops.counts", t.number(d.lines()), t.number(d.accepted()), t.number(d.duplicates()), t.number(d.quarantined()),
                t.number(d.skipped())));
        return r;
    }

    /** The status ({@code delivery-status.mustache}): its word, and for a running delivery its progress, rate and time left. */
    static Map<String, Object> status(Texts t, Delivery d, Instant now) {
        Map<String, Object> st = new HashMap<>();
        st.put("id", d.id());
        st.put("label", t.get("ops.status." + d.status().name()));
        st.put("code", d.status().name().toLowerCase(Locale.ROOT));
        boolean finished = d.status() != Delivery.Status.RUNNING && d.status() != Delivery.Status.INTERRUPTED;
        st.put("finished", finished);
        st.put("reason", d.reason());
        if (!finished) {
            st.put("percent", (int) Math.floor(d.progress() * 100));
            st.put("rate", d.linesPerSecond(now).isPresent() ? t.get("ops.rate", t.number(Math.round(d.linesPerSecond(now).getAsDouble()))) : "");
            st.put("left", d.timeLeft(now).map(l -> t.get("ops.left", duration(t, l))).orElse(""));
        }
        return st;
    }

    /** One delivery with its quarantined lines. */
    static Scope delivery(Texts t, String csrf, Delivery d, List<QuarantinedLine> lines, Instant now, String notice) {
        Map<String, Object> row = row(t, d, now);
        row.put("caption", t.get("ops.delivery.title", String.valueOf(d.id())));
        return new Scope(t).with("notice", notice).with("delivery", row).with("csrf", csrf).with("deliveryId", d.id())
                .with("resolvable", lines.stream().anyMatch(QuarantinedLine::open))
                .with("lines", lines.stream().map(q -> Scope.row("id", q.id(), "line", t.number(q.line()), "reason", q.reason(),
                        "state", q.open() ? t.get("ops.line.open") : t.get("ops.line.resolved", String.valueOf(q.resolvedBy())),
                        "openLabel", t.get("ops.open.label", t.number(q.line())), "mended", mended(q.id()))).toList());
    }

    /** Whether the reason given for reading this line is what the page is shown again for. */
    private static boolean mended(long line) {
        FormProblems.Shown p = FormProblems.CURRENT.get();
        return p != null && p.field().equals("reason") && String.valueOf(line).equals(p.posted().get("line"));
    }

    /** The adapters that run here and every configuration with its settings (secrets masked) and its last changes. */
    static Scope configuration(Texts t, List<dk.tidlig.core.operations.DeployedAdapter> adapters, List<ConfigurationView> configurations) {
        return new Scope(t)
                .with("adapters", adapters.stream().map(a -> Scope.row("id", a.id(), "source", a.sourceSystem(), "bundle", a.bundle() + " " + a.version(),
                        "inbox", a.inbox(), "encoding", a.encoding(), "interval", a.deliveryInterval() == null ? t.get("ops.interval.none")
                                : t.get("ops.interval", duration(t, a.deliveryInterval())))).toList())
                .with("configurations", configurations.stream().map(c -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("pid", c.pid());
                    m.put("name", c.name().equals(c.pid()) ? "" : c.name());
                    m.put("description", c.description());
                    m.put("file", c.file() == null ? null : t.get("config.file", c.file()));
                    m.put("settings", c.settings().stream().map(x -> {
                        Map<String, Object> setting = new HashMap<>();
                        setting.put("key", x.key());
                        setting.put("described", x.description() != null);
                        setting.put("name", x.name());
                        setting.put("description", x.description());
                        setting.put("secret", x.secret());
                        setting.put("value", x.secret() ? (x.value().isEmpty() ? t.get("config.secret.empty") : t.get("config.secret.set")) : x.value());
                        return setting;
                    }).toList());
                    List<String> changes = c.history().stream().limit(10).map(ch -> t.when(ch.at()) + ": " + ch.what() + " (" + ch.actor() + ")").toList();
                    m.put("hasChanges", !changes.isEmpty());
                    m.put("changes", changes);
                    return m;
                }).toList());
    }
}
