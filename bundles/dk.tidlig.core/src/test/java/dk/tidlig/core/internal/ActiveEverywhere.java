// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.Row;

/**
 * For tests about something else than activation: the evidence store, with this model version active in every
 * municipality (as if it had been evaluated, asked for and approved).
 */
public final class ActiveEverywhere implements EvidenceStore {

    private final EvidenceStore store;
    private final PointModel model;
    private final dk.tidlig.core.audit.AuditTrail audit;
    private final Set<String> approved = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param audit where the approval is recorded, as the activation service records it, the first time a municipality asks */
    public ActiveEverywhere(EvidenceStore store, PointModel model, dk.tidlig.core.audit.AuditTrail audit) {
        this.store = store;
        this.model = model;
        this.audit = audit;
    }

    @Override
    public Optional<ActivationRow> active(String tenant) {
        if (approved.add(tenant)) {
            audit.record(new dk.tidlig.core.access.Actor("dpo", dk.tidlig.core.access.Role.DATA_PROTECTION_OFFICER, tenant),
                    dk.tidlig.core.audit.AuditTrail.Action.ACTIVATION_APPROVED, "model " + model.id() + " " + model.version(),
                    "activation 0 approved: this version scores from now on");
        }
        return Optional.of(new ActivationRow(0, tenant, model.id(), model.version(), model.digest(), 0, null, "admin", Instant.EPOCH, "dpo",
                Instant.EPOCH, ActivationState.ACTIVE));
    }

    @Override
    public Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant) {
        return store.attributes(tenant);
    }

    @Override
    public Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant, Set<PersonId> persons) {
        return store.attributes(tenant, persons);
    }

    @Override
    public Map<PersonId, LocalDate> firstEvents(String tenant, Set<Indicator> indicators, LocalDate from, LocalDate to) {
        return store.firstEvents(tenant, indicators, from, to);
    }

    @Override
    public EvaluationRow saveEvaluation(EvaluationRow row) {
        return store.saveEvaluation(row);
    }

    @Override
    public List<EvaluationRow> evaluations(String tenant, int limit) {
        return store.evaluations(tenant, limit);
    }

    @Override
    public Optional<EvaluationRow> evaluation(String tenant, long id) {
        return store.evaluation(tenant, id);
    }

    @Override
    public ActivationRow requestActivation(ActivationRow row) {
        return store.requestActivation(row);
    }

    @Override
    public Optional<ActivationRow> decide(String tenant, long id, ActivationState state, String by, Instant at) {
        return store.decide(tenant, id, state, by, at);
    }

    @Override
    public Optional<ActivationRow> activation(String tenant, long id) {
        return store.activation(tenant, id);
    }

    @Override
    public List<ActivationRow> activations(String tenant, int limit) {
        return store.activations(tenant, limit);
    }
}
