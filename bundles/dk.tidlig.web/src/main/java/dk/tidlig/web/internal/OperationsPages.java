// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dk.tidlig.core.operations.ConfigurationView;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.DeployedAdapter;
import dk.tidlig.core.operations.QuarantinedLine;
import dk.tidlig.core.operations.SourceFreshness;

/**
 * The operator's console (administrators): each source's freshness, the deliveries with their progress and counts, a
 * delivery's quarantined lines with their reasons, and a quarantined line's content, opened with a stated reason.
 */
final class OperationsPages {


    private OperationsPages() {
    }

    /** A count with the language's thousands separator (1.234 in Danish). */
    static String count(Texts t, long n) {
        return t.number(n);
    }

    /** A moment as people read it: "4. december 2026 13.05" in Danish, "4 December 2026 13:05" in English. */
    static String when(Texts t, Instant at) {
        return t.when(at);
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

    /** Warnings for the sources that are overdue; empty when none is. */
    static Html overdue(Texts t, List<SourceFreshness> sources, Instant now) {
        List<Html> late = new ArrayList<>();
        for (SourceFreshness f : sources) {
            if (f.overdue(now)) {
                late.add(Html.of("<li>{}</li>", f.lastCompleted() == null
                        ? t.get("ops.overdue.never", f.sourceSystem(), f.adapterId(), duration(t, f.interval()))
                        : t.get("ops.overdue", f.sourceSystem(), f.adapterId(), duration(t, Duration.between(f.lastCompleted(), now)),
                                duration(t, f.interval()))));
            }
        }
        return late.isEmpty() ? Html.EMPTY : Html.of("<div class=\"error\" id=\"overdue\"><strong>{}</strong><ul>{}</ul></div>", t.get("ops.overdue.title"), late);
    }

    /** The sources and the deliveries, newest first. */
    static Html deliveries(Texts t, List<SourceFreshness> sources, List<Delivery> deliveries, String adapter, Instant now) {
        List<Html> sourceRows = new ArrayList<>();
        for (SourceFreshness f : sources) {
            sourceRows.add(Html.of("<tr class=\"{}\"><td><a href=\"/app/deliveries?adapter={}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    f.overdue(now) ? "late" : "", f.adapterId(), f.adapterId(), f.sourceSystem(),
                    f.interval() == null ? t.get("ops.interval.none") : t.get("ops.interval", duration(t, f.interval())), when(t, f.lastCompleted()),
                    f.interval() == null ? "" : f.overdue(now) ? t.get("ops.state.overdue") : t.get("ops.state.ok")));
        }
        List<Html> rows = new ArrayList<>();
        for (Delivery d : deliveries) {
            rows.add(row(t, d, now));
        }
        boolean running = deliveries.stream().anyMatch(d -> d.status() == Delivery.Status.RUNNING);
        return Html.of("""
                {}
                <h2>{}</h2>
                <table id="sources"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col"></th></tr></thead><tbody>{}</tbody></table>
                <h2>{}</h2>{}
                <table id="deliveries"><thead><tr><th scope="col" class="num">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th>\
                <th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>
                <tbody>{}</tbody></table>
                <p class="note">{}</p>""",
                overdue(t, sources, now), t.get("ops.sources"), t.get("ops.adapter"), t.get("ops.source"), t.get("ops.interval.title"),
                t.get("ops.last"), sourceRows.isEmpty() ? List.of(Html.of("<tr><td colspan=\"5\">{}</td></tr>", t.get("ops.sources.none"))) : sourceRows,
                adapter == null ? t.get("ops.deliveries") : t.get("ops.deliveries.of", adapter),
                running ? Html.of("<p class=\"note\" id=\"running\">{} <a href=\"\">{}</a></p>", t.get("ops.running"), t.get("ops.refresh")) : Html.EMPTY,
                t.get("ops.adapter"), t.get("ops.file"), t.get("ops.received"), t.get("ops.status"), t.get("ops.lines"), t.get("ops.accepted"),
                t.get("ops.duplicates"), t.get("ops.quarantined"), t.get("ops.skipped"), t.get("ops.duration"), t.get("ops.by"),
                rows.isEmpty() ? List.of(Html.of("<tr><td colspan=\"12\">{}</td></tr>", t.get("ops.deliveries.none"))) : rows, t.get("ops.note"));
    }

    private static Html row(Texts t, Delivery d, Instant now) {
        return Html.of("""
                <tr id="delivery-{}"><td class="num"><a href="/app/deliveries/{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                <td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td></tr>""",
                d.id(), d.id(), d.id(), d.adapterId(), d.fileName(), when(t, d.startedAt()), status(t, d, now), count(t, d.lines()), count(t, d.accepted()),
                count(t, d.duplicates()), d.quarantined() == 0 ? "0" : Html.of("<a href=\"/app/deliveries/{}#quarantine\">{}</a>", d.id(),
                        count(t, d.quarantined())), count(t, d.skipped()), duration(t, d.duration(now)), d.deliveredBy() == null ? "–" : d.deliveredBy());
    }

    /** The status, and for a running delivery a progress bar with its rate and the time left. */
    static Html status(Texts t, Delivery d, Instant now) {
        String label = t.get("ops.status." + d.status().name());
        if (d.status() != Delivery.Status.RUNNING && d.status() != Delivery.Status.INTERRUPTED) {
            return d.reason() == null ? Html.of("<span class=\"status-{}\">{}</span>", d.status().name().toLowerCase(Locale.ROOT), label)
                    : Html.of("<span class=\"status-{}\">{}</span>: {}", d.status().name().toLowerCase(Locale.ROOT), label, d.reason());
        }
        int percent = (int) Math.floor(d.progress() * 100);
        String rate = d.linesPerSecond(now).isPresent() ? t.get("ops.rate", count(t, Math.round(d.linesPerSecond(now).getAsDouble()))) : "";
        String left = d.timeLeft(now).map(l -> t.get("ops.left", duration(t, l))).orElse("");
        return Html.of("{}<br><progress max=\"100\" value=\"{}\" id=\"progress-{}\">{} %</progress> {} % <span class=\"note\">{} {}</span>",
                label, percent, d.id(), percent, percent, rate, left);
    }

    /** One delivery with its quarantined lines. */
    static Html delivery(Texts t, String csrf, Delivery d, List<QuarantinedLine> lines, Instant now, String notice) {
        List<Html> rows = new ArrayList<>();
        for (QuarantinedLine q : lines) {
            rows.add(Html.of("""
                    <tr id="line-{}"><td class="num">{}</td><td>{}</td><td>{}</td><td><form method="post" action="/app/deliveries/{}/open" class="inline">\
                    <input type="hidden" name="csrf" value="{}"><input type="hidden" name="line" value="{}">\
                    <input name="reason" required minlength="3" maxlength="200" placeholder="{}" aria-label="{}"> <button type="submit">{}</button></form></td></tr>""",
                    q.id(), count(t, q.line()), q.reason(), q.open() ? t.get("ops.line.open") : t.get("ops.line.resolved", String.valueOf(q.resolvedBy())), d.id(), csrf,
                    q.id(), t.get("ops.open.reason"), t.get("ops.open.reason"), t.get("ops.open")));
        }
        boolean open = lines.stream().anyMatch(QuarantinedLine::open);
        Html resolve = !open ? Html.EMPTY : Html.of("""
                <form method="post" action="/app/deliveries/{}/resolve" id="resolve"><input type="hidden" name="csrf" value="{}">
                <label>{} <input name="by" required pattern="[0-9]{1,18}" size="8"></label> <button type="submit">{}</button></form>
                <p class="note">{}</p>""", d.id(), csrf, t.get("ops.resolve.by"), t.get("ops.resolve"), t.get("ops.resolve.note"));
        return Html.of("""
                {}
                <table id="delivery"><tbody>
                <tr><th scope="row">{}</th><td>{}</td></tr><tr><th scope="row">{}</th><td>{} ({})</td></tr><tr><th scope="row">{}</th><td>{}</td></tr>
                <tr><th scope="row">{}</th><td>{}</td></tr><tr><th scope="row">{}</th><td>{}</td></tr><tr><th scope="row">{}</th><td>{}</td></tr>
                <tr><th scope="row">{}</th><td>{}</td></tr><tr><th scope="row">{}</th><td id="counts">{}</td></tr><tr><th scope="row">{}</th><td>{}</td></tr>
                </tbody></table>
                <h2 id="quarantine">{}</h2>
                <table id="quarantined"><thead><tr><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col"></th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>
                {}
                <p><a href="/app/deliveries">{}</a></p>""",
                notice == null ? Html.EMPTY : Html.of("<p class=\"notice\" id=\"done\">{}</p>", notice),
                t.get("ops.file"), d.fileName(), t.get("ops.adapter"), d.adapterId(), d.sourceSystem(), t.get("ops.status"), status(t, d, now),
                t.get("ops.received"), when(t, d.startedAt()), t.get("ops.finished"), when(t, d.finishedAt()), t.get("ops.duration"), duration(t, d.duration(now)),
                t.get("ops.by"), d.deliveredBy() == null ? "–" : d.deliveredBy(), t.get("ops.lines"),
                t.get("ops.counts", count(t, d.lines()), count(t, d.accepted()), count(t, d.duplicates()), count(t, d.quarantined()), count(t, d.skipped())),
                t.get("ops.size"), count(t, d.bytes()),
                t.get("ops.quarantine"), t.get("ops.line"), t.get("ops.reason"), t.get("ops.open.title"),
                rows.isEmpty() ? List.of(Html.of("<tr><td colspan=\"4\">{}</td></tr>", t.get("ops.quarantine.none"))) : rows, resolve, t.get("ops.back"));
    }

    /** A quarantined line's content, opened for the administrator: the reading is in the audit trail. */
    static Html content(Texts t, Delivery d, QuarantinedLine q, String content) {
        return Html.of("""
                <p class="note">{}</p>
                <table><tbody><tr><th scope="row">{}</th><td>{}</td></tr><tr><th scope="row">{}</th><td>{}</td></tr><tr><th scope="row">{}</th><td>{}</td></tr></tbody></table>
                <pre class="identity" id="content">{}</pre>
                <p><a href="/app/deliveries/{}">{}</a></p>""",
                t.get("ops.content.note"), t.get("ops.file"), d.fileName(), t.get("ops.line"), count(t, q.line()), t.get("ops.reason"), q.reason(),
                content, d.id(), t.get("ops.back"));
    }

    /** The adapters that run here and every configuration with its settings (secrets masked) and its history of changes. */
    static Html configuration(Texts t, List<DeployedAdapter> adapters, List<ConfigurationView> configurations) {
        List<Html> adapterRows = new ArrayList<>();
        for (DeployedAdapter a : adapters) {
            adapterRows.add(Html.of("<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>", a.id(), a.sourceSystem(), a.bundle(),
                    a.version(), a.inbox(), a.encoding(), a.deliveryInterval() == null ? t.get("ops.interval.none") : t.get("ops.interval",
                            duration(t, a.deliveryInterval()))));
        }
        List<Html> sections = new ArrayList<>();
        for (ConfigurationView c : configurations) {
            List<Html> rows = new ArrayList<>();
            for (ConfigurationView.Setting s : c.settings()) {
                rows.add(Html.of("<tr><td><code>{}</code></td><td>{}</td><td class=\"{}\">{}</td></tr>", s.key(),
                        s.description() == null ? Html.EMPTY : Html.of("{}<br><span class=\"note\">{}</span>", s.name(), s.description()),
                        s.secret() ? "secret" : "", s.secret() ? (s.value().isEmpty() ? t.get("config.secret.empty") : t.get("config.secret.set")) : s.value()));
            }
            List<Html> changes = new ArrayList<>();
            for (ConfigurationView.Change ch : c.history().stream().limit(10).toList()) {
                changes.add(Html.of("<li>{}: {} ({})</li>", when(t, ch.at()), ch.what(), ch.actor()));
            }
            sections.add(Html.of("""
                    <section class="config" id="config-{}"><h3>{} <code>{}</code></h3>{}{}
                    <table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>{}</section>""",
                    c.pid(), c.name().equals(c.pid()) ? "" : c.name(), c.pid(),
                    c.description() == null ? Html.EMPTY : Html.of("<p class=\"note\">{}</p>", c.description()),
                    c.file() == null ? Html.EMPTY : Html.of("<p class=\"note\">{}</p>", t.get("config.file", c.file())),
                    t.get("config.key"), t.get("config.meaning"), t.get("config.value"), rows,
                    changes.isEmpty() ? Html.EMPTY : Html.of("<p>{}</p><ul class=\"history\">{}</ul>", t.get("config.history"), changes)));
        }
        return Html.of("""
                <p class="note">{}</p>
                <h2>{}</h2>
                <table id="adapters"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>
                <h2>{}</h2>{}""",
                t.get("config.note"), t.get("config.adapters"), t.get("ops.adapter"), t.get("ops.source"), t.get("config.bundle"), t.get("config.inbox"),
                t.get("config.encoding"), t.get("ops.interval.title"),
                adapterRows.isEmpty() ? List.of(Html.of("<tr><td colspan=\"6\">{}</td></tr>", t.get("ops.sources.none"))) : adapterRows,
                t.get("config.title"), sections);
    }
}
