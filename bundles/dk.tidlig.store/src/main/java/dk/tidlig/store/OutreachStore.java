package dk.tidlig.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.PersonId;

/** Outreach cases, their steps, suppressions after a decline, disputed data points and erasure. */
@ProviderType
public interface OutreachStore {

    /** A family's outreach case; {@code version} counts its changes. */
    record CaseRow(String familyId, String state, String assignedTo, Instant updatedAt, String updatedBy, int version) {
    }

    /** One step of a case's history. */
    record StepRow(String state, String assignedTo, Instant at, String actor) {
    }

    /** A data point marked as disputed or wrong. */
    record DisputeRow(String sourceSystem, String sourceRecordId, String kind, Instant markedAt, String markedBy) {
    }

    /** What an erasure removed. */
    record Erasure(int familyScores, int identities, int cases) {
    }

    Optional<CaseRow> findCase(String tenant, String familyId);

    /** The cases of these families, by family id. */
    Map<String, CaseRow> cases(String tenant, Collection<String> familyIds);

    /**
     * Moves a case to a state (creating it at version 1 when {@code expectedVersion} is 0) and records the
     * step.
     *
     * @throws ConflictException when the case's version is not {@code expectedVersion}: someone else
     *                           changed it first
     */
    CaseRow transition(String tenant, String familyId, int expectedVersion, String state, String assignedTo, String actor, Instant at);

    List<StepRow> steps(String tenant, String familyId);

    /** Keeps these persons' families off the lists until the day (inclusive). */
    void suppress(String tenant, Collection<PersonId> persons, LocalDate until);

    /** Persons suppressed on the day. */
    Set<PersonId> suppressed(String tenant, LocalDate day);

    /** Marks a data point; marking it again replaces the mark. */
    void dispute(String tenant, String sourceSystem, String sourceRecordId, String kind, String actor, Instant at);

    List<DisputeRow> disputes(String tenant);

    /**
     * Erases a family that declined: the score results (in every run) of every family whose child, adult
     * or contributor is one of the persons, their outreach cases and steps, the marks on the persons'
     * disputed data points, and the persons' identities in the vault. One transaction.
     */
    Erasure erase(String tenant, Collection<PersonId> persons);

    /** Thrown when a case changed since it was read. */
    class ConflictException extends StoreException {
        private static final long serialVersionUID = 1L;

        public ConflictException(String message) {
            super(message);
        }
    }
}
