// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.InvalidRequestException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.evidence.Backtest;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.EvidenceStore.ActivationRow;
import dk.tidlig.store.EvidenceStore.ActivationState;

/** {@link ModelActivation} on the evidence store, with the minimums of configuration {@code dk.tidlig.evidence}. */
@Component(service = ModelActivation.class, configurationPid = {EvidenceConfig.PID, EvidenceConfig.OUTREACH_PID})
public class ModelActivationImpl implements ModelActivation {

    static final int MAX_TEXT = 2000;

    private final Backtest backtest;
    private final EvidenceService evidence;
    private final EvidenceStore store;
    private final AuditTrail audit;
    private volatile EvidenceConfig config;

    @Activate
    public ModelActivationImpl(@Reference Backtest backtest, @Reference EvidenceService evidence, @Reference EvidenceStore store,
            @Reference AuditTrail audit, EvidenceConfig config) {
        this.backtest = backtest;
        this.evidence = evidence;
        this.store = store;
        this.audit = audit;
        this.config = config;
    }

    @Modified
    void modified(EvidenceConfig config) {
        this.config = config;
    }

    @Override
    public Check check(String tenant, String modelId) {
        PointModel model = backtest.model(modelId).orElseThrow(() -> new InvalidRequestException(Problem.NO_SUCH_MODEL, modelId));
        EvidenceConfig c = config;
        Optional<EvidenceService.Stored> latest = evidence.evaluations(tenant, 500).stream()
                .filter(s -> s.evaluation().digest().equals(model.digest()) && s.evaluation().outcomeSource().equals("database")).findFirst();
        List<String> shortfalls = new ArrayList<>();
        if (latest.isEmpty()) {
            shortfalls.add("there is no evaluation of this version (digest " + model.digest().substring(0, 12) + ") on the municipality's own data: "
                    + "run bin/tidlig evaluate --model " + model.id());
            return new Check(model.id(), model.version(), model.digest(), latest, shortfalls);
        }
        Evaluation e = latest.get().evaluation();
        long age = Duration.between(latest.get().created(), Instant.now()).toDays();
        if (age > c.maxEvaluationAgeDays()) {
            shortfalls.add("the newest evaluation is " + age + " days old; at most " + c.maxEvaluationAgeDays() + " are allowed: evaluate again");
        }
        if (e.aucLow() < c.minAuc()) {
            shortfalls.add(String.format(Locale.ROOT, "the AUC's lower 95 %% bound is %.3f, the minimum %.3f", e.aucLow(), c.minAuc()));
        }
        if (e.precisionAtCapacity() < c.minPrecisionAtCapacity()) {
            shortfalls.add(String.format(Locale.ROOT, "the precision at the capacity of %d families is %.3f, the minimum %.3f", e.capacity(),
                    e.precisionAtCapacity(), c.minPrecisionAtCapacity()));
        }
        if (c.groupsWithinTolerance()) {
            for (Evaluation.GroupFigure g : e.groups()) {
                if (Boolean.FALSE.equals(g.withinTolerance())) {
                    shortfalls.add(String.format(Locale.ROOT, "group %s = %s is outside the tolerance (flag-rate ratio %s, false-positive ratio %s%s)",
                            g.group(), g.value(), ratio(g.flagRateRatio()), ratio(g.fprRatio()), g.fprRatioLow() == null ? ""
                                    : ", 95 % interval " + ratio(g.fprRatioLow()) + "-" + ratio(g.fprRatioHigh())));
                }
            }
        }
        return new Check(model.id(), model.version(), model.digest(), latest, shortfalls);
    }

    private static String ratio(Double r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    @Override
    public Activation request(Actor administrator, String modelId, String justification) {
        if (administrator.role() != Role.ADMINISTRATOR) {
            refused(administrator, "asking for a model's activation is the administrator's");
        }
        String tenant = administrator.tenant();
        Check check = check(tenant, modelId);
        EvidenceService.Stored evaluation = check.evaluation().orElseThrow(() -> new InvalidRequestException(Problem.MODEL_NOT_EVALUATED, check.shortfalls().get(0)));
        long age = Duration.between(evaluation.created(), Instant.now()).toDays();
        if (age > config.maxEvaluationAgeDays()) {
            throw new InvalidRequestException(Problem.EVALUATION_TOO_OLD, age);
        }
        String text = justification == null ? "" : justification.strip();
        if (!check.shortfalls().isEmpty() && text.length() < 20) {
            throw new InvalidRequestException(Problem.MINIMUM_MISSED, String.join("; ", check.shortfalls()));
        }
        if (text.length() > MAX_TEXT || CprNumbers.containsCprLike(text)) {
            throw new InvalidRequestException(Problem.JUSTIFICATION_INVALID, MAX_TEXT);
        }
        ActivationRow row = store.requestActivation(new ActivationRow(0, tenant, check.modelId(), check.version(), check.digest(), evaluation.id(),
                check.shortfalls().isEmpty() ? null : text + " [misses: " + String.join("; ", check.shortfalls()) + "]", administrator.user(),
                Instant.now(), null, null, ActivationState.REQUESTED));
        audit.record(administrator, Action.ACTIVATION_REQUESTED, "model " + check.modelId() + " " + check.version(), "activation " + row.id()
                + " on evaluation " + evaluation.id() + (check.shortfalls().isEmpty() ? ", meets the minimums" : ", misses " + check.shortfalls().size()
                        + " minimums, with a justification"));
        return activation(row);
    }

    @Override
    public Activation approve(Actor officer, long id) {
        ActivationRow requested = requested(officer, id);
        // the model file must still be the version that was evaluated and asked for
        PointModel now = backtest.model(requested.modelId()).orElseThrow(() -> new InvalidRequestException(Problem.MODEL_GONE, requested.modelId()));
        if (!now.digest().equals(requested.modelDigest())) {
            throw new InvalidRequestException(Problem.MODEL_CHANGED);
        }
        ActivationRow decided = store.decide(officer.tenant(), id, ActivationState.ACTIVE, officer.user(), Instant.now())
                .orElseThrow(() -> new InvalidRequestException(Problem.ACTIVATION_NOT_PENDING, String.valueOf(id)));
        audit.record(officer, Action.ACTIVATION_APPROVED, "model " + decided.modelId() + " " + decided.modelVersion(), "activation " + id
                + " approved: this version scores from now on");
        return activation(decided);
    }

    @Override
    public Activation refuse(Actor officer, long id, String reason) {
        requested(officer, id);
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty() || text.length() > MAX_TEXT || CprNumbers.containsCprLike(text)) {
            throw new InvalidRequestException(Problem.REFUSAL_REASON_INVALID, MAX_TEXT);
        }
        ActivationRow decided = store.decide(officer.tenant(), id, ActivationState.REFUSED, officer.user(), Instant.now())
                .orElseThrow(() -> new InvalidRequestException(Problem.ACTIVATION_NOT_PENDING, String.valueOf(id)));
        audit.record(officer, Action.ACTIVATION_REFUSED, "model " + decided.modelId() + " " + decided.modelVersion(), "activation " + id
                + " refused: " + text);
        return activation(decided);
    }

    @Override
    public Activation withdraw(Actor administrator, long id) {
        ActivationRow row = store.activation(administrator.tenant(), id).orElseThrow(() -> new InvalidRequestException(Problem.NO_SUCH_ACTIVATION, String.valueOf(id)));
        if (administrator.role() != Role.ADMINISTRATOR || !administrator.user().equals(row.requestedBy())) {
            refused(administrator, "only the administrator who asked takes a request back");
        }
        ActivationRow decided = store.decide(administrator.tenant(), id, ActivationState.WITHDRAWN, administrator.user(), Instant.now())
                .orElseThrow(() -> new InvalidRequestException(Problem.ACTIVATION_NOT_PENDING, String.valueOf(id)));
        audit.record(administrator, Action.ACTIVATION_WITHDRAWN, "model " + decided.modelId() + " " + decided.modelVersion(), "activation " + id
                + " withdrawn");
        return activation(decided);
    }

    /** The request, checked: a data protection officer of the municipality decides, and never on a request of their own. */
    private ActivationRow requested(Actor officer, long id) {
        if (officer.role() != Role.DATA_PROTECTION_OFFICER) {
            refused(officer, "approving or refusing a model's activation is the data protection officer's");
        }
        ActivationRow row = store.activation(officer.tenant(), id).orElseThrow(() -> new InvalidRequestException(Problem.NO_SUCH_ACTIVATION, String.valueOf(id)));
        if (row.requestedBy().equalsIgnoreCase(officer.user())) {
            refused(officer, "the person who asked for an activation does not decide on it");
        }
        if (row.state() != ActivationState.REQUESTED) {
            throw new InvalidRequestException(Problem.ACTIVATION_NOT_PENDING, String.valueOf(id));
        }
        return row;
    }

    private void refused(Actor actor, String why) {
        throw audit.refuse(actor, "model activation (" + why + ")", why);
    }

    @Override
    public List<Activation> activations(String tenant, int limit) {
        return store.activations(tenant, limit).stream().map(ModelActivationImpl::activation).toList();
    }

    @Override
    public Optional<Activation> active(String tenant) {
        return store.active(tenant).map(ModelActivationImpl::activation);
    }

    /** The stored row as the API hands it out. */
    private static Activation activation(ActivationRow r) {
        return new Activation(r.id(), r.tenant(), r.modelId(), r.modelVersion(), r.modelDigest(), r.evaluationId(), r.justification(),
                r.requestedBy(), r.requestedAt(), r.decidedBy(), r.decidedAt(), State.valueOf(r.state().name()));
    }
}
