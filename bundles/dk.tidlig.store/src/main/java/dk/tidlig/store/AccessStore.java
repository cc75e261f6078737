// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
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

    /**
     * A score result the person is part of: as the child, an adult, or a contributor.
     *
     * @param offerId the household offer the family was part of in that run; null for runs before offers
     */
    record Appearance(long runId, LocalDate asOf, String modelId, String modelVersion, String familyId, String role, int score, boolean flagged,
            String outreachState, String offerId) {

        /** An appearance without its household offer (as before 4.10). */
        public Appearance(long runId, LocalDate asOf, String modelId, String modelVersion, String familyId, String role, int score, boolean flagged,
                String outreachState) {
            this(runId, asOf, modelId, modelVersion, familyId, role, score, flagged, outreachState, null);
        }
    }

    /**
     * A registered access request.
     *
     * @param personRef     a keyed reference to the person (never the CPR number)
     * @param identityCheck how the requester's identity was checked
     * @param reports       how many reports were produced for it
     * @param reviewedBy    the second person who reviewed it, or null while nobody has
     */
    record AccessRequest(String reference, String personRef, String identityCheck, String requestedBy, Instant requestedAt, int reports,
            String reviewedBy, Instant reviewedAt) {
    }

    /**
     * Registers a request, or counts one more report for a registered one. A reference belongs to one person.
     *
     * @return the request as registered
     * @throws dk.tidlig.store.StoreException when the reference is registered for another person
     */
    AccessRequest register(String tenant, String reference, String personRef, String identityCheck, String user, Instant at);

    /** How many reports the user produced since the instant. */
    int reportsBy(String tenant, String user, Instant since);

    /** Requests no second person has reviewed yet, oldest first. */
    List<AccessRequest> unreviewed(String tenant);

    /**
     * Records the review by a second person.
     *
     * @return false when there is no such unreviewed request, or the reviewer produced it
     */
    boolean review(String tenant, String reference, String reviewer, Instant at);

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
