// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.evidence.ModelActivation;
import dk.tidlig.core.ModelNotActiveException;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.internal.scoring.BacktestImpl;
import dk.tidlig.core.internal.scoring.ModelConfiguration;
import dk.tidlig.core.internal.scoring.ScoringServiceImpl;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.store.EvidenceStore.EvaluationRow;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcEvidenceStore;
import dk.tidlig.store.internal.JdbcIdentityVaultStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcScoreStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/**
 * No model runs unevaluated, tried as an adversary would: another role, the same person twice, an evaluation of another
 * version, an old one, a file changed after approval, a minimum missed without a word.
 */
class ModelActivationTest {

    static final Actor ADMIN = new Actor("ada", Role.ADMINISTRATOR, "159");
    static final Actor DPO = new Actor("dora", Role.DATA_PROTECTION_OFFICER, "159");

    @TempDir
    Path dir;
    TestDatabase db;
    MariaDbDatabase database;
    JdbcEvidenceStore store;
    AuditTrailImpl audit;
    Map<String, Object> file;
    ModelActivationImpl activation;
    ScoringServiceImpl scoring;
    List<ModelConfiguration> models;

    static Map<String, Object> gladsaxe() throws Exception {
        Properties p = new Properties();
        Path repo = Path.of("../..").toAbsolutePath().normalize();
        try (Reader r = Files.newBufferedReader(repo.resolve("config/dk.tidlig.scoring.model-gladsaxe.cfg"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        return m;
    }

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create("activation");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        store = new JdbcEvidenceStore(database);
        KeyRing keys = new KeyRing(dir.resolve("keys/tidlig.keys"), true);
        JdbcOutreachStore cases = new JdbcOutreachStore(database);
        audit = new AuditTrailImpl(new JdbcAuditStore(database), keys, cases);
        file = gladsaxe();
        this.keys = keys;
        this.cases = cases;
        models = new java.util.ArrayList<>(List.of(new ModelConfiguration(new HashMap<>(file))));
        rebuild();
    }

    KeyRing keys;
    JdbcOutreachStore cases;

    /** The services over the model files as they now stand (configuration admin would rebind them). */
    void rebuild() {
        LegalBasisComponent gate = new LegalBasisComponent(Configs.of(LegalBasisComponent.Config.class, Map.of("id", "TEST", "title", "Test",
                "reference", "ModelActivationTest", "inForceFrom", "2000-01-01")));
        BacktestImpl backtest = new BacktestImpl(new JdbcScoreStore(database), store, gate, keys, false, models);
        EvidenceServiceImpl evidence = new EvidenceServiceImpl(backtest, store, audit, dir, Configs.of(EvidenceConfig.class, Map.of()));
        activation = new ModelActivationImpl(backtest, evidence, store, audit, Configs.of(EvidenceConfig.class, Map.of()));
        scoring = new ScoringServiceImpl(new JdbcScoreStore(database), gate, keys, cases, audit, new JdbcIdentityVaultStore(database), store, models, null);
    }

    @AfterEach
    void stop() {
        audit.deactivate(); // its head recorder's thread, before the key folder goes
        database.close();
        db.close();
    }

    PointModel model() {
        return models.get(0).model().orElseThrow();
    }

    /** Stores an evaluation of this version with these figures, made this long ago. */
    long evaluated(PointModel m, double aucLow, double precisionAtCapacity, boolean groupsWithin, long daysAgo) {
        Evaluation e = new Evaluation(m.id(), m.version(), m.digest(), "PUBLISHED", LocalDate.now().minusYears(2), "outcome", "database", "f", "TEST",
                1000, 800, 100, 0.1, aucLow + 0.05, aucLow, aucLow + 0.1, 100, 0.3, 0.5, 12, precisionAtCapacity, 0.05, 150, 0.08, 0.01, "model",
                List.of(), List.of(new Evaluation.GroupFigure("citizenship", "OTHER", 100, 10, 0.3, 0.25, 0.4, 0.2, false, groupsWithin ? 1.0 : 1.6,
                        groupsWithin ? 1.0 : 1.7, 1.0, groupsWithin, groupsWithin ? 0.7 : 1.3, groupsWithin ? 1.4 : 2.2)), List.of(), List.of());
        return store.saveEvaluation(new EvaluationRow(0, "159", m.id(), m.version(), m.digest(), e.asOf(), e.outcome(), "DATABASE",
                Instant.now().minus(daysAgo, ChronoUnit.DAYS), "system", EvidenceServiceImpl.json(e), null)).id();
    }

    @Test
    void withoutAnActiveVersionNothingIsScored() {
        assertThatThrownBy(() -> scoring.run("159", LocalDate.now())).isInstanceOf(ModelNotActiveException.class)
                .hasMessageContaining("no model version is active").hasMessageContaining("bin/tidlig evaluate");
        assertThatThrownBy(() -> activation.request(ADMIN, "gladsaxe", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there is no evaluation of this version");
    }

    @Test
    void anAdministratorAsksADataProtectionOfficerApprovesAndOnlyThenItScores() throws Exception {
        long evaluation = evaluated(model(), 0.65, 0.3, true, 1);
        for (Role role : List.of(Role.ANALYST, Role.OUTREACH_WORKER, Role.TEAM_LEAD, Role.AUDITOR, Role.DATA_PROTECTION_OFFICER)) {
            assertThatThrownBy(() -> activation.request(new Actor("x", role, "159"), "gladsaxe", null)).as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }
        var requested = activation.request(ADMIN, "gladsaxe", null);
        assertThat(requested.state()).isEqualTo(ModelActivation.State.REQUESTED);
        assertThat(requested.evaluationId()).isEqualTo(evaluation);
        assertThatThrownBy(() -> scoring.run("159", LocalDate.now())).as("asked for, not approved").isInstanceOf(ModelNotActiveException.class);
        assertThatThrownBy(() -> activation.approve(new Actor("ada", Role.DATA_PROTECTION_OFFICER, "159"), requested.id()))
                .as("the same person, in another role").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> activation.approve(new Actor("eve", Role.ADMINISTRATOR, "159"), requested.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> activation.approve(new Actor("dora", Role.DATA_PROTECTION_OFFICER, "101"), requested.id()))
                .as("another municipality's officer").isInstanceOf(IllegalArgumentException.class);
        var approved = activation.approve(DPO, requested.id());
        assertThat(approved.state()).isEqualTo(ModelActivation.State.ACTIVE);
        assertThat(scoring.run("159", LocalDate.now()).modelDigest()).isEqualTo(model().digest());
        assertThatThrownBy(() -> scoring.run("101", LocalDate.now())).as("active in 159 only").isInstanceOf(ModelNotActiveException.class);
        assertThatThrownBy(() -> activation.approve(DPO, requested.id())).as("a replay").isInstanceOf(IllegalArgumentException.class);
        assertThat(audit.find("159", Action.ACTIVATION_APPROVED, "dora", null, null, 5)).hasSize(1);
        assertThat(audit.find("159", Action.ACTIVATION_REQUESTED, "ada", null, null, 5)).hasSize(1);
    }

    @Test
    void aMissedMinimumNeedsAJustificationAndAnOldOrForeignEvaluationCountsForNothing() {
        evaluated(model(), 0.5, 0.1, false, 1);
        var check = activation.check("159", "gladsaxe");
        assertThat(check.meetsMinimums()).isFalse();
        assertThat(check.shortfalls()).hasSize(3).anySatisfy(s -> assertThat(s).contains("lower 95 % bound is 0.500"))
                .anySatisfy(s -> assertThat(s).contains("citizenship = OTHER"));
        assertThatThrownBy(() -> activation.request(ADMIN, "gladsaxe", "ok")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state why the model may run all the same");
        var requested = activation.request(ADMIN, "gladsaxe", "Pilot with a human review of every family before any contact is made.");
        assertThat(requested.justification()).startsWith("Pilot with").contains("[misses: ");
        var refused = activation.refuse(DPO, requested.id(), "Unequal treatment of citizenship is not acceptable.");
        assertThat(refused.state()).isEqualTo(ModelActivation.State.REFUSED);

        // an evaluation of another version (another digest) does not count, nor does an old one of this version
        Map<String, Object> changed = new HashMap<>(file);
        changed.put("flag.threshold", "2500");
        evaluated(dk.tidlig.core.scoring.ModelParser.parse(changed), 0.9, 0.9, true, 1);
        assertThat(activation.check("159", "gladsaxe").evaluation().orElseThrow().evaluation().aucLow()).isEqualTo(0.5);
    }

    @Test
    void anActivationWrittenIntoTheDatabaseByHandDoesNotCount() throws Exception {
        // a DBA (without the audit key) writes an approved activation of the model straight into the table
        try (var c = db.connect(); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO model_activation (tenant, model_id, model_version, model_digest, evaluation_id, requested_by, requested_at, "
                    + "decided_by, decided_at, state) VALUES ('159', 'gladsaxe', '" + model().version() + "', '" + model().digest() + "', 0, 'ada', "
                    + "NOW(3), 'dora', NOW(3), 'ACTIVE')");
        }
        assertThat(store.active("159")).isPresent();
        assertThatThrownBy(() -> scoring.run("159", LocalDate.now())).isInstanceOf(ModelNotActiveException.class)
                .hasMessageContaining("has no approval in the audit trail");
    }

    @Test
    void anEvaluationOlderThanAllowedCountsForNothing() {
        evaluated(model(), 0.9, 0.9, true, 400);
        assertThat(activation.check("159", "gladsaxe").shortfalls()).singleElement().asString().contains("400 days old");
        assertThatThrownBy(() -> activation.request(ADMIN, "gladsaxe", "It was good then, and nothing has changed since.")).hasMessageContaining("400 days old");
    }

    @Test
    void aModelFileChangedAfterApprovalStopsScoringUntilTheNewVersionIsEvaluatedAndApproved() throws Exception {
        evaluated(model(), 0.7, 0.4, true, 1);
        activation.approve(DPO, activation.request(ADMIN, "gladsaxe", null).id());
        assertThat(scoring.run("159", LocalDate.now())).isNotNull();
        Map<String, Object> changed = new HashMap<>(file);
        changed.put("indicator.PARENT_UNEMPLOYED.points", "5000");
        models.set(0, new ModelConfiguration(changed));
        rebuild();
        assertThatThrownBy(() -> scoring.run("159", LocalDate.now())).isInstanceOf(ModelNotActiveException.class)
                .hasMessageContaining("was changed after version");
        // a request made before the change cannot be approved after it
        evaluated(models.get(0).model().orElseThrow(), 0.7, 0.4, true, 1);
        var second = activation.request(ADMIN, "gladsaxe", null);
        models.set(0, new ModelConfiguration(new HashMap<>(file)));
        rebuild();
        assertThatThrownBy(() -> activation.approve(DPO, second.id())).hasMessageContaining("changed after the request");
    }
}
