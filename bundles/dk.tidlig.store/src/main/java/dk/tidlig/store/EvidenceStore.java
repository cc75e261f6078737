// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;

/** What an evaluation reads beside the scoring input: the outcomes that followed a day, and persons' coarse attributes. */
@ProviderType
public interface EvidenceStore {

    /** The municipality's persons' coarse attributes (citizenship, district). */
    Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant);

    /**
     * The coarse attributes of these persons of the municipality, as {@link #attributes(String)} gives them for all: an
     * evaluation needs those of the children and their adults, not of a whole country.
     */
    Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant, Set<PersonId> persons);

    /**
     * For each person with one, the first day in [from, to] on which an event of one of the indicators began; events
     * marked as disputed or wrong do not count.
     */
    Map<PersonId, LocalDate> firstEvents(String tenant, Set<Indicator> indicators, LocalDate from, LocalDate to);

    /** A stored evaluation: which model version, as of which day, on which outcome, its figures (JSON) and report. */
    record EvaluationRow(long id, String tenant, String modelId, String modelVersion, String modelDigest, LocalDate asOf, String outcome,
            String outcomeSource, Instant createdAt, String createdBy, String figures, String reportDir) {
    }

    /** Stores an evaluation; returns it with its id. */
    EvaluationRow saveEvaluation(EvaluationRow row);

    /** The municipality's evaluations, newest first. */
    List<EvaluationRow> evaluations(String tenant, int limit);

    Optional<EvaluationRow> evaluation(String tenant, long id);

    /** The states of an activation. */
    enum ActivationState {
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
    record ActivationRow(long id, String tenant, String modelId, String modelVersion, String modelDigest, long evaluationId, String justification,
            String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, ActivationState state) {
    }

    ActivationRow requestActivation(ActivationRow row);

    /**
     * Decides a requested activation. Approving it supersedes the active one, in the same transaction.
     *
     * @return the activation as decided, or empty when it is not (or no longer) requested
     */
    Optional<ActivationRow> decide(String tenant, long id, ActivationState state, String by, Instant at);

    Optional<ActivationRow> activation(String tenant, long id);

    /** The version in use, if any. */
    Optional<ActivationRow> active(String tenant);

    /** The municipality's activations, newest first. */
    List<ActivationRow> activations(String tenant, int limit);
}
