package dk.tidlig.core.internal.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.Reidentification;
import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.OutreachStore;
import dk.tidlig.store.OutreachStore.CaseRow;
import dk.tidlig.store.OutreachStore.Erasure;
import dk.tidlig.store.ScoreStore;

/** The outreach workflow on the latest score run of the actor's municipality. */
@Component(service = Outreach.class, configurationPid = OutreachConfig.PID)
@Designate(ocd = OutreachConfig.class)
public class OutreachImpl implements Outreach {

    private static final int MAX_PURPOSE = 300;

    private final ScoreStore scores;
    private final OutreachStore cases;
    private final Reidentification vault;
    private final AuditTrail audit;
    private volatile OutreachConfig config;

    @Activate
    public OutreachImpl(@Reference ScoreStore scores, @Reference OutreachStore cases, @Reference Reidentification vault,
            @Reference AuditTrail audit, OutreachConfig config) {
        this.scores = scores;
        this.cases = cases;
        this.vault = vault;
        this.audit = audit;
        this.config = config;
    }

    @Modified
    void modified(OutreachConfig config) {
        this.config = config;
    }

    @Override
    public Worklist worklist(Actor actor) {
        require(actor, actor.role().maySeeWorklist(), "the worklist");
        Optional<ScoreRun> run = scores.latestRun(actor.tenant());
        if (run.isEmpty()) {
            audit.record(actor, Action.LIST_VIEW, "", "no score run yet");
            return new Worklist(null, List.of());
        }
        List<FamilyScore> flagged = scores.results(run.get().id(), true, Math.max(1, config.worklistSize()));
        Map<String, CaseRow> byFamily = cases.cases(actor.tenant(), flagged.stream().map(FamilyScore::familyId).toList());
        List<Entry> entries = new ArrayList<>(flagged.size());
        for (FamilyScore f : flagged) {
            CaseRow c = byFamily.get(f.familyId());
            entries.add(new Entry(f.familyId(), f.score(), f.indicators(), Period.between(f.childBirth(), run.get().asOf()).getYears(),
                    c == null ? State.NEW : State.valueOf(c.state()), c == null ? null : c.assignedTo(), c == null ? 0 : c.version()));
        }
        audit.record(actor, Action.LIST_VIEW, "run " + run.get().id(), entries.size() + " families");
        return new Worklist(run.get(), entries);
    }

    @Override
    public FamilyScore explanation(Actor actor, String familyId) {
        require(actor, actor.role().maySeeWorklist(), "a family's explanation");
        return latest(actor, familyId).score();
    }

    @Override
    public FamilyView open(Actor actor, String familyId, String purpose) throws LegalBasisException {
        if (!actor.role().mayReidentify()) {
            audit.record(actor, Action.ACCESS_REFUSED, familyId(familyId), "re-identification refused for role " + actor.role());
            throw new AccessDeniedException("only outreach workers and team leads may see who a family is");
        }
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("state the purpose of opening the family");
        }
        String why = purpose.strip();
        if (why.length() > MAX_PURPOSE) {
            throw new IllegalArgumentException("the purpose is at most " + MAX_PURPOSE + " characters");
        }
        if (dk.tidlig.model.CprNumbers.containsCprLike(why)) {
            throw new IllegalArgumentException("the purpose must not contain a CPR number");
        }
        Listed listed = latest(actor, familyId);
        FamilyScore f = listed.score();
        List<Member> members = new ArrayList<>();
        members.add(new Member(FamilyRole.CHILD, f.child(), reveal(actor, f.child(), why)));
        for (FamilyScore.Adult a : f.adults()) {
            members.add(new Member(a.role(), a.person(), reveal(actor, a.person(), why)));
        }
        audit.record(actor, Action.REIDENTIFY, f.familyId(), "purpose: " + why + "; " + members.size() + " persons");
        Optional<CaseRow> c = cases.findCase(actor.tenant(), f.familyId());
        List<Step> steps = cases.steps(actor.tenant(), f.familyId()).stream()
                .map(s -> new Step(State.valueOf(s.state()), s.assignedTo(), s.at(), s.actor())).toList();
        return new FamilyView(listed.run(), f, members, scores.history(actor.tenant(), f.familyId()),
                c.map(r -> State.valueOf(r.state())).orElse(State.NEW), c.map(CaseRow::assignedTo).orElse(null), c.map(CaseRow::version).orElse(0), steps);
    }

    private Identity reveal(Actor actor, String personHex, String purpose) throws LegalBasisException {
        return vault.reveal(actor.tenant(), PersonId.parse(personHex), purpose).orElse(new Identity(null, null, null));
    }

    @Override
    public int transition(Actor actor, String familyId, int expectedVersion, State to, String assignTo) {
        require(actor, actor.role().mayReidentify(), "outreach cases");
        if (to == State.DECLINED) {
            throw new IllegalArgumentException("a decline is recorded with decline(), which erases the family");
        }
        Listed listed = latest(actor, familyId);
        Optional<CaseRow> current = cases.findCase(actor.tenant(), familyId);
        State from = current.map(r -> State.valueOf(r.state())).orElse(State.NEW);
        if (!from.next().contains(to)) {
            throw new ConflictException("a case cannot go from " + from + " to " + to);
        }
        String assignee = null;
        if (to == State.ASSIGNED) {
            assignee = assignTo == null || assignTo.isBlank() ? actor.user() : assignTo.strip();
            // a user name, never free text: it is shown on the list, also to analysts, and goes into the audit trail
            if (!assignee.matches("[A-Za-z0-9._@-]{2,64}") || dk.tidlig.model.CprNumbers.containsCprLike(assignee)) {
                throw new IllegalArgumentException("assign to a user name (letters, digits and . _ @ -)");
            }
            if (!assignee.equals(actor.user()) && actor.role() != Role.TEAM_LEAD) {
                throw new AccessDeniedException("only a team lead assigns a family to someone else");
            }
        } else {
            assignee = current.map(CaseRow::assignedTo).orElse(null);
        }
        try {
            CaseRow row = cases.transition(actor.tenant(), listed.score().familyId(), expectedVersion, to.name(), assignee, actor.user(), Instant.now());
            audit.record(actor, Action.STATE_CHANGE, familyId, from + " -> " + to + (to == State.ASSIGNED ? " (" + assignee + ")" : ""));
            return row.version();
        } catch (OutreachStore.ConflictException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    @Override
    public Declined decline(Actor actor, String familyId, int expectedVersion) {
        require(actor, actor.role().mayReidentify(), "outreach cases");
        Listed listed = latest(actor, familyId);
        Optional<CaseRow> c = cases.findCase(actor.tenant(), familyId);
        State from = c.map(r -> State.valueOf(r.state())).orElse(State.NEW);
        if (!from.next().contains(State.DECLINED)) {
            throw new ConflictException("a case cannot go from " + from + " to " + State.DECLINED);
        }
        if (c.map(CaseRow::version).orElse(0) != expectedVersion) {
            throw new ConflictException("the family's outreach case was changed by someone else; reload it and try again");
        }
        FamilyScore f = listed.score();
        Set<PersonId> persons = new LinkedHashSet<>();
        persons.add(PersonId.parse(f.child()));
        f.adults().forEach(a -> persons.add(PersonId.parse(a.person())));
        f.contributions().stream().map(Contribution::person).forEach(p -> persons.add(PersonId.parse(p)));
        LocalDate until = LocalDate.now().plusMonths(Math.max(0, config.suppressionMonths()));
        cases.suppress(actor.tenant(), persons, until);
        Erasure erased = cases.erase(actor.tenant(), persons);
        // no family id: after the decline nothing in the trail points to the family
        audit.record(actor, Action.DECLINE, "", "a family declined; erased " + erased.familyScores() + " family scores, " + erased.identities()
                + " identity entries and " + erased.cases() + " cases; kept off the lists until " + until);
        return new Declined(until, erased.familyScores(), erased.identities());
    }

    @Override
    public String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, Dispute kind) {
        require(actor, actor.role().mayReidentify(), "disputing data points");
        FamilyScore f = latest(actor, familyId).score();
        Contribution point = f.contributions().stream()
                .filter(k -> k.sourceSystem().equals(sourceSystem) && k.sourceRecordId().equals(sourceRecordId)).findFirst()
                .orElseThrow(() -> new NotFoundException("the family's explanation has no such data point"));
        cases.dispute(actor.tenant(), point.sourceSystem(), point.sourceRecordId(), kind.name(), actor.user(), Instant.now());
        audit.record(actor, Action.DISPUTE, familyId, kind + " " + point.sourceSystem() + " " + point.sourceRecordId());
        return point.sourceSystem();
    }

    /** The family in the latest run of the actor's municipality. */
    private Listed latest(Actor actor, String familyId) {
        ScoreRun run = scores.latestRun(actor.tenant()).orElseThrow(() -> new NotFoundException("there is no score run yet"));
        FamilyScore f = scores.family(run.id(), familyId(familyId)).orElseThrow(() -> new NotFoundException("no family " + familyId + " on the latest list"));
        return new Listed(run, f);
    }

    private record Listed(ScoreRun run, FamilyScore score) {
    }

    private static String familyId(String familyId) {
        if (familyId == null || !familyId.matches("F-[B-Z]{5}-[B-Z]{5}")) {
            throw new NotFoundException("no such family");
        }
        return familyId;
    }

    private void require(Actor actor, boolean allowed, String what) {
        if (!allowed) {
            audit.record(actor, Action.ACCESS_REFUSED, "", what + " refused for role " + actor.role());
            throw new AccessDeniedException("the role " + actor.role().englishLabel() + " may not use " + what);
        }
    }
}
