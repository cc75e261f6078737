package dk.tidlig.evidence;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.Actor;
import dk.tidlig.store.EvidenceStore.ActivationRow;

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

    /**
     * An administrator asks for the model's activation.
     *
     * @param justification why it may run although the evaluation misses a minimum; required then, ignored otherwise
     * @throws dk.tidlig.core.access.AccessDeniedException for another role
     * @throws IllegalArgumentException when there is no young enough evaluation of this version, or a justification is missing
     */
    ActivationRow request(Actor administrator, String modelId, String justification);

    /**
     * A data protection officer approves a request; the version becomes active, the one before is superseded.
     *
     * @throws dk.tidlig.core.access.AccessDeniedException for another role, or for the person who asked
     */
    ActivationRow approve(Actor dataProtectionOfficer, long activationId);

    /** A data protection officer refuses a request, with the reason. */
    ActivationRow refuse(Actor dataProtectionOfficer, long activationId, String reason);

    /** The administrator who asked takes the request back. */
    ActivationRow withdraw(Actor administrator, long activationId);

    List<ActivationRow> activations(String tenant, int limit);

    Optional<ActivationRow> active(String tenant);
}
