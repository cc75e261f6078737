// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.evidence.Documents;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the municipality shows about itself and to a citizen: the data inventory, the citizen's access report (the data
 * protection officer's letter, as a page or a PDF) and the second person's review of each report. Templates
 * {@code inventory}, {@code access-form}, {@code access-letter} and {@code access-reviews}.
 */
final class TransparencyPages {

    private final Pages pages;
    private final Transparency transparency;
    private final Documents documents;
    private final AuditTrail audit;

    TransparencyPages(Pages pages, Transparency transparency, Documents documents, AuditTrail audit) {
        this.pages = pages;
        this.transparency = transparency;
        this.documents = documents;
        this.audit = audit;
    }

    /** Answers the request if it is one of this area's, and says whether it was. */
    boolean route(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException,
            LegalBasisException {
        Actor actor = s.actor();
        switch (path) {
            case "/inventory" -> {
                if (post) {
                    return false;
                }
                pages.page(resp, s, t, 200, t.get("inventory.title"), Templates.render("inventory", inventory(t, transparency.dataInventory())));
            }
            case "/access" -> {
                if (!actor.role().mayProduceAccessReports()) {
                    throw audit.refuse(actor, "access report", "only the data protection officer produces access reports");
                }
                if (post) {
                    accessReport(req, resp, actor, t);
                } else {
                    pages.page(resp, s, t, 200, t.get("access.title"), Templates.render("access-form", new Scope(t).with("csrf", s.csrf())
                            .with("checks", Arrays.stream(Transparency.IdentityCheck.values()).map(c -> Scope.row("value", c.name(), "text",
                                    t.get("access.check." + c.name()))).toList())));
                }
            }
            case "/access/reviews" -> {
                if (post) {
                    String reference = req.getParameter("reference");
                    transparency.review(actor, reference);
                    Pages.seeOther(resp, "/app/access/reviews?reviewed=" + java.net.URLEncoder.encode(reference, java.nio.charset.StandardCharsets.UTF_8));
                    return true;
                }
                // after a review (post-redirect-get): said only when this user's latest review is of that reference, so that a
                // link cannot show a review that did not happen
                String reviewed = req.getParameter("reviewed");
                String notice = reviewed != null && audit.find(actor.tenant(), dk.tidlig.core.audit.AuditTrail.Action.ACCESS_REPORT_REVIEW, actor.user(),
                        java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)), null, 1).stream()
                        .anyMatch(e -> e.detail().equals("reference: " + reviewed.strip() + " reviewed")) ? t.get("access.review.done", reviewed) : null;
                List<Transparency.RegisteredRequest> pending = transparency.pendingReviews(actor);
                pages.page(resp, s, t, 200, t.get("access.review.title"), Templates.render("access-reviews", new Scope(t).with("notice", notice)
                        .with("csrf", s.csrf()).with("pending", !pending.isEmpty()).with("requests", pending.stream().map(r -> Scope.row(
                                "reference", r.reference(), "by", r.requestedBy(), "at", t.when(r.requestedAt()), "check",
                                t.get("access.check." + r.identityCheck()), "reports", t.number(r.reports()),
                                "label", t.get("access.review.label", r.reference()))).toList())));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The letter to the citizen, as a page to print or as a PDF; never cached. */
    private void accessReport(HttpServletRequest req, HttpServletResponse resp, Actor actor, Texts t) throws IOException, LegalBasisException {
        AccessReport report = transparency.accessReport(actor, new Transparency.AccessRequest(req.getParameter("cpr"), req.getParameter("reference"),
                identityCheck(req.getParameter("identityCheck"))));
        Map<String, Object> letter = AccessLetter.model(report, null);
        resp.setHeader("Cache-Control", "no-store");
        if ("pdf".equals(req.getParameter("format"))) {
            letter.put("css", Pages.letterCss());
            byte[] pdf = documents.pdf(Templates.render("access-letter", letter).toString());
            resp.setContentType("application/pdf");
            resp.setHeader("Content-Disposition", "attachment; filename=\"indsigt-" + report.reference().replaceAll("[^A-Za-z0-9-]", "_") + ".pdf\"");
            resp.getOutputStream().write(pdf);
        } else {
            letter.put("screen", true);
            // shown once, kept nowhere: reload or Back shows the empty form, never a second report
            letter.put("replace", "/app/access");
            letter.put("back", t.get("back"));
            letter.put("print", t.get("access.print"));
            Pages.write(resp, 200, Templates.render("access-letter", letter));
        }
    }

    private static Transparency.IdentityCheck identityCheck(String name) {
        try {
            return Transparency.IdentityCheck.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CasePages.Invalid("access.check.missing");
        }
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

    /** The data inventory's scope ({@code inventory.mustache}): each source's data and purpose, and each retention period. */
    static Scope inventory(Texts t, DataInventory inv) {
        return new Scope(t)
                .with("sources", inv.sources().stream().map(s -> Scope.row("adapter", s.adapterId(), "system", s.sourceSystem(), "title", s.title(),
                        "categories", s.dataCategories().stream().sorted().map(c -> label(t, c) + (c.isSpecialCategory() ? " (" + t.get("inventory.special")
                                + ")" : "")).toList(),
                        "indicators", s.indicators().stream().sorted().map(t::indicator).toList(), "purpose", s.purpose())).toList())
                .with("retention", inv.retention().stream().filter(r -> r.period() > 0).map(r -> Scope.row("data",
                        t.get("inventory.retention." + r.data()), "period", t.get("inventory.unit." + r.unit(), r.period()))).toList());
    }

    private static String label(Texts t, DataCategory c) {
        return "en".equals(t.language()) ? c.englishLabel() : c.danishLabel();
    }
}
