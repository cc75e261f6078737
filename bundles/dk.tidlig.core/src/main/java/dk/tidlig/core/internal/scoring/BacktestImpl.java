// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.evidence.Backtest;
import dk.tidlig.core.evidence.BacktestData;
import dk.tidlig.core.evidence.ChildCase;
import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.core.evidence.UnitCounting;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.scoring.PointModel.Provenance;
import dk.tidlig.core.scoring.PointModel.Rule;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.Sex;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.Row;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.ScoringInput;

/**
 * {@link Backtest}: the scoring of a run (the same input as of the day, the same family linking, the same scorer), for
 * every eligible child, scored or not, paired with the outcome that followed. Keys of children and households are keyed
 * hashes under a random key made for this back-test alone, so nothing in it can be joined to the database.
 */
@Component(service = Backtest.class, configurationPid = dk.tidlig.core.internal.CoreConfig.PID)
public class BacktestImpl implements Backtest {

    /** Units are counted with this many points each, so that years keep three decimals through the scorer's rounding. */
    static final int UNIT = 1000;

    private final ScoreStore store;
    private final EvidenceStore evidence;
    private final LegalBasisGate gate;
    private final KeyRing keys;
    private final boolean demoHome;
    private volatile String configuredModel = "";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<ModelConfiguration> models = List.of();

    /** Refuses when the key file and the rows hold different generations of a key; set by the framework, or by {@link #guardedBy}. */
    @org.osgi.service.component.annotations.Reference
    private dk.tidlig.core.internal.crypto.KeyGuard guard;

    @Activate
    public BacktestImpl(BundleContext context, @Reference ScoreStore store, @Reference EvidenceStore evidence, @Reference LegalBasisGate gate,
            @Reference KeyRing keys, dk.tidlig.core.internal.CoreConfig config) {
        this(store, evidence, gate, keys, Boolean.parseBoolean(context.getProperty(LegalBasisComponent.DEMO_PROPERTY)), List.of());
        modified(config);
    }

    @org.osgi.service.component.annotations.Modified
    void modified(dk.tidlig.core.internal.CoreConfig config) {
        configuredModel = config.activeModel() == null ? "" : config.activeModel().strip();
    }

    @Override
    public Optional<String> configuredModelId() {
        return configuredModel.isEmpty() ? Optional.empty() : Optional.of(configuredModel);
    }

    /** Outside OSGi, with the model configurations given here. */
    public BacktestImpl(ScoreStore store, EvidenceStore evidence, LegalBasisGate gate, KeyRing keys, boolean demoHome,
            List<ModelConfiguration> models) {
        this.store = store;
        this.evidence = evidence;
        this.gate = gate;
        this.keys = keys;
        this.demoHome = demoHome;
        this.models = List.copyOf(models);
    }

    @Override
    public List<PointModel> models() {
        List<PointModel> out = new ArrayList<>();
        for (ModelConfiguration m : models) {
            m.model().ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparing(PointModel::id));
        return out;
    }

    @Override
    public Map<String, String> invalidModels() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (ModelConfiguration m : models) {
            m.problem().ifPresent(p -> out.put(m.id(), p));
        }
        return out;
    }

    @Override
    public Optional<PointModel> model(String id) {
        return models().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    @Override
    public BacktestData run(String tenant, PointModel model, LocalDate asOf, OutcomeDefinition outcome, Map<String, List<TruthEvent>> truth)
            throws LegalBasisException {
        LegalBasis basis = gate.require("evaluation");
        if (truth != null && !demoHome) {
            throw new IllegalArgumentException("a truth file holds CPR numbers: it is read only in the demo's own home, for synthetic data");
        }
        if (asOf.isAfter(LocalDate.now())) {
            throw new IllegalArgumentException("the reference day must not lie in the future");
        }
        ScoringInput input = store.load(tenant, Scorer.windowStart(model, asOf), asOf);
        String fingerprint = InputFingerprint.of(tenant, asOf, model.digest(), input);
        Dwellings dwellings = new Dwellings(input, model.dwellingMax());
        List<Family> families = new ArrayList<>();
        FamilyLinker.link(input, tenant, asOf, model.ageMin(), model.ageMax(), dwellings, families::add);
        // the groups compare children by their own and their adults' attributes: those of the rest are not read into memory
        Set<PersonId> grouped = new HashSet<>();
        for (Family f : families) {
            grouped.add(f.child());
            f.adults().forEach(m -> grouped.add(m.person()));
        }
        Map<PersonId, Map<Row.Attribute, String>> attributes = evidence.attributes(tenant, grouped);
        LocalDate followUpEnd = asOf.plusMonths(outcome.months());
        Map<PersonId, LocalDate> outcomes = truth == null
                ? evidence.firstEvents(tenant, outcome.indicators(), asOf.plusDays(1), followUpEnd)
                : fromTruth(tenant, truth, outcome, asOf.plusDays(1), followUpEnd);

        Scorer scorer = new Scorer(model, asOf);
        Scorer units = new Scorer(unitModel(model), asOf);
        Keys backtestKeys = new Keys();
        List<ChildCase> cases = new ArrayList<>(families.size());
        for (Family f : families) {
            FamilyScore score = scorer.score(f, input::eventsOf, child -> "");
            Map<Indicator, Integer> points = new EnumMap<>(Indicator.class);
            for (Contribution c : score.contributions()) {
                points.merge(c.indicator(), c.points(), Integer::sum);
            }
            Map<Indicator, Double> unitCounts = new EnumMap<>(Indicator.class);
            for (Contribution c : units.score(f, input::eventsOf, child -> "").contributions()) {
                unitCounts.merge(c.indicator(), c.points() / (double) UNIT, Double::sum);
            }
            byte[] offeredTo = dwellings.offerHousehold(f.index());
            String household = offeredTo == null ? backtestKeys.of(f.child().bytes()) : backtestKeys.of(offeredTo);
            cases.add(new ChildCase(backtestKeys.of(f.child().bytes()), household, Period.between(f.childBirth(), asOf).getYears(), score.score(),
                    score.flagged(), points, unitCounts, groups(f, input, dwellings, attributes, asOf), outcomes.get(f.child())));
        }
        return new BacktestData(model, tenant, asOf, outcome, truth == null ? "database" : "truth file", fingerprint, basis.id(), List.copyOf(cases));
    }

    /** The first outcome of each child in the truth file within the follow-up, by the child's pseudonym. */
    private Map<PersonId, LocalDate> fromTruth(String tenant, Map<String, List<TruthEvent>> truth, OutcomeDefinition outcome, LocalDate from,
            LocalDate to) {
        if (guard != null) {
            guard.require(tenant, dk.tidlig.core.internal.crypto.KeyPurpose.PSEUDONYM);
        }
        Map<PersonId, LocalDate> out = new HashMap<>();
        truth.forEach((cpr, events) -> {
            for (TruthEvent e : events) {
                if (outcome.indicators().contains(e.indicator()) && !e.day().isBefore(from) && !e.day().isAfter(to)) {
                    out.merge(keys.pseudonym(tenant, CprNumbers.normalise(cpr)), e.day(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        });
        return out;
    }

    /** The child's groups, for the checks of unequal treatment. */
    static Map<String, String> groups(Family f, ScoringInput input, Dwellings dwellings, Map<PersonId, Map<Row.Attribute, String>> attributes,
            LocalDate asOf) {
        Map<String, String> g = new LinkedHashMap<>();
        PersonId child = f.child();
        g.put(ChildCase.HOUSEHOLD_TYPE, householdType(f.index(), input, dwellings, asOf));
        Sex sex = input.sex(f.index());
        g.put(ChildCase.SEX, sex == null ? "UNKNOWN" : sex.name());
        g.put(ChildCase.DISTRICT, attributes.getOrDefault(child, Map.of()).getOrDefault(Row.Attribute.DISTRICT, "UNKNOWN"));
        List<PersonId> whose = f.adults().stream().filter(m -> m.role() == FamilyRole.MOTHER || m.role() == FamilyRole.FATHER)
                .map(Family.Member::person).toList();
        if (whose.isEmpty()) {
            whose = f.adults().stream().map(Family.Member::person).toList();
        }
        boolean other = false;
        boolean allDanish = !whose.isEmpty();
        for (PersonId p : whose) {
            String c = attributes.getOrDefault(p, Map.of()).get(Row.Attribute.CITIZENSHIP);
            other |= "OTHER".equals(c);
            allDanish &= "DANISH".equals(c);
        }
        g.put(ChildCase.CITIZENSHIP, other ? "OTHER" : allDanish ? "DANISH" : "UNKNOWN");
        return g;
    }

    private static String householdType(int child, ScoringInput input, Dwellings dwellings, LocalDate asOf) {
        if (input.dwellingOf(child) < 0) {
            return "UNKNOWN";
        }
        if (dwellings.collective(child)) {
            return "COLLECTIVE";
        }
        // the child's parents by its parenthood relations that hold on the day
        Set<Integer> parents = new HashSet<>();
        for (int k = 0; k < input.relationsToCount(child); k++) {
            int r = input.relationToAt(child, k);
            if (input.relationActiveOn(r, asOf) && input.relationType(r).isParenthood()) {
                parents.add(input.relationFrom(r));
            }
        }
        int parentsHere = 0;
        int othersHere = 0;
        for (int p : FamilyLinker.residentAdults(input, child, asOf, dwellings)) {
            if (parents.contains(p)) {
                parentsHere++;
            } else {
                othersHere++;
            }
        }
        if (parentsHere >= 2) {
            return "TWO_PARENTS";
        }
        if (parentsHere == 1) {
            return othersHere == 0 ? "SINGLE_PARENT" : "STEPFAMILY";
        }
        return othersHere > 0 ? "OTHER_ADULTS" : "NO_ADULT";
    }

    /** The model that counts units: every indicator, {@link #UNIT} points each, counted as {@link UnitCounting} says. */
    static PointModel unitModel(PointModel model) {
        Map<Indicator, Rule> rules = new EnumMap<>(Indicator.class);
        for (Indicator i : Indicator.values()) {
            rules.put(i, UnitCounting.rule(model, i, UNIT, Provenance.MUNICIPAL_DECISION, ""));
        }
        return new PointModel(model.id() + "-units", model.version(), "units", "", Integer.MAX_VALUE, Provenance.MUNICIPAL_DECISION, 1,
                model.windowMonths(), model.windowProvenance(), model.ageMin(), model.ageMax(), model.dwellingMax(), rules, null, null, null, "units");
    }

    /** Keys for one back-test: HMAC-SHA256 under a key drawn for it alone, so they join nothing outside it. */
    private static final class Keys {
        private final Mac mac;
        private final Map<ByteBuffer, String> made = new HashMap<>();

        Keys() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** 64 bits of the keyed hash in 14 letters: letters only, so that no key can look like a CPR number in an export. */
        String of(byte[] id) {
            return made.computeIfAbsent(ByteBuffer.wrap(id.clone()), k -> letters(ByteBuffer.wrap(mac.doFinal(id)).getLong()));
        }

        static String letters(long bits) {
            char[] out = new char[14];
            long v = bits;
            for (int i = out.length - 1; i >= 0; i--) {
                out[i] = (char) ('a' + Long.remainderUnsigned(v, 26));
                v = Long.divideUnsigned(v, 26);
            }
            return new String(out);
        }
    }

    /** Outside OSGi: guarded against a key file of another generation than the rows. */
    public BacktestImpl guardedBy(dk.tidlig.core.internal.crypto.KeyGuard keyGuard) {
        this.guard = keyGuard;
        return this;
    }
}
