// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.FamilyRole;

/**
 * A citizen's access report (GDPR art. 15) as a letter in Danish ({@code access-letter.mustache}, well-formed XHTML so
 * that the same document prints from the browser and renders as PDF): who is registered, which events from which source
 * with their days, on which lists and when, who opened the data (role and day), the purposes, the citizen's rights and how
 * to complain to Datatilsynet, with the request's reference on every page. A person of whom nothing is held gets a letter
 * that says so plainly.
 */
final class AccessLetter {

    private static final Texts T = Texts.DA;

    private AccessLetter() {
    }

    static Map<String, Object> model(AccessReport r, String css) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("css", css);
        m.put("reference", r.reference());
        m.put("municipality", r.municipalityCode());
        m.put("date", T.day(r.generatedAt()));
        m.put("checked", T.get("access.check." + r.identityCheck().name()));
        m.put("nothing", r.empty());
        m.put("name", r.identity().name());
        m.put("cpr", r.identity().cpr() == null ? null : CasePage.formatCpr(r.identity().cpr()));
        m.put("address", r.identity().address());
        AccessReport.Registered reg = r.registered();
        if (reg != null) {
            m.put("registered", Map.of("birth", T.date(reg.birthDate()), "sex", label("letter.sex.", reg.sex()), "status", label("letter.status.",
                    reg.status()), "municipality", reg.municipalityCode() == null ? "–" : reg.municipalityCode(), "household",
                    reg.householdKnown() ? T.get("letter.household.known") : T.get("letter.household.unknown")));
        }
        m.put("relations", r.relations().stream().map(x -> Map.of("text", label("letter.relation." + (x.outgoing() ? "out." : "in."), x.type()),
                "period", period(x.start(), x.end()), "source", x.sourceSystem())).toList());
        m.put("events", r.events().stream().map(e -> {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("what", indicator(e.indicator()));
            ev.put("source", e.sourceSystem());
            ev.put("record", e.sourceRecordId());
            ev.put("period", period(e.start(), e.end()));
            ev.put("received", T.day(e.receivedAt()));
            ev.put("disputed", e.disputed() == null ? null : T.get("letter.disputed"));
            return ev;
        }).toList());
        m.put("appearances", households(r.appearances()));
        List<Map<String, Object>> openings = new ArrayList<>();
        for (AccessReport.Opening o : r.openings()) {
            openings.add(Map.of("date", T.when(o.at()), "role", role(o.role()), "what", T.get(o.reidentified() ? "letter.opened.identified"
                    : "letter.opened.pseudonymous")));
        }
        m.put("openings", openings);
        m.put("purposes", r.purposes().stream().map(p -> Map.of("source", p.title() == null ? p.sourceSystem() : p.title(), "purpose",
                p.purpose() == null ? "–" : p.purpose())).toList());
        m.put("hasRelations", !r.relations().isEmpty());
        m.put("hasEvents", !r.events().isEmpty());
        m.put("hasAppearances", !r.appearances().isEmpty());
        m.put("hasOpenings", !openings.isEmpty());
        m.put("quarantined", r.quarantinedLines() == 0 ? null : T.get("letter.quarantine", T.number(r.quarantinedLines())));
        return m;
    }

    private static String period(java.time.LocalDate start, java.time.LocalDate end) {
        if (start == null && end == null) {
            return "–";
        }
        if (end == null) {
            return T.get("letter.from", T.date(start));
        }
        return end.equals(start) ? T.date(start) : T.date(start) + " – " + T.date(end);
    }

    private static String label(String prefix, String code) {
        if (code == null) {
            return "–";
        }
        try {
            return T.get(prefix + code);
        } catch (java.util.MissingResourceException e) {
            return code;
        }
    }

    private static String indicator(String code) {
        try {
            return T.indicator(Indicator.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /**
     * The lists the person was on, one row per household offer in each run: a parent of two children of one household is
     * one row with both children's points, as the outreach offered the household once.
     */
    static List<Map<String, Object>> households(List<AccessReport.Appearance> appearances) {
        Map<String, List<AccessReport.Appearance>> byOffer = new LinkedHashMap<>();
        for (AccessReport.Appearance a : appearances) {
            byOffer.computeIfAbsent(a.runId() + "/" + (a.offerId() == null ? a.familyId() : a.offerId()), k -> new ArrayList<>()).add(a);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<AccessReport.Appearance> offer : byOffer.values()) {
            AccessReport.Appearance first = offer.get(0);
            List<String> roles = offer.stream().map(a -> familyRole(a.role())).distinct().toList();
            String role = String.join(", ", roles) + (offer.size() > 1 ? " " + T.get("letter.children", offer.size()) : "");
            List<String> points = offer.stream().map(a -> T.number(a.score())).toList();
            String state = offer.stream().map(AccessReport.Appearance::outreachState).filter(java.util.Objects::nonNull).findFirst().map(AccessLetter::state)
                    .orElse("–");
            rows.add(Map.of("date", T.date(first.asOf()), "role", role, "points", points.size() == 1 ? points.get(0)
                    : String.join(", ", points.subList(0, points.size() - 1)) + " " + T.get("letter.and") + " " + points.get(points.size() - 1),
                    "listed", offer.stream().anyMatch(AccessReport.Appearance::flagged) ? T.get("letter.listed") : T.get("letter.notlisted"),
                    "state", state));
        }
        return rows;
    }

    private static String familyRole(String code) {
        try {
            return T.role(FamilyRole.valueOf(code));
        } catch (IllegalArgumentException | NullPointerException e) {
            return label("letter.role.", code);
        }
    }

    private static String state(String code) {
        try {
            return T.state(State.valueOf(code));
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private static String role(String code) {
        try {
            return dk.tidlig.core.access.Role.valueOf(code).danishLabel();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }
}
