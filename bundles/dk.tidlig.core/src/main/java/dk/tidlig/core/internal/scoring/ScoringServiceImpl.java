// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.ScoringService;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.internal.CoreConfig;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.outreach.OfferLottery;
import dk.tidlig.core.internal.outreach.SuppressionMarkers;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.core.ModelNotActiveException;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.OutreachStore;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.ScoringInput;

/** Runs the active model over a tenant's data and records the run with its explained results. */
@Component(service = {ScoringService.class, ActiveModel.class})
public class ScoringServiceImpl implements ScoringService, ActiveModel {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringServiceImpl.class);

    private final OfferLottery lottery;
    private final ScoreStore store;
    private final LegalBasisGate gate;
    private final KeyRing keys;
    private final OutreachStore outreach;
    private final AuditTrail audit;
    private final SuppressionMarkers markers;
    private final EvidenceStore evidence;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<ModelConfiguration> models = List.of();

    /** Where each run's duration goes when the metrics bundle runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    volatile io.micrometer.core.instrument.MeterRegistry meters;

    /** Refuses when the key file and the rows hold different generations of a key; set by the framework, or by {@link #guardedBy}. */
    @org.osgi.service.component.annotations.Reference
    private dk.tidlig.core.internal.crypto.KeyGuard guard;

    @Activate
    public ScoringServiceImpl(org.osgi.framework.BundleContext context, @Reference ScoreStore store, @Reference LegalBasisGate gate,
            @Reference KeyRing keys, @Reference OutreachStore outreach, @Reference AuditTrail audit, @Reference IdentityVaultStore vault,
            @Reference EvidenceStore evidence, @Reference OfferLottery lottery) {
        this(store, gate, keys, outreach, audit, vault, evidence, List.of(), lottery);
        String folder = context.getProperty("tidlig.config"); // the configuration folder FileInstall reads, set by the launcher
        this.configFolder = folder == null ? null : java.nio.file.Path.of(folder);
    }

    /** The folder FileInstall reads the model files from (null outside OSGi unless a test sets it). */
    java.nio.file.Path configFolder;

    /** How long a run waits for the active model's file in config/ to be read (a command starts while FileInstall reads it). */
    static final long MODEL_FILE_WAIT_MS = 30_000;

    /**
     * The configuration of a model: at once when it is known; when its file is in config/ but not yet read (FileInstall
     * reads the folder while a command's framework starts), once it is, at most {@link #MODEL_FILE_WAIT_MS}.
     */
    Optional<ModelConfiguration> configuration(String id) {
        Optional<ModelConfiguration> m = models.stream().filter(c -> c.id().equals(id)).findFirst();
        if (m.isPresent() || configFolder == null || !java.nio.file.Files.exists(configFolder.resolve(ModelConfiguration.FACTORY_PID + "-" + id
                + ".cfg"))) {
            return m;
        }
        return dk.tidlig.model.Polling.until(() -> models.stream().filter(c -> c.id().equals(id)).findFirst(), Optional::isPresent,
                java.time.Duration.ofMillis(MODEL_FILE_WAIT_MS));
    }


    /** Outside OSGi: with the model configurations given here instead of injected; a null lottery offers by points only. */
    public ScoringServiceImpl(ScoreStore store, LegalBasisGate gate, KeyRing keys, OutreachStore outreach, AuditTrail audit,
            IdentityVaultStore vault, EvidenceStore evidence, List<ModelConfiguration> models, OfferLottery lottery) {
        this.lottery = lottery;
        this.markers = new SuppressionMarkers(keys, vault);
        this.models = List.copyOf(models);
        this.outreach = outreach;
        this.audit = audit;
        this.store = store;
        this.gate = gate;
        this.keys = keys;
        this.evidence = evidence;
    }

    /**
     * The model version that is active in the municipality: the one an administrator asked to activate on the strength of
     * an evaluation of it, and a data protection officer approved; it must still be what the model file says.
     */
    @Override
    public PointModel activeModel(String municipalityCode) {
        EvidenceStore.ActivationRow active = evidence.active(municipalityCode).orElseThrow(() -> new ModelNotActiveException(
                "no model version is active in municipality " + municipalityCode + ": evaluate it (bin/tidlig evaluate), then an administrator asks "
                        + "for its activation and a data protection officer approves it (the Models page of the application)"));
        ModelConfiguration configured = configuration(active.modelId()).orElseThrow(() ->
                new ModelNotActiveException("the active model '" + active.modelId() + "' is no longer in config/ ("
                        + ModelConfiguration.FACTORY_PID + "-" + active.modelId() + ".cfg)"));
        PointModel model = configured.model().orElseThrow(() -> new ModelNotActiveException(configured.problem().orElse("model '"
                + active.modelId() + "' is invalid")));
        // the approval must be in the audit trail, whose entries cannot be made without the audit key: an activation row written
        // into the database by hand is not an approval
        String subject = "model " + active.modelId() + " " + active.modelVersion();
        String approved = "activation " + active.id() + " approved";
        boolean inTrail = audit.search(new AuditTrail.Query(municipalityCode, Action.ACTIVATION_APPROVED, active.decidedBy(), null, null, null, null,
                200)).stream().anyMatch(e -> e.entry().subject().equals(subject) && e.entry().detail().startsWith(approved));
        if (!inTrail) {
            throw new ModelNotActiveException("activation " + active.id() + " of " + subject + " has no approval in the audit trail: it was not "
                    + "approved through tidlig, and does not count");
        }
        if (!model.digest().equals(active.modelDigest())) {
            throw new ModelNotActiveException("the model file of '" + model.id() + "' was changed after version " + active.modelVersion()
                    + " was activated (its digest is now " + model.digest().substring(0, 12) + ", the activated one " + active.modelDigest()
                    .substring(0, 12) + "): evaluate the changed model and have it activated, or restore the file");
        }
        return model;
    }

    @Override
    public ScoreRun run(String municipalityCode, LocalDate asOf) throws LegalBasisException {
        LegalBasis basis = gate.require("scoring");
        if (guard != null) {
            guard.require(municipalityCode, dk.tidlig.core.internal.crypto.KeyPurpose.PSEUDONYM, dk.tidlig.core.internal.crypto.KeyPurpose.HOUSEHOLD,
                    dk.tidlig.core.internal.crypto.KeyPurpose.FAMILY);
        }
        if (lottery != null) {
            lottery.check(basis);
        }
        PointModel model = activeModel(municipalityCode);
        Instant started = Instant.now();
        LocalDate windowStart = Scorer.windowStart(model, asOf);
        long t0 = System.nanoTime();
        ScoringInput input = store.load(municipalityCode, windowStart, asOf);
        long read = System.nanoTime();
        // the input's fingerprint is computed on a thread of its own while the families are linked and scored on this one
        // (the input is not changed once read): at 5.9 million citizens each takes seconds, and a second core is free for it
        long[] fingerprintNanos = new long[1];
        java.util.concurrent.FutureTask<String> fingerprinting = new java.util.concurrent.FutureTask<>(() -> {
            long from = System.nanoTime();
            String digest = InputFingerprint.of(municipalityCode, asOf, model.digest(), input);
            fingerprintNanos[0] = System.nanoTime() - from;
            return digest;
        });
        Thread fingerprinter = new Thread(fingerprinting, "tidlig-score-fingerprint");
        fingerprinter.setDaemon(true);
        fingerprinter.start();

        Dwellings dwellings = new Dwellings(input, model.dwellingMax());
        Scorer scorer = new Scorer(model, asOf);
        // siblings in one household form one offer: a household with a scored child keeps all its eligible children; a child
        // at a collective dwelling (an institution) is an offer of its own. The families are scored one at a time, as they are
        // linked: those with points are kept with their offer; of those without, only the child's index, and each is linked
        // again at the end if a sibling's points made its household's offer one with points
        Map<String, String> offers = new HashMap<>();
        Set<String> offersWithPoints = new java.util.HashSet<>();
        List<FamilyScore> scored = new ArrayList<>();
        java.util.BitSet withoutPoints = new java.util.BitSet(input.personCount()); // the children, by index
        int[] familyCounter = new int[1];
        FamilyLinker.link(input, municipalityCode, asOf, model.ageMin(), model.ageMax(), dwellings, f -> {
            familyCounter[0]++;
            FamilyScore s = scorer.score(f, input::eventsOf, child -> keys.familyId(municipalityCode, child));
            if (s.score() > 0) {
                String offer = keys.offerId(municipalityCode, dwellings.offerHousehold(f.index()), f.child());
                offers.put(s.familyId(), offer);
                offersWithPoints.add(offer);
                scored.add(s);
            } else {
                withoutPoints.set(f.index());
            }
        });
        for (int child = withoutPoints.nextSetBit(0); child >= 0; child = withoutPoints.nextSetBit(child + 1)) {
            String offer = keys.offerId(municipalityCode, dwellings.offerHousehold(child), input.pid(child));
            if (offersWithPoints.contains(offer)) {
                FamilyScore s = scorer.score(FamilyLinker.family(input, child, asOf, dwellings), input::eventsOf,
                        c -> keys.familyId(municipalityCode, c));
                offers.put(s.familyId(), offer);
                scored.add(s);
            }
        }
        scored.sort(java.util.Comparator.comparing(FamilyScore::child)); // in the children's order, as they were linked
        int familyCount = familyCounter[0];
        // families that declined stay off the lists for the suppression period: nothing of them is stored. The
        // markers are keyed hashes of children's CPR numbers, so each scored child's is made from the vault.
        Set<String> active = outreach.suppressionMarkers(municipalityCode, asOf);
        int suppressed = 0;
        if (!active.isEmpty()) {
            Map<PersonId, String> byChild = markers.of(municipalityCode, scored.stream().map(s -> PersonId.parse(s.child())).toList());
            int before = scored.size();
            // a child whose CPR number the vault no longer holds (erased with its household's decline, before the register
            // delivers it again) cannot be checked against the markers, nor offered help: it is left out as well
            scored.removeIf(s -> {
                String marker = byChild.get(PersonId.parse(s.child()));
                return marker == null || active.contains(marker);
            });
            suppressed = before - scored.size();
        }
        int flagged = (int) scored.stream().filter(FamilyScore::flagged).count();
        long linked = System.nanoTime();
        String fingerprint = fingerprintOf(fingerprinting);
        ScoreRun run = store.save(new ScoreRun(0, municipalityCode, model.id(), model.version(), model.digest(), asOf, windowStart, basis.id(),
                fingerprint, started, Instant.now(), familyCount - suppressed, flagged), scored, offers);
        audit.record(Actor.system(municipalityCode), Action.SCORE_RUN, "run " + run.id(), model.id() + " " + model.version() + " as of " + asOf
                + ", legal basis " + basis.id() + ": " + familyCount + " families scored, " + flagged + " flagged");
        if (lottery != null) {
            lottery.draw(run, basis);
        }
        io.micrometer.core.instrument.MeterRegistry registry = meters;
        if (registry != null) {
            io.micrometer.core.instrument.Timer.builder("tidlig.score.run").description("How long score runs took, from loading the input to the stored list")
                    .tags("municipality", municipalityCode, "model", model.id()).register(registry)
                    .record(java.time.Duration.between(started, Instant.now()));
        }
        LOG.info("Score run {} ({} {} as of {}): {} families scored, {} flagged, {} left out after a decline, {} collective dwellings "
                + "(more than {} residents: their residents are no household), input fingerprint {}; {} persons, {} relations, {} events read "
                + "in {} s, linked and scored in {} s (fingerprinted beside it in {} s), stored, audited and drawn in {} s", run.id(), model.id(), model.version(), asOf,
                familyCount - suppressed, flagged, suppressed, dwellings.collectiveCount(), model.dwellingMax(), fingerprint, input.personCount(),
                input.relationCount(), input.eventCount(), seconds(t0, read), seconds(read, linked), seconds(0, fingerprintNanos[0]),
                seconds(linked, System.nanoTime()));
        return run;
    }

    /** The fingerprint computed beside the linking; its failure is the run's. */
    private static String fingerprintOf(java.util.concurrent.FutureTask<String> fingerprinting) {
        try {
            return fingerprinting.get();
        } catch (InterruptedException e) {
            fingerprinting.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the scoring input's fingerprint was computed", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("computing the scoring input's fingerprint", cause);
        }
    }

    private static String seconds(long from, long to) {
        return String.format(java.util.Locale.ROOT, "%.1f", (to - from) / 1e9);
    }

    @Override
    public Optional<ScoreRun> latestRun(String municipalityCode) {
        return store.latestRun(municipalityCode);
    }

    @Override
    public List<FamilyScore> results(long runId, boolean flaggedOnly, int limit) {
        return store.results(runId, flaggedOnly, limit);
    }

    /** Outside OSGi: guarded against a key file of another generation than the rows. */
    public ScoringServiceImpl guardedBy(dk.tidlig.core.internal.crypto.KeyGuard keyGuard) {
        this.guard = keyGuard;
        return this;
    }
}
