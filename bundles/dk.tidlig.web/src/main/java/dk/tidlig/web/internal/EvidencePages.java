// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.core.transparency.Statistics;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages of the evidence: the model card with the figures of its evaluation and the distribution of points, the
 * statistics of the latest run, the evaluations and their reports, and the models with their activation (administrators
 * ask, data protection officers decide, auditors read). Templates {@code model}, {@code figures}, {@code statistics},
 * {@code evaluations} and {@code models}. Counts and pseudonymous figures only.
 */
final class EvidencePages {

    private static final Pattern REPORT = Pattern.compile("/evidence/(\\d{1,18})(/report\\.pdf)?");
    private static final Pattern DECISION = Pattern.compile("/models/(\\d{1,18})/(approve|refuse|withdraw)");

    private final Pages pages;
    private final EvidenceService evidence;
    /**
     * An evaluation's charts, drawn once (JFreeChart takes about 20 ms for the four) rather than on every view of the
     * statistics; an evaluation never changes, and the tolerance band drawn in them is read again after ten minutes.
     */
    private final com.github.benmanes.caffeine.cache.Cache<Long, List<EvidenceService.Chart>> charts = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().maximumSize(16).expireAfterWrite(java.time.Duration.ofMinutes(10)).build();
    private final ModelActivation activation;
    private final Transparency transparency;
    private final Statistics statistics;
    private final AuditTrail audit;

    EvidencePages(Pages pages, EvidenceService evidence, ModelActivation activation, Transparency transparency, Statistics statistics,
            AuditTrail audit) {
        this.pages = pages;
        this.evidence = evidence;
        this.activation = activation;
        this.transparency = transparency;
        this.statistics = statistics;
        this.audit = audit;
    }

    /** Answers the request if it is one of this area's, and says whether it was. */
    boolean route(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Actor actor = s.actor();
        if (path.equals("/model") && !post) {
            ModelCard card = transparency.modelCard(actor.tenant());
            Scope scope = new Scope(t).with("card", card(t, card)).with("figures", figures(t, figuresOf(actor, card)))
                    .with("distribution", Templates.render("statistics", Overviews.statistics(t, statistics.distribution(actor), null)));
            pages.page(resp, s, t, 200, t.get("model.title", card.id(), card.version()), Templates.render("model", scope));
            return true;
        }
        if (path.equals("/statistics") && !post) {
            if (actor.role() == Role.OUTREACH_WORKER) {
                throw audit.refuse(actor, "statistics", "statistics are for analysts, team leads, auditors and administrators");
            }
            ModelCard card = transparency.modelCard(actor.tenant());
            Optional<EvidenceService.Stored> figures = figuresOf(actor, card);
            Map<String, Object> m = Overviews.statistics(t, statistics.distribution(actor), figures);
            // the evaluation's own charts, as its report draws them, here on the page
            m.put("charts", figures.map(f -> charts.get(f.id(), id -> evidence.charts(f.evaluation())).stream().map(c -> Scope.row("id", c.id(), "svg", Html.trusted(c.svg()),
                    "caption", t.get("statistics.chart." + c.id()))).toList()).orElse(null));
            pages.page(resp, s, t, 200, t.get("statistics.title"), Templates.render("statistics", m));
            return true;
        }
        if (path.startsWith("/evidence") && !post) {
            evaluation(path, resp, s, t);
            return true;
        }
        if (path.startsWith("/models")) {
            models(path, post, req, resp, s, t);
            return true;
        }
        return false;
    }

    /** The evaluations, a report (HTML or PDF), or the reports' style sheet. */
    private void evaluation(String path, HttpServletResponse resp, Session s, Texts t) throws IOException {
        String tenant = s.actor().tenant();
        if (path.equals("/evidence") || path.equals("/evidence/")) {
            pages.page(resp, s, t, 200, t.get("evidence.title"), Templates.render("evaluations", new Scope(t).with("evaluations",
                    evidence.evaluations(tenant, 100).stream().map(x -> Scope.row("id", x.id(), "created", t.when(x.created()),
                            "model", x.evaluation().model() + " " + x.evaluation().version(), "asOf", t.date(x.evaluation().asOf()),
                            "source", x.evaluation().outcomeSource(), "auc", auc(x.evaluation()), "list", t.number(x.evaluation().listSize()) + " / "
                                    + t.number(x.evaluation().families()), "precision", pct(x.evaluation().precisionAtList()),
                            "outside", outside(x.evaluation()), "pdfLabel", t.get("evidence.pdf", String.valueOf(x.id())))).toList())));
            return;
        }
        if (path.equals("/evidence/report.css")) {
            resp.setHeader("Cache-Control", "max-age=3600");
            resp.setContentType("text/css;charset=UTF-8");
            resp.getWriter().write(evidence.reportStyleSheet());
            return;
        }
        Matcher m = REPORT.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such page");
        }
        boolean pdf = m.group(2) != null;
        java.nio.file.Path file = evidence.reportFile(tenant, Long.parseLong(m.group(1)), pdf ? "report.pdf" : "report.html")
                .orElseThrow(() -> new NotFoundException("no such report"));
        resp.setContentType(pdf ? "application/pdf" : "text/html;charset=UTF-8");
        if (pdf) {
            resp.setHeader("Content-Disposition", "attachment; filename=\"evaluation-" + m.group(1) + ".pdf\"");
        }
        Files.copy(file, resp.getOutputStream());
    }

    /** The models and their activation; each request or decision a POST answered 303 with the page and its notice. */
    private void models(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Actor actor = s.actor();
        boolean administrator = actor.role() == Role.ADMINISTRATOR;
        boolean officer = actor.role() == Role.DATA_PROTECTION_OFFICER;
        if (!administrator && !officer && actor.role() != Role.AUDITOR) {
            throw audit.refuse(actor, "the models page", "the models page is for administrators, data protection officers and auditors");
        }
        if (post) {
            Matcher m = DECISION.matcher(path);
            if (path.equals("/models/request")) {
                var row = activation.request(actor, req.getParameter("model"), req.getParameter("justification"));
                Pages.seeOther(resp, "/app/models?requested=" + row.id());
            } else if (m.matches()) {
                long id = Long.parseLong(m.group(1));
                var row = switch (m.group(2)) {
                    case "approve" -> activation.approve(actor, id);
                    case "refuse" -> activation.refuse(actor, id, req.getParameter("reason"));
                    default -> activation.withdraw(actor, id);
                };
                Pages.seeOther(resp, "/app/models?decided=" + row.id());
            } else {
                throw new NotFoundException("no such page");
            }
            return;
        }
        if (!path.equals("/models") && !path.equals("/models/")) {
            throw new NotFoundException("no such page");
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (String id : evidence.models()) {
            ModelActivation.Check c = activation.check(actor.tenant(), id);
            models.add(Scope.row("model", c.modelId(), "version", c.version(), "digest", c.digest().substring(0, 16) + "…",
                    "evaluation", c.evaluation().map(x -> Scope.row("id", x.id(), "asOf", t.date(x.evaluation().asOf()), "auc", auc(x.evaluation())))
                            .orElse(null),
                    "meets", c.shortfalls().isEmpty(), "shortfalls", c.shortfalls(), "mayRequest", administrator && c.evaluation().isPresent(),
                    "mended", mended(c.modelId())));
        }
        List<ModelActivation.Activation> rows = activation.activations(actor.tenant(), 50);
        // after a request or a decision (post-redirect-get): what the one named in the address is now
        String notice = null;
        String requested = req.getParameter("requested");
        String decided = req.getParameter("decided");
        String named = requested != null ? requested : decided;
        if (named != null && named.matches("\\d{1,18}")) {
            long id = Long.parseLong(named);
            notice = rows.stream().filter(a -> a.id() == id).findFirst().map(a -> requested != null
                    ? t.get("models.requested.done", String.valueOf(id))
                    : t.get("models.decided.done", String.valueOf(id), t.get("models.state." + a.state().name()))).orElse(null);
        }
        List<Map<String, Object>> activations = rows.stream().map(a -> Scope.row("id", a.id(),
                "model", a.modelId() + " " + a.modelVersion(), "evaluation", a.evaluationId(), "requested", a.requestedBy() + ", " + t.when(a.requestedAt()),
                "decided", a.decidedBy() == null ? "" : a.decidedBy() + ", " + t.when(a.decidedAt()), "state", t.get("models.state." + a.state().name()),
                "justification", a.justification() == null ? "" : a.justification(),
                "mayDecide", a.state() == ModelActivation.State.REQUESTED && officer && !a.requestedBy().equalsIgnoreCase(actor.user()),
                "mayWithdraw", a.state() == ModelActivation.State.REQUESTED && administrator && a.requestedBy().equalsIgnoreCase(actor.user()))).toList();
        pages.page(resp, s, t, 200, t.get("models.title"), Templates.render("models", new Scope(t).with("notice", notice).with("csrf", s.csrf())
                .with("models", models).with("activations", activations)));
    }

    /** Whether this model's request form is the one shown again to be mended. */
    private static boolean mended(String model) {
        FormProblems.Shown p = FormProblems.CURRENT.get();
        return p != null && p.field().equals("justification") && model.equals(p.posted().get("model"));
    }

    /** The evaluation behind the model card: the activation's, or the latest of the same version. */
    private Optional<EvidenceService.Stored> figuresOf(Actor actor, ModelCard card) {
        return card.activation() != null ? evidence.evaluation(actor.tenant(), card.activation().evaluationId())
                : evidence.evaluations(actor.tenant(), 200).stream().filter(e -> e.evaluation().digest().equals(card.digest())).findFirst();
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    static String auc(Evaluation e) {
        return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", e.auc(), e.aucLow(), e.aucHigh());
    }

    static long outside(Evaluation e) {
        return e.groups().stream().filter(g -> Boolean.FALSE.equals(g.withinTolerance())).count();
    }

    /** The model card ({@code model.mustache}): the rules in words, the flag, the legal basis, the activation and the card's texts. */
    static Map<String, Object> card(Texts t, ModelCard m) {
        List<Map<String, Object>> rules = m.rules().stream().map(r -> Scope.row("indicator", t.indicator(r.indicator()), "points", t.number(r.points()),
                "basis", TransparencyPages.code(t, "model.basis.", r.basis()), "max", r.maxCount() == 0 ? "" : String.valueOf(r.maxCount()),
                "provenance", TransparencyPages.code(t, "provenance.", r.provenance()), "note", r.note())).toList();
        List<Map<String, Object>> texts = new ArrayList<>();
        for (String field : dk.tidlig.core.scoring.PointModel.CARD_FIELDS) {
            String text = m.texts().get(field);
            if (text != null) {
                texts.add(Scope.row("heading", t.get("model.card." + field), "field", field, "text", text));
            }
        }
        return Scope.row("title", m.title(), "description", m.description(),
                "flag", t.get("model.flag", String.valueOf(m.minIndicators()), t.number(m.threshold()), TransparencyPages.code(t, "provenance.",
                        m.thresholdProvenance())),
                "window", t.get("model.window", String.valueOf(m.windowMonths()), TransparencyPages.code(t, "provenance.", m.windowProvenance()),
                        String.valueOf(m.ageMin()), String.valueOf(m.ageMax())),
                "rules", rules,
                "legal", m.legalBasis() == null ? null : t.get("model.legal", m.legalBasis().id(), m.legalBasis().title(), m.legalBasis().reference(),
                        m.legalBasisInForce() ? t.get("yes") : t.get("no")),
                "offers", m.offers() == null ? "" : m.offers().lottery()
                        ? t.get("model.offers.lottery", String.valueOf(m.offers().capacityPerMonth()), String.valueOf(m.offers().waitListMonths()))
                        : t.get("model.offers.ranked", String.valueOf(m.offers().capacityPerMonth())),
                "digest", t.get("model.digest", m.digest()),
                "active", m.activation() == null ? null : t.get("model.active", m.activation().version(), t.when(m.activation().approvedAt()),
                        String.valueOf(m.activation().evaluationId())),
                "justification", m.activation() == null || m.activation().justification() == null ? null
                        : t.get("model.justification", m.activation().justification()),
                "notActive", m.activation() == null ? t.get("model.notactive", m.notActive()) : null,
                "training", m.training() == null ? null : t.get("model.training", m.training()),
                "texts", texts);
    }

    /** The figures of an evaluation ({@code figures.mustache}): the headline and each group's; null when there is none. */
    static Map<String, Object> figures(Texts t, Optional<EvidenceService.Stored> stored) {
        if (stored.isEmpty()) {
            return null;
        }
        Evaluation e = stored.get().evaluation();
        List<Map<String, Object>> headline = List.of(
                Scope.row("name", t.get("evidence.children"), "value", t.number(e.children())),
                Scope.row("name", t.get("evidence.baseRate"), "value", pct(e.baseRate())),
                Scope.row("name", "AUC", "value", auc(e)),
                Scope.row("name", t.get("evidence.list"), "value", t.number(e.listSize()) + " / " + t.number(e.families())),
                Scope.row("name", t.get("evidence.precision"), "value", pct(e.precisionAtList())),
                Scope.row("name", t.get("evidence.recall"), "value", pct(e.recallAtList())),
                Scope.row("name", t.get("evidence.atCapacity", String.valueOf(e.capacity())), "value", pct(e.precisionAtCapacity())),
                Scope.row("name", t.get("evidence.per1000"), "value", String.format(t.locale(), "%.1f", e.flaggedPer1000Children())));
        List<Map<String, Object>> groups = e.groups().stream().filter(g -> g.withinTolerance() != null).map(g -> Scope.row("within",
                g.withinTolerance(), "group", g.group(), "value", g.value(), "n", t.number(g.n()), "flagRate", g.flagRate() == null ? "–" : pct(g.flagRate()),
                "fpr", g.fpr() == null ? "–" : pct(g.fpr()), "ratio", g.fprRatio() == null ? "–" : String.format(Locale.ROOT, "%.2f", g.fprRatio())
                        + (g.fprRatioLow() == null ? "" : String.format(Locale.ROOT, " (%.2f–%.2f)", g.fprRatioLow(), g.fprRatioHigh())),
                "withinText", g.withinTolerance() ? t.get("yes") : t.get("no"))).toList();
        return Scope.row("id", stored.get().id(), "evaluated", t.get("model.evaluated", String.valueOf(stored.get().id()), t.date(e.asOf()), e.outcome()),
                "headline", headline, "groups", groups);
    }
}
