package dk.tidlig.core.transparency;

import java.time.Instant;
import java.util.List;

import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.store.AccessStore.Appearance;
import dk.tidlig.store.AccessStore.Event;
import dk.tidlig.store.AccessStore.Registered;
import dk.tidlig.store.AccessStore.Relation;

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
 */
public record AccessReport(Instant generatedAt, String municipalityCode, String reference, Transparency.IdentityCheck identityCheck,
        Identity identity, Registered registered, List<Relation> relations,
        List<Event> events, List<Appearance> appearances, long quarantinedLines, List<DataInventory.Source> purposes) {
}
