// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.Actor;

/**
 * No model runs unevaluated: a model version becomes active only when an administrator asks for it on the strength of
 * an evaluation of that exact version (its digest), young enough and meeting the configured minimums (or with a
 * recorded justification), and a data protection officer, another person, approves. Every step is audited.
 */
@ProviderType
public interface ModelActivation {

    /**
     * Whether the model as its file now stands may be asked for: its latest evaluation, and what it misses.
     *
     * @param evaluation the newest evaluation of this exact version, if any
     * @param shortfalls what the evaluation misses of the minimums (empty: none), or why there is none to rest on
     */
    record Check(String modelId, String version, String digest, Optional<EvidenceService.Stored> evaluation, List<String> shortfalls) {
        public boolean meetsMinimums() {
            return evaluation.isPresent() && shortfalls.isEmpty();
        }
    }

    Check check(String tenant, String modelId);

    /** The states of an activation. */
    enum State {
        /** Asked for by an administrator, awaiting a data protection officer. */
        REQUESTED,
        /** Approved: the version score runs use. */
        ACTIVE,
        /** Refused by the data protection officer. */
        REFUSED,
        /** Taken back by an administrator before a decision. */
        WITHDRAWN,
        /** Was active until another version was approved. */
        SUPERSEDED
    }

    /**
     * An activation of a model version: asked for with the evaluation it rests on (and a justification where that
     * evaluation misses a minimum), decided by another person.
     */
    record Activation(long id, String tenant, String modelId, String modelVersion, String modelDigest, long evaluationId, String justification,
            String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, State state) {
    }

    /**
     * An administrator asks for the model's activation.
     *
     * @param justification why it may run although the evaluation misses a minimum; required then, ignored otherwise
     * @throws dk.tidlig.core.access.AccessDeniedException for another role
     * @throws IllegalArgumentException when there is no young enough evaluation of this version, or a justification is missing
     */
    Activation request(Actor administrator, String modelId, String justification);

    /**
     * A data protection officer approves a request; the version becomes active, the one before is superseded.
     *
     * @throws dk.tidlig.core.access.AccessDeniedException for another role, or for the person who asked
     */
    Activation approve(Actor dataProtectionOfficer, long activationId);

    /** A data protection officer refuses a request, with the reason. */
    Activation refuse(Actor dataProtectionOfficer, long activationId, String reason);

    /** The administrator who asked takes the request back. */
    Activation withdraw(Actor administrator, long activationId);

    List<Activation> activations(String tenant, int limit);

    Optional<Activation> active(String tenant);
}
