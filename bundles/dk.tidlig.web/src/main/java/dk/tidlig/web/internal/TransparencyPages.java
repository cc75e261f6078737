// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.core.transparency.Transparency;

/** The bodies of the model card, the data inventory and the access report pages. */
final class TransparencyPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Copenhagen"));

    private TransparencyPages() {
    }

    static Html modelCard(Texts t, ModelCard m) {
        List<Html> rows = new ArrayList<>();
        for (ModelCard.Rule r : m.rules()) {
            rows.add(Html.of("<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"note\">{}</td></tr>",
                    t.indicator(r.indicator()), t.number(r.points()), code(t, "model.basis.", r.basis()), r.maxCount() == 0 ? "" : r.maxCount(),
                    code(t, "provenance.", r.provenance()), r.note()));
        }
        Html legal = m.legalBasis() == null ? Html.of("<p class=\"error\">{}</p>", t.get("model.nolegal"))
                : Html.of("<p id=\"legal\">{}</p>", t.get("model.legal", m.legalBasis().id(), m.legalBasis().title(), m.legalBasis().reference(),
                        m.legalBasisInForce() ? t.get("yes") : t.get("no")));
        return Html.of("""
                <p>{}</p><p class="note">{}</p>
                <p id="flag">{}</p><p>{}</p>
                <table id="rules"><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>
                {}
                <p id="offers">{}</p>
                <p class="note">{}</p>
                <h2>{}</h2>""",
                m.title(), m.description(),
                t.get("model.flag", String.valueOf(m.minIndicators()), t.number(m.threshold()), code(t, "provenance.", m.thresholdProvenance())),
                t.get("model.window", String.valueOf(m.windowMonths()), code(t, "provenance.", m.windowProvenance()), String.valueOf(m.ageMin()),
                        String.valueOf(m.ageMax())),
                t.get("family.indicator"), t.get("model.points"), t.get("model.basis"), t.get("model.max"), t.get("model.provenance"), t.get("model.note"),
                rows, legal, m.offers() == null ? "" : m.offers().lottery()
                        ? t.get("model.offers.lottery", String.valueOf(m.offers().capacityPerMonth()), String.valueOf(m.offers().waitListMonths()))
                        : t.get("model.offers.ranked", String.valueOf(m.offers().capacityPerMonth())),
                t.get("model.digest", m.digest()), t.get("model.validation"));
    }

    /** A code of a fixed list in words; the code itself where the list has grown and the words have not. */
    static String code(Texts t, String prefix, Object code) {
        if (code == null) {
            return "";
        }
        try {
            return t.get(prefix + code);
        } catch (java.util.MissingResourceException e) {
            return code.toString();
        }
    }

    static Html inventory(Texts t, DataInventory inv) {
        List<Html> rows = new ArrayList<>();
        for (DataInventory.Source s : inv.sources()) {
            List<Html> categories = s.dataCategories().stream().sorted().map(c -> Html.of("<span class=\"badge\">{}{}</span>", label(t, c),
                    c.isSpecialCategory() ? " (" + t.get("inventory.special") + ")" : "")).toList();
            List<Html> indicators = s.indicators().stream().sorted().map(i -> Html.of("<span class=\"badge\">{}</span>", t.indicator(i))).toList();
            rows.add(Html.of("<tr><td>{}</td><td>{}<br><span class=\"note\">{}</span></td><td>{}</td><td>{}</td><td>{}</td></tr>", s.adapterId(),
                    s.sourceSystem(), s.title(), categories, indicators, s.purpose()));
        }
        List<Html> retention = inv.retention().stream().filter(r -> r.period() > 0).map(r -> Html.of("<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                t.get("inventory.retention." + r.data()), t.get("inventory.unit." + r.unit(), r.period()))).toList();
        return Html.of("""
                <p class="note">{}</p>
                <table id="inventory"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>
                <h2>{}</h2><p class="note">{}</p>
                <table id="retention"><tbody>{}</tbody></table>""", t.get("inventory.note"), t.get("inventory.adapter"), t.get("inventory.system"),
                t.get("inventory.categories"), t.get("worklist.indicators"), t.get("inventory.purpose"), rows, t.get("inventory.retention.title"),
                t.get("inventory.retention.note"), retention.isEmpty() ? List.of(Html.of("<tr><td>{}</td></tr>", t.get("inventory.noretention"))) : retention);
    }

    static Html accessForm(Texts t, String csrf) {
        List<Html> checks = java.util.Arrays.stream(dk.tidlig.core.transparency.Transparency.IdentityCheck.values())
                .map(c -> Html.of("<option value=\"{}\">{}</option>", c.name(), t.get("access.check." + c.name()))).toList();
        return Html.of("""
                <p class="note">{}</p>
                <form method="post" action="/app/access"><input type="hidden" name="csrf" value="{}">
                  <label>{} <input name="reference" id="reference" required maxlength="40"></label>
                  <label>{} <select name="identityCheck" id="identityCheck" required><option value=""></option>{}</select></label>
                  <label>{} <input name="cpr" id="cpr" required maxlength="11" autocomplete="off"></label>
                  <button type="submit" id="report" name="format" value="html">{}</button>
                  <button type="submit" id="report-pdf" name="format" value="pdf">{}</button></form>""", t.get("access.note"), csrf, t.get("access.reference"),
                t.get("access.check"), checks, t.get("access.cpr"), t.get("access.format.html"), t.get("access.format.pdf"));
    }

    /** The access reports that wait for a second person's review, with the button that records it. */
    static Html reviews(Texts t, String csrf, List<Transparency.RegisteredRequest> pending) {
        List<Html> rows = pending.stream().map(r -> Html.of("""
                <tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td><form method="post" action="/app/access/reviews">\
                <input type="hidden" name="csrf" value="{}"><input type="hidden" name="reference" value="{}">\
                <button type="submit" class="review">{}</button></form></td></tr>""", r.reference(), r.requestedBy(), TIME.format(r.requestedAt()),
                t.get("access.check." + r.identityCheck()), r.reports(), csrf, r.reference(), t.get("access.review.submit"))).toList();
        return Html.of("""
                <p class="note">{}</p>
                {}""", t.get("access.review.note"), rows.isEmpty() ? Html.of("<p id=\"no-reviews\">{}</p>", t.get("access.review.none")) : Html.of("""
                <table id="reviews"><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col" class="num">{}</th><th scope="col"></th></tr></thead><tbody>{}</tbody></table>""",
                t.get("access.reference"), t.get("access.review.by"), t.get("audit.at"), t.get("access.check"), t.get("access.review.reports"), rows));
    }

    private static String label(Texts t, DataCategory c) {
        return "en".equals(t.language()) ? c.englishLabel() : c.danishLabel();
    }
}
