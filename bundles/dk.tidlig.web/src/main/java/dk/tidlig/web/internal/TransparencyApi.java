// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.transparency.Transparency;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The transparency's part of the REST API: the model card, the data inventory, the citizen's access report and its
 * review by a second person, and the audit trail for auditors.
 */
final class TransparencyApi {

    private final Transparency transparency;
    private final AuditTrail audit;

    TransparencyApi(Transparency transparency, AuditTrail audit) {
        this.transparency = transparency;
        this.audit = audit;
    }

    /** The answer, or null when the path is not this area's. */
    Object route(String path, boolean get, HttpServletRequest req, Actor actor) throws IOException, LegalBasisException {
        boolean post = !get;
        if (path.equals("/audit") && get) {
            return audit(req, actor);
        }
        if (path.equals("/model-card") && get) {
            return transparency.modelCard(actor.tenant());
        }
        if (path.equals("/data-inventory") && get) {
            return transparency.dataInventory();
        }
        if (path.equals("/access-reports") && post) {
            JsonNode in = Api.body(req);
            return transparency.accessReport(actor, new Transparency.AccessRequest(Api.text(in, "cpr"), Api.text(in, "reference"),
                    Api.enumOf(Transparency.IdentityCheck.class, Api.text(in, "identityCheck"), "identityCheck")));
        }
        if (path.equals("/access-reports/reviews") && get) {
            return new ApiJson.Reviews(transparency.pendingReviews(actor));
        }
        if (path.equals("/access-reports/reviews") && post) {
            String reference = Api.text(Api.body(req), "reference");
            transparency.review(actor, reference);
            return new ApiJson.Reviewed(reference, actor.user());
        }
        return null;
    }

    private ApiJson.Audit audit(HttpServletRequest req, Actor actor) {
        if (!actor.role().mayReadAudit()) {
            throw audit.refuse(actor, "audit trail", "only auditors read the audit trail");
        }
        Action action = req.getParameter("action") == null ? null : Api.enumOf(Action.class, req.getParameter("action"), "action");
        int limit = 100;
        if (req.getParameter("limit") != null) {
            try {
                limit = Math.min(1000, Math.max(1, Integer.parseInt(req.getParameter("limit"))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be a number");
            }
        }
        List<AuditTrail.Shown> entries = audit.search(new AuditTrail.Query(actor.tenant(), action, req.getParameter("actor"),
                req.getParameter("familyId"), instant(req, "from"), instant(req, "to"), null, limit));
        audit.record(actor, Action.AUDIT_VIEW, "", "API, " + entries.size() + " entries");
        return new ApiJson.Audit(entries.stream().map(ApiJson.AuditLine::of).toList());
    }

    private static Instant instant(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant, e.g. 2026-11-22T08:00:00Z");
        }
    }
}
