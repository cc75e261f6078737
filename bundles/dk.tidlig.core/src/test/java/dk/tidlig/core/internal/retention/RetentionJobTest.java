// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.retention;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CPR;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.FATHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.MOTHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.cprLines;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.ingest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.store.internal.JdbcAccessStore;
import dk.tidlig.store.internal.JdbcRetentionStore;

/** Retention of every table that holds data about people, for every municipality, against a real MariaDB: one test per kind of data. */
class RetentionJobTest {

    static final LocalDate TODAY = LocalDate.now();

    @TempDir
    Path keysDir;
    CoreFixture core;
    RetentionJob job;

    @BeforeEach
    void start() throws Exception {
        core = CoreFixture.create("retention", keysDir);
        job = new RetentionJob(new JdbcRetentionStore(core.database), new dk.tidlig.store.internal.JdbcSessionStore(core.database), core.archive, core.audit, config(Map.of()));
    }

    @AfterEach
    void stop() {
        job.stop();
        core.close();
    }

    long count(String sql) throws Exception {
        try (Connection c = core.db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void sql(String sql) throws Exception {
        try (Connection c = core.db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    String pid(String tenant, String cpr) {
        return "x'" + core.keys.pseudonym(tenant, cpr).hex() + "'";
    }

    @Test
    void twoNodesOnOneDatabasePurgeItOnceInEachIntervalAndEachItsOwnArchive() throws Exception {
        RetentionJob other = new RetentionJob(new JdbcRetentionStore(core.database), new dk.tidlig.store.internal.JdbcSessionStore(core.database),
                core.archive, core.audit, config(Map.of()));
        try {
            ingest(core.pipeline, "159", CPR, "cpr", cprLines());
            // the start of this hour's interval (the test's configuration purges only on demand: intervals of an hour)
            long hour = java.time.Duration.ofHours(1).toMillis();
            java.time.Instant now = java.time.Instant.ofEpochMilli(System.currentTimeMillis() / hour * hour + 1000);
            assertThat(job.scheduled(now)).as("the first node in the interval").isTrue();
            assertThat(other.scheduled(now.plusSeconds(60))).as("the other node, in the same interval").isFalse();
            assertThat(job.scheduled(now.plusSeconds(120))).as("nor the first again").isFalse();
            assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'PURGE'")).as("one purge recorded").isEqualTo(1);
            assertThat(other.scheduled(now.plus(java.time.Duration.ofHours(1)))).as("the next interval, whichever node comes first").isTrue();
            assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'PURGE'")).isEqualTo(2);
        } finally {
            other.stop();
        }
    }

    @Test
    void eventsPastTheirRetentionGoWithTheirCodesMarksAndLedgerAndAnOldFileDoesNotBringThemBack() throws Exception {
        List<Object> lines = List.of(
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, TODAY.minusMonths(61), null, "old", List.of(DetailCode.of("x", "1")))),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, TODAY.minusMonths(59), null, "recent", null)),
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, TODAY.minusMonths(70), null, "old-dated", null)),
                List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, MOTHER, TODAY.minusMonths(80), TODAY.minusMonths(62), "old-period", null)),
                List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, MOTHER, TODAY.minusMonths(80), TODAY.minusMonths(50), "period-into-retention", null)),
                List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, MOTHER, TODAY.minusMonths(80), null, "ongoing", null)));
        ingest(core.pipeline, "159", CPR, "cpr", cprLines());
        // delivered when they were still within retention (a pipeline with a longer one), then the period passes
        FileOutcome first = ingest(core.pipeline(120), "159", HEALTH, "health.csv", lines);
        assertThat(first.accepted()).isEqualTo(6);
        core.cases.dispute("159", "Sundhed", "old", "WRONG", "anna", Instant.now());

        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='159'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail")).isZero();
        assertThat(count("SELECT COUNT(*) FROM disputed_event")).as("the mark on the deleted event").isZero();
        // the same file again: what retention deleted is past it and stays out; the rest are duplicates
        FileOutcome again = ingest(core.pipeline, "159", HEALTH, "health.csv", lines);
        assertThat(again.accepted()).isZero();
        assertThat(again.skipped()).isEqualTo(3);
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='159'")).isEqualTo(3);
        assertThat(core.audit.find("159", Action.PURGE, "system", null, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("3 risk_event").contains("1 risk_event_detail").contains("1 disputed_event"));
    }

    @Test
    void personsAddressesRelationsAndIdentitiesNoSourceDeliversAnyMoreGoWithTheirEvents() throws Exception {
        ingest(core.pipeline, "159", CPR, "cpr", cprLines());
        ingest(core.pipeline, "159", HEALTH, "health.csv", List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, FATHER, TODAY.minusMonths(3), null, "DX-father", null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, TODAY.minusMonths(3), null, "TP-child", null))));
        // the father moved away: the extracts have not held him for seven months; his relation to the child neither
        String father = pid("159", FATHER);
        for (String table : List.of("person", "residence", "identity_vault")) {
            sql("UPDATE " + table + " SET seen_on = '" + TODAY.minusMonths(7) + "' WHERE pid = " + father);
        }
        sql("UPDATE relation SET seen_on = '" + TODAY.minusMonths(7) + "' WHERE from_pid = " + father);

        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM person WHERE pid = " + father)).isZero();
        assertThat(count("SELECT COUNT(*) FROM residence WHERE pid = " + father)).isZero();
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE pid = " + father)).isZero();
        assertThat(count("SELECT COUNT(*) FROM relation WHERE from_pid = " + father + " OR to_pid = " + father)).isZero();
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE subject_pid = " + father)).as("nothing else is left of him").isZero();
        assertThat(count("SELECT COUNT(*) FROM person WHERE pid = " + pid("159", MOTHER))).as("still delivered").isOne();
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE subject_pid = " + pid("159", CHILD))).isOne();
        // should he come back, the next extract stores him again: nothing calls him held any more
        FileOutcome back = ingest(core.pipeline, "159", CPR, "cpr-again", cprLines());
        assertThat(back.accepted()).isEqualTo(4); // his person, name and address lines, and the parents line with his relation
        assertThat(count("SELECT COUNT(*) FROM person WHERE pid = " + father)).isOne();
        // a delivery today marks what it held as seen, so a purge finds nothing more
        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM person")).isEqualTo(3);
    }

    @Test
    void citizenshipsDistrictsAndEarlierAddressesNoSourceDeliversAnyMoreGoWithTheirLedger() throws Exception {
        List<Object> lines = List.of(
                List.of(new dk.tidlig.model.CitizenshipRecord(FATHER, "5120", null)),
                List.of(new dk.tidlig.model.CitizenshipRecord(MOTHER, "5100", null)),
                List.of(new dk.tidlig.model.PreviousAddressRecord(FATHER, "0159", "0042", "12", "2", "tv", LocalDate.of(2019, 1, 1), LocalDate.of(2025, 1, 1))),
                List.of(new dk.tidlig.model.WrittenAddressRecord(FATHER, "0159", "Bygaden 3", "2860", "Søborg")));
        FileOutcome first = ingest(core.pipeline, "159", CPR, "cpr", lines);
        assertThat(first.accepted()).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM person_attribute WHERE tenant='159'")).as("two citizenships, one district").isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM person_attribute WHERE value IN ('5120', '5100')")).as("only Danish or not is kept").isZero();
        String father = pid("159", FATHER);
        sql("UPDATE person_attribute SET seen_on = '" + TODAY.minusMonths(7) + "' WHERE pid = " + father);
        sql("UPDATE residence_history SET seen_on = '" + TODAY.minusMonths(7) + "' WHERE pid = " + father);
        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM person_attribute WHERE pid = " + father)).isZero();
        assertThat(count("SELECT COUNT(*) FROM residence_history WHERE pid = " + father)).isZero();
        assertThat(count("SELECT COUNT(*) FROM person_attribute WHERE tenant='159'")).as("the mother's, still delivered").isOne();
        // the ledger no longer calls them held: delivered again, they are stored again
        FileOutcome again = ingest(core.pipeline, "159", CPR, "cpr-again", lines);
        assertThat(again.accepted()).as(again.toJson()).isEqualTo(3);
        assertThat(again.duplicates()).isEqualTo(1);
    }

    @Test
    void scoreRunsPastTheirRetentionGoExceptTheNewestAndTheirFamiliesLoseTheLinkToTheirAuditEntries() throws Exception {
        ingest(core.pipeline, "159", CPR, "cpr", cprLines());
        ingest(core.pipeline, "159", HEALTH, "health.csv", List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, TODAY.minusMonths(6), null, "DX-1", null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, TODAY.minusMonths(2), null, "TP-1", null))));
        long old = core.scoring.run("159", TODAY).id();
        String family = core.keys.familyId("159", core.keys.pseudonym("159", CHILD));
        core.audit.recordFamily(dk.tidlig.core.access.Actor.system("159"), Action.EXPLANATION_VIEW, family, "viewed", null);
        // the events are corrected away: the family is no longer scored in the newer runs
        ingest(core.pipeline, "159", HEALTH, "health-retract", List.of(List.of(new dk.tidlig.model.Retraction("DX-1")),
                List.of(new dk.tidlig.model.Retraction("TP-1"))));
        long newest = core.scoring.run("159", TODAY).id();
        sql("UPDATE score_run SET started_at = '" + TODAY.minusMonths(40) + " 12:00:00' WHERE id IN (" + old + ", " + newest + ")");

        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM score_run WHERE id = " + old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM family_score WHERE run_id = " + old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM score_contribution WHERE run_id = " + old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM score_run WHERE id = " + newest)).as("the newest run is kept however old").isOne();
        assertThat(count("SELECT COUNT(*) FROM family_reference")).isZero();
        assertThat(core.audit.search(new dk.tidlig.core.audit.AuditTrail.Query("159", Action.EXPLANATION_VIEW, null, null, null, null, null, 5)))
                .singleElement().satisfies(e -> assertThat(e.familyId()).isNull());
        assertThat(core.audit.verify().intact()).isTrue();
    }

    @Test
    void aTrialHouseholdWhoseRunIsPurgedKeepsItsPlaceWithoutItsId() throws Exception {
        core.trial.saveDraw(new dk.tidlig.store.TrialStore.Draw(41, "159", TODAY.minusMonths(40), new byte[32], 2, 1, 1, 0, "BEK", Instant.now()),
                List.of(new dk.tidlig.store.TrialStore.Allocation(0, "159", 41, TODAY.minusMonths(40), "H-BBBBB-CCCCC",
                        dk.tidlig.store.TrialStore.Arm.OFFER, 0, 1, null, 41L, null, null, null)), List.of());
        job.purge(TODAY);
        assertThat(core.trial.allocations("159")).singleElement().satisfies(a -> {
            assertThat(a.offerId()).isNull();
            assertThat(a.rank()).isNull();
            assertThat(a.arm()).isEqualTo(dk.tidlig.store.TrialStore.Arm.OFFER);
        });
    }

    @Test
    void closedCasesGoWithTheirHistoryAfterTheirPeriod() throws Exception {
        Instant now = Instant.now();
        core.cases.transition("159", "F-BBBBB-CCCCC", 0, "ASSIGNED", "anna", "lene", now);
        core.cases.transition("159", "F-BBBBB-CCCCC", 1, "CLOSED", "anna", "anna", now);
        core.cases.transition("159", "F-DDDDD-FFFFF", 0, "ASSIGNED", "anna", "lene", now);
        sql("UPDATE outreach_case SET updated_at = '" + TODAY.minusMonths(25) + " 12:00:00'");
        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM outreach_case WHERE family_id = 'F-BBBBB-CCCCC'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outreach_step WHERE family_id = 'F-BBBBB-CCCCC'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outreach_case WHERE family_id = 'F-DDDDD-FFFFF'")).as("still being worked").isOne();
    }

    @Test
    void suppressionsEndWithTheirPeriod() throws Exception {
        core.cases.suppress("159", List.of(new byte[16]), TODAY.minusDays(1));
        byte[] current = new byte[16];
        current[0] = 1;
        core.cases.suppress("159", List.of(current), TODAY.plusDays(1));
        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM suppression")).isOne();
        assertThat(core.cases.suppressionMarkers("159", TODAY)).containsExactly("01" + "00".repeat(15));
    }

    @Test
    void quarantinedLinesGoAfterTheirPeriod() throws Exception {
        ingest(core.pipeline, "159", HEALTH, "health.csv", List.of("column Dato is empty", "column Dato is empty"));
        sql("UPDATE quarantine SET created_at = '" + TODAY.minusDays(91) + " 12:00:00' WHERE line_no = 1");
        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM quarantine")).isOne();
    }

    @Test
    void theRegisterOfAccessRequestsIsKeptForItsPeriod() throws Exception {
        JdbcAccessStore access = new JdbcAccessStore(core.database);
        access.register("159", "AIN-2020-1", "P-BBBBB-BBBBB", "MITID", "dora", Instant.now().minusSeconds(61L * 31 * 24 * 3600));
        access.register("159", "AIN-2026-1", "P-CCCCC-CCCCC", "MITID", "dora", Instant.now());
        job.purge(TODAY);
        assertThat(count("SELECT COUNT(*) FROM access_request")).isOne();
        assertThat(count("SELECT COUNT(*) FROM access_request WHERE reference = 'AIN-2026-1'")).isOne();
    }

    @Test
    void everyMunicipalityOfTheInstallationIsPurgedAndAuditedOnItsOwn() throws Exception {
        dk.tidlig.core.internal.ingest.IngestPipeline longer = core.pipeline(120);
        for (String tenant : List.of("159", "147")) {
            ingest(longer, tenant, HEALTH, "health-" + tenant, List.of(
                    List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, TODAY.minusMonths(61), null, "old", null))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(job.execute(List.of("purge"), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Municipality 147: 1 risk_event").contains("Municipality 159: 1 risk_event");
        assertThat(count("SELECT COUNT(*) FROM risk_event")).isZero();
        assertThat(core.audit.find("147", Action.PURGE, "system", null, null, 10)).hasSize(1);
        assertThat(core.audit.find("159", Action.PURGE, "system", null, null, 10)).hasSize(1);
    }

    /** The retention's configuration: every period its default unless given, and no schedule. */
    static RetentionJob.Config config(Map<String, Object> values) {
        Map<String, Object> all = new java.util.HashMap<>(values);
        all.put("intervalHours", 0);
        return dk.tidlig.core.internal.Configs.of(RetentionJob.Config.class, all);
    }
}
