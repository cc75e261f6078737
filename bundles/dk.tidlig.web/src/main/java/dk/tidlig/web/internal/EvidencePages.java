// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;

/**
 * The pages of the evidence: the evaluations and their reports, the models and their activation (administrators ask,
 * data protection officers decide), and the figures beside the model card.
 */
final class EvidencePages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private EvidencePages() {
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

    /** The list of evaluations, newest first, each with its report. */
    static Html evaluations(Texts t, List<EvidenceService.Stored> stored) {
        List<Html> rows = new ArrayList<>();
        for (EvidenceService.Stored s : stored) {
            Evaluation e = s.evaluation();
            rows.add(Html.of("""
                    <tr><td><a href="/app/evidence/{}">{}</a></td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td class="num">{}</td>\
                    <td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td><a href="/app/evidence/{}/report.pdf">PDF</a></td></tr>""",
                    s.id(), s.id(), WHEN.format(s.created()), e.model(), e.version(), e.asOf(), e.outcomeSource(), auc(e), e.listSize() + " / "
                            + e.families(), pct(e.precisionAtList()), outside(e), s.id()));
        }
        return Html.of("""
                <p class="note">{}</p>
                <table id="evaluations"><thead><tr><th scope="col">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">AUC</th><th scope="col" class="num">{}</th>\
                <th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col"></th></tr></thead><tbody>{}</tbody></table>""",
                t.get("evidence.note"), t.get("evidence.created"), t.get("evidence.model"), t.get("evidence.asOf"), t.get("evidence.source"),
                t.get("evidence.list"), t.get("evidence.precision"), t.get("evidence.outside"),
                rows.isEmpty() ? List.of(Html.of("<tr><td colspan=\"10\">{}</td></tr>", t.get("evidence.none"))) : rows);
    }

    /** The figures the model card shows: those of the evaluation the active version rests on. */
    static Html figures(Texts t, Optional<EvidenceService.Stored> stored) {
        if (stored.isEmpty()) {
            return Html.of("<p id=\"figures\" class=\"error\">{}</p>", t.get("model.noevaluation"));
        }
        Evaluation e = stored.get().evaluation();
        List<Html> groups = new ArrayList<>();
        for (Evaluation.GroupFigure g : e.groups()) {
            if (g.withinTolerance() == null) {
                continue;
            }
            groups.add(Html.of("<tr class=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                    + "<td class=\"num\">{}</td><td>{}</td></tr>", g.withinTolerance() ? "" : "outside", g.group(), g.value(), g.n(),
                    g.flagRate() == null ? "–" : pct(g.flagRate()), g.fpr() == null ? "–" : pct(g.fpr()),
                    g.fprRatio() == null ? "–" : String.format(Locale.ROOT, "%.2f", g.fprRatio()) + (g.fprRatioLow() == null ? ""
                            : String.format(Locale.ROOT, " (%.2f–%.2f)", g.fprRatioLow(), g.fprRatioHigh())), g.withinTolerance() ? t.get("yes") : t.get("no")));
        }
        return Html.of("""
                <div id="figures"><p>{}</p>
                <table id="headline"><caption>{}</caption><tbody>
                <tr><th scope="row">{}</th><td class="num">{}</td></tr><tr><th scope="row">{}</th><td class="num">{}</td></tr><tr><th scope="row">AUC</th><td class="num">{}</td></tr>
                <tr><th scope="row">{}</th><td class="num">{}</td></tr><tr><th scope="row">{}</th><td class="num">{}</td></tr><tr><th scope="row">{}</th><td class="num">{}</td></tr>
                <tr><th scope="row">{}</th><td class="num">{}</td></tr><tr><th scope="row">{}</th><td class="num">{}</td></tr></tbody></table>
                <table id="groups"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">{}</th><th scope="col" class="num">FPR</th>\
                <th scope="col" class="num">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>
                <p><a href="/app/evidence/{}">{}</a> · <a href="/app/evidence/{}/report.pdf">PDF</a></p></div>""",
                t.get("model.evaluated", String.valueOf(stored.get().id()), e.asOf().toString(), e.outcome()), t.get("evidence.headline"),
                t.get("evidence.children"), e.children(), t.get("evidence.baseRate"), pct(e.baseRate()), auc(e),
                t.get("evidence.list"), e.listSize() + " / " + e.families(), t.get("evidence.precision"), pct(e.precisionAtList()),
                t.get("evidence.recall"), pct(e.recallAtList()), t.get("evidence.atCapacity", String.valueOf(e.capacity())), pct(e.precisionAtCapacity()),
                t.get("evidence.per1000"), String.format(Locale.ROOT, "%.1f", e.flaggedPer1000Children()),
                t.get("evidence.groups"), t.get("evidence.group"), t.get("evidence.value"), t.get("evidence.children"), t.get("evidence.flagRate"),
                t.get("evidence.fprRatio"), t.get("evidence.within"), groups, stored.get().id(), t.get("evidence.report"), stored.get().id());
    }

    /** The model card's own texts (Mitchell et al.) and its activation. */
    static Html cardTexts(Texts t, ModelCard m) {
        List<Html> texts = new ArrayList<>();
        for (String field : dk.tidlig.core.scoring.PointModel.CARD_FIELDS) {
            String text = m.texts().get(field);
            if (text != null) {
                texts.add(Html.of("<h3>{}</h3><p id=\"card-{}\">{}</p>", t.get("model.card." + field), field, text));
            }
        }
        Html status = m.activation() != null
                ? Html.of("<p id=\"validation\">{}</p>{}", t.get("model.active", m.activation().version(), WHEN.format(m.activation().approvedAt()),
                        String.valueOf(m.activation().evaluationId())), m.activation().justification() == null ? Html.EMPTY
                                : Html.of("<p class=\"error\" id=\"justification\">{}</p>", t.get("model.justification", m.activation().justification())))
                : Html.of("<p id=\"validation\" class=\"error\">{}</p>", t.get("model.notactive", m.notActive()));
        return Html.of("{}{}{}", status, m.training() == null ? Html.EMPTY : Html.of("<p>{}</p>", t.get("model.training", m.training())), texts);
    }

    /** The models page: the configured models with their check, and the activations with what each role may do. */
    static Html models(Texts t, String csrf, List<ModelActivation.Check> checks, List<ModelActivation.Activation> activations, boolean administrator,
            boolean officer, String user) {
        List<Html> models = new ArrayList<>();
        for (ModelActivation.Check c : checks) {
            Html evaluation = c.evaluation().map(s -> Html.of("<a href=\"/app/evidence/{}\">{}</a> ({}, AUC {})", s.id(), s.id(),
                    s.evaluation().asOf(), auc(s.evaluation()))).orElse(Html.of("{}", t.get("models.noevaluation")));
            Html shortfalls = c.shortfalls().isEmpty() ? Html.of("<span class=\"badge\">{}</span>", t.get("models.meets"))
                    : Html.of("<ul class=\"shortfalls\">{}</ul>", c.shortfalls().stream().map(s -> Html.of("<li>{}</li>", s)).toList());
            Html ask = !administrator || c.evaluation().isEmpty() ? Html.EMPTY : Html.of("""
                    <form method="post" action="/app/models/request" class="request"><input type="hidden" name="csrf" value="{}">\
                    <input type="hidden" name="model" value="{}"><label>{} <textarea name="justification" rows="3" cols="60"></textarea></label>\
                    <button type="submit" id="request-{}">{}</button></form>""", csrf, c.modelId(), t.get("models.justification"), c.modelId(),
                    t.get("models.request"));
            models.add(Html.of("<tr><td>{} {}<br><span class=\"note\">{}</span></td><td>{}</td><td>{}{}</td></tr>", c.modelId(), c.version(),
                    c.digest().substring(0, 16) + "…", evaluation, shortfalls, ask));
        }
        List<Html> rows = new ArrayList<>();
        for (ModelActivation.Activation a : activations) {
            Html actions = Html.EMPTY;
            if (a.state() == ModelActivation.State.REQUESTED && officer && !a.requestedBy().equalsIgnoreCase(user)) {
                actions = Html.of("""
                        <form method="post" action="/app/models/{}/approve" class="decide"><input type="hidden" name="csrf" value="{}">\
                        <button type="submit" id="approve-{}">{}</button></form>\
                        <form method="post" action="/app/models/{}/refuse" class="decide"><input type="hidden" name="csrf" value="{}">\
                        <input type="text" name="reason" size="30" aria-label="{}"><button type="submit" id="refuse-{}">{}</button></form>""",
                        a.id(), csrf, a.id(), t.get("models.approve"), a.id(), csrf, t.get("models.reason"), a.id(), t.get("models.refuse"));
            } else if (a.state() == ModelActivation.State.REQUESTED && administrator && a.requestedBy().equalsIgnoreCase(user)) {
                actions = Html.of("<form method=\"post\" action=\"/app/models/{}/withdraw\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">"
                        + "<button type=\"submit\" id=\"withdraw-{}\">{}</button></form>", a.id(), csrf, a.id(), t.get("models.withdraw"));
            }
            rows.add(Html.of("<tr id=\"activation-{}\"><td>{}</td><td>{} {}</td><td><a href=\"/app/evidence/{}\">{}</a></td><td>{}</td><td>{}</td>"
                    + "<td class=\"state\">{}</td><td class=\"note\">{}</td><td>{}</td></tr>", a.id(), a.id(), a.modelId(), a.modelVersion(),
                    a.evaluationId(), a.evaluationId(), a.requestedBy() + ", " + WHEN.format(a.requestedAt()),
                    a.decidedBy() == null ? "" : a.decidedBy() + ", " + WHEN.format(a.decidedAt()), t.get("models.state." + a.state().name()),
                    a.justification() == null ? "" : a.justification(), actions));
        }
        return Html.of("""
                <p class="note">{}</p>
                <table id="models"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>
                <h2>{}</h2>
                <table id="activations"><thead><tr><th scope="col">#</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col"></th></tr></thead>\
                <tbody>{}</tbody></table>""",
                t.get("models.note"), t.get("evidence.model"), t.get("models.evaluation"), t.get("models.check"), models,
                t.get("models.activations"), t.get("evidence.model"), t.get("models.evaluation"), t.get("models.requested"), t.get("models.decided"),
                t.get("models.state"), t.get("models.justification.short"), rows);
    }
}
