// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.outreach;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.InvalidRequestException.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
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
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.OutreachStore;
import dk.tidlig.store.OutreachStore.CaseRow;
import dk.tidlig.store.OutreachStore.Erasure;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.TrialStore;
import dk.tidlig.core.internal.crypto.KeyRing;

/** The outreach workflow on the latest score run of the actor's municipality. */
@Component(service = Outreach.class, configurationPid = OutreachConfig.PID)
@Designate(ocd = OutreachConfig.class)
public class OutreachImpl implements Outreach {

    private final ScoreStore scores;
    private final OutreachStore cases;
    private final Reidentification vault;
    private final SuppressionMarkers markers;
    private final AuditTrail audit;
    private final TrialStore trial;
    private final EvidenceStore evidence;
    private final KeyRing keys;
    private final dk.tidlig.core.access.Users users;
    private volatile OutreachConfig config;

    @Activate
    public OutreachImpl(@Reference ScoreStore scores, @Reference OutreachStore cases, @Reference Reidentification vault,
            @Reference AuditTrail audit, @Reference KeyRing keys, @Reference IdentityVaultStore vaultStore, @Reference TrialStore trial,
            @Reference EvidenceStore evidence, @Reference dk.tidlig.core.access.Users users, OutreachConfig config) {
        this.keys = keys;
        this.users = users;
        this.trial = trial;
        this.evidence = evidence;
        this.scores = scores;
        this.cases = cases;
        this.vault = vault;
        this.markers = new SuppressionMarkers(keys, vaultStore);
        this.audit = audit;
        this.config = config;
    }

    @Modified
    void modified(OutreachConfig config) {
        this.config = config;
    }

    /** The states of a case that is still being worked. */
    private static final Set<State> OPEN = java.util.EnumSet.of(State.ASSIGNED, State.CONTACTED, State.NO_ANSWER, State.ACCEPTED);

    @Override
    public Worklist worklist(Actor actor) {
        require(actor, actor.role().maySeeWorklist(), "the worklist");
        Optional<ScoreRun> run = scores.latestRun(actor.tenant());
        if (run.isEmpty()) {
            audit.record(actor, Action.LIST_VIEW, "", "no score run yet");
            return new Worklist(null, List.of(), capacity(), false);
        }
        long runId = run.get().id();
        // the households with the most points up to the capacity, each with all its scored children
        ListedOffers shown = listedOffers(runId, capacity());
        Map<String, List<FamilyScore>> offers = new java.util.LinkedHashMap<>(shown.offers());
        Set<String> onList = new HashSet<>();
        offers.values().forEach(l -> l.forEach(f -> onList.add(f.familyId())));
        // one read: the cases still being worked, and the listed families' other (closed) cases
        Map<String, CaseRow> byFamily = new java.util.HashMap<>();
        List<CaseRow> open = new ArrayList<>();
        for (CaseRow c : cases.openCasesAnd(actor.tenant(), onList)) {
            byFamily.put(c.familyId(), c);
            if (!c.state().equals(State.CLOSED.name()) && !c.state().equals(State.DECLINED.name())) {
                open.add(c);
            }
        }
        // cases still being worked stay on the worker's list after a new run has left them out, with their siblings
        Set<String> siblings = new HashSet<>();
        for (CaseRow c : open) {
            if (!onList.contains(c.familyId())) {
                scores.offerOf(runId, c.familyId()).ifPresent(offer -> {
                    List<FamilyScore> children = scores.offer(runId, offer);
                    offers.putIfAbsent(offer, children);
                    children.forEach(f -> {
                        onList.add(f.familyId());
                        if (!byFamily.containsKey(f.familyId())) {
                            siblings.add(f.familyId());
                        }
                    });
                });
            }
        }
        if (!siblings.isEmpty()) {
            byFamily.putAll(cases.cases(actor.tenant(), siblings)); // a sibling's closed case, where a new run left the household out
        }
        // the data points marked in the municipality (few: each is a person's judgement), to count each household's
        Set<String> marked = new HashSet<>();
        cases.disputes(actor.tenant()).forEach(d -> marked.add(d.sourceSystem() + "\u0000" + d.sourceRecordId()));
        List<Entry> entries = new ArrayList<>(offers.size());
        for (Map.Entry<String, List<FamilyScore>> o : offers.entrySet()) {
            List<Child> children = new ArrayList<>();
            Set<Indicator> indicators = new java.util.TreeSet<>();
            for (FamilyScore f : o.getValue()) {
                CaseRow c = byFamily.get(f.familyId());
                children.add(new Child(f.familyId(), f.score(), f.flagged(), f.indicators(), Period.between(f.childBirth(), run.get().asOf()).getYears(),
                        c == null ? State.NEW : State.valueOf(c.state()), c == null ? 0 : c.version()));
                indicators.addAll(f.indicators());
            }
            if (children.isEmpty()) {
                continue;
            }
            Child lead = children.get(0);
            CaseRow c = byFamily.get(lead.familyId());
            Map<Indicator, Integer> points = new java.util.EnumMap<>(Indicator.class);
            o.getValue().get(0).contributions().forEach(k -> points.merge(k.indicator(), k.points(), Integer::sum));
            Set<String> household = new HashSet<>();
            if (!marked.isEmpty()) {
                o.getValue().forEach(f -> household.addAll(points(f)));
                household.retainAll(marked);
            }
            entries.add(new Entry(lead.familyId(), lead.score(), indicators, lead.ageYears(), lead.state(), c == null ? null : c.assignedTo(),
                    lead.version(), o.getKey(), children, points, c == null ? null : c.updatedAt(), household.size()));
        }
        audit.record(actor, Action.LIST_VIEW, "run " + run.get().id(), entries.size() + " households, " + onList.size() + " children");
        return new Worklist(run.get(), entries, capacity(), shown.trial());
    }

    @Override
    public FamilyScore explanation(Actor actor, String familyId) {
        return explained(actor, familyId).score();
    }

    @Override
    public Explained explained(Actor actor, String familyId) {
        require(actor, actor.role().maySeeWorklist(), "a family's explanation");
        Listed l = latest(actor, familyId);
        FamilyScore f = l.score();
        audit.recordFamily(actor, Action.EXPLANATION_VIEW, f.familyId(), "score " + f.score() + ", " + f.contributions().size() + " contributions",
                null);
        if (!actor.role().mayReidentify()) {
            // pseudonymous analysis needs neither the sources' record ids (they join to the sources' own systems) nor pseudonyms
            List<Contribution> plain = f.contributions().stream().map(c -> new Contribution(c.indicator(), c.role(), null, c.sourceSystem(), null,
                    c.start(), c.end(), c.points(), c.basis())).toList();
            return new Explained(l.run(), new FamilyScore(f.familyId(), null, f.childBirth(), f.score(), f.flagged(), plain,
                    f.adults().stream().map(a -> new FamilyScore.Adult(null, a.role())).toList()), List.of(), children(actor, l), Map.of());
        }
        Map<String, Set<String>> siblings = new java.util.LinkedHashMap<>();
        for (FamilyScore s : household(l)) {
            if (!s.familyId().equals(f.familyId())) {
                siblings.put(s.familyId(), points(s));
            }
        }
        return new Explained(l.run(), f, marks(actor.tenant(), f), children(actor, l), siblings);
    }

    /** The offer's children with their cases' states, when the household has more than one child; else none. */
    private List<Child> children(Actor actor, Listed listed) {
        List<Child> household = new ArrayList<>();
        List<FamilyScore> siblings = household(listed);
        if (siblings.size() > 1) {
            Map<String, CaseRow> byFamily = cases.cases(actor.tenant(), siblings.stream().map(FamilyScore::familyId).collect(java.util.stream.Collectors.toSet()));
            for (FamilyScore s : siblings) {
                CaseRow sc = byFamily.get(s.familyId());
                household.add(new Child(s.familyId(), s.score(), s.flagged(), s.indicators(), Period.between(s.childBirth(), listed.run().asOf()).getYears(),
                        sc == null ? State.NEW : State.valueOf(sc.state()), sc == null ? 0 : sc.version()));
            }
        }
        return household;
    }

    /** A score's data points: source system and record id, joined by a NUL character. */
    private static Set<String> points(FamilyScore f) {
        Set<String> points = new HashSet<>();
        f.contributions().forEach(k -> points.add(k.sourceSystem() + "\u0000" + k.sourceRecordId()));
        return points;
    }

    /** The marks on a score's data points. */
    private List<Mark> marks(String tenant, FamilyScore f) {
        Set<String> points = points(f);
        return cases.disputes(tenant).stream().filter(d -> points.contains(d.sourceSystem() + "\u0000" + d.sourceRecordId()))
                .map(d -> new Mark(d.sourceSystem(), d.sourceRecordId(), Dispute.valueOf(d.kind()), d.reason() == null ? null
                        : DisputeReason.valueOf(d.reason()), d.markedAt(), d.markedBy())).toList();
    }

    @Override
    public FamilyView open(Actor actor, String familyId, Purpose purpose) throws LegalBasisException {
        if (!actor.role().mayReidentify()) {
            throw audit.refuse(actor, "re-identification", "only outreach workers and team leads may see who a family is");
        }
        if (purpose == null) {
            throw new InvalidRequestException(Problem.PURPOSE_MISSING);
        }
        Listed listed = onList(actor, familyId);
        Instant now = Instant.now();
        Working working = new Working(purpose, now, now.plus(java.time.Duration.ofMinutes(Math.max(1, config.caseSessionMinutes()))));
        FamilyView view = view(actor, listed, working);
        audit.recordFamily(actor, Action.REIDENTIFY, listed.score().familyId(), "purpose: " + purpose + "; " + view.members().size() + " persons", null);
        cases.startWorking(actor.tenant(), actor.user(), listed.score().familyId(), purpose.name(), working.openedAt(), working.expiresAt(),
                listed.run().id());
        return view;
    }

    @Override
    public Optional<FamilyView> resume(Actor actor, String familyId) throws LegalBasisException {
        if (!actor.role().mayReidentify()) {
            return Optional.empty();
        }
        Optional<OutreachStore.WorkingSession> w = cases.working(actor.tenant(), actor.user(), familyId(familyId), Instant.now());
        if (w.isEmpty()) {
            return Optional.empty();
        }
        Listed listed;
        try {
            listed = onList(actor, familyId);
        } catch (NotFoundException e) {
            // off the list since it was opened (a decline by someone else): the session ends with it
            cases.stopWorking(actor.tenant(), actor.user(), familyId);
            return Optional.empty();
        }
        if (listed.run().id() != w.get().runId()) {
            // a new run may have changed the household and its adults: they are shown only after a new, audited opening
            cases.stopWorking(actor.tenant(), actor.user(), familyId);
            return Optional.empty();
        }
        return Optional.of(view(actor, listed, new Working(Purpose.valueOf(w.get().purpose()), w.get().openedAt(), w.get().expiresAt())));
    }

    @Override
    public void leave(Actor actor, String familyId) {
        cases.stopWorking(actor.tenant(), actor.user(), familyId == null ? null : familyId(familyId));
    }

    @Override
    public Overview overview(Actor actor) {
        require(actor, actor.role() == Role.TEAM_LEAD, "the outreach overview");
        String tenant = actor.tenant();
        Map<String, Integer> workload = new java.util.TreeMap<>();
        Map<State, Integer> states = new java.util.EnumMap<>(State.class);
        Set<String> withCase = new HashSet<>();
        for (CaseRow c : cases.allCases(tenant)) {
            State st = State.valueOf(c.state());
            withCase.add(c.familyId());
            states.merge(st, 1, Integer::sum);
            if (OPEN.contains(st) && c.assignedTo() != null) {
                workload.merge(c.assignedTo(), 1, Integer::sum);
            }
        }
        // the children on the current list whose case has not begun
        Optional<ScoreRun> latest = scores.latestRun(tenant);
        if (latest.isPresent()) {
            int waiting = 0;
            for (List<FamilyScore> offer : listedOffers(latest.get().id(), capacity()).offers().values()) {
                waiting += (int) offer.stream().filter(f -> !withCase.contains(f.familyId())).count();
            }
            if (waiting > 0) {
                states.merge(State.NEW, waiting, Integer::sum);
            }
        }
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Copenhagen");
        java.time.YearMonth now = java.time.YearMonth.now(zone);
        java.time.YearMonth first = now.minusMonths(11);
        Instant since = first.atDay(1).atStartOfDay(zone).toInstant();
        Map<java.time.YearMonth, int[]> months = new java.util.TreeMap<>();
        for (java.time.YearMonth m = first; !m.isAfter(now); m = m.plusMonths(1)) {
            months.put(m, new int[3]);
        }
        // an offer is the first contact of a case; each case counts once a month for each outcome
        Map<String, Instant> firstContact = new java.util.HashMap<>();
        Set<String> counted = new HashSet<>();
        for (OutreachStore.TenantStep step : cases.stepsSince(tenant, since)) {
            java.time.YearMonth m = java.time.YearMonth.from(step.at().atZone(zone));
            int[] row = months.get(m);
            if (row == null) {
                continue;
            }
            if (step.state().equals(State.CONTACTED.name()) && firstContact.putIfAbsent(step.familyId(), step.at()) == null) {
                row[0]++;
            } else if (step.state().equals(State.ACCEPTED.name()) && counted.add(step.familyId() + "/accepted")) {
                row[1]++;
            }
        }
        for (dk.tidlig.core.audit.AuditEntry e : audit.find(tenant, Action.DECLINE, null, since, null, 100_000)) {
            int[] row = months.get(java.time.YearMonth.from(e.at().atZone(zone)));
            if (row != null) {
                // a household's decline counts its children, as its cases did
                java.util.regex.Matcher n = java.util.regex.Pattern.compile("a household of (\\d+) children").matcher(e.detail());
                row[2] += n.find() ? Integer.parseInt(n.group(1)) : 1;
            }
        }
        Map<String, LocalDate> listed = cases.firstFlagged(tenant, firstContact.keySet());
        List<Integer> days = new ArrayList<>();
        firstContact.forEach((family, at) -> {
            LocalDate day = listed.get(family);
            if (day != null) {
                days.add((int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(day, at.atZone(zone).toLocalDate())));
            }
        });
        days.sort(null);
        return new Overview(workload, states, months.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2])).toList(), days);
    }

    /** How long after the last sign-in an outreach worker of the single sign-on is still offered for assignment. */
    static final int SSO_WORKER_DAYS = 90;

    @Override
    public List<String> workers(Actor actor) {
        require(actor, actor.role().mayReidentify(), "the list of outreach workers");
        java.util.TreeSet<String> workers = new java.util.TreeSet<>();
        users.list(actor.tenant()).stream().filter(u -> u.role() == Role.OUTREACH_WORKER && !u.disabled())
                .forEach(u -> workers.add(u.username()));
        // and those of the single sign-on whose last sign-in, recently, gave them the role (a role taken away shows at the
        // next sign-in; one who no longer signs in drops off the list after SSO_WORKER_DAYS)
        users.ssoUsers(actor.tenant(), Instant.now().minus(java.time.Duration.ofDays(SSO_WORKER_DAYS))).stream()
                .filter(u -> u.role() == Role.OUTREACH_WORKER).forEach(u -> workers.add(u.username()));
        return List.copyOf(workers);
    }

    /** The listed family re-identified, with its explanation, history, case and marks. Not audited: the caller does. */
    private FamilyView view(Actor actor, Listed listed, Working working) throws LegalBasisException {
        FamilyScore f = listed.score();
        Purpose purpose = working.purpose();
        List<Member> members = new ArrayList<>();
        members.add(new Member(FamilyRole.CHILD, f.child(), reveal(actor, f.child(), purpose)));
        for (FamilyScore.Adult a : f.adults()) {
            members.add(new Member(a.role(), a.person(), reveal(actor, a.person(), purpose)));
        }
        Optional<CaseRow> c = cases.findCase(actor.tenant(), f.familyId());
        List<Step> steps = cases.steps(actor.tenant(), f.familyId()).stream()
                .map(s -> new Step(State.valueOf(s.state()), s.assignedTo(), s.at(), s.actor(), contact(actor.tenant(), f.familyId(), s.contact()))).toList();
        List<Child> household = children(actor, listed);
        List<Mark> marks = marks(actor.tenant(), f);
        return new FamilyView(listed.run(), f, members, scores.history(actor.tenant(), f.familyId()).stream()
                .map(a -> new Outreach.Appearance(a.runId(), a.asOf(), a.modelId(), a.modelVersion(), a.score(), a.flagged())).toList(),
                c.map(r -> State.valueOf(r.state())).orElse(State.NEW), c.map(CaseRow::assignedTo).orElse(null), c.map(CaseRow::version).orElse(0), steps,
                household, working, marks);
    }

    /** Where a case's note is sealed: its municipality and family, so that a note cannot be moved to another case. */
    /** The associated data a contact note is sealed with: it opens only for its own case. */
    public static String noteContext(String tenant, String familyId) {
        return "case-note:" + tenant + ":" + familyId;
    }

    private Contact contact(String tenant, String familyId, OutreachStore.Contact stored) {
        if (stored == null) {
            return null;
        }
        String note = stored.note() == null ? null : keys.open(noteContext(tenant, familyId), stored.note());
        return new Contact(stored.date(), Channel.valueOf(stored.channel()), note);
    }

    private Identity reveal(Actor actor, String personHex, Purpose purpose) throws LegalBasisException {
        return vault.reveal(actor.tenant(), PersonId.parse(personHex), purpose.name()).orElse(new Identity(null, null, null));
    }

    @Override
    public int transition(Actor actor, String familyId, int expectedVersion, State to, String assignTo) {
        return transition(actor, familyId, expectedVersion, to, assignTo, null);
    }

    @Override
    public int transition(Actor actor, String familyId, int expectedVersion, State to, String assignTo, Contact contact) {
        require(actor, actor.role().mayReidentify(), "outreach cases");
        if (to == State.DECLINED) {
            throw new InvalidRequestException(Problem.DECLINE_BY_TRANSITION);
        }
        Listed listed = onList(actor, familyId);
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
                throw new InvalidRequestException(Problem.ASSIGNEE_MALFORMED);
            }
            if (!assignee.equals(actor.user()) && actor.role() != Role.TEAM_LEAD) {
                throw audit.refuse(actor, "assigning a family to someone else", "only a team lead assigns a family to someone else");
            }
            String holder = current.map(CaseRow::assignedTo).orElse(null);
            if (holder != null && !holder.equals(actor.user()) && actor.role() != Role.TEAM_LEAD) {
                throw audit.refuse(actor, "taking over another worker's case", "only a team lead reassigns a case another worker holds");
            }
            // to one of the municipality's outreach workers: never to a name that is nobody's, nor to an auditor
            if (!assignee.equals(actor.user()) && !workers(actor).contains(assignee)) {
                throw new InvalidRequestException(Problem.ASSIGNEE_NOT_A_WORKER);
            }
        } else {
            assignee = current.map(CaseRow::assignedTo).orElse(null);
        }
        CaseRow row;
        try {
            row = cases.transition(actor.tenant(), listed.score().familyId(), expectedVersion, to.name(), assignee, actor.user(), Instant.now(),
                    stored(actor.tenant(), listed.score().familyId(), contact));
            audit.recordFamily(actor, Action.STATE_CHANGE, familyId, from + " -> " + to + (to == State.ASSIGNED ? " (" + assignee + ")" : "")
                    + (contact == null ? "" : "; contact by " + contact.channel() + (contact.note() == null || contact.note().isBlank() ? "" : ", with a note")), null);
        } catch (OutreachStore.ConflictException e) {
            throw new ConflictException(e.getMessage());
        }
        // the household's part in the trial, when offers are drawn by lottery: the offer made, and its answer
        Optional<String> offer = scores.offerOf(listed.run().id(), listed.score().familyId());
        if (offer.isPresent()) {
            switch (to) {
                case CONTACTED -> trial.offered(actor.tenant(), offer.get(), LocalDate.now());
                case ACCEPTED -> trial.answered(actor.tenant(), offer.get(), "ACCEPTED");
                case NO_ANSWER -> trial.answered(actor.tenant(), offer.get(), "NO_ANSWER");
                default -> {
                }
            }
        }
        // one offer per household: its other children's cases follow, through the steps the workflow allows
        for (FamilyScore sibling : household(listed)) {
            if (!sibling.familyId().equals(listed.score().familyId())) {
                follow(actor, sibling.familyId(), to, assignee);
            }
        }
        return row.version();
    }

    /** A contact checked, its note sealed for the case; null for none. */
    private OutreachStore.Contact stored(String tenant, String familyId, Contact contact) {
        if (contact == null) {
            return null;
        }
        if (contact.date() == null || contact.channel() == null) {
            throw new InvalidRequestException(Problem.CONTACT_INCOMPLETE);
        }
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen"));
        if (contact.date().isAfter(today) || contact.date().isBefore(today.minusYears(1))) {
            throw new InvalidRequestException(Problem.CONTACT_DAY);
        }
        String note = contact.note() == null ? "" : contact.note().strip();
        if (note.length() > Contact.NOTE_LENGTH || note.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 4 * 1024) {
            throw new InvalidRequestException(Problem.NOTE_TOO_LONG, Contact.NOTE_LENGTH);
        }
        if (dk.tidlig.model.CprNumbers.containsCprLike(note)) {
            throw new InvalidRequestException(Problem.NOTE_HOLDS_CPR);
        }
        return new OutreachStore.Contact(contact.date(), contact.channel().name(), note.isEmpty() ? null : keys.seal(noteContext(tenant, familyId), note));
    }

    /** Brings a sibling's case to the state the household's case went to, assigning it first when it had no case. */
    private void follow(Actor actor, String familyId, State to, String assignee) {
        for (int step = 0; step < 3; step++) {
            Optional<CaseRow> current = cases.findCase(actor.tenant(), familyId);
            State from = current.map(r -> State.valueOf(r.state())).orElse(State.NEW);
            if (from == to && to != State.ASSIGNED) {
                return;
            }
            State next = from.next().contains(to) ? to : from == State.NEW ? State.ASSIGNED : null;
            if (next == null) {
                return; // the sibling's case went its own way (closed, or further along): left as it is
            }
            String who = next == State.ASSIGNED ? assignee != null ? assignee : actor.user() : current.map(CaseRow::assignedTo).orElse(assignee);
            try {
                cases.transition(actor.tenant(), familyId, current.map(CaseRow::version).orElse(0), next.name(), who, actor.user(), Instant.now());
            } catch (OutreachStore.ConflictException e) {
                return; // changed meanwhile by someone else: theirs stands
            }
            audit.recordFamily(actor, Action.STATE_CHANGE, familyId, from + " -> " + next + (next == State.ASSIGNED ? " (" + who + ")" : "")
                    + ", with the household", null);
            if (next == to) {
                return;
            }
        }
    }

    /** The listed family's household offer in its run: every scored child, highest first; the family alone when it has none. */
    private List<FamilyScore> household(Listed listed) {
        return scores.offerOf(listed.run().id(), listed.score().familyId()).map(o -> scores.offer(listed.run().id(), o))
                .filter(l -> !l.isEmpty()).orElse(List.of(listed.score()));
    }

    /** The case as it stands, checked for a decline by this actor. */
    private Optional<CaseRow> declinable(Actor actor, String familyId) {
        require(actor, actor.role().mayReidentify(), "outreach cases");
        Optional<CaseRow> c = cases.findCase(actor.tenant(), familyId);
        State from = c.map(r -> State.valueOf(r.state())).orElse(State.NEW);
        if (!from.next().contains(State.DECLINED)) {
            throw new ConflictException("a case cannot go from " + from + " to " + State.DECLINED);
        }
        boolean holder = c.isPresent() && actor.user().equals(c.get().assignedTo());
        if (!holder && actor.role() != Role.TEAM_LEAD) {
            throw audit.refuse(actor, "recording a decline on a case another worker holds",
                    "only the worker who holds the case, or a team lead, records a decline");
        }
        return c;
    }

    @Override
    public DeclinePreview previewDecline(Actor actor, String familyId) {
        Listed listed = onList(actor, familyId);
        declinable(actor, familyId);
        List<Affected> members = new ArrayList<>();
        Set<String> adults = new HashSet<>();
        int runs = 0;
        int steps = 0;
        int disputes = 0;
        var marks = cases.disputes(actor.tenant());
        for (FamilyScore f : household(listed)) {
            members.add(new Affected(FamilyRole.CHILD, f.child(), f.familyId(), Period.between(f.childBirth(), listed.run().asOf()).getYears()));
            f.adults().stream().filter(a -> adults.add(a.person())).forEach(a -> members.add(new Affected(a.role(), a.person(), null, -1)));
            runs += scores.history(actor.tenant(), f.familyId()).size();
            steps += cases.steps(actor.tenant(), f.familyId()).size();
            disputes += (int) marks.stream().filter(d -> f.contributions().stream()
                    .anyMatch(k -> k.sourceSystem().equals(d.sourceSystem()) && k.sourceRecordId().equals(d.sourceRecordId()))).count();
        }
        return new DeclinePreview(members, runs, steps, disputes);
    }

    @Override
    public Declined decline(Actor actor, String familyId, int expectedVersion) {
        return decline(actor, familyId, expectedVersion, DeclineReason.NOT_STATED);
    }

    @Override
    public Declined decline(Actor actor, String familyId, int expectedVersion, DeclineReason reason) {
        if (reason == null) {
            throw new InvalidRequestException(Problem.DECLINE_REASON_MISSING);
        }
        Listed listed = onList(actor, familyId);
        Optional<CaseRow> c = declinable(actor, familyId);
        if (c.map(CaseRow::version).orElse(0) != expectedVersion) {
            throw new ConflictException("the family's outreach case was changed by someone else; reload it and try again");
        }
        // the household is one offer: every child of it declines with it (its case moved with this one's)
        List<FamilyScore> household = household(listed);
        Long allocation = declineInTrial(actor, listed, household);
        LocalDate until = null;
        int[] sums = new int[4];
        boolean reference = true;
        for (FamilyScore f : household) {
            Declined d = erase(actor, f, allocation);
            this.listed.clear(); // the declined family leaves every list at once
            until = d.suppressedUntil() != null ? d.suppressedUntil() : until;
            sums[0] += d.familyScoresErased();
            sums[1] += d.caseStepsErased();
            sums[2] += d.disputesErased();
            sums[3] += d.identitiesErased();
            reference &= d.auditLinkErased();
        }
        // no family id and no reference: after the decline nothing in the trail points to the household
        audit.record(actor, Action.DECLINE, "", (household.size() == 1 ? "a family declined" : "a household of " + household.size()
                + " children declined") + " (reason: " + reason + "); erased " + sums[0] + " score results, " + sums[1] + " case steps, " + sums[2] + " marks, " + sums[3]
                + " identity entries" + (reference ? " and the link to its audit entries" : "")
                + (until == null ? "; not suppressed (no CPR number held)" : "; kept off the lists until " + until)
                + (allocation == null ? "" : "; its place in the trial is kept without anything that names it"));
        return new Declined(until, sums[0], sums[1], sums[2], sums[3], reference);
    }

    /**
     * A household in the trial that declines keeps its place there without its id: the arm, the answer, and the first outcome
     * of its children after the lottery, as far as the data shows it now (the data is erased next). Its children's
     * suppression markers follow it up further, matching only for whoever holds a child's CPR number.
     *
     * @return the allocation's id, or null when the household was not in the trial
     */
    private Long declineInTrial(Actor actor, Listed listed, List<FamilyScore> household) {
        Optional<String> offer = scores.offerOf(listed.run().id(), listed.score().familyId());
        if (offer.isEmpty()) {
            return null;
        }
        TrialStore.Allocation a = trial.allocations(actor.tenant(), List.of(offer.get())).get(offer.get());
        if (a == null) {
            return null;
        }
        Set<PersonId> children = new HashSet<>();
        household.forEach(f -> children.add(PersonId.parse(f.child())));
        LocalDate first = evidence.firstEvents(actor.tenant(), dk.tidlig.core.evidence.OutcomeDefinition.DEFAULT.indicators(), a.asOf().plusDays(1),
                LocalDate.now()).entrySet().stream().filter(e -> children.contains(e.getKey())).map(Map.Entry::getValue).min(LocalDate::compareTo)
                .orElse(null);
        java.util.OptionalLong id = trial.declined(actor.tenant(), offer.get(), first);
        return id.isPresent() ? id.getAsLong() : null;
    }

    /** Erases one child's family after its household declined, and keeps the child off the lists; audited by the caller. */
    private Declined erase(Actor actor, FamilyScore f, Long allocation) {
        PersonId child = PersonId.parse(f.child());
        Set<PersonId> persons = new LinkedHashSet<>();
        persons.add(child);
        f.adults().forEach(a -> persons.add(PersonId.parse(a.person())));
        // the marker is made from the child's CPR number before the vault entry goes
        String marker = markers.of(actor.tenant(), List.of(child)).get(child);
        LocalDate until = marker == null ? null : LocalDate.now().plusMonths(Math.max(0, config.suppressionMonths()));
        if (marker != null) {
            cases.suppress(actor.tenant(), List.of(java.util.HexFormat.of().parseHex(marker)), until, allocation);
        }
        Erasure erased = cases.erase(actor.tenant(), f.familyId(), persons);
        return new Declined(until, erased.familyScores(), erased.steps(), erased.disputes(), erased.identities(), erased.reference());
    }

    @Override
    public String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, Dispute kind) {
        return dispute(actor, familyId, sourceSystem, sourceRecordId, kind, null);
    }

    @Override
    public String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, DisputeReason reason) {
        if (reason == null) {
            throw new InvalidRequestException(Problem.DISPUTE_REASON_MISSING);
        }
        return dispute(actor, familyId, sourceSystem, sourceRecordId, reason.kind(), reason);
    }

    @Override
    public void withdrawDispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId) {
        require(actor, actor.role() == Role.TEAM_LEAD, "withdrawing a data point's mark");
        FamilyScore f = onList(actor, familyId).score();
        Contribution point = f.contributions().stream()
                .filter(k -> k.sourceSystem().equals(sourceSystem) && k.sourceRecordId().equals(sourceRecordId)).findFirst()
                .orElseThrow(() -> new NotFoundException("the family's explanation has no such data point"));
        if (!cases.withdrawDispute(actor.tenant(), point.sourceSystem(), point.sourceRecordId())) {
            throw new NotFoundException("the data point has no mark");
        }
        audit.recordFamily(actor, Action.DISPUTE_WITHDRAWN, familyId, "a mark withdrawn from a data point from " + point.sourceSystem(),
                point.sourceRecordId());
    }

    private String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, Dispute kind, DisputeReason reason) {
        require(actor, actor.role().mayReidentify(), "disputing data points");
        FamilyScore f = onList(actor, familyId).score();
        Contribution point = f.contributions().stream()
                .filter(k -> k.sourceSystem().equals(sourceSystem) && k.sourceRecordId().equals(sourceRecordId)).findFirst()
                .orElseThrow(() -> new NotFoundException("the family's explanation has no such data point"));
        cases.dispute(actor.tenant(), point.sourceSystem(), point.sourceRecordId(), kind.name(), reason == null ? null : reason.name(), actor.user(),
                Instant.now());
        // the record id joins to the source's data: it is sealed with the family's key and goes with a decline
        audit.recordFamily(actor, Action.DISPUTE, familyId, kind + (reason == null ? "" : " (" + reason + ")") + ": a data point from "
                + point.sourceSystem(), point.sourceRecordId());
        return point.sourceSystem();
    }

    /** The family in the latest run of the actor's municipality. */
    private Listed latest(Actor actor, String familyId) {
        ScoreRun run = scores.latestRun(actor.tenant()).orElseThrow(() -> new NotFoundException("there is no score run yet"));
        FamilyScore f = scores.family(run.id(), familyId(familyId)).orElseThrow(() -> new NotFoundException("no family " + familyId + " on the latest list"));
        return new Listed(run, f);
    }

    /**
     * The family, when it is on the current list: flagged in the latest run within the list's size, or with a
     * case still being worked. Nobody else may be re-identified or have a case.
     */
    private Listed onList(Actor actor, String familyId) {
        Listed l = latest(actor, familyId);
        Optional<String> offer = scores.offerOf(l.run().id(), l.score().familyId());
        if (offer.isPresent() && listedOffers(l.run().id()).contains(offer.get())) {
            return l;
        }
        Optional<CaseRow> c = cases.findCase(actor.tenant(), l.score().familyId());
        if (c.isPresent() && OPEN.contains(State.valueOf(c.get().state()))) {
            return l;
        }
        throw new NotFoundException("the family " + familyId + " is not on the current list");
    }

    /**
     * The household offers a run's list holds: those its lottery offered when offers were drawn by lottery, else the
     * flagged households with the most points up to the capacity.
     */
    /**
     * A run's listed offers as the worklist shows them: read once and shared by the views of the next few seconds (every
     * outreach worker's list is the same run's), until a decline here erases a family. Another node's decline shows here
     * within {@link #LIST_SECONDS}; the family's own page re-reads it at once.
     */
    private record ListedOffers(long runId, int capacity, long readAt, Map<String, List<FamilyScore>> offers, boolean trial) {
    }

    /** How long a run's listed offers are shared. */
    static final int LIST_SECONDS = 5;
    private final Map<Long, ListedOffers> listed = new java.util.concurrent.ConcurrentHashMap<>();

    private ListedOffers listedOffers(long runId, int capacity) {
        long now = System.nanoTime();
        ListedOffers l = listed.get(runId);
        if (l != null && l.capacity() == capacity && now - l.readAt() < java.util.concurrent.TimeUnit.SECONDS.toNanos(LIST_SECONDS)) {
            return l;
        }
        boolean drawn = trial.draw(runId).isPresent();
        List<String> ids = drawn ? trial.listedOffers(runId) : scores.flaggedOffers(runId, capacity);
        l = new ListedOffers(runId, capacity, now, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores.offers(runId, ids))),
                drawn);
        listed.values().removeIf(x -> now - x.readAt() >= java.util.concurrent.TimeUnit.SECONDS.toNanos(LIST_SECONDS));
        listed.put(runId, l);
        return l;
    }

    private List<String> listedOffers(long runId) {
        return trial.draw(runId).isPresent() ? trial.listedOffers(runId) : scores.flaggedOffers(runId, capacity());
    }

    /** How many of a run's flagged families are on the list. */
    private int capacity() {
        return Math.max(1, config.capacityPerMonth());
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
            throw audit.refuse(actor, what, "the role " + actor.role().englishLabel() + " may not use " + what);
        }
    }
}
