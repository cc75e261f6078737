// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyScore;

/**
 * A case's page within its working session ({@code case.mustache}): who the family is, the purpose it was opened for,
 * the case with one form per next step, the history, and the explanation with its marks and a timeline. Each form posts,
 * and the answer is a redirect back here with what was done ({@code ?done=…}), so that Back never posts again.
 */
final class CasePage {

    /** What a redirect back to the case says was done: a state reached, or a mark made or withdrawn. */
    static final java.util.regex.Pattern DONE = java.util.regex.Pattern.compile("(state-(NEW|ASSIGNED|CONTACTED|ACCEPTED|NO_ANSWER|CLOSED))|disputed|withdrawn");

    private CasePage() {
    }

    /**
     * @param workers the outreach workers a team lead may assign to; empty for an outreach worker (who takes the case)
     * @param teamLead whether the viewer may withdraw marks and assign to others
     */
    static Map<String, Object> model(Texts t, FamilyView v, String csrf, List<String> workers, boolean teamLead, String done) {
        String family = v.score().familyId();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family);
        m.put("csrf", csrf);
        m.put("notice", notice(t, done));
        Outreach.Working w = v.working();
        m.put("working", t.get("case.working", t.get("purpose." + w.purpose().name()), t.when(w.openedAt()), t.time(w.expiresAt())));
        m.put("expiresAt", w.expiresAt().toEpochMilli());
        m.put("warning", t.get("case.expiring"));
        m.put("leave", t.get("case.leave"));
        m.put("model", t.get("family.model", v.run().modelId(), v.run().modelVersion(), String.valueOf(v.run().id()), t.date(v.run().asOf()),
                v.run().legalBasisId()));

        m.put("membersTitle", t.get("family.members"));
        m.put("membersCaption", t.get("case.members.caption"));
        m.put("membersHead", List.of(t.get("family.role"), t.get("family.name"), t.get("family.cpr"), t.get("family.address")));
        m.put("members", v.members().stream().map(x -> List.of(t.role(x.role()), orDash(x.identity().name()),
                x.identity().cpr() == null ? "–" : formatCpr(x.identity().cpr()), orDash(x.identity().address()))).map(cells -> Map.of("cells", cells))
                .toList());

        m.put("household", household(t, family, v.household()));

        // the case: its state, its steps, one form per step it may take next
        m.put("caseTitle", t.get("family.case"));
        m.put("state", t.get("family.state", t.state(v.state())));
        m.put("assigned", v.assignedTo() == null ? null : t.get("case.assigned", v.assignedTo()));
        m.put("stepsTitle", t.get("family.steps"));
        m.put("steps", v.steps().stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("when", t.when(s.at()));
            step.put("what", t.state(s.state()) + (s.assignedTo() == null || s.state() != State.ASSIGNED ? "" : " → " + s.assignedTo()));
            step.put("who", s.actor());
            if (s.contact() != null) {
                step.put("contact", t.get("case.contact.line", t.date(s.contact().date()), t.get("channel." + s.contact().channel().name())));
                step.put("note", s.contact().note());
            }
            return step;
        }).toList());
        m.put("noSteps", v.steps().isEmpty() ? t.get("case.nosteps") : null);
        m.put("version", v.version());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (State to : v.state().next()) {
            if (to == State.DECLINED) {
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("to", to.name());
            a.put("button", t.get("case.to." + to.name()));
            a.put("help", t.get("case.to." + to.name() + ".help"));
            if (to == State.ASSIGNED) {
                if (teamLead) {
                    a.put("workers", workers.stream().map(x -> Map.of("value", x, "text", x, "selected", x.equals(v.assignedTo()))).toList());
                    a.put("assignLabel", t.get("family.assignto"));
                    a.put("assignable", true);
                } else if (v.state() == State.ASSIGNED) {
                    continue; // a worker takes a new case; only a team lead reassigns one
                }
            }
            if (to == State.CONTACTED) {
                a.put("contact", Map.of("dateLabel", t.get("case.contact.date"), "today", LocalDate.now().toString(),
                        "min", LocalDate.now().minusYears(1).toString(), "channelLabel", t.get("case.contact.channel"),
                        "channels", java.util.Arrays.stream(Outreach.Channel.values()).map(c -> Map.of("value", c.name(), "text",
                                t.get("channel." + c.name()))).toList(),
                        "noteLabel", t.get("case.contact.note"), "noteHelp", t.get("case.contact.note.help"), "max", Outreach.Contact.NOTE_LENGTH));
            }
            actions.add(a);
        }
        m.put("actions", actions);
        m.put("actionsTitle", actions.isEmpty() ? null : t.get("case.next"));
        if (v.state().next().contains(State.DECLINED)) {
            m.put("decline", Map.of("text", t.get("family.decline"), "note", t.get("family.decline.note")));
        }

        m.put("explanation", explanation(t, v.score(), v.run().id(), v.marks(), true, csrf, teamLead));
        m.put("historyTitle", t.get("family.history"));
        m.put("history", v.history().stream().map(a -> t.get("case.appearance", t.date(a.asOf()), String.valueOf(a.runId()), a.modelId(),
                a.modelVersion(), t.number(a.score()), a.flagged() ? t.get("family.listed") : t.get("family.notlisted"))).toList());
        m.put("back", t.get("back"));
        m.put("restored", t.get("case.restored"));
        return m;
    }

    /** The explanation's table and timeline: shared by the pseudonymous page and the case's page. */
    /** The household's section ({@code {{> household}}}): each child of the offer with its age, points and state; null when alone. */
    static Map<String, Object> household(Texts t, String family, List<Outreach.Child> household) {
        return household.isEmpty() ? null : Map.of("title", t.get("family.household"), "note", t.get("family.household.note"), "children",
                household.stream().map(c -> Map.of("family", c.familyId(), "self", c.familyId().equals(family), "text", t.get("family.household.child",
                        String.valueOf(c.ageYears()), t.number(c.score()), t.state(c.state())))).toList());
    }

    /**
     * The explanation's table: each data point with its points and basis, its mark if it has one (a team lead may withdraw
     * it), and for outreach staff ({@code disputable}) the link to mark it; each row named by its place in run {@code runId}.
     */
    static Map<String, Object> explanation(Texts t, FamilyScore f, long runId, List<Outreach.Mark> marks, boolean disputable, String csrf,
            boolean teamLead) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("title", t.get("family.explanation"));
        e.put("caption", t.get("case.explanation.caption", t.number(f.score())));
        e.put("head", List.of(t.get("family.indicator"), t.get("family.role"), t.get("family.source"), t.get("family.record"),
                t.get("family.date"), t.get("family.points"), t.get("family.basis")));
        e.put("total", t.get("family.total"));
        e.put("score", t.number(f.score()));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Contribution> cs = f.contributions();
        for (int i = 0; i < cs.size(); i++) {
            Contribution c = cs.get(i);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row", i);
            r.put("indicator", t.indicator(c.indicator()));
            r.put("role", t.role(c.role()));
            r.put("source", c.sourceSystem());
            r.put("record", c.sourceRecordId() == null ? "–" : c.sourceRecordId());
            r.put("date", t.date(c.start()) + (c.end() == null || c.end().equals(c.start()) ? "" : " – " + t.date(c.end())));
            r.put("points", t.number(c.points()));
            r.put("basis", Rules.basis(t, c.basis()));
            Optional<Outreach.Mark> mark = marks.stream().filter(k -> k.sourceSystem().equals(c.sourceSystem())
                    && k.sourceRecordId().equals(c.sourceRecordId())).findFirst();
            if (mark.isPresent()) {
                Outreach.Mark k = mark.get();
                r.put("mark", t.get("case.mark", k.reason() == null ? t.get("case.mark.kind." + k.kind().name()) : t.get("dispute.reason." + k.reason().name()),
                        k.by(), t.day(k.at())));
                r.put("withdraw", teamLead ? t.get("case.mark.withdraw", t.indicator(c.indicator())) : null);
            } else if (disputable) {
                r.put("dispute", t.get("case.dispute.for", t.indicator(c.indicator()), t.date(c.start())));
                r.put("disputeText", t.get("family.dispute"));
            }
            rows.add(r);
        }
        e.put("rows", rows);
        e.put("timeline", Svg.timeline(t, f, cs));
        e.put("csrf", csrf);
        e.put("family", f.familyId());
        e.put("run", runId);
        return e;
    }

    private static String notice(Texts t, String done) {
        if (done == null || !DONE.matcher(done).matches()) {
            return null;
        }
        if (done.startsWith("state-")) {
            return t.get("case.done.state", t.state(State.valueOf(done.substring("state-".length()))));
        }
        return t.get("case.done." + done);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }

    static String formatCpr(String cpr) {
        return cpr.length() == 10 ? cpr.substring(0, 6) + "-" + cpr.substring(6) : cpr;
    }
}
