// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.identity.ReidentificationComponent;
import dk.tidlig.core.internal.ingest.DeliveryArchive;
import dk.tidlig.core.internal.ingest.IngestPipeline;
import dk.tidlig.core.internal.ingest.RecordValidator;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.internal.legal.LegalBasisComponentTest;
import dk.tidlig.core.internal.scoring.ModelConfiguration;
import dk.tidlig.core.internal.scoring.ModelParserTest;
import dk.tidlig.core.internal.scoring.ScoringServiceImpl;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcIdentityVaultStore;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcScoreStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/**
 * The core's components wired by hand over a real MariaDB, as Declarative Services wires them in the
 * distribution: one database of its own, a key file, the stores, the pipeline, the audit trail, scoring
 * with the shipped Gladsaxe model and re-identification under a test legal basis.
 */
public final class CoreFixture implements AutoCloseable {

    public final TestDatabase db;
    public final MariaDbDatabase database;
    public final KeyRing keys;
    public final JdbcIngestStore ingestStore;
    public final JdbcScoreStore scoreStore;
    public final JdbcOutreachStore cases;
    public final JdbcIdentityVaultStore vaultStore;
    public final DeliveryArchive archive;
    public final IngestPipeline pipeline;
    public final LegalBasisComponent gate;
    public final AuditTrailImpl audit;
    public final ScoringServiceImpl scoring;
    public final ReidentificationComponent vault;
    public final dk.tidlig.store.internal.JdbcTrialStore trial;
    public final dk.tidlig.store.internal.JdbcEvidenceStore evidence;
    /** The municipalities' local users (none until a test adds them). */
    public final dk.tidlig.core.internal.access.UsersImpl users;

    private CoreFixture(String name, Path keysDir, LegalBasisComponent gate) throws Exception {
        db = TestDatabase.create(name);
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        keys = new KeyRing(keysDir.resolve("tidlig.keys"), true);
        ingestStore = new JdbcIngestStore(database);
        scoreStore = new JdbcScoreStore(database);
        cases = new JdbcOutreachStore(database);
        vaultStore = new JdbcIdentityVaultStore(database);
        trial = new dk.tidlig.store.internal.JdbcTrialStore(database);
        evidence = new dk.tidlig.store.internal.JdbcEvidenceStore(database);
        users = new dk.tidlig.core.internal.access.UsersImpl(new dk.tidlig.store.internal.JdbcUserStore(database));

        archive = new DeliveryArchive(keys, keysDir.resolve("deliveries"), Configs.of(DeliveryArchive.Config.class, java.util.Map.of()));
        pipeline = new IngestPipeline(ingestStore, keys, new RecordValidator(), archive, 60);
        this.gate = gate;
        audit = new AuditTrailImpl(new JdbcAuditStore(database), keys, cases);
        scoring = scoring(gate);
        vault = new ReidentificationComponent(keys, vaultStore, gate);
    }

    /** Under a legal basis in force since 2020. */
    public static CoreFixture create(String name, Path keysDir) throws Exception {
        return new CoreFixture(name, keysDir, new LegalBasisComponent(LegalBasisComponentTest.config("TEST-BASIS", "2020-01-01", "")));
    }

    /** Under this gate. */
    public static CoreFixture create(String name, Path keysDir, LegalBasisComponent gate) throws Exception {
        return new CoreFixture(name, keysDir, gate);
    }

    /** A pipeline whose events' retention is this many months. */
    public IngestPipeline pipeline(int eventRetentionMonths) {
        return new IngestPipeline(ingestStore, keys, new RecordValidator(), archive, eventRetentionMonths);
    }

    /** Scoring with the shipped Gladsaxe model, active in every municipality, under another gate. */
    public ScoringServiceImpl scoring(LegalBasisComponent gate) throws Exception {
        return scoring(gate, null);
    }

    /** Scoring with the shipped Gladsaxe model, active in every municipality, under another gate, with offers drawn by this lottery. */
    public ScoringServiceImpl scoring(LegalBasisComponent gate, dk.tidlig.core.internal.outreach.OfferLottery lottery) throws Exception {
        ModelConfiguration gladsaxe = new ModelConfiguration(new HashMap<>(ModelParserTest.shippedGladsaxe()));
        return new ScoringServiceImpl(scoreStore, gate, keys, cases, audit, vaultStore,
                new ActiveEverywhere(evidence, gladsaxe.model().orElseThrow(), audit), List.of(gladsaxe), lottery);
    }

    /** The offer lottery with this capacity and order of offers (RANKED or LOTTERY). */
    public dk.tidlig.core.internal.outreach.OfferLottery lottery(int capacity, String order) {
        return new dk.tidlig.core.internal.outreach.OfferLottery(scoreStore, trial, audit, Configs.of(
                dk.tidlig.core.internal.outreach.OutreachConfig.class, java.util.Map.of("capacityPerMonth", capacity, "offerOrder", order)));
    }

    @Override
    public void close() {
        audit.deactivate();
        database.close();
        db.close();
    }
}
