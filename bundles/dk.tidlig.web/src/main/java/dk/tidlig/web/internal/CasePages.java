// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.web.internal.Sessions.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The outreach staff's pages: the worklist, a family's page (pseudonymous, or its case within the working session its
 * opening started), and each step of the case, decline and dispute with their confirmations. Every POST is answered with
 * a redirect (303) to the page that shows its outcome.
 */
final class CasePages {

    static final Pattern FAMILY = Pattern.compile("/family/(F-[B-Z]{5}-[B-Z]{5})(/open|/state|/assign|/decline|/dispute|/withdraw|/leave)?");

    private final WebSupport web;
    private final Pages pages;
    private final Outreach outreach;

    private final dk.tidlig.core.audit.AuditTrail audit;

    CasePages(WebSupport web, Pages pages, Outreach outreach, dk.tidlig.core.audit.AuditTrail audit) {
        this.web = web;
        this.pages = pages;
        this.outreach = outreach;
        this.audit = audit;
    }

    /** A family's page or one of its actions. */
    void route(String path, boolean post, HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException, LegalBasisException {
        Actor actor = s.actor();
        Matcher m = FAMILY.matcher(path);
        if (!m.matches()) {
            throw new NotFoundException("no such page");
        }
        String family = m.group(1);
        String action = m.group(2) == null ? "" : m.group(2);
        // marking a data point is the outreach staff's, withdrawing a mark the team lead's: refused first, and on record
        if (action.equals("/dispute") && !actor.role().mayReidentify()) {
            throw audit.refuse(actor, "disputing data points", "only outreach workers and team leads mark a data point");
        }
        if (action.equals("/withdraw") && actor.role() != Role.TEAM_LEAD) {
            throw audit.refuse(actor, "withdrawing a data point's mark", "only a team lead withdraws a mark");
        }
        if (!post) {
            switch (action) {
                case "" -> familyPage(req, resp, s, t, family);
                case "/decline" -> declineConfirmation(resp, s, t, family, Pages.integer(req, "version"));
                case "/dispute" -> disputeConfirmation(req, resp, s, t, family);
                default -> throw new NotFoundException("no such page");
            }
            return;
        }
        switch (action) {
            case "/open" -> {
                outreach.open(actor, family, purpose(req.getParameter("purpose")));
                Pages.seeOther(resp, "/app/family/" + family);
            }
            case "/leave" -> {
                outreach.leave(actor, family);
                Pages.seeOther(resp, "/app/");
            }
            case "/assign" -> {
                // a team lead assigns from the pseudonymous list, without opening the family; core refuses anyone but a worker
                String assignTo = req.getParameter("assignTo");
                if (assignTo == null || !assignTo.matches("[A-Za-z0-9._@-]{2,64}")) {
                    throw new Invalid("worklist.assign.unknown");
                }
                outreach.transition(actor, family, Pages.integer(req, "version"), State.ASSIGNED, assignTo);
                Pages.seeOther(resp, "/app/?assigned=" + family + "&to=" + java.net.URLEncoder.encode(assignTo, java.nio.charset.StandardCharsets.UTF_8));
            }
            case "/state" -> {
                State to = state(req.getParameter("to"));
                outreach.transition(actor, family, Pages.integer(req, "version"), to, req.getParameter("assignTo"), contact(req, to));
                Pages.seeOther(resp, "/app/family/" + family + "?done=state-" + to.name());
            }
            case "/decline" -> {
                if (!"yes".equals(req.getParameter("confirm"))) {
                    throw new Invalid("decline.unconfirmed");
                }
                Outreach.Declined d = outreach.decline(actor, family, Pages.integer(req, "version"), declineReason(req.getParameter("reason")));
                Pages.seeOther(resp, "/app/declined?scores=" + d.familyScoresErased() + "&steps=" + d.caseStepsErased() + "&marks=" + d.disputesErased()
                        + "&identities=" + d.identitiesErased() + "&audit=" + d.auditLinkErased() + (d.suppressedUntil() == null ? ""
                        : "&until=" + d.suppressedUntil()));
            }
            case "/dispute" -> {
                Contribution c = row(actor, family, req).point();
                outreach.dispute(actor, family, c.sourceSystem(), c.sourceRecordId(), disputeReason(req.getParameter("reason")));
                Pages.seeOther(resp, "/app/family/" + family + "?done=disputed");
            }
            case "/withdraw" -> {
                Contribution c = row(actor, family, req).point();
                outreach.withdrawDispute(actor, family, c.sourceSystem(), c.sourceRecordId());
                Pages.seeOther(resp, "/app/family/" + family + "?done=withdrawn");
            }
            default -> throw new NotFoundException("no such page");
        }
    }

    void worklist(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        Outreach.Worklist list = outreach.worklist(s.actor());
        WorklistPage.Query q = WorklistPage.Query.of(req::getParameter);
        String notice = null;
        String assigned = req.getParameter("assigned");
        String to = req.getParameter("to");
        if (assigned != null && to != null && list.families().stream().anyMatch(e -> e.familyId().equals(assigned) && to.equals(e.assignedTo()))) {
            notice = t.get("worklist.assigned.done", assigned, to);
        }
        Map<String, Object> m = WorklistPage.model(t, list, q, s.actor().role() == Role.TEAM_LEAD ? outreach.workers(s.actor()) : List.of(),
                s.csrf(), notice);
        pages.page(resp, s, t, 200, t.get("worklist.title"), Templates.render("worklist", m));
    }

    /**
     * A family's page: for its worker within a working session, the case's page (who the family is, the case and its steps);
     * else the pseudonymous explanation, and for outreach staff the form that opens the family with a purpose.
     */
    private void familyPage(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t, String family) throws IOException, LegalBasisException {
        Actor actor = s.actor();
        Optional<FamilyView> working = outreach.resume(actor, family);
        if (working.isPresent()) {
            boolean lead = actor.role() == Role.TEAM_LEAD;
            Map<String, Object> m = CasePage.model(t, working.get(), s.csrf(), lead ? outreach.workers(actor) : List.of(), lead, req.getParameter("done"));
            pages.page(resp, s, t, 200, t.get("family.title", family), Templates.render("case", m));
            return;
        }
        // before anyone is re-identified: the marks on its data points, and for outreach staff marking and (the team lead)
        // withdrawing a mark
        Outreach.Explained x = outreach.explained(actor, family);
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("explanation", CasePage.explanation(t, x.score(), x.run().id(), x.marks(), actor.role().mayReidentify(), s.csrf(),
                actor.role() == Role.TEAM_LEAD));
        m.put("household", CasePage.household(t, family, x.household()));
        String done = req.getParameter("done");
        // a mark made or withdrawn here, or the end of the worker's case (its working session ended with it)
        m.put("notice", done == null ? null : done.equals("disputed") || done.equals("withdrawn") ? t.get("case.done." + done) : t.get("case.done.closed"));
        if (actor.role().mayReidentify()) {
            m.put("open", Map.of("legend", t.get("family.open"), "csrf", s.csrf(), "label", t.get("family.purpose"), "family", family,
                    "purposes", java.util.Arrays.stream(Outreach.Purpose.values()).map(p -> Map.of("value", p.name(), "text", t.get("purpose." + p.name())))
                            .toList(), "submit", t.get("family.open.submit"), "note", t.get("family.open.note")));
        }
        pages.page(resp, s, t, 200, t.get("family.title", family), Templates.render("family", m));
    }

    /** A form the user must correct, said in the user's language from the message key. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final transient String key;

        Invalid(String key) {
            super(key);
            this.key = key;
        }
    }

    /**
     * The contribution a form names by its row in the family's explanation (no record id in an address), from the
     * pseudonymous explanation: marking a data point and withdrawing a mark need nobody re-identified.
     */
    private Row row(Actor actor, String family, HttpServletRequest req) {
        Outreach.Explained x = outreach.explained(actor, family);
        // the row of the run the page showed: a run that came meanwhile numbers its data points anew
        if (!String.valueOf(x.run().id()).equals(req.getParameter("run"))) {
            throw new Invalid("case.newrun");
        }
        List<Contribution> cs = x.score().contributions();
        int row = Pages.integer(req, "row");
        if (row < 0 || row >= cs.size()) {
            throw new NotFoundException("no such data point");
        }
        return new Row(cs.get(row), x);
    }

    /** A data point of the explanation, and the explanation it is in. */
    private record Row(Contribution point, Outreach.Explained explained) {
    }

    /** What marking a data point will do, with the reasons to choose from. */
    private void disputeConfirmation(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t, String family) throws IOException,
            LegalBasisException {
        Row point = row(s.actor(), family, req);
        Contribution c = point.point();
        // the household's other children whose points hold the same data point: the mark changes their scores too
        List<String> affected = point.explained().affected(c.sourceSystem(), c.sourceRecordId());
        pages.page(resp, s, t, 200, t.get("dispute.title", family), Templates.render("dispute", new Scope(t).with("indicator", t.indicator(c.indicator()))
                .with("affected", affected).with("affectedText", t.get("dispute.affected", affected.size()))
                .with("role", t.role(c.role())).with("source", c.sourceSystem()).with("date", t.date(c.start()))
                .with("will", t.get("dispute.will", c.sourceSystem())).with("family", family).with("csrf", s.csrf())
                .with("row", req.getParameter("row")).with("run", req.getParameter("run"))
                .with("reasons", java.util.Arrays.stream(Outreach.DisputeReason.values()).map(r -> Scope.row("value", r.name(), "text",
                        t.get("dispute.reason." + r.name()))).toList())));
    }

    private static Outreach.DisputeReason disputeReason(String name) {
        try {
            return Outreach.DisputeReason.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("dispute.reason.missing");
        }
    }

    private static Outreach.DeclineReason declineReason(String name) {
        try {
            return Outreach.DeclineReason.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("decline.reason.missing");
        }
    }

    /** A contact from the step's form: required for a step to CONTACTED, else none. */
    private static Outreach.Contact contact(HttpServletRequest req, State to) {
        if (to != State.CONTACTED) {
            return null;
        }
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(req.getParameter("contactDate"));
        } catch (java.time.format.DateTimeParseException | NullPointerException e) {
            throw new Invalid("case.contact.date.missing");
        }
        Outreach.Channel channel;
        try {
            channel = Outreach.Channel.valueOf(req.getParameter("channel"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("case.contact.channel.missing");
        }
        return new Outreach.Contact(day, channel, req.getParameter("note"));
    }

    /** After a decline: what was erased (the counts come in the address; nothing in it names the family). */
    void declinedPage(HttpServletRequest req, HttpServletResponse resp, Session s, Texts t) throws IOException {
        java.util.function.ToIntFunction<String> n = name -> {
            String v = req.getParameter(name);
            return v != null && v.matches("\\d{1,6}") ? Integer.parseInt(v) : 0;
        };
        List<String> erased = new ArrayList<>(List.of(t.get("decline.erased.scores", n.applyAsInt("scores")),
                t.get("decline.erased.steps", n.applyAsInt("steps")), t.get("decline.erased.disputes", n.applyAsInt("marks")),
                t.get("decline.erased.identities", n.applyAsInt("identities"))));
        if ("true".equals(req.getParameter("audit"))) {
            erased.add(t.get("decline.erased.audit"));
        }
        String until = req.getParameter("until");
        String suppression;
        try {
            suppression = until == null ? t.get("decline.notsuppressed") : t.get("decline.suppressed", t.date(java.time.LocalDate.parse(until)));
        } catch (java.time.format.DateTimeParseException e) {
            suppression = t.get("decline.notsuppressed");
        }
        pages.page(resp, s, t, 200, t.get("decline.done.title"), Templates.render("declined", new Scope(t).with("erased", erased)
                .with("suppression", suppression)));
    }

    /**
     * What a decline will do, with the button that does it: each child of the household (its age and family) and each adult,
     * named as the case's page names them while the working session on the case lasts.
     */
    private void declineConfirmation(HttpServletResponse resp, Session s, Texts t, String family, int version) throws IOException,
            LegalBasisException {
        Outreach.DeclinePreview p = outreach.previewDecline(s.actor(), family);
        Map<String, String> names = new java.util.HashMap<>();
        outreach.resume(s.actor(), family).ifPresent(v -> v.members().forEach(x -> {
            if (x.identity() != null && x.identity().name() != null) {
                names.put(x.person(), x.identity().name());
            }
        }));
        List<String> members = p.members().stream().map(x -> {
            String name = names.containsKey(x.person()) ? ": " + names.get(x.person()) : "";
            return x.familyId() == null ? t.get("decline.member.adult", t.role(x.role()), name)
                    : t.get("decline.member.child", t.role(x.role()), name, x.ageYears(), x.familyId());
        }).toList();
        pages.page(resp, s, t, 200, t.get("decline.title", family), Templates.render("decline", new Scope(t).with("members", members)
                .with("willErase", List.of(t.get("decline.erased.scores", p.runs()), t.get("decline.erased.steps", p.caseSteps()),
                        t.get("decline.erased.disputes", p.disputes()), t.get("decline.will.identities"), t.get("decline.erased.audit")))
                .with("family", family).with("csrf", s.csrf()).with("version", version)
                .with("reasons", java.util.Arrays.stream(Outreach.DeclineReason.values()).map(r -> Scope.row("value", r.name(), "text",
                        t.get("decline.reason." + r.name()))).toList())));
    }

    private static Outreach.Purpose purpose(String name) {
        try {
            return Outreach.Purpose.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("case.purpose.missing");
        }
    }

    private static State state(String name) {
        try {
            return State.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Invalid("case.state.unknown");
        }
    }
}
