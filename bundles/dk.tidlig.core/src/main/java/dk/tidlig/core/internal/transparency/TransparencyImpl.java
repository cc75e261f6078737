// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.transparency;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.InvalidRequestException.Problem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.Reidentification;
import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.identity.VaultReader;
import dk.tidlig.core.internal.scoring.ActiveModel;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.core.ModelNotActiveException;
import dk.tidlig.core.evidence.Backtest;
import dk.tidlig.store.AccessStore;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.IdentityVaultStore;

/**
 * The model card from the active model, the data inventory from the deployed adapters' descriptors, and
 * the access report from the store and the vault. Reads the retention and outreach settings from their
 * own configurations.
 */
@Component(service = Transparency.class, configurationPid = {"dk.tidlig.retention", "dk.tidlig.outreach", "dk.tidlig.deliveries", TransparencyImpl.PID})
public class TransparencyImpl implements Transparency {

    public static final String PID = "dk.tidlig.transparency";

    /** The settings of PID dk.tidlig.transparency, described for the configuration's readers (merged into {@link Settings}). */
    @ObjectClassDefinition(pid = PID, name = "tidlig access reports", description = "How citizens' access requests (GDPR art. 15) are answered.")
    public @interface Config {
        @AttributeDefinition(name = "Request reference format",
                description = "Regular expression every access request's reference must match: the municipality's own numbering, so "
                        + "that each report answers a registered request. Default: letters, the year and a number, e.g. AIN-2026-17.")
        String accessReferencePattern() default "[A-ZÆØÅ]{2,8}-\\d{4}-\\d{1,6}";

        @AttributeDefinition(name = "Reports per officer per day",
                description = "At most this many access reports per data protection officer per day; more is refused and audited.")
        int accessReportsPerDay() default 20;
    }

    /** The retention's, the outreach's and the access reports' settings, as far as this component needs them. */
    public @interface Settings {
        int eventRetentionMonths() default 0;

        int notDeliveredMonths() default 6;

        int scoreRunRetentionMonths() default 36;

        int closedCaseRetentionMonths() default 24;

        int quarantineRetentionDays() default 90;

        int accessRequestRetentionMonths() default 60;

        int auditRetentionMonths() default 60;

        int suppressionMonths() default 24;

        int keepDays() default 7;

        int refusedKeepDays() default 30;

        String accessReferencePattern() default "[A-ZÆØÅ]{2,8}-\\d{4}-\\d{1,6}";

        int accessReportsPerDay() default 20;

        int capacityPerMonth() default 12;

        String offerOrder() default "RANKED";

        int waitListMonths() default 12;
    }

    /** Stated until an evaluation against later outcomes exists (DESIGN.md §6.9). */

    private final ActiveModel model;
    private final LegalBasisGate gate;
    private final AccessStore store;
    private final VaultReader vault;
    private final Reidentification pseudonyms;
    private final AuditTrail audit;
    private final KeyRing keys;
    private final Backtest backtest;
    private final EvidenceStore evidence;
    private volatile Settings settings;

    /** The deployed adapters, as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<SourceAdapter> adapters = List.of();

    @Activate
    public TransparencyImpl(@Reference ActiveModel model, @Reference LegalBasisGate gate, @Reference AccessStore store, @Reference KeyRing keys,
            @Reference IdentityVaultStore vault, @Reference Reidentification pseudonyms, @Reference AuditTrail audit, @Reference Backtest backtest,
            @Reference EvidenceStore evidence, Settings settings) {
        this.model = model;
        this.backtest = backtest;
        this.evidence = evidence;
        this.gate = gate;
        this.store = store;
        this.vault = new VaultReader(keys, vault);
        this.pseudonyms = pseudonyms;
        this.audit = audit;
        this.keys = keys;
        this.settings = settings;
    }

    @Modified
    void modified(Settings settings) {
        this.settings = settings;
    }

    @Override
    public ModelCard modelCard(String municipalityCode) {
        PointModel m;
        ModelCard.Activation activation = null;
        String notActive = null;
        try {
            m = model.activeModel(municipalityCode);
            EvidenceStore.ActivationRow a = evidence.active(municipalityCode).orElseThrow();
            activation = new ModelCard.Activation(a.modelVersion(), a.modelDigest(), a.evaluationId(), a.requestedAt(), a.decidedAt(),
                    a.justification());
        } catch (ModelNotActiveException e) {
            notActive = e.getMessage();
            m = backtest.configuredModelId().flatMap(backtest::model).or(() -> backtest.models().stream().findFirst())
                    .orElseThrow(() -> new IllegalStateException("there is no valid model in config/"));
        }
        List<ModelCard.Rule> rules = new ArrayList<>();
        for (Map.Entry<Indicator, PointModel.Rule> e : m.rules().entrySet()) {
            PointModel.Rule r = e.getValue();
            rules.add(new ModelCard.Rule(e.getKey(), r.points(), r.basis().name(), r.maxCount(), r.provenance().name(), r.note()));
        }
        rules.sort((a, b) -> a.indicator().compareTo(b.indicator()));
        Optional<LegalBasis> basis = gate.configured();
        return new ModelCard(m.id(), m.version(), m.title(), m.description(), m.digest(), m.threshold(), m.thresholdProvenance().name(),
                m.minIndicators(), m.windowMonths(), m.windowProvenance().name(), m.ageMin(), m.ageMax(), rules, basis.orElse(null),
                basis.map(b -> b.inForceOn(LocalDate.now())).orElse(false), activation, notActive, m.card(), m.training(),
                new ModelCard.Offers(settings.offerOrder().strip().toUpperCase(java.util.Locale.ROOT), settings.capacityPerMonth(),
                        settings.waitListMonths()));
    }

    @Override
    public DataInventory dataInventory() {
        List<DataInventory.Source> sources = adapters.stream().sorted((a, b) -> a.descriptor().id().compareTo(b.descriptor().id())).map(a -> {
            AdapterDescriptor d = a.descriptor();
            return new DataInventory.Source(d.id(), d.sourceSystem(), d.title(), d.indicators(), d.dataCategories(), d.purpose());
        }).toList();
        Settings s = settings;
        List<DataInventory.Retention> retention = List.of(new DataInventory.Retention("EVENTS", s.eventRetentionMonths(), "MONTHS"),
                new DataInventory.Retention("NOT_DELIVERED", s.notDeliveredMonths(), "MONTHS"),
                new DataInventory.Retention("SCORE_RUNS", s.scoreRunRetentionMonths(), "MONTHS"),
                new DataInventory.Retention("CLOSED_CASES", s.closedCaseRetentionMonths(), "MONTHS"),
                new DataInventory.Retention("QUARANTINE", s.quarantineRetentionDays(), "DAYS"),
                new DataInventory.Retention("ACCESS_REQUESTS", s.accessRequestRetentionMonths(), "MONTHS"),
                new DataInventory.Retention("AUDIT_TRAIL", s.auditRetentionMonths(), "MONTHS"),
                new DataInventory.Retention("SUPPRESSION", s.suppressionMonths(), "MONTHS"),
                new DataInventory.Retention("DELIVERIES", s.keepDays(), "DAYS"),
                new DataInventory.Retention("REFUSED_DELIVERIES", s.refusedKeepDays(), "DAYS"));
        return new DataInventory(sources, s.eventRetentionMonths(), s.suppressionMonths(), retention);
    }

    @Override
    public AccessReport accessReport(Actor actor, AccessRequest request) {
        if (!actor.role().mayProduceAccessReports()) {
            throw audit.refuse(actor, "access report", "only the data protection officer produces access reports");
        }
        if (request == null || request.identityCheck() == null) {
            throw new InvalidRequestException(Problem.IDENTITY_CHECK_MISSING);
        }
        String reference = request.reference() == null ? "" : request.reference().strip();
        if (!reference.matches(settings.accessReferencePattern()) || CprNumbers.containsCprLike(reference) || reference.length() > 40) {
            throw new InvalidRequestException(Problem.REFERENCE_FORMAT, settings.accessReferencePattern());
        }
        Optional<String> problem = request.cpr() == null ? Optional.of("the CPR number is missing") : CprNumbers.problem(request.cpr());
        if (problem.isPresent()) {
            throw new InvalidRequestException(Problem.CPR_INVALID, problem.get());
        }
        String tenant = actor.tenant();
        Instant now = Instant.now();
        Instant today = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
        if (store.reportsBy(tenant, actor.user(), today) >= Math.max(1, settings.accessReportsPerDay())) {
            audit.record(actor, Action.ACCESS_REFUSED, "", "access report refused: the daily number of " + settings.accessReportsPerDay() + " is reached");
            throw new AccessDeniedException("the daily number of access reports (" + settings.accessReportsPerDay() + ") is reached; "
                    + "continue tomorrow, or ask the administrator to raise it");
        }
        PersonId person = pseudonyms.pseudonymOf(tenant, request.cpr());
        String personRef = keys.personReference(tenant, person);
        try {
            store.register(tenant, reference, personRef, request.identityCheck().name(), actor.user(), now);
        } catch (dk.tidlig.store.StoreException e) {
            throw new InvalidRequestException(Problem.REFERENCE_OTHER_PERSON, reference);
        }
        List<AccessReport.Appearance> appearances = store.appearances(tenant, person).stream().map(a -> new AccessReport.Appearance(a.runId(),
                a.asOf(), a.modelId(), a.modelVersion(), a.familyId(), a.role(), a.score(), a.flagged(), a.outreachState(), a.offerId())).toList();
        // who opened the person's families: the trail knows them while the families have not declined
        List<AccessReport.Opening> openings = new java.util.ArrayList<>();
        for (String family : appearances.stream().map(AccessReport.Appearance::familyId).distinct().toList()) {
            for (Action a : List.of(Action.EXPLANATION_VIEW, Action.REIDENTIFY)) {
                audit.search(new dk.tidlig.core.audit.AuditTrail.Query(tenant, a, null, family, null, null, null, 10_000)).forEach(x ->
                        openings.add(new AccessReport.Opening(x.entry().at(), x.entry().role(), a == Action.REIDENTIFY)));
            }
        }
        openings.sort(java.util.Comparator.comparing(AccessReport.Opening::at).reversed());
        AccessReport report = new AccessReport(now, tenant, reference, request.identityCheck(),
                vault.read(tenant, person).orElse(new Identity(null, null, null)),
                store.registered(tenant, person).map(r -> new AccessReport.Registered(r.birthDate(), r.sex(), r.status(), r.municipalityCode(),
                        r.householdKnown(), r.updatedAt())).orElse(null),
                store.relations(tenant, person).stream().map(r -> new AccessReport.Relation(r.type(), r.outgoing(), r.start(), r.end(),
                        r.sourceSystem())).toList(),
                store.events(tenant, person).stream().map(e -> new AccessReport.Event(e.sourceSystem(), e.sourceRecordId(), e.indicator(), e.start(),
                        e.end(), e.receivedAt(), e.details(), e.disputed())).toList(),
                appearances, store.quarantinedLines(tenant), dataInventory().sources(), openings);
        // the subject is a keyed reference to the person (letters only), so that an auditor can see whose data was reported
        // and how often, without the CPR number; the review by a second person follows
        audit.record(actor, Action.ACCESS_REPORT, "citizen " + personRef, "reference: " + reference + "; identity checked by "
                + request.identityCheck() + "; " + report.events().size() + " events, " + report.appearances().size()
                + " score results; awaits review by a team lead or an auditor");
        return report;
    }

    @Override
    public List<RegisteredRequest> pendingReviews(Actor actor) {
        requireReviewer(actor);
        return store.unreviewed(actor.tenant()).stream().map(r -> new RegisteredRequest(r.reference(), r.personRef(), r.identityCheck(),
                r.requestedBy(), r.requestedAt(), r.reports(), r.reviewedBy(), r.reviewedAt())).toList();
    }

    @Override
    public void review(Actor actor, String reference) {
        requireReviewer(actor);
        if (reference == null || !store.review(actor.tenant(), reference.strip(), actor.user(), Instant.now())) {
            throw new InvalidRequestException(Problem.NOTHING_TO_REVIEW);
        }
        audit.record(actor, Action.ACCESS_REPORT_REVIEW, "", "reference: " + reference.strip() + " reviewed");
    }

    private void requireReviewer(Actor actor) {
        if (!actor.role().mayReviewAccessReports()) {
            throw audit.refuse(actor, "access report review", "only team leads and auditors review access reports");
        }
    }

    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Copenhagen");
}
