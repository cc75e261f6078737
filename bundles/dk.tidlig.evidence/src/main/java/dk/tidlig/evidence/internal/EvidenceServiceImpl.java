// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.evidence.Backtest;
import dk.tidlig.core.evidence.Backtest.TruthEvent;
import dk.tidlig.core.evidence.BacktestData;
import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.evidence.Effect;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.EvidenceStore.EvaluationRow;

/** {@link EvidenceService}: back-test, figures, report, storage and audit, in that order. */
@Component(service = EvidenceService.class, configurationPid = {EvidenceConfig.PID, EvidenceConfig.OUTREACH_PID})
public class EvidenceServiceImpl implements EvidenceService {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceServiceImpl.class);
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Backtest backtest;
    private final EvidenceStore store;
    private final AuditTrail audit;
    private final Path home;
    private final Clock clock;
    private volatile EvidenceConfig config;
    private dk.tidlig.core.evidence.OutreachTrial trial;

    @Activate
    public EvidenceServiceImpl(BundleContext context, @Reference Backtest backtest, @Reference EvidenceStore store, @Reference AuditTrail audit,
            @Reference dk.tidlig.core.evidence.OutreachTrial trial, EvidenceConfig config) {
        this(backtest, store, audit, Path.of(Optional.ofNullable(context.getProperty("tidlig.home")).orElse(".")), config);
        this.trial = trial;
    }

    /** Outside OSGi, without the outreach's trial. */
    public EvidenceServiceImpl(Backtest backtest, EvidenceStore store, AuditTrail audit, Path home, EvidenceConfig config) {
        this(backtest, store, audit, home, config, Clock.systemDefaultZone());
    }

    /**
     * Outside OSGi, on the day the clock gives: the default reference day, the check that a follow-up is complete and the
     * date a fitted model is named after count from it (a back-test of a fixed day is then reproducible).
     */
    public EvidenceServiceImpl(Backtest backtest, EvidenceStore store, AuditTrail audit, Path home, EvidenceConfig config, Clock clock) {
        this.clock = clock;
        this.backtest = backtest;
        this.store = store;
        this.audit = audit;
        this.home = home;
        this.config = config;
    }

    /** Follow-ups the effect of the outreach is measured within. */
    static final int[] EFFECT_MONTHS = {12, 24};
    /** The bootstrap's seed: the same data give the same intervals. */
    static final long EFFECT_SEED = 20_180_601L;

    @Override
    public Effect effect(Actor actor, String tenant, LocalDate until) throws LegalBasisException {
        if (trial == null) {
            throw new IllegalStateException("the outreach's trial is not available here");
        }
        LocalDate day = until == null ? LocalDate.now(clock) : until;
        List<dk.tidlig.core.evidence.OutreachTrial.Household> households = trial.households(tenant, outcome(), day);
        if (households.isEmpty()) {
            throw new IllegalStateException("no household has been in a lottery of offers yet: the effect is measured when offers are drawn by "
                    + "lottery (offerOrder = LOTTERY in dk.tidlig.outreach.cfg, under a legal basis that names it)");
        }
        Effect e = EffectEstimator.estimate(households, day, EFFECT_MONTHS, EFFECT_SEED);
        StringBuilder detail = new StringBuilder(String.format(Locale.ROOT, "%d households (%d offered, %d wait-listed; %d accepted, %d declined)",
                e.households(), e.offered(), e.control(), e.accepted(), e.declined()));
        for (Effect.Window w : e.windows()) {
            detail.append(String.format(Locale.ROOT, "; within %d months: ITT %+.3f (%+.3f to %+.3f)%s", w.months(), w.itt(), w.ittLow(), w.ittHigh(),
                    w.cace() == null ? "" : String.format(Locale.ROOT, ", CACE %+.3f", w.cace())));
        }
        audit.record(actor, Action.EFFECT_EVALUATION, "outreach", detail.toString());
        return e;
    }

    @Modified
    void modified(EvidenceConfig config) {
        this.config = config;
    }

    EvidenceConfig config() {
        return config;
    }

    @Override
    public OutcomeDefinition outcome() {
        return EvidenceSettings.outcome(config);
    }

    @Override
    public LocalDate defaultAsOf() {
        return LocalDate.now(clock).minusMonths(outcome().months());
    }

    /** The models to evaluate: those named, else the one configuration names for use, else every valid one. */
    List<PointModel> models(List<String> ids) {
        List<String> wanted = ids;
        if (wanted.isEmpty()) {
            wanted = backtest.configuredModelId().map(List::of).orElse(backtest.models().stream().map(PointModel::id).toList());
        }
        List<PointModel> out = new ArrayList<>();
        for (String id : wanted) {
            out.add(awaitModel(id).orElseThrow(() -> new IllegalArgumentException("there is no valid model '" + id + "' in config/ (valid: "
                    + String.join(", ", backtest.models().stream().map(PointModel::id).toList()) + ")")));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("there is no valid model in config/ to evaluate");
        }
        return out;
    }

    /** How long a command waits for a model file that configuration admin has not yet read (a command starts with the framework). */
    static final long MODEL_WAIT_MS = 15_000;

    private Optional<PointModel> awaitModel(String id) {
        return dk.tidlig.model.Polling.until(() -> backtest.model(id), Optional::isPresent, java.time.Duration.ofMillis(MODEL_WAIT_MS));
    }

    @Override
    public Result evaluate(Actor actor, String tenant, List<String> modelIds, LocalDate asOf, Map<String, List<TruthEvent>> truth, Path out,
            Path export) throws LegalBasisException {
        return evaluateModels(actor, tenant, models(modelIds), asOf, truth, out, export);
    }

    /** Evaluates these models, configured or not (a model just fitted is evaluated before it is written to config/). */
    public Result evaluateModels(Actor actor, String tenant, List<PointModel> models, LocalDate asOf, Map<String, List<TruthEvent>> truth, Path out)
            throws LegalBasisException {
        return evaluateModels(actor, tenant, models, asOf, truth, out, null);
    }

    /** As {@link #evaluate}, with the models given. */
    public Result evaluateModels(Actor actor, String tenant, List<PointModel> models, LocalDate asOf, Map<String, List<TruthEvent>> truth, Path out,
            Path export) throws LegalBasisException {
        LocalDate day = asOf == null ? defaultAsOf() : asOf;
        OutcomeDefinition outcome = outcome();
        if (day.plusMonths(outcome.months()).isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("the reference day " + day + " has no whole follow-up of " + outcome.months()
                    + " months behind it: take " + defaultAsOf() + " or earlier");
        }
        Metrics.Settings settings = EvidenceSettings.settings(config);
        Instant now = Instant.now();
        List<Evaluation> evaluations = new ArrayList<>();
        for (PointModel model : models) {
            BacktestData data = backtest.run(tenant, model, day, outcome, truth);
            Evaluation e = Metrics.evaluate(data, settings);
            evaluations.add(e);
            if (export != null) {
                Path target = models.size() == 1 ? export : export.resolve(model.id());
                try {
                    EvidenceExport.write(target, data, e);
                } catch (IOException ex) {
                    throw new UncheckedIOException("writing the evaluation data to " + target + ": " + ex.getMessage(), ex);
                }
                audit.record(actor, Action.EVIDENCE_EXPORT, "model " + model.id() + " " + model.version(), "evaluation data of " + data.children()
                        .size() + " children as of " + day + " written for outside audit");
            }
        }
        Path dir = out != null ? out : reportsFolder().resolve(tenant).resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault())
                .format(now) + "-" + String.join("-", models.stream().map(PointModel::id).toList()));
        try {
            Reports.write(dir, tenant, evaluations, settings, now);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the report to " + dir + ": " + e.getMessage(), e);
        }
        List<Long> ids = new ArrayList<>();
        for (Evaluation e : evaluations) {
            EvaluationRow row = store.saveEvaluation(new EvaluationRow(0, tenant, e.model(), e.version(), e.digest(), e.asOf(), e.outcome(),
                    e.outcomeSource().equals("database") ? "DATABASE" : "TRUTH_FILE", now, actor.user(), json(e), dir.toAbsolutePath().toString()));
            ids.add(row.id());
            audit.record(actor, Action.EVALUATION, "model " + e.model() + " " + e.version(), String.format(Locale.ROOT,
                    "evaluation %d as of %s: AUC %.3f (%.3f-%.3f), list %d, precision at list %.3f, at capacity %d %.3f, %d groups outside the "
                            + "tolerance; outcomes from %s", row.id(), e.asOf(), e.auc(), e.aucLow(), e.aucHigh(), e.listSize(), e.precisionAtList(),
                    e.capacity(), e.precisionAtCapacity(), e.groups().stream().filter(g -> Boolean.FALSE.equals(g.withinTolerance())).count(),
                    e.outcomeSource()));
            // the AUC to three decimals: a whole double can print ten digits after the point, which a scan of the logs takes for a CPR number
            LOG.info("Evaluation {} of {} {} as of {}: AUC {}, list {}, report in {}", row.id(), e.model(), e.version(), e.asOf(),
                    String.format(java.util.Locale.ROOT, "%.3f", e.auc()), e.listSize(), dir);
        }
        return new Result(List.copyOf(evaluations), List.copyOf(ids), dir);
    }

    @Override
    public Fit fit(Actor actor, String tenant, String referenceId, String id, LocalDate asOf, Map<String, List<TruthEvent>> truth, Path out)
            throws LegalBasisException {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("a model id is lower-case letters, digits and hyphens");
        }
        PointModel reference = models(referenceId == null ? List.of() : List.of(referenceId)).get(0);
        if (reference.id().equals(id)) {
            throw new IllegalArgumentException("the learned model needs an id of its own, not the reference's ('" + id + "')");
        }
        LocalDate day = asOf == null ? defaultAsOf() : asOf;
        OutcomeDefinition outcome = outcome();
        LocalDate trainingDay = ModelFitter.trainingDay(day, outcome.months());
        BacktestData training = backtest.run(tenant, reference, trainingDay, outcome, truth);
        String version = "fitted-" + LocalDate.now(clock);
        ModelFitter.Fitted f = ModelFitter.fit(training, id, version, config.fitRiskMultiple(), reference.card());
        PointModel model = f.model();
        audit.record(actor, Action.MODEL_FITTED, "model " + id + " " + version, String.format(Locale.ROOT,
                "learned as of %s from %d children (reference %s %s), digest %s, threshold %d, %d indicators with points, L2 penalty %s",
                trainingDay, training.children().size(), reference.id(), reference.version(), grouped(model.digest()), model.threshold(), model.rules().size(),
                f.lambda()));
        LOG.info("Model {} {} learned as of {} from {} children", id, version, trainingDay, training.children().size());
        Result evaluation = evaluateModels(actor, tenant, List.of(reference, model), day, truth, out, null);
        Map<String, String> leftOut = new java.util.LinkedHashMap<>();
        f.left().forEach((k, v) -> leftOut.put(k.name(), v));
        String file = ModelParser.format(model, List.of(
                "Learned by bin/tidlig model fit on " + LocalDate.now(clock) + " from the municipality's own pseudonymous history.",
                "Do not edit the numbers: the digest (" + model.digest() + ") is what was evaluated, and an edited model needs",
                "a new evaluation and a new activation. Evaluations of this version: " + String.join(", ", evaluation.ids().stream()
                        .map(String::valueOf).toList()) + " (beside " + reference.id() + " " + reference.version() + ")."));
        return new Fit(model, file, trainingDay, training.children().size(), f.lambda(), leftOut, f.warnings(), evaluation);
    }

    /**
     * A digest in groups of eight, for the audit trail: a run of ten hex digits that happen to be decimal would look like
     * a CPR number to the trail's check, and a group cannot hold one.
     */
    static String grouped(String digest) {
        return String.join(" ", digest.split("(?<=\\G.{8})"));
    }

    Path reportsFolder() {
        Path p = Path.of(config.reportsFolder());
        return p.isAbsolute() ? p : home.resolve(p);
    }

    @Override
    public List<Stored> evaluations(String tenant, int limit) {
        return store.evaluations(tenant, limit).stream().map(EvidenceServiceImpl::stored).toList();
    }

    @Override
    public Optional<Stored> evaluation(String tenant, long id) {
        return store.evaluation(tenant, id).map(EvidenceServiceImpl::stored);
    }

    @Override
    public List<Chart> charts(Evaluation e) {
        Metrics.Settings settings = EvidenceSettings.settings(config);
        return Charts.all(e, settings.toleranceLow(), settings.toleranceHigh());
    }

    @Override
    public Optional<Path> reportFile(String tenant, long id, String name) {
        if (!name.equals("report.html") && !name.equals("report.pdf")) {
            return Optional.empty();
        }
        Path folder = reportsFolder().toAbsolutePath().normalize();
        return evaluation(tenant, id).map(Stored::reportDir).map(d -> d.toAbsolutePath().normalize())
                .filter(d -> d.startsWith(folder.resolve(tenant))).map(d -> d.resolve(name)).filter(java.nio.file.Files::isRegularFile);
    }

    @Override
    public List<String> models() {
        return backtest.models().stream().map(PointModel::id).toList();
    }

    @Override
    public String reportStyleSheet() {
        return Reports.css();
    }

    static Stored stored(EvaluationRow r) {
        try {
            return new Stored(r.id(), r.tenant(), r.createdAt(), r.createdBy(), JSON.readValue(r.figures(), Evaluation.class),
                    r.reportDir() == null ? null : Path.of(r.reportDir()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluation " + r.id() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
