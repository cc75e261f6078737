package dk.tidlig.core.internal.outreach;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CPR;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.FATHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.MOTHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.cprLines;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.ingest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.identity.ReidentificationComponent;
import dk.tidlig.core.internal.ingest.IngestPipeline;
import dk.tidlig.core.internal.ingest.PipelineAndScoringTest;
import dk.tidlig.core.internal.ingest.RecordValidator;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.internal.legal.LegalBasisComponentTest;
import dk.tidlig.core.internal.scoring.ModelConfiguration;
import dk.tidlig.core.internal.scoring.ModelParserTest;
import dk.tidlig.core.internal.scoring.ScoringServiceImpl;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.AuditRecord;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcIdentityVaultStore;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcScoreStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/** The outreach workflow and its safeguards against a real MariaDB: roles, re-identification, states, disputes, decline. */
class OutreachTest {

    static final LocalDate AS_OF = LocalDate.now();
    static final Actor WORKER = new Actor("anna", Role.OUTREACH_WORKER, "159");
    static final Actor LEAD = new Actor("lene", Role.TEAM_LEAD, "159");
    static final Actor ANALYST = new Actor("asger", Role.ANALYST, "159");
    static final Actor ADMIN = new Actor("adam", Role.ADMINISTRATOR, "159");
    static final Actor ELSEWHERE = new Actor("otto", Role.OUTREACH_WORKER, "101");

    @TempDir
    Path keysDir;
    TestDatabase db;
    MariaDbDatabase database;
    IngestPipeline pipeline;
    ScoringServiceImpl scoring;
    AuditTrailImpl audit;
    Outreach outreach;
    ReidentificationComponent vault;

    /** Each test has its own database: the synthetic family lives in municipality 159 in all of them. */
    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.create("outreach");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        KeyRing keys = new KeyRing(keysDir.resolve("tidlig.keys"), true);
        pipeline = new IngestPipeline(new JdbcIngestStore(database), keys, new RecordValidator());
        LegalBasisComponent gate = new LegalBasisComponent(LegalBasisComponentTest.config("TEST-BASIS", "2020-01-01", ""));
        JdbcScoreStore scores = new JdbcScoreStore(database);
        JdbcOutreachStore cases = new JdbcOutreachStore(database);
        audit = new AuditTrailImpl(new JdbcAuditStore(database), keys);
        scoring = new ScoringServiceImpl(scores, gate, keys, cases, audit, "gladsaxe",
                List.of(new ModelConfiguration(new java.util.HashMap<>(ModelParserTest.shippedGladsaxe()))));
        vault = new ReidentificationComponent(keys, new JdbcIdentityVaultStore(database), gate);
        outreach = new OutreachImpl(scores, cases, vault, audit, config(12));
    }

    @AfterEach
    void stop() {
        database.close();
        db.close();
    }

    /** One family: the mother's psychiatric diagnosis (3,000) and the child's dental no-show (300) flag it. */
    ScoreRun family(String tenant, String suffix) {
        ingest(pipeline, tenant, CPR, "cpr-" + suffix, cprLines());
        ingest(pipeline, tenant, HEALTH, "health-" + suffix, List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, AS_OF.minusMonths(6), null, "DX-" + suffix, null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, AS_OF.minusMonths(2), null, "TP-" + suffix, null))));
        return run(tenant);
    }

    ScoreRun run(String tenant) {
        try {
            return scoring.run(tenant, AS_OF);
        } catch (dk.tidlig.core.LegalBasisException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void onlyOutreachStaffSeeWhoAFamilyIsAndEveryOpeningIsAudited() throws Exception {
        ScoreRun run = family("159", "roles");
        assertThat(run.familiesFlagged()).isEqualTo(1);
        Outreach.Worklist list = outreach.worklist(WORKER);
        assertThat(list.families()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(State.NEW);
            assertThat(e.score()).isEqualTo(3300);
            assertThat(e.indicators()).containsExactlyInAnyOrder(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.CHILD_DENTAL_NO_SHOW);
        });
        String family = list.families().get(0).familyId();

        assertThatThrownBy(() -> outreach.open(ANALYST, family, "analysis")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.open(ADMIN, family, "maintenance")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.worklist(ADMIN)).isInstanceOf(AccessDeniedException.class);
        assertThat(outreach.explanation(ANALYST, family).contributions()).hasSize(2);
        assertThatThrownBy(() -> outreach.open(ELSEWHERE, family, "visit")).as("another municipality's family").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> outreach.open(WORKER, family, " ")).isInstanceOf(IllegalArgumentException.class);

        FamilyView view = outreach.open(WORKER, family, "first visit");
        // the father neither holds custody nor lives with the child: not part of its family
        assertThat(view.members()).extracting(m -> m.role() + " " + m.identity().cpr()).containsExactly(
                FamilyRole.CHILD + " " + CHILD, FamilyRole.MOTHER + " " + MOTHER);
        assertThat(view.members().get(1).identity().name()).isEqualTo("Birthe Syntetisksen");
        assertThat(view.history()).extracting(a -> a.runId()).containsExactly(run.id());
        assertThat(audit.find("159", Action.REIDENTIFY, "anna", null, null, 10)).singleElement()
                .satisfies(a -> assertThat(a.subject() + " " + a.detail()).isEqualTo(family + " purpose: first visit; 2 persons"));
        assertThat(audit.find("159", Action.ACCESS_REFUSED, null, null, null, 10)).extracting(AuditRecord::actor).contains("asger", "adam");
    }

    @Test
    void aCaseMovesThroughItsStatesOnlyAlongTheWorkflow() throws Exception {
        family("159", "states");
        Actor worker = new Actor("anna", Role.OUTREACH_WORKER, "159");
        Actor lead = new Actor("lene", Role.TEAM_LEAD, "159");
        String family = outreach.worklist(worker).families().get(0).familyId();
        assertThatThrownBy(() -> outreach.transition(worker, family, 0, State.ASSIGNED, "bo")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.transition(lead, family, 0, State.ASSIGNED, "Jens Jensen, Vestergade 3"))
                .as("a user name, never free text").isInstanceOf(IllegalArgumentException.class);
        int v1 = outreach.transition(lead, family, 0, State.ASSIGNED, "anna");
        assertThatThrownBy(() -> outreach.transition(worker, family, 0, State.ASSIGNED, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> outreach.transition(worker, family, v1, State.ACCEPTED, null)).isInstanceOf(ConflictException.class)
                .hasMessage("a case cannot go from ASSIGNED to ACCEPTED");
        int v2 = outreach.transition(worker, family, v1, State.CONTACTED, null);
        int v3 = outreach.transition(worker, family, v2, State.ACCEPTED, null);
        assertThat(outreach.worklist(worker).families().get(0)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(State.ACCEPTED);
            assertThat(e.assignedTo()).isEqualTo("anna");
            assertThat(e.version()).isEqualTo(v3);
        });
        assertThat(outreach.open(worker, family, "follow-up").steps()).extracting(s -> s.state() + " by " + s.actor())
                .containsExactly("ASSIGNED by lene", "CONTACTED by anna", "ACCEPTED by anna");
    }

    @Test
    void aDisputedDataPointIsLeftOutOfTheNextRun() throws Exception {
        family("159", "dispute");
        Actor worker = new Actor("anna", Role.OUTREACH_WORKER, "159");
        String family = outreach.worklist(worker).families().get(0).familyId();
        assertThatThrownBy(() -> outreach.dispute(worker, family, "Sundhed", "nosuch", Outreach.Dispute.WRONG)).isInstanceOf(NotFoundException.class);
        assertThat(outreach.dispute(worker, family, "Sundhed", "TP-dispute", Outreach.Dispute.WRONG)).isEqualTo("Sundhed");
        ScoreRun next = run("159");
        assertThat(next.familiesFlagged()).as("one indicator is left: not flagged").isZero();
        assertThat(outreach.worklist(worker).families()).isEmpty();
    }

    @Test
    void aDeclineErasesTheFamilyKeepsItOffTheListsAndLeavesOnlyANonIdentifyingAuditEntry() throws Exception {
        family("159", "decline");
        Actor worker = new Actor("anna", Role.OUTREACH_WORKER, "159");
        String family = outreach.worklist(worker).families().get(0).familyId();
        outreach.open(worker, family, "visit");
        int v = outreach.transition(worker, family, 0, State.ASSIGNED, null);
        v = outreach.transition(worker, family, v, State.CONTACTED, null);
        outreach.dispute(worker, family, "Sundhed", "TP-decline", Outreach.Dispute.WRONG);

        Outreach.Declined declined = outreach.decline(worker, family, v);
        assertThat(declined.suppressedUntil()).isEqualTo(LocalDate.now().plusMonths(12));
        assertThat(declined.identitiesErased()).isEqualTo(6); // CPR, name and address of the child and the mother
        assertThat(outreach.worklist(worker).families()).isEmpty();
        assertThatThrownBy(() -> outreach.open(worker, family, "visit")).isInstanceOf(NotFoundException.class);
        PipelineAndScoringTest.assertNoPersonalDataInAnyTable(db, List.of(CHILD, MOTHER, FATHER, "Birthe", "Syntetisksen", "Hovedgade"));
        assertThat(vault.reveal("159", vault.pseudonymOf("159", FATHER), "check")).as("not of the family: kept").isPresent();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT COUNT(*) FROM identity_vault WHERE tenant='159'), (SELECT COUNT(*) FROM family_score f JOIN score_run r "
                        + "ON r.id = f.run_id WHERE r.tenant='159'), (SELECT COUNT(*) FROM outreach_case WHERE tenant='159'), "
                        + "(SELECT COUNT(*) FROM audit_entry WHERE tenant='159' AND action='DECLINE' AND subject='' AND detail NOT LIKE '%" + family + "%'), "
                        + "(SELECT COUNT(*) FROM disputed_event WHERE tenant='159')")) {
            rs.next();
            // left: the father's three identity entries (not of the family), and the decline's audit entry
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))).containsExactly(3, 0, 0, 1, 0);
        }
        assertThat(vault.reveal("159", vault.pseudonymOf("159", MOTHER), "check")).isEmpty();

        ScoreRun next = run("159");
        assertThat(next.familiesScored()).as("suppressed: not even scored").isZero();
        assertThat(outreach.worklist(worker).families()).isEmpty();
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.find("159", Action.SCORE_RUN, "system", null, null, 10)).hasSize(2);
    }

    static OutreachConfig config(int months) {
        return new OutreachConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OutreachConfig.class;
            }

            @Override
            public int suppressionMonths() {
                return months;
            }

            @Override
            public int worklistSize() {
                return 50;
            }
        };
    }
}
