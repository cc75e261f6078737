package dk.tidlig.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.PersonId;

/**
 * Everything held about one person, for the citizen's right of access (GDPR art. 15): registered facts,
 * relations, events with their sources, score results the person is part of, outreach cases and
 * disputes. Identities (CPR number, name, address) come from the vault, not from here.
 */
@ProviderType
public interface AccessStore {

    /** The person's registered facts; absent when tidlig holds none. */
    record Registered(LocalDate birthDate, String sex, String status, String municipalityCode, boolean householdKnown, Instant updatedAt) {
    }

    /** A relation; {@code outgoing} when the person is its "from" (e.g. the mother of the other). */
    record Relation(String type, boolean outgoing, LocalDate start, LocalDate end, String sourceSystem) {
    }

    /** A risk event about the person, with its source and detail codes. */
    record Event(String sourceSystem, String sourceRecordId, String indicator, LocalDate start, LocalDate end, Instant receivedAt,
            List<String> details, String disputed) {
    }

    /** A score result the person is part of: as the child, an adult, or a contributor. */
    record Appearance(long runId, LocalDate asOf, String modelId, String modelVersion, String familyId, String role, int score, boolean flagged,
            String outreachState) {
    }

    Optional<Registered> registered(String tenant, PersonId person);

    List<Relation> relations(String tenant, PersonId person);

    List<Event> events(String tenant, PersonId person);

    List<Appearance> appearances(String tenant, PersonId person);

    /**
     * Quarantined lines of the tenant: they are kept encrypted and not linked to persons, so a report can
     * only say how many there are and that they may concern the person.
     */
    long quarantinedLines(String tenant);
}
