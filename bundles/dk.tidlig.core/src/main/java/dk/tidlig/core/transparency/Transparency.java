// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.transparency;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.Actor;

/** The model card, the data inventory and the citizen's access report. */
@ProviderType
public interface Transparency {

    /**
     * The card of the model active in the municipality; when none is, of the model configuration names for use, saying
     * why it is not active.
     *
     * @throws IllegalStateException when there is no valid model at all
     */
    ModelCard modelCard(String municipalityCode);

    /** The deployed adapters' sources, data categories and purposes, and the retention. */
    DataInventory dataInventory();

    /** How the data protection officer checked that the requester is the person the request is about. */
    enum IdentityCheck {
        /** Signed in with MitID (e.g. the request came through a self-service form). */
        MITID,
        /** In person, with photo identification. */
        IN_PERSON_WITH_ID,
        /** Sent through Digital Post, which the requester reaches only with MitID. */
        DIGITAL_POST,
        /** By letter, with a copy of identification, answered to the address in the CPR register. */
        LETTER_WITH_ID_COPY
    }

    /**
     * A citizen's access request as the data protection officer registered it.
     *
     * @param cpr           the requester's CPR number
     * @param reference     the request's reference in the municipality's records, in the configured format
     * @param identityCheck how the requester's identity was checked
     */
    record AccessRequest(String cpr, String reference, IdentityCheck identityCheck) {
        @Override
        public String toString() {
            return "AccessRequest[" + reference + ", " + identityCheck + "]";
        }
    }

    /**
     * Everything held about the person with this CPR number, for an access request. Only the data protection
     * officer produces it, with a registered request reference in the configured format and the stated identity
     * check, within a daily number; it is audited without the CPR number and waits for a second person (a team lead
     * or an auditor) to review it. It needs no scoring legal basis: the right of access holds whatever tidlig may
     * otherwise do.
     */
    AccessReport accessReport(Actor actor, AccessRequest request);

    /** The access reports no second person has reviewed yet; for team leads and auditors. */
    List<RegisteredRequest> pendingReviews(Actor actor);

    /**
     * An access request as registered, with the reports produced for it and their review.
     *
     * @param personRef     a keyed reference to the person (never the CPR number)
     * @param identityCheck how the requester's identity was checked
     */
    record RegisteredRequest(String reference, String personRef, String identityCheck, String requestedBy, Instant requestedAt, int reports,
            String reviewedBy, Instant reviewedAt) {
    }

    /** Records that the actor (a team lead or an auditor, not the one who produced it) reviewed the report. Audited. */
    void review(Actor actor, String reference);
}
