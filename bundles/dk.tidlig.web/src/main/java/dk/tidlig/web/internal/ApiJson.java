// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.util.List;

import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;

/**
 * What the REST API answers, as records that Jackson writes in their components' order (the shapes
 * {@code openapi.json} describes). Codes of fixed lists as their names, days and moments as ISO-8601 text.
 */
final class ApiJson {

    private ApiJson() {
    }

    record Run(long id, String modelId, String modelVersion, String asOf, String windowStart, String legalBasis) {
        static Run of(ScoreRun r) {
            return r == null ? null : new Run(r.id(), r.modelId(), r.modelVersion(), r.asOf().toString(), r.windowStart().toString(), r.legalBasisId());
        }
    }

    record Child(String familyId, int score, boolean flagged, List<String> indicators, int ageYears, String state, int version) {
        static Child of(Outreach.Child c) {
            return new Child(c.familyId(), c.score(), c.flagged(), c.indicators().stream().map(Enum::name).toList(), c.ageYears(), c.state().name(),
                    c.version());
        }
    }

    record Entry(String familyId, int score, List<String> indicators, int childAgeYears, String state, String assignedTo, int version,
            String offerId, List<Child> children, int marks) {
        static Entry of(Outreach.Entry e) {
            return new Entry(e.familyId(), e.score(), e.indicators().stream().map(Enum::name).toList(), e.childAgeYears(), e.state().name(),
                    e.assignedTo(), e.version(), e.offerId(), e.children().stream().map(Child::of).toList(), e.marks());
        }
    }

    record Worklist(Run run, int flagged, int capacity, String offerOrder, List<Entry> families) {
        static Worklist of(Outreach.Worklist list) {
            return new Worklist(Run.of(list.run()), list.flagged(), list.capacity(), list.byLottery() ? "LOTTERY" : "RANKED",
                    list.families().stream().map(Entry::of).toList());
        }
    }

    record Point(String indicator, String role, String sourceSystem, String sourceRecordId, String start, String end, int points, String basis) {
        static Point of(Contribution c) {
            return new Point(c.indicator().name(), c.role().name(), c.sourceSystem(), c.sourceRecordId(), c.start().toString(),
                    c.end() == null ? null : c.end().toString(), c.points(), c.basis());
        }
    }

    /** A family's explanation: pseudonymous. */
    record Family(String familyId, int score, boolean flagged, List<Point> contributions) {
        static Family of(FamilyScore f) {
            return new Family(f.familyId(), f.score(), f.flagged(), f.contributions().stream().map(Point::of).toList());
        }
    }

    record Member(String role, String cpr, String name, String address) {
    }

    record Appearance(long runId, String asOf, int score, boolean flagged) {
    }

    /** A family re-identified for the purpose given: its explanation, who its members are, its case and its household. */
    record Identified(String familyId, int score, boolean flagged, List<Point> contributions, Run run, List<Member> members, String state,
            int version, List<Appearance> history, List<Child> household) {
        static Identified of(FamilyView v) {
            Family f = Family.of(v.score());
            return new Identified(f.familyId(), f.score(), f.flagged(), f.contributions(), Run.of(v.run()),
                    v.members().stream().map(p -> new Member(p.role().name(), p.identity().cpr(), p.identity().name(), p.identity().address())).toList(),
                    v.state().name(), v.version(),
                    v.history().stream().map(a -> new Appearance(a.runId(), a.asOf().toString(), a.score(), a.flagged())).toList(),
                    v.household().stream().map(Child::of).toList());
        }
    }

    record Transition(String familyId, String state, int version) {
    }

    record Declined(String suppressedUntil, int familyScoresErased, int caseStepsErased, int disputesErased, int identitiesErased,
            boolean auditLinkErased) {
        static Declined of(Outreach.Declined d) {
            return new Declined(d.suppressedUntil() == null ? null : d.suppressedUntil().toString(), d.familyScoresErased(), d.caseStepsErased(),
                    d.disputesErased(), d.identitiesErased(), d.auditLinkErased());
        }
    }

    /** A mark on a data point, and the source system to ask for a correction. */
    record Marked(String askToCorrect) {
    }

    record AuditLine(long seq, String at, String actor, String role, String action, String subject, String familyId, String detail,
            String sealedDetail, String hash) {
        static AuditLine of(AuditTrail.Shown x) {
            AuditEntry e = x.entry();
            return new AuditLine(e.seq(), e.at().toString(), e.actor(), e.role(), e.action(), e.subject(), x.familyId(), e.detail(), x.sealedDetail(),
                    e.hash());
        }
    }

    record Audit(List<AuditLine> entries) {
    }

    record Reviews(List<dk.tidlig.core.transparency.Transparency.RegisteredRequest> pending) {
    }

    record Reviewed(String reference, String reviewedBy) {
    }

    record Token(String token, String type, long idleSeconds, long maxAgeSeconds) {
    }

    record Error(int status, String error) {
    }
}
