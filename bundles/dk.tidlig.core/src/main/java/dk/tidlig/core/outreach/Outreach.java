// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.core.access.Actor;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;

/**
 * The outreach workflow over the latest score run: the pseudonymous worklist, opening a family with a
 * purpose (re-identification, audited), the case's states, disputed data points, and the decline that
 * erases the family and keeps it off the lists.
 *
 * <p>Every method checks the actor's role and municipality and audits what it does.
 *
 * @throws dk.tidlig.core.access.AccessDeniedException when the role or municipality does not allow it
 * @throws NotFoundException                           when the family is not on the latest list
 * @throws ConflictException                           when the case changed meanwhile or the step is not allowed
 */
@ProviderType
public interface Outreach {

    /** A case's states. A family on the list without a case is {@link #NEW}. */
    enum State {
        NEW, ASSIGNED, CONTACTED, ACCEPTED, NO_ANSWER, DECLINED, CLOSED;

        /** The states a case may move to from this one. */
        public Set<State> next() {
            return switch (this) {
                case NEW -> EnumSet.of(ASSIGNED);
                case ASSIGNED -> EnumSet.of(ASSIGNED, CONTACTED, NO_ANSWER, DECLINED, CLOSED);
                case CONTACTED -> EnumSet.of(ACCEPTED, DECLINED, NO_ANSWER);
                case NO_ANSWER -> EnumSet.of(CONTACTED, CLOSED);
                case ACCEPTED -> EnumSet.of(CLOSED);
                case DECLINED, CLOSED -> EnumSet.noneOf(State.class);
            };
        }
    }

    /**
     * A household offer on the worklist, pseudonymous: siblings in one household are one offer, and contact, outcome and
     * decline apply to all of them. The family id, score, indicators, age, state and version are the offer's lead child's
     * (the highest score); {@code children} holds every eligible child of the household, the lead first, each with its own
     * family id and explanation.
     */
    /**
     * @param points    the lead child's points by indicator, in the indicators' order (they add up to its score)
     * @param updatedAt when the lead child's case last changed; null for a family without a case
     */
    record Entry(String familyId, int score, Set<Indicator> indicators, int childAgeYears, State state, String assignedTo, int version,
            String offerId, List<Child> children, Map<Indicator, Integer> points, Instant updatedAt, int marks) {
        public Entry {
            children = List.copyOf(children);
            points = points.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(points));
        }

        /** An entry without the count of marked data points (as before 4.1). */
        public Entry(String familyId, int score, Set<Indicator> indicators, int childAgeYears, State state, String assignedTo, int version,
                String offerId, List<Child> children, Map<Indicator, Integer> points, Instant updatedAt) {
            this(familyId, score, indicators, childAgeYears, state, assignedTo, version, offerId, children, points, updatedAt, 0);
        }

        /** An entry without the points by indicator and the case's last change (as before 3.1). */
        public Entry(String familyId, int score, Set<Indicator> indicators, int childAgeYears, State state, String assignedTo, int version,
                String offerId, List<Child> children) {
            this(familyId, score, indicators, childAgeYears, state, assignedTo, version, offerId, children, Map.of(), null);
        }
    }

    /** A child of a household offer: its own family id, score and flag, age and case. */
    record Child(String familyId, int score, boolean flagged, Set<Indicator> indicators, int ageYears, State state, int version) {
    }

    /**
     * The worklist.
     *
     * @param families the latest run's flagged families up to the capacity, highest score first, then cases still being
     *                 worked that are no longer among them
     * @param capacity how many families the outreach staff can offer help to in a month ({@code capacityPerMonth}): the
     *                 run's flagged families beyond it are not on the list
     */
    /**
     * @param byLottery the run's list was drawn by the outreach's lottery ({@code offerOrder = LOTTERY}): it holds the
     *                  households the lottery offered help, and the other flagged households are wait-listed
     */
    record Worklist(ScoreRun run, List<Entry> families, int capacity, boolean byLottery) {
        /** How many families the run flagged, on the list or not. */
        public int flagged() {
            return run == null ? 0 : run.familiesFlagged();
        }
    }

    /** A member of an opened family with who they are. */
    record Member(FamilyRole role, String person, Identity identity) {
    }

    /** @param contact the contact this step records, or null */
    record Step(State state, String assignedTo, Instant at, String actor, Contact contact) {
        public Step(State state, String assignedTo, Instant at, String actor) {
            this(state, assignedTo, at, actor, null);
        }
    }

    /** How a contact with a family was made. */
    enum Channel {
        VISIT, PHONE, LETTER, DIGITAL_POST, MEETING
    }

    /**
     * A contact with a family, recorded with the step to {@link State#CONTACTED} (or any later step).
     *
     * @param note the worker's note, at most 2,000 characters, never a CPR number; kept sealed with the vault's key and
     *             erased with the case; null or empty for none
     */
    record Contact(LocalDate date, Channel channel, String note) {
        public static final int NOTE_LENGTH = 2000;
    }

    /**
     * The working session a family's case page belongs to: the opening it was audited with, and when it ends.
     */
    record Working(Purpose purpose, Instant openedAt, Instant expiresAt) {
    }

    /** Why a family declined; a fixed list, so that the reasons can be counted without anything that names the family. */
    enum DeclineReason {
        NO_NEED, HAS_HELP, NO_CONTACT_WANTED, NOT_STATED
    }

    /** Why a data point is marked; it gives the mark's kind. */
    enum DisputeReason {
        /** The family disputes the data point; the source should look at it. */
        FAMILY_DISAGREES(Dispute.DISPUTED),
        /** The data point concerns another person or family. */
        NOT_THIS_FAMILY(Dispute.WRONG),
        /** The data point is out of date: it has ended or been corrected in the source. */
        OUTDATED(Dispute.WRONG),
        /** The data point is wrong for another reason. */
        INCORRECT(Dispute.WRONG);

        private final Dispute kind;

        DisputeReason(Dispute kind) {
            this.kind = kind;
        }

        public Dispute kind() {
            return kind;
        }
    }

    /** A mark on one of the family's data points. @param reason null for marks made before reasons were asked */
    record Mark(String sourceSystem, String sourceRecordId, Dispute kind, DisputeReason reason, Instant at, String by) {
    }

    /**
     * A family's explanation as its page shows it before anyone is re-identified.
     *
     * @param run      the latest run, whose explanation this is
     * @param score    pseudonymous; analysts see no source-system record ids and no pseudonyms of persons
     * @param marks     the marks on its data points; empty for analysts
     * @param household the offer's children (this one among them), when the household has more than one; else empty
     * @param siblings  the household offer's other children, each with the data points of its score (source system and
     *                  record id, joined by a NUL character); empty when the child is alone, and for analysts
     */
    record Explained(ScoreRun run, FamilyScore score, List<Mark> marks, List<Child> household, Map<String, Set<String>> siblings) {
        public Explained {
            marks = List.copyOf(marks);
            household = List.copyOf(household);
            siblings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(siblings));
        }

        /** The children a mark on this data point concerns: this one, and each sibling whose score holds the same point. */
        public List<String> affected(String sourceSystem, String sourceRecordId) {
            List<String> affected = new java.util.ArrayList<>();
            affected.add(score.familyId());
            siblings.forEach((family, points) -> {
                if (points.contains(sourceSystem + "\u0000" + sourceRecordId)) {
                    affected.add(family);
                }
            });
            return affected;
        }
    }

    /** An opened family: the explanation, the people, the history on past lists and the case. */
    /** @param household the offer's children (this one among them), when the household has more than one; else empty */
    /** A family's appearance in a score run. */
    record Appearance(long runId, java.time.LocalDate asOf, String modelId, String modelVersion, int score, boolean flagged) {
    }

    /**
     * @param working the working session the view belongs to
     * @param marks   the marks on the family's data points
     */
    record FamilyView(ScoreRun run, FamilyScore score, List<Member> members, List<Appearance> history, State state, String assignedTo,
            int version, List<Step> steps, List<Child> household, Working working, List<Mark> marks) {
        public FamilyView {
            household = List.copyOf(household);
            marks = List.copyOf(marks);
        }

        public FamilyView(ScoreRun run, FamilyScore score, List<Member> members, List<Appearance> history, State state, String assignedTo,
                int version, List<Step> steps, List<Child> household) {
            this(run, score, members, history, state, assignedTo, version, steps, household, null, List.of());
        }
    }

    /**
     * A decline's outcome: what was erased, and nothing that identifies the family.
     *
     * @param suppressedUntil   the family stays off the lists until this day; null when the child's CPR number was not
     *                          held (then nothing can recognise the family later, and nothing is kept to do so)
     * @param familyScoresErased the family's score results, one per run
     * @param caseStepsErased   the steps of its outreach case
     * @param disputesErased    marks on data points of this family only
     * @param identitiesErased  vault entries (CPR number, name, address) of persons of no other family
     * @param auditLinkErased   whether the link between the family and its audit entries was destroyed
     */
    record Declined(LocalDate suppressedUntil, int familyScoresErased, int caseStepsErased, int disputesErased, int identitiesErased,
            boolean auditLinkErased) {
    }

    /**
     * Why a family is opened. A fixed list: a free text could name people, and it would outlive a decline.
     */
    enum Purpose {
        /** Preparing the first contact with the family. */
        PREPARE_CONTACT,
        /** Contacting the family (a visit, a call, a letter). */
        CONTACT,
        /** Following up after contact. */
        FOLLOW_UP,
        /** Reviewing the case with a colleague or the team lead. */
        CASE_REVIEW,
        /** Checking a data point the family disputes. */
        CHECK_DISPUTE
    }

    /**
     * The latest run's flagged families, highest score first, at most the outreach's capacity; and, after
     * them, families with an open case that are no longer among them. Audited as a list view.
     */
    Worklist worklist(Actor actor);

    /**
     * The latest run's explanation of one family, pseudonymous. Audited. Analysts see no source-system record
     * ids and no pseudonyms of persons.
     */
    FamilyScore explanation(Actor actor, String familyId);

    /**
     * The latest run's explanation of one family with the marks on its data points and the siblings a mark would also
     * concern, without re-identifying anyone: what the family's page shows, and what a mark is made or withdrawn from.
     * Audited as {@link #explanation} is.
     */
    Explained explained(Actor actor, String familyId);

    /**
     * Re-identifies the family's child and adults from the vault for outreach. Only families on the current
     * list (or with an open case) may be opened. Audited with the purpose.
     */
    FamilyView open(Actor actor, String familyId, Purpose purpose) throws LegalBasisException;

    /**
     * The family's case page again, within the working session its opening started (the same user, until the session
     * expires or is left): re-identified without a new audit entry, since the opening was audited with its purpose.
     *
     * @return empty when the actor has no live working session on the family (then it must be opened with a purpose)
     */
    Optional<FamilyView> resume(Actor actor, String familyId) throws LegalBasisException;

    /**
     * Ends the actor's working session on a family, or on every family when {@code familyId} is null (at sign-out).
     */
    void leave(Actor actor, String familyId);

    /**
     * The team lead's overview, pseudonymous: no family id, only counts.
     *
     * @param openCasesPerWorker  cases still being worked, by the worker who holds them
     * @param casesPerState       every case by its state (declined ones are erased, and counted per month instead), and as
     *                            {@link State#NEW} the children on the current list whose case has not begun
     * @param months              the last twelve months, oldest first
     * @param daysToFirstContact  for each case contacted in the last twelve months, the days from the first list that flagged
     *                            its family to the first contact
     */
    record Overview(Map<String, Integer> openCasesPerWorker, Map<State, Integer> casesPerState, List<Month> months, List<Integer> daysToFirstContact) {
        public Overview {
            openCasesPerWorker = Map.copyOf(openCasesPerWorker);
            casesPerState = Map.copyOf(casesPerState);
            months = List.copyOf(months);
            daysToFirstContact = List.copyOf(daysToFirstContact);
        }
    }

    /** A month's offers: families contacted (the offer made), accepted, and declined. */
    record Month(java.time.YearMonth month, int offered, int accepted, int declined) {
    }

    /** The overview of the outreach for team leads. Not audited: it shows no family. */
    Overview overview(Actor actor);

    /** The municipality's outreach workers, whom a case may be assigned to; for team leads and outreach workers. */
    List<String> workers(Actor actor);

    /**
     * Moves the family's case to a state, recording a contact with it.
     *
     * @param contact the contact, or null; a step to {@link State#CONTACTED} from the web application always has one
     */
    int transition(Actor actor, String familyId, int expectedVersion, State to, String assignTo, Contact contact);

    /**
     * Moves the family's case to a state.
     *
     * @param expectedVersion the case version the actor saw (0 for a family without a case)
     * @param assignTo        the worker the case is assigned to (for ASSIGNED), else ignored
     * @return the case's new version
     */
    int transition(Actor actor, String familyId, int expectedVersion, State to, String assignTo);

    /**
     * The family declined help: its score results, its case and its members' identities are erased, the
     * link between it and its audit entries is destroyed, it leaves the list, and it is kept off future lists
     * for the configured period by a marker that only its child's CPR number matches. Only the case's holder
     * or a team lead records it. Only a non-identifying audit entry remains.
     */
    Declined decline(Actor actor, String familyId, int expectedVersion);

    /** As {@link #decline(Actor, String, int)}, with the reason the family gave; the audit entry counts it, nothing else. */
    Declined decline(Actor actor, String familyId, int expectedVersion, DeclineReason reason);

    /** What a decline of the family would erase, for the confirmation: its members' roles and the counts. */
    record DeclinePreview(List<Affected> members, int runs, int caseSteps, int disputes) {
        public DeclinePreview {
            members = List.copyOf(members);
        }

        /** The members' roles in turn: each child, then its adults not named before. */
        public List<FamilyRole> roles() {
            return members.stream().map(Affected::role).toList();
        }
    }

    /**
     * A person a decline affects.
     *
     * @param person the person's pseudonym (the case's page names the person by it within the working session)
     * @param familyId a child's family id, null for an adult
     * @param ageYears a child's age on the run's reference day, -1 for an adult
     */
    record Affected(FamilyRole role, String person, String familyId, int ageYears) {
    }

    /** What {@link #decline} would erase; for the holder of the case or a team lead. Not audited: nothing is shown that the case's page does not show. */
    DeclinePreview previewDecline(Actor actor, String familyId);

    /** Kinds of mark on a data point. */
    enum Dispute {
        DISPUTED, WRONG
    }

    /**
     * Marks a contribution's data point as disputed or wrong: it is left out of every later run. The audit
     * entry names the source system; which record it was is sealed with the family's key.
     *
     * @return the source system to ask for a correction
     */
    String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, Dispute kind);

    /** As {@link #dispute(Actor, String, String, String, Dispute)}, with the reason, which gives the kind of mark. */
    String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, DisputeReason reason);

    /**
     * Withdraws the mark on one of the family's data points: it counts again from the next run. Only a team lead. Audited.
     *
     * @throws NotFoundException when the data point has no mark
     */
    void withdrawDispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId);
}
