package dk.tidlig.core.internal.transparency;

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
import dk.tidlig.core.internal.scoring.PointModel;
import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.core.transparency.Transparency;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.AccessStore;
import dk.tidlig.store.IdentityVaultStore;

/**
 * The model card from the active model, the data inventory from the deployed adapters' descriptors, and
 * the access report from the store and the vault. Reads the retention and outreach settings from their
 * own configurations.
 */
@Component(service = Transparency.class, configurationPid = {"dk.tidlig.retention", "dk.tidlig.outreach"})
public class TransparencyImpl implements Transparency {

    /** The retention's and the outreach's settings, as far as the inventory needs them. */
    public @interface Settings {
        int eventRetentionMonths() default 0;

        int suppressionMonths() default 24;
    }

    /** Stated until an evaluation against later outcomes exists (DESIGN.md §6.9). */
    static final String NOT_VALIDATED = "Not validated: the model's points and threshold have not been evaluated against later outcomes "
            + "in this municipality. A flag is a reason to offer help, not a finding.";

    private final ActiveModel model;
    private final LegalBasisGate gate;
    private final AccessStore store;
    private final VaultReader vault;
    private final Reidentification pseudonyms;
    private final AuditTrail audit;
    private final KeyRing keys;
    private volatile Settings settings;

    /** The deployed adapters, as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<SourceAdapter> adapters = List.of();

    @Activate
    public TransparencyImpl(@Reference ActiveModel model, @Reference LegalBasisGate gate, @Reference AccessStore store, @Reference KeyRing keys,
            @Reference IdentityVaultStore vault, @Reference Reidentification pseudonyms, @Reference AuditTrail audit, Settings settings) {
        this.model = model;
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
    public ModelCard modelCard() {
        PointModel m = model.activeModel();
        List<ModelCard.Rule> rules = new ArrayList<>();
        for (Map.Entry<Indicator, PointModel.Rule> e : m.rules().entrySet()) {
            PointModel.Rule r = e.getValue();
            rules.add(new ModelCard.Rule(e.getKey(), r.points(), r.basis().name(), r.maxCount(), r.provenance().name(), r.note()));
        }
        rules.sort((a, b) -> a.indicator().compareTo(b.indicator()));
        Optional<LegalBasis> basis = gate.configured();
        return new ModelCard(m.id(), m.version(), m.title(), m.description(), m.digest(), m.threshold(), m.thresholdProvenance().name(),
                m.minIndicators(), m.windowMonths(), m.windowProvenance().name(), m.ageMin(), m.ageMax(), rules, basis.orElse(null),
                basis.map(b -> b.inForceOn(LocalDate.now())).orElse(false), NOT_VALIDATED);
    }

    @Override
    public DataInventory dataInventory() {
        List<DataInventory.Source> sources = adapters.stream().sorted((a, b) -> a.descriptor().id().compareTo(b.descriptor().id())).map(a -> {
            AdapterDescriptor d = a.descriptor();
            return new DataInventory.Source(d.id(), d.sourceSystem(), d.title(), d.indicators(), d.dataCategories(), d.purpose());
        }).toList();
        Settings s = settings;
        return new DataInventory(sources, s.eventRetentionMonths(), s.suppressionMonths());
    }

    @Override
    public AccessReport accessReport(Actor actor, String cpr, String purpose) {
        if (actor.role() != Role.TEAM_LEAD && actor.role() != Role.AUDITOR) {
            audit.record(actor, Action.ACCESS_REFUSED, "", "access report refused for role " + actor.role());
            throw new AccessDeniedException("only team leads and auditors produce access reports");
        }
        if (purpose == null || purpose.isBlank() || CprNumbers.containsCprLike(purpose)) {
            throw new IllegalArgumentException("give the access request's reference (not a CPR number)");
        }
        Optional<String> problem = cpr == null ? Optional.of("the CPR number is missing") : CprNumbers.problem(cpr);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        String tenant = actor.tenant();
        PersonId person = pseudonyms.pseudonymOf(tenant, cpr);
        AccessReport report = new AccessReport(Instant.now(), tenant, vault.read(tenant, person).orElse(new Identity(null, null, null)),
                store.registered(tenant, person).orElse(null), store.relations(tenant, person), store.events(tenant, person),
                store.appearances(tenant, person), store.quarantinedLines(tenant), dataInventory().sources());
        // the subject is a keyed reference to the person (letters only), so that an auditor can see whose data was reported
        // and how often, without the CPR number
        audit.record(actor, Action.ACCESS_REPORT, "citizen " + keys.personReference(tenant, person), "reference: " + purpose.strip() + "; "
                + report.events().size() + " events, "
                + report.appearances().size() + " score results");
        return report;
    }
}
