// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dk.tidlig.core.Reidentification.Identity;

/**
 * A citizen's access report (GDPR art. 15): everything tidlig holds about the person, its sources and
 * dates, and every score result and list the person appeared on.
 *
 * @param reference         the access request's reference
 * @param identityCheck     how the requester's identity was checked
 * @param identity          the person's identity as the vault holds it (empty fields when it holds none)
 * @param registered        registered facts, or null
 * @param quarantinedLines  lines in quarantine in the municipality, which may concern the person
 * @param purposes          the purposes tidlig processes the data for, from the deployed adapters
 * @param openings          who opened the person's families, by role and day (never by name: staff are not the subject), the
 *                          newest first
 */
public record AccessReport(Instant generatedAt, String municipalityCode, String reference, Transparency.IdentityCheck identityCheck,
        Identity identity, Registered registered, List<Relation> relations,
        List<Event> events, List<Appearance> appearances, long quarantinedLines, List<DataInventory.Source> purposes, List<Opening> openings) {

    public AccessReport {
        openings = List.copyOf(openings);
    }

    /** A report without the openings (as before 3.1). */
    public AccessReport(Instant generatedAt, String municipalityCode, String reference, Transparency.IdentityCheck identityCheck,
            Identity identity, Registered registered, List<Relation> relations,
            List<Event> events, List<Appearance> appearances, long quarantinedLines, List<DataInventory.Source> purposes) {
        this(generatedAt, municipalityCode, reference, identityCheck, identity, registered, relations, events, appearances, quarantinedLines,
                purposes, List.of());
    }

    /** Whether tidlig holds anything about the person at all. */
    public boolean empty() {
        return identity.cpr() == null && identity.name() == null && registered == null && relations.isEmpty() && events.isEmpty()
                && appearances.isEmpty();
    }

    /**
     * A family of the person opened by staff: its explanation viewed, or who it is seen (re-identified).
     *
     * @param role   the role of who opened it (outreach worker, team lead, analyst)
     * @param reidentified whether names and CPR numbers were shown, not only the pseudonymous explanation
     */
    public record Opening(Instant at, String role, boolean reidentified) {
    }

    /** The person's registered facts; the household only as known or not (it is a keyed hash). */
    public record Registered(LocalDate birthDate, String sex, String status, String municipalityCode, boolean householdKnown, Instant updatedAt) {
    }

    /** A relation; {@code outgoing} when the person is its "from" (e.g. the mother of the other). */
    public record Relation(String type, boolean outgoing, LocalDate start, LocalDate end, String sourceSystem) {
    }

    /** A risk event about the person, with its source and detail codes, and the dispute of it if there is one. */
    public record Event(String sourceSystem, String sourceRecordId, String indicator, LocalDate start, LocalDate end, Instant receivedAt,
            List<String> details, String disputed) {
    }

    /**
     * A score result the person is part of: as the child, an adult, or a contributor.
     *
     * @param offerId the household offer the family was part of in that run (the letter shows a household once); null for
     *                runs before offers
     */
    public record Appearance(long runId, LocalDate asOf, String modelId, String modelVersion, String familyId, String role, int score,
            boolean flagged, String outreachState, String offerId) {

        /** An appearance without its household offer (as before 3.3). */
        public Appearance(long runId, LocalDate asOf, String modelId, String modelVersion, String familyId, String role, int score,
                boolean flagged, String outreachState) {
            this(runId, asOf, modelId, modelVersion, familyId, role, score, flagged, outreachState, null);
        }
    }
}
