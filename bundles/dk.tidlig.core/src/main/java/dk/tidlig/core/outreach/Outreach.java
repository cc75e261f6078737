package dk.tidlig.core.outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.core.access.Actor;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.ScoreStore.Appearance;

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

    /** A family on the worklist, pseudonymous. */
    record Entry(String familyId, int score, Set<Indicator> indicators, int childAgeYears, State state, String assignedTo, int version) {
    }

    record Worklist(ScoreRun run, List<Entry> families) {
    }

    /** A member of an opened family with who they are. */
    record Member(FamilyRole role, String person, Identity identity) {
    }

    record Step(State state, String assignedTo, Instant at, String actor) {
    }

    /** An opened family: the explanation, the people, the history on past lists and the case. */
    record FamilyView(ScoreRun run, FamilyScore score, List<Member> members, List<Appearance> history, State state, String assignedTo,
            int version, List<Step> steps) {
    }

    /** A decline's outcome: nothing that identifies the family. */
    record Declined(LocalDate suppressedUntil, int familyScoresErased, int identitiesErased) {
    }

    /** The latest run's flagged families, highest score first. Audited as a list view. */
    Worklist worklist(Actor actor);

    /** The latest run's explanation of one family, pseudonymous (for analysts as well). */
    FamilyScore explanation(Actor actor, String familyId);

    /**
     * Re-identifies the family's child and adults from the vault for outreach. Audited with the purpose.
     *
     * @param purpose why the family is opened (required)
     */
    FamilyView open(Actor actor, String familyId, String purpose) throws LegalBasisException;

    /**
     * Moves the family's case to a state.
     *
     * @param expectedVersion the case version the actor saw (0 for a family without a case)
     * @param assignTo        the worker the case is assigned to (for ASSIGNED), else ignored
     * @return the case's new version
     */
    int transition(Actor actor, String familyId, int expectedVersion, State to, String assignTo);

    /**
     * The family declined help: its score results, its case and its members' identities are erased, it
     * leaves the list, and its members are kept off future lists for the configured period. Only a
     * non-identifying audit entry remains.
     */
    Declined decline(Actor actor, String familyId, int expectedVersion);

    /** Kinds of mark on a data point. */
    enum Dispute {
        DISPUTED, WRONG
    }

    /**
     * Marks a contribution's data point as disputed or wrong: it is left out of every later run.
     *
     * @return the source system to ask for a correction
     */
    String dispute(Actor actor, String familyId, String sourceSystem, String sourceRecordId, Dispute kind);
}
