// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.Users;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.store.TrialStore;
import dk.tidlig.core.internal.ingest.PipelineAndScoringTest;
import dk.tidlig.core.outreach.ConflictException;
import dk.tidlig.core.outreach.NotFoundException;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.FamilyView;
import dk.tidlig.core.outreach.Outreach.Purpose;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.embeddeddb.TableScan;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.core.audit.AuditEntry;

/** The outreach workflow and its safeguards against a real MariaDB: roles, re-identification, states, disputes, decline. */
class OutreachTest {

    /** Today as the municipality counts days (a contact's day, the list's day): Copenhagen's, whatever the machine's zone. */
    static final LocalDate AS_OF = LocalDate.now(java.time.ZoneId.of("Europe/Copenhagen"));
    static final Actor WORKER = new Actor("anna", Role.OUTREACH_WORKER, "159");
    static final Actor OTHER_WORKER = new Actor("bo", Role.OUTREACH_WORKER, "159");
    static final Actor LEAD = new Actor("lene", Role.TEAM_LEAD, "159");
    static final Actor ANALYST = new Actor("asger", Role.ANALYST, "159");
    static final Actor ADMIN = new Actor("adam", Role.ADMINISTRATOR, "159");
    static final Actor ELSEWHERE = new Actor("otto", Role.OUTREACH_WORKER, "101");
    /** A younger sibling of CHILD: same mother, same dwelling. */
    static final String SIBLING = "2006214019";
    /** A half-sibling of CHILD in another household: the father's, at his dwelling. */
    static final String HALF = "0109214015";

    @TempDir
    Path keysDir;
    CoreFixture core;
    AuditTrail audit;
    Outreach outreach;

    /** Each test has its own database: the synthetic family lives in municipality 159 in all of them. */
    @BeforeEach
    void start() throws Exception {
        core = CoreFixture.create("outreach", keysDir);
        core.users.add("159", "anna", Role.OUTREACH_WORKER);
        core.users.add("159", "bo", Role.OUTREACH_WORKER);
        audit = core.audit;
        outreach = outreach(50);
    }

    OutreachImpl outreach(int listSize) {
        return new OutreachImpl(core.scoreStore, core.cases, core.vault, core.audit, core.keys, core.vaultStore, core.trial, core.evidence,
                core.users, config(12, listSize));
    }

    @AfterEach
    void stop() {
        core.close();
    }

    /** One family: the mother's psychiatric diagnosis (3,000) and the child's dental no-show (300) flag it. */
    ScoreRun family(String tenant, String suffix) {
        ingest(core.pipeline, tenant, CPR, "cpr-" + suffix, cprLines());
        ingest(core.pipeline, tenant, HEALTH, "health-" + suffix, List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, AS_OF.minusMonths(6), null, "DX-" + suffix, null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, AS_OF.minusMonths(2), null, "TP-" + suffix, null))));
        return run(tenant);
    }

    /** The family, and the child's younger sibling in it with a no-show of its own: two families that share the mother. */
    ScoreRun siblings(String suffix) {
        List<Object> lines = new ArrayList<>(cprLines());
        lines.add(List.of(new PersonRecord(SIBLING, null, null, PersonStatus.RESIDENT, null)));
        lines.add(List.of(new NameRecord(SIBLING, "Lillebror", null, "Syntetisksen")));
        lines.add(List.of(new AddressRecord(SIBLING, "0159", "0042", "12", "2", "tv", null, "Søborg Hovedgade 12, 2. tv", "2860", "Søborg")));
        lines.add(List.of(new RelationRecord(RelationType.MOTHER_OF, MOTHER, SIBLING, null, null)));
        lines.add(List.of(new RelationRecord(RelationType.CUSTODY_HOLDER_OF, MOTHER, SIBLING, LocalDate.of(2021, 6, 20), null)));
        ingest(core.pipeline, "159", CPR, "cpr-" + suffix, lines);
        ingest(core.pipeline, "159", HEALTH, "health-" + suffix, List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, AS_OF.minusMonths(6), null, "DX-" + suffix, null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, AS_OF.minusMonths(2), null, "TP-" + suffix, null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, SIBLING, AS_OF.minusMonths(3), null, "TP2-" + suffix, null))));
        return run("159");
    }

    /**
     * The household of the mother with CHILD and SIBLING (3,300 points each), and the father's household with HALF,
     * flagged by no-shows of its own (2,100 points): two offers.
     */
    ScoreRun twoHouseholds(String suffix) {
        ingest(core.pipeline, "159", CPR, "cpr-half-" + suffix, halfLines());
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            events.add(List.of(new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, HALF, AS_OF.minusMonths(i), null, "HV" + i + "-" + suffix, null)));
        }
        events.add(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, HALF, AS_OF.minusMonths(4), null, "TP3-" + suffix, null)));
        ingest(core.pipeline, "159", HEALTH, "health-half-" + suffix, events);
        return siblings(suffix);
    }

    static List<Object> halfLines() {
        List<Object> lines = new ArrayList<>();
        lines.add(List.of(new PersonRecord(HALF, null, null, PersonStatus.RESIDENT, null)));
        lines.add(List.of(new NameRecord(HALF, "Halvbror", null, "Syntetisksen")));
        lines.add(List.of(new AddressRecord(HALF, "159", "7", "3", null, null, null, null, null, null)));
        lines.add(List.of(new RelationRecord(RelationType.FATHER_OF, FATHER, HALF, null, null)));
        lines.add(List.of(new RelationRecord(RelationType.CUSTODY_HOLDER_OF, FATHER, HALF, LocalDate.of(2021, 9, 1), null)));
        return lines;
    }

    ScoreRun run(String tenant) {
        return run(tenant, AS_OF);
    }

    ScoreRun run(String tenant, LocalDate asOf) {
        try {
            return core.scoring.run(tenant, asOf);
        } catch (dk.tidlig.core.LegalBasisException e) {
            throw new AssertionError(e);
        }
    }

    String familyOf(String cpr) {
        return core.keys.familyId("159", core.keys.pseudonym("159", cpr));
    }

    @Test
    void onlyOutreachStaffSeeWhoAFamilyIsAndEveryOpeningIsAuditedUnderTheFamilysReference() throws Exception {
        ScoreRun run = family("159", "roles");
        assertThat(run.familiesFlagged()).isEqualTo(1);
        Outreach.Worklist list = outreach.worklist(WORKER);
        assertThat(list.byLottery()).as("ranked by points unless offers are drawn by lottery").isFalse();
        assertThat(list.families()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(State.NEW);
            assertThat(e.score()).isEqualTo(3300);
            assertThat(e.indicators()).containsExactlyInAnyOrder(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.CHILD_DENTAL_NO_SHOW);
        });
        String family = list.families().get(0).familyId();

        assertThatThrownBy(() -> outreach.open(ANALYST, family, Purpose.CONTACT)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.open(ADMIN, family, Purpose.CONTACT)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.worklist(ADMIN)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.open(ELSEWHERE, family, Purpose.CONTACT)).as("another municipality's family").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> outreach.open(WORKER, family, null)).isInstanceOf(IllegalArgumentException.class);

        FamilyView view = outreach.open(WORKER, family, Purpose.PREPARE_CONTACT);
        // the father neither holds custody nor lives with the child: not part of its family
        assertThat(view.members()).extracting(m -> m.role() + " " + m.identity().cpr()).containsExactly(
                FamilyRole.CHILD + " " + CHILD, FamilyRole.MOTHER + " " + MOTHER);
        assertThat(view.members().get(1).identity().name()).isEqualTo("Birthe Syntetisksen");
        assertThat(view.history()).extracting(a -> a.runId()).containsExactly(run.id());

        AuditEntry opened = audit.find("159", Action.REIDENTIFY, "anna", null, null, 10).get(0);
        assertThat(opened.subject()).as("a random reference, never the family id").matches("A-[B-Z]{5}-[B-Z]{5}").isNotEqualTo(family);
        assertThat(opened.detail()).isEqualTo("purpose: PREPARE_CONTACT; 2 persons");
        assertThat(audit.search(new AuditTrail.Query("159", null, null, family, null, null, null, 10)))
                .extracting(s -> s.entry().action() + " " + s.familyId()).containsExactly("REIDENTIFY " + family);
        assertThat(audit.find("159", Action.ACCESS_REFUSED, null, null, null, 10)).extracting(AuditEntry::actor).contains("asger", "adam");
    }

    @Test
    void onlyFamiliesOnTheCurrentListAreOpenedAndAnalystsSeeNeitherRecordIdsNorPseudonyms() throws Exception {
        ScoreRun run = twoHouseholds("list");
        assertThat(run.familiesFlagged()).isEqualTo(3);
        Outreach shortList = outreach(1);
        Outreach.Worklist list = shortList.worklist(WORKER);
        assertThat(list.capacity()).isEqualTo(1);
        assertThat(list.flagged()).isEqualTo(3);
        List<Outreach.Entry> entries = list.families();
        assertThat(entries).as("one household offer: the capacity counts households").hasSize(1);
        assertThat(entries.get(0).children()).extracting(Outreach.Child::familyId).containsExactlyInAnyOrder(familyOf(CHILD), familyOf(SIBLING));
        assertThat(entries.get(0).offerId()).matches("H-[B-Z]{5}-[B-Z]{5}");
        String first = entries.get(0).familyId();
        String second = familyOf(HALF);
        assertThatThrownBy(() -> shortList.open(WORKER, second, Purpose.CONTACT)).as("flagged, but below the list's cut")
                .isInstanceOf(NotFoundException.class).hasMessageContaining("not on the current list");
        assertThatThrownBy(() -> shortList.transition(LEAD, second, 0, State.ASSIGNED, "anna")).isInstanceOf(NotFoundException.class);
        assertThat(shortList.open(WORKER, first, Purpose.CONTACT).members()).hasSize(2);
        assertThat(shortList.open(WORKER, first, Purpose.CONTACT).household()).extracting(Outreach.Child::familyId)
                .containsExactlyInAnyOrder(familyOf(CHILD), familyOf(SIBLING));
        assertThatThrownBy(() -> shortList.open(WORKER, familyOf(FATHER), Purpose.CONTACT)).as("not a child's family")
                .isInstanceOf(NotFoundException.class);

        FamilyScore seen = outreach.explanation(ANALYST, first);
        assertThat(seen.contributions()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.sourceRecordId()).isNull();
            assertThat(c.person()).isNull();
            assertThat(c.sourceSystem()).isEqualTo("Sundhed");
        });
        assertThat(seen.child()).isNull();
        assertThat(outreach.explanation(WORKER, first).contributions()).allSatisfy(c -> assertThat(c.sourceRecordId()).isNotNull());
        assertThat(audit.find("159", Action.EXPLANATION_VIEW, null, null, null, 10)).extracting(AuditEntry::actor).containsExactly("anna", "asger");
    }

    @Test
    void aCaseMovesThroughItsStatesOnlyAlongTheWorkflowAndStaysOnTheListWhileItIsWorked() throws Exception {
        family("159", "states");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThatThrownBy(() -> outreach.transition(WORKER, family, 0, State.ASSIGNED, "bo")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.transition(LEAD, family, 0, State.ASSIGNED, "Jens Jensen, Vestergade 3"))
                .as("a user name, never free text").isInstanceOf(IllegalArgumentException.class);
        int v1 = outreach.transition(LEAD, family, 0, State.ASSIGNED, "anna");
        assertThatThrownBy(() -> outreach.transition(WORKER, family, 0, State.ASSIGNED, null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> outreach.transition(WORKER, family, v1, State.ACCEPTED, null)).isInstanceOf(ConflictException.class)
                .hasMessage("a case cannot go from ASSIGNED to ACCEPTED");
        int v2 = outreach.transition(WORKER, family, v1, State.CONTACTED, null);
        int v3 = outreach.transition(WORKER, family, v2, State.ACCEPTED, null);
        assertThat(outreach.worklist(WORKER).families().get(0)).satisfies(e -> {
            assertThat(e.state()).isEqualTo(State.ACCEPTED);
            assertThat(e.assignedTo()).isEqualTo("anna");
            assertThat(e.version()).isEqualTo(v3);
        });
        assertThat(outreach.open(WORKER, family, Purpose.FOLLOW_UP).steps()).extracting(s -> s.state() + " by " + s.actor())
                .containsExactly("ASSIGNED by lene", "CONTACTED by anna", "ACCEPTED by anna");
        // the diagnosis is corrected away: no longer flagged, but the accepted case can still be followed up
        ingest(core.pipeline, "159", HEALTH, "health-retract", List.of(List.of(new dk.tidlig.model.Retraction("DX-states"))));
        assertThat(run("159").familiesFlagged()).isZero();
        assertThat(outreach.worklist(WORKER).families()).extracting(Outreach.Entry::familyId).containsExactly(family);
        assertThat(outreach.open(WORKER, family, Purpose.FOLLOW_UP).state()).isEqualTo(State.ACCEPTED);
    }

    @Test
    void anOpeningStartsAWorkingSessionOnTheCaseThatOnlyItsWorkerResumesAndThatEnds() throws Exception {
        family("159", "working");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThat(outreach.resume(WORKER, family)).as("not opened yet").isEmpty();
        Outreach.FamilyView opened = outreach.open(WORKER, family, Purpose.PREPARE_CONTACT);
        assertThat(opened.working().purpose()).isEqualTo(Purpose.PREPARE_CONTACT);
        assertThat(java.time.Duration.between(opened.working().openedAt(), opened.working().expiresAt())).isEqualTo(java.time.Duration.ofMinutes(30));
        // the case's page again, for each step: the same people, and no second opening in the trail
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "anna");
        Outreach.FamilyView again = outreach.resume(WORKER, family).orElseThrow();
        assertThat(again.members()).extracting(m -> m.identity().cpr()).containsExactlyElementsOf(opened.members().stream().map(m -> m.identity().cpr()).toList());
        assertThat(again.state()).isEqualTo(State.ASSIGNED);
        assertThat(again.version()).isEqualTo(v);
        assertThat(audit.find("159", Action.REIDENTIFY, null, null, null, 10)).hasSize(1);
        // nobody else's: another worker, a team lead, an analyst, another municipality
        assertThat(outreach.resume(OTHER_WORKER, family)).isEmpty();
        assertThat(outreach.resume(LEAD, family)).isEmpty();
        assertThat(outreach.resume(ANALYST, family)).isEmpty();
        assertThat(outreach.resume(ELSEWHERE, family)).isEmpty();
        // it expires
        try (Connection c = core.db.connect()) {
            c.createStatement().executeUpdate("UPDATE case_session SET expires_at = NOW(3) - INTERVAL 1 SECOND");
        }
        assertThat(outreach.resume(WORKER, family)).isEmpty();
        // it is left
        outreach.open(WORKER, family, Purpose.CONTACT);
        assertThat(outreach.resume(WORKER, family)).isPresent();
        outreach.leave(WORKER, family);
        assertThat(outreach.resume(WORKER, family)).isEmpty();
        // it goes with a decline, with nothing left that names the family
        outreach.open(WORKER, family, Purpose.CONTACT);
        outreach.decline(WORKER, family, v, Outreach.DeclineReason.NO_NEED);
        assertThat(outreach.resume(WORKER, family)).isEmpty();
        try (Connection c = core.db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM case_session")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThat(audit.find("159", Action.DECLINE, null, null, null, 1).get(0).detail()).contains("(reason: NO_NEED)").doesNotContain(family);
    }

    @Test
    void theTeamLeadsOverviewCountsWorkloadStatesOffersAndTheDaysToFirstContact() throws Exception {
        family("159", "overview");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThatThrownBy(() -> outreach.overview(WORKER)).isInstanceOf(AccessDeniedException.class);
        assertThat(outreach.overview(LEAD).casesPerState()).as("on the list, its case not begun").containsExactly(java.util.Map.entry(State.NEW, 1));
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "anna");
        assertThat(outreach.overview(LEAD).openCasesPerWorker()).containsExactly(java.util.Map.entry("anna", 1));
        int v2 = outreach.transition(WORKER, family, v, State.CONTACTED, null, new Outreach.Contact(AS_OF, Outreach.Channel.PHONE, null));
        outreach.transition(WORKER, family, v2, State.ACCEPTED, null);
        Outreach.Overview o = outreach.overview(LEAD);
        assertThat(o.casesPerState()).containsExactly(java.util.Map.entry(State.ACCEPTED, 1));
        assertThat(o.months()).hasSize(12);
        assertThat(o.months().get(11)).satisfies(m -> {
            assertThat(m.month()).isEqualTo(java.time.YearMonth.now(java.time.ZoneId.of("Europe/Copenhagen")));
            assertThat(m.offered()).isOne();
            assertThat(m.accepted()).isOne();
            assertThat(m.declined()).isZero();
        });
        assertThat(o.daysToFirstContact()).as("flagged by today's run, contacted today").containsExactly(0);
        assertThat(o.toString()).doesNotContain(family);
    }

    @Test
    void aNewRunEndsTheWorkingSessionNoOtherNameResumesItAndAWorkerTakesNoCaseFromAnother() throws Exception {
        family("159", "newrun");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "bo");
        assertThatThrownBy(() -> outreach.transition(WORKER, family, v, State.ASSIGNED, null)).as("bo's case")
                .isInstanceOf(AccessDeniedException.class);
        outreach.open(WORKER, family, Purpose.CASE_REVIEW);
        assertThat(outreach.resume(WORKER, family)).isPresent();
        assertThat(outreach.resume(new Actor("ANNA", Role.OUTREACH_WORKER, "159"), family)).as("user names are exact").isEmpty();
        run("159");
        assertThat(outreach.resume(WORKER, family)).as("a new run may change the household: a new, audited opening").isEmpty();
    }

    @Test
    void aTeamLeadAssignsOnlyToTheMunicipalitysOutreachWorkers() throws Exception {
        family("159", "assign");
        core.users.add("159", "revisor", Role.AUDITOR);
        core.users.add("101", "otto", Role.OUTREACH_WORKER);
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThat(outreach.workers(LEAD)).containsExactly("anna", "bo");
        assertThatThrownBy(() -> outreach.workers(ANALYST)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.transition(LEAD, family, 0, State.ASSIGNED, "nobody")).as("no such user")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outreach.transition(LEAD, family, 0, State.ASSIGNED, "revisor")).as("an auditor")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outreach.transition(LEAD, family, 0, State.ASSIGNED, "otto")).as("another municipality's worker")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outreach.transition(WORKER, family, 0, State.ASSIGNED, "bo")).as("a worker assigns only to herself")
                .isInstanceOf(AccessDeniedException.class);
        assertThat(core.audit.find("159", Action.ACCESS_REFUSED, null, null, null, 10)).as("each refusal is on record")
                .extracting(e -> e.actor() + ": " + e.detail()).containsExactlyInAnyOrder(
                        ANALYST.user() + ": the list of outreach workers refused for role ANALYST",
                        WORKER.user() + ": assigning a family to someone else refused for role OUTREACH_WORKER");
        assertThat(outreach.transition(LEAD, family, 0, State.ASSIGNED, "bo")).isEqualTo(1);
    }

    @Test
    void theSingleSignOnsOutreachWorkersCanBeAssignedAsTheirLastSignInGaveThemTheRole() throws Exception {
        family("159", "sso-assign");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        Users.SsoIdentity sso = new Users.SsoIdentity("https://idp.example", "sub-1", "sso.worker", "159");
        assertThat(core.users.bind(sso)).isTrue();
        assertThat(outreach.workers(LEAD)).as("bound, but never signed in with a role").doesNotContain("sso.worker");
        core.users.signedIn(sso, Role.OUTREACH_WORKER);
        Users.SsoIdentity analyst = new Users.SsoIdentity("https://idp.example", "sub-2", "sso.analyst", "159");
        core.users.bind(analyst);
        core.users.signedIn(analyst, Role.ANALYST);
        Users.SsoIdentity elsewhere = new Users.SsoIdentity("https://idp.example", "sub-3", "sso.other", "101");
        core.users.bind(elsewhere);
        core.users.signedIn(elsewhere, Role.OUTREACH_WORKER);
        assertThat(outreach.workers(LEAD)).containsExactly("anna", "bo", "sso.worker");
        assertThatThrownBy(() -> outreach.transition(LEAD, family, 0, State.ASSIGNED, "sso.analyst")).as("an SSO analyst")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outreach.transition(LEAD, family, 0, State.ASSIGNED, "sso.other")).as("another municipality's SSO worker")
                .isInstanceOf(IllegalArgumentException.class);
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "sso.worker");
        // the provider took the role away: the next sign-in says so, and the worker is offered no more
        core.users.signedIn(sso, Role.ANALYST);
        assertThat(outreach.workers(LEAD)).doesNotContain("sso.worker");
        assertThatThrownBy(() -> outreach.transition(LEAD, family, v, State.ASSIGNED, "sso.worker")).isInstanceOf(IllegalArgumentException.class);
        // one who has not signed in for longer than the period drops off the list
        core.users.signedIn(sso, Role.OUTREACH_WORKER);
        try (var c = core.database.dataSource().getConnection(); var st = c.createStatement()) {
            st.executeUpdate("UPDATE sso_identity SET last_seen = NOW(3) - INTERVAL " + (OutreachImpl.SSO_WORKER_DAYS + 1) + " DAY WHERE subject = 'sub-1'");
        }
        assertThat(outreach.workers(LEAD)).doesNotContain("sso.worker");
    }

    @Test
    void aContactIsRecordedWithItsDayChannelAndANoteKeptSealed() throws Exception {
        family("159", "contact");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        int v = outreach.transition(WORKER, family, 0, State.ASSIGNED, null);
        LocalDate today = AS_OF;
        assertThatThrownBy(() -> outreach.transition(WORKER, family, v, State.CONTACTED, null,
                new Outreach.Contact(today, Outreach.Channel.PHONE, "Mor: 0101901234"))).as("a CPR number in the note")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outreach.transition(WORKER, family, v, State.CONTACTED, null,
                new Outreach.Contact(today.plusDays(1), Outreach.Channel.PHONE, null))).as("a day to come").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outreach.transition(WORKER, family, v, State.CONTACTED, null,
                new Outreach.Contact(today, Outreach.Channel.PHONE, "x".repeat(2001)))).isInstanceOf(IllegalArgumentException.class);
        outreach.transition(WORKER, family, v, State.CONTACTED, null, new Outreach.Contact(today.minusDays(2), Outreach.Channel.VISIT,
                "Hjemmebesøg; mor vil gerne høre mere om familiehuset"));
        Outreach.Step contacted = outreach.open(WORKER, family, Purpose.FOLLOW_UP).steps().get(1);
        assertThat(contacted.contact()).isEqualTo(new Outreach.Contact(today.minusDays(2), Outreach.Channel.VISIT,
                "Hjemmebesøg; mor vil gerne høre mere om familiehuset"));
        // sealed in the database, and named in the trail only as "with a note"
        try (Connection c = core.db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT note FROM outreach_step WHERE note IS NOT NULL")) {
            assertThat(rs.next()).isTrue();
            assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("familiehuset");
        }
        assertThat(audit.find("159", Action.STATE_CHANGE, null, null, null, 1).get(0).detail()).contains("contact by VISIT, with a note")
                .doesNotContain("familiehuset");
        // a note sealed for another case does not open in this one
        dk.tidlig.store.Sealed foreign = core.keys.seal("case-note:159:F-BBBBB-BBBBB", "another family's note");
        try (Connection c = core.db.connect(); java.sql.PreparedStatement ps = c.prepareStatement("UPDATE outreach_step SET note_key=?, note_iv=?, "
                + "note=? WHERE note IS NOT NULL")) {
            ps.setString(1, foreign.keyId());
            ps.setBytes(2, foreign.iv());
            ps.setBytes(3, foreign.ciphertext());
            assertThat(ps.executeUpdate()).isOne();
        }
        assertThatThrownBy(() -> outreach.open(WORKER, family, Purpose.FOLLOW_UP)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMarkCarriesItsReasonShowsOnTheCaseAndOnlyATeamLeadWithdrawsIt() throws Exception {
        family("159", "marks");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThat(outreach.dispute(WORKER, family, "Sundhed", "TP-marks", Outreach.DisputeReason.OUTDATED)).isEqualTo("Sundhed");
        Outreach.FamilyView view = outreach.open(WORKER, family, Purpose.CHECK_DISPUTE);
        assertThat(view.marks()).singleElement().satisfies(m -> {
            assertThat(m.sourceRecordId()).isEqualTo("TP-marks");
            assertThat(m.kind()).isEqualTo(Outreach.Dispute.WRONG);
            assertThat(m.reason()).isEqualTo(Outreach.DisputeReason.OUTDATED);
            assertThat(m.by()).isEqualTo("anna");
        });
        assertThat(audit.find("159", Action.DISPUTE, null, null, null, 1).get(0).detail()).startsWith("WRONG (OUTDATED): a data point from Sundhed");
        assertThatThrownBy(() -> outreach.withdrawDispute(WORKER, family, "Sundhed", "TP-marks")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.withdrawDispute(LEAD, family, "Sundhed", "DX-marks")).as("no mark on it").isInstanceOf(NotFoundException.class);
        // the mark is seen without re-identifying anyone: on the pseudonymous explanation and as a count on the list
        int reidentified = audit.find("159", Action.REIDENTIFY, null, null, null, 100).size();
        Outreach.Explained explained = outreach.explained(LEAD, family);
        assertThat(explained.marks()).extracting(Outreach.Mark::sourceRecordId).containsExactly("TP-marks");
        assertThat(explained.run().id()).isEqualTo(outreach.worklist(LEAD).run().id());
        assertThat(outreach.worklist(LEAD).families().get(0).marks()).isOne();
        assertThat(outreach.explained(ANALYST, family).marks()).as("analysts see no record ids, and no marks").isEmpty();
        assertThat(outreach.explained(ANALYST, family).score().contributions()).allSatisfy(c -> assertThat(c.sourceRecordId()).isNull());
        outreach.withdrawDispute(LEAD, family, "Sundhed", "TP-marks");
        assertThat(audit.find("159", Action.REIDENTIFY, null, null, null, 100)).as("a mark withdrawn without opening the family")
                .hasSize(reidentified);
        assertThat(outreach.worklist(LEAD).families().get(0).marks()).isZero();
        assertThat(outreach.open(LEAD, family, Purpose.CASE_REVIEW).marks()).isEmpty();
        assertThat(audit.find("159", Action.DISPUTE_WITHDRAWN, null, null, null, 1).get(0).detail()).doesNotContain("TP-marks");
        assertThat(run("159").familiesFlagged()).as("the data point counts again").isOne();
    }

    @Test
    void aDisputedDataPointIsLeftOutOfTheNextRunAndItsRecordIdIsSealedInTheTrail() throws Exception {
        family("159", "dispute");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThatThrownBy(() -> outreach.dispute(WORKER, family, "Sundhed", "nosuch", Outreach.Dispute.WRONG)).isInstanceOf(NotFoundException.class);
        assertThat(outreach.dispute(WORKER, family, "Sundhed", "TP-dispute", Outreach.Dispute.WRONG)).isEqualTo("Sundhed");
        AuditEntry entry = audit.find("159", Action.DISPUTE, null, null, null, 1).get(0);
        assertThat(entry.detail()).startsWith("WRONG: a data point from Sundhed [sealed:").doesNotContain("TP-dispute");
        assertThat(audit.search(new AuditTrail.Query("159", Action.DISPUTE, null, null, null, null, null, 1)).get(0).sealedDetail())
                .as("an auditor reads it while the family has not declined").isEqualTo("TP-dispute");
        ScoreRun next = run("159");
        assertThat(next.familiesFlagged()).as("one indicator is left: not flagged").isZero();
        assertThat(outreach.worklist(WORKER).families()).isEmpty();
    }

    @Test
    void aDeclineIsRecordedOnlyByTheHolderOfTheCaseOrATeamLead() throws Exception {
        family("159", "holder");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        assertThatThrownBy(() -> outreach.decline(LEAD, family, 0)).as("nobody has contacted a new case yet").isInstanceOf(ConflictException.class);
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "anna");
        assertThatThrownBy(() -> outreach.decline(OTHER_WORKER, family, v)).as("another worker").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.decline(ANALYST, family, v)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.decline(ELSEWHERE, family, v)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> outreach.decline(WORKER, family, v - 1)).as("a stale version").isInstanceOf(ConflictException.class);
        Outreach.DeclinePreview preview = outreach.previewDecline(WORKER, family);
        assertThat(preview.roles()).containsExactly(FamilyRole.CHILD, FamilyRole.MOTHER);
        assertThat(preview.runs()).isEqualTo(1);
        assertThat(preview.caseSteps()).isEqualTo(1);
        assertThat(outreach.decline(WORKER, family, v).familyScoresErased()).isEqualTo(1);
        assertThat(audit.find("159", Action.ACCESS_REFUSED, null, null, null, 10)).extracting(AuditEntry::actor).contains("bo", "asger");
    }

    @Test
    void siblingsInOneHouseholdAreOneOfferThatMovesAndDeclinesTogetherAndNoOtherFamilyIsTouched() throws Exception {
        twoHouseholds("only");
        String declining = familyOf(CHILD);
        String sibling = familyOf(SIBLING);
        String other = familyOf(HALF);
        List<Outreach.Entry> list = outreach.worklist(WORKER).families();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).familyId()).as("the lead: the highest score, ties by family id").isIn(declining, sibling);
        assertThat(list.get(0).children()).extracting(Outreach.Child::familyId).containsExactlyInAnyOrder(declining, sibling);
        assertThat(list.get(1).familyId()).isEqualTo(other);
        assertThat(list.get(1).children()).extracting(Outreach.Child::familyId).containsExactly(other);

        // the household's case: assigning and contacting one child's family moves its sibling's along
        int v = outreach.transition(LEAD, declining, 0, State.ASSIGNED, "anna");
        v = outreach.transition(WORKER, declining, v, State.CONTACTED, null);
        assertThat(outreach.worklist(WORKER).families().get(0).children()).extracting(c -> c.familyId() + " " + c.state())
                .containsExactlyInAnyOrder(declining + " CONTACTED", sibling + " CONTACTED");
        assertThat(core.cases.findCase("159", sibling)).hasValueSatisfying(c -> assertThat(c.assignedTo()).isEqualTo("anna"));
        int o = outreach.transition(LEAD, other, 0, State.ASSIGNED, "bo");
        outreach.dispute(WORKER, declining, "Sundhed", "TP-only", Outreach.Dispute.WRONG);     // the child's own no-show
        outreach.dispute(WORKER, declining, "Sundhed", "DX-only", Outreach.Dispute.DISPUTED);  // the mother's: both children's
        outreach.dispute(OTHER_WORKER, other, "Sundhed", "TP3-only", Outreach.Dispute.WRONG);

        // a mark on the mother's data point concerns both children; one on the child's own no-show only that child
        Outreach.Explained explained = outreach.explained(WORKER, declining);
        assertThat(explained.affected("Sundhed", "DX-only")).containsExactly(declining, sibling);
        assertThat(explained.affected("Sundhed", "TP-only")).containsExactly(declining);
        assertThat(explained.household()).as("the household, on the pseudonymous page").extracting(Outreach.Child::familyId)
                .containsExactlyInAnyOrder(declining, sibling);
        assertThat(outreach.explained(WORKER, other).household()).as("a child alone").isEmpty();
        assertThat(explained.marks()).extracting(Outreach.Mark::sourceRecordId).containsExactlyInAnyOrder("TP-only", "DX-only");
        assertThat(outreach.worklist(WORKER).families()).extracting(e -> e.familyId().equals(other) ? "other " + e.marks() : "household " + e.marks())
                .containsExactly("household 2", "other 1");

        Outreach.DeclinePreview preview = outreach.previewDecline(WORKER, declining);
        assertThat(preview.roles()).containsExactly(FamilyRole.CHILD, FamilyRole.MOTHER, FamilyRole.CHILD);
        assertThat(preview.members()).as("each child by its family, with its age; the mother once").extracting(Outreach.Affected::familyId)
                .containsExactlyInAnyOrder(declining, null, sibling);
        assertThat(preview.members().get(0).ageYears()).isBetween(0, 17);
        assertThat(preview.members().get(1).ageYears()).isEqualTo(-1);
        assertThat(preview.members().get(1).familyId()).isNull();
        Outreach.Declined declined = outreach.decline(WORKER, declining, v);
        assertThat(declined.familyScoresErased()).as("both children's results").isEqualTo(2);
        assertThat(declined.identitiesErased()).as("each child's CPR number, name and address; the mother's CPR number and name (her address record has no text)").isEqualTo(8);
        assertThat(declined.disputesErased()).as("the marks on the household's data points, not the other household's").isEqualTo(2);
        assertThat(declined.auditLinkErased()).isTrue();

        assertThat(outreach.worklist(WORKER).families()).extracting(Outreach.Entry::familyId).containsExactly(other);
        assertThatThrownBy(() -> outreach.open(WORKER, sibling, Purpose.CONTACT)).isInstanceOf(NotFoundException.class);
        FamilyView kept = outreach.open(OTHER_WORKER, other, Purpose.CONTACT);
        assertThat(kept.version()).isEqualTo(o);
        assertThat(kept.members()).extracting(m -> m.identity().name()).containsExactly("Halvbror Syntetisksen", "Testperson Syntetisksen");
        assertThat(core.cases.disputes("159")).extracting(d -> d.sourceRecordId()).containsExactly("TP3-only");
        assertThat(audit.search(new AuditTrail.Query("159", null, null, other, null, null, null, 50))).isNotEmpty();
        assertThat(audit.search(new AuditTrail.Query("159", null, null, sibling, null, null, null, 50))).as("the sibling's link is gone too")
                .isEmpty();
    }

    @Test
    void afterADeclineNothingLinksBackToTheFamilyNotEvenForADbaWithTheKeyFile() throws Exception {
        family("159", "gone");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        String offer = outreach.worklist(WORKER).families().get(0).offerId();
        FamilyScore score = outreach.explanation(WORKER, family);
        outreach.explanation(ANALYST, family);
        outreach.open(LEAD, family, Purpose.CASE_REVIEW);
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "anna");
        outreach.open(WORKER, family, Purpose.CONTACT);
        v = outreach.transition(WORKER, family, v, State.CONTACTED, null);
        outreach.dispute(WORKER, family, "Sundhed", "TP-gone", Outreach.Dispute.WRONG);
        String reference = audit.find("159", Action.REIDENTIFY, null, null, null, 1).get(0).subject();
        long entriesAbout = audit.search(new AuditTrail.Query("159", null, null, family, null, null, null, 100)).size();
        assertThat(entriesAbout).isEqualTo(7);

        outreach.decline(WORKER, family, v);

        // what a DBA holding the key file and the CPR numbers computes, and what the family's entries said
        List<String> needles = new ArrayList<>(List.of(family, offer, "TP-gone", "DX-gone"));
        for (String cpr : List.of(CHILD, MOTHER)) {
            PersonId pid = core.keys.pseudonym("159", cpr);
            needles.add(pid.hex());
            needles.add(new String(pid.bytes(), StandardCharsets.ISO_8859_1));
            needles.add(core.keys.personReference("159", pid));
        }
        for (Contribution c : score.contributions()) {
            needles.add(c.sourceRecordId());
        }
        // the delivered data stay: the sources deliver them again, and they say nothing of a flag, an opening or a decline
        List<String> delivered = List.of("person", "residence", "relation", "risk_event", "risk_event_detail", "identity_vault",
                "ingest_file", "quarantine", "flyway_schema_history");
        try (Connection c = core.db.connect()) {
            TableScan.Result scan = TableScan.find(c, needles, delivered);
            assertThat(scan.places()).isEmpty();
            assertThat(scan.cells()).isGreaterThan(50);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM family_reference WHERE reference='" + reference + "'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the reference the entries still carry leads nowhere").isZero();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM identity_vault WHERE tenant='159' AND pid IN (x'"
                    + core.keys.pseudonym("159", CHILD).hex() + "', x'" + core.keys.pseudonym("159", MOTHER).hex() + "')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("their identities are erased").isZero();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM residence WHERE tenant='159' AND dwelling IS NOT NULL AND pid IN (x'"
                    + core.keys.pseudonym("159", CHILD).hex() + "', x'" + core.keys.pseudonym("159", MOTHER).hex() + "')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("their sealed dwellings are erased").isZero();
            }
        }
        // the entries are still in the chain, but whom they were about can no longer be told, nor their sealed details read
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.search(new AuditTrail.Query("159", null, null, family, null, null, null, 100))).isEmpty();
        assertThat(audit.search(new AuditTrail.Query("159", null, null, null, null, null, null, 100)))
                .allSatisfy(e -> assertThat(e.familyId()).isNull()).allSatisfy(e -> assertThat(e.sealedDetail()).isNull())
                .filteredOn(e -> e.entry().action().equals("DECLINE")).singleElement()
                .satisfies(e -> assertThat(e.entry().subject()).isEmpty());
        // no log line of the whole test run names it either
        Path log = Path.of("target/core-tests.log");
        if (Files.exists(log)) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(needles).allSatisfy(n -> assertThat(text).doesNotContain(n));
        }
        // nor the file kept beside the key file
        try (Stream<Path> files = Files.walk(keysDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                assertThat(needles).allSatisfy(n -> assertThat(text).doesNotContain(n));
            }
        }
    }

    @Test
    void aLotteryTheLegalBasisNamesDecidesWhoIsOfferedHelpAndAHouseholdThatDeclinesKeepsItsPlaceWithoutItsId() throws Exception {
        ScoreRun ranked = twoHouseholds("lot");
        assertThat(ranked.familiesFlagged()).isEqualTo(3);
        OfferLottery lottery = core.lottery(1, "LOTTERY");
        // the test basis does not name a lottery: refused before anything is stored
        assertThatThrownBy(() -> core.scoring(core.gate, lottery).run("159", AS_OF)).isInstanceOf(dk.tidlig.core.LegalBasisException.class)
                .hasMessageContaining("does not name a lottery");
        assertThat(core.scoreStore.latestRun("159")).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(ranked.id()));

        LegalBasisComponent naming = new LegalBasisComponent(dk.tidlig.core.internal.legal.LegalBasisComponentTest.config("BEK-LOTTERI",
                "2020-01-01", "", false, true));
        ScoreRun drawn = core.scoring(naming, lottery).run("159", AS_OF);
        TrialStore.Draw draw = core.trial.draw(drawn.id()).orElseThrow();
        assertThat(draw.eligible()).isEqualTo(2);
        assertThat(draw.offered()).isEqualTo(1);
        assertThat(draw.waitListed()).isEqualTo(1);
        // each household drawn with the number of its children (three flagged families in two households)
        assertThat(core.trial.allocations("159")).hasSize(2).allSatisfy(a -> assertThat(a.children()).as(a.offerId())
                .isEqualTo(core.scoreStore.offer(drawn.id(), a.offerId()).size())).extracting(TrialStore.Allocation::children)
                .containsExactlyInAnyOrder(1, 2);
        // the order is the SHA-256 of the seed and each offer id: anyone with the seed and the eligible offers redraws it
        List<String> eligible = core.scoreStore.flaggedOffers(drawn.id(), 10);
        String first = eligible.stream().min((a, b) -> java.util.Arrays.compareUnsigned(OfferLottery.place(draw.seed(), a),
                OfferLottery.place(draw.seed(), b))).orElseThrow();
        assertThat(core.trial.listedOffers(drawn.id())).containsExactly(first);
        assertThat(audit.find("159", Action.OFFER_LOTTERY, "system", null, null, 5)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains(HexFormat.of().formatHex(draw.seed()).substring(0, 8))
                        .contains("2 households drawn, 1 offered, 1 wait-listed").contains("BEK-LOTTERI"));

        // the list holds the offered household only, whatever its points; the wait-listed one cannot be opened
        OutreachImpl list = outreach(1);
        assertThat(list.worklist(WORKER).byLottery()).as("the list says it was drawn by lottery").isTrue();
        List<Outreach.Entry> entries = list.worklist(WORKER).families();
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.offerId()).isEqualTo(first));
        String offered = entries.get(0).familyId();
        String waiting = first.equals(core.scoreStore.offerOf(drawn.id(), familyOf(HALF)).orElseThrow()) ? familyOf(CHILD) : familyOf(HALF);
        assertThatThrownBy(() -> list.open(WORKER, waiting, Purpose.CONTACT)).isInstanceOf(NotFoundException.class);

        // the offer made, then a decline: the answer is kept, the household id and its place in the draw are not
        int v = list.transition(WORKER, offered, 0, State.ASSIGNED, null);
        v = list.transition(WORKER, offered, v, State.CONTACTED, null);
        assertThat(core.trial.allocations("159", List.of(first)).get(first).offeredOn()).isEqualTo(LocalDate.now());
        list.decline(WORKER, offered, v);
        List<TrialStore.Allocation> trial = core.trial.allocations("159");
        assertThat(trial).hasSize(2);
        assertThat(trial).filteredOn(a -> a.arm() == TrialStore.Arm.OFFER).singleElement().satisfies(a -> {
            assertThat(a.response()).isEqualTo("DECLINED");
            assertThat(a.offerId()).isNull();
            assertThat(a.rank()).isNull();
            assertThat(a.offeredOn()).isEqualTo(LocalDate.now());
            assertThat(core.trial.followedMarkers("159")).as("its children's markers follow it up").containsValue(a.id()).isNotEmpty();
        });
        assertThat(trial).filteredOn(a -> a.arm() == TrialStore.Arm.WAIT).singleElement().satisfies(a -> {
            assertThat(a.offerId()).isNotNull();
            assertThat(a.waitUntil()).isEqualTo(AS_OF.plusMonths(12));
        });
        // a later lottery draws nobody anew: the waiting household waits, the declined one is kept off the lists (before
        // the register delivers its CPR numbers again, and after)
        ScoreRun before = core.scoring(naming, lottery).run("159", AS_OF);
        assertThat(core.trial.draw(before.id()).orElseThrow().eligible()).isZero();
        List<Object> register = new ArrayList<>(cprLines());
        register.addAll(halfLines());
        ingest(core.pipeline, "159", CPR, "cpr-again", register);
        ScoreRun again = core.scoring(naming, lottery).run("159", AS_OF);
        assertThat(core.trial.draw(again.id()).orElseThrow().eligible()).as("flagged %s, first %s, trial %s", core.scoreStore.flaggedOffers(again.id(), 10),
                first, core.trial.allocations("159")).isZero();
        assertThat(list.worklist(WORKER).families()).isEmpty();
    }

    @Test
    void theSuppressionMarkerMatchesOnlyWithTheChildsCprNumberAndEndsWithItsPeriod() throws Exception {
        family("159", "marker");
        String family = outreach.worklist(WORKER).families().get(0).familyId();
        int v = outreach.transition(LEAD, family, 0, State.ASSIGNED, "anna");
        Outreach.Declined declined = outreach.decline(LEAD, family, v);
        assertThat(declined.suppressedUntil()).isEqualTo(LocalDate.now().plusMonths(12));
        try (Connection c = core.db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT marker, until FROM suppression")) {
            assertThat(rs.next()).isTrue();
            assertThat(HexFormat.of().formatHex(rs.getBytes(1))).isEqualTo(HexFormat.of().formatHex(core.keys.suppressionMarker("159", CHILD)))
                    .isNotEqualTo(core.keys.pseudonym("159", CHILD).hex());
            assertThat(rs.next()).isFalse();
        }
        // the register is delivered again: the erased identities come back, and the marker still keeps the family off the list
        ingest(core.pipeline, "159", CPR, "cpr-again", cprLines());
        assertThat(core.vault.reveal("159", core.keys.pseudonym("159", CHILD), "check")).isPresent();
        ScoreRun next = run("159");
        assertThat(next.familiesFlagged()).isZero();
        assertThat(outreach.worklist(WORKER).families()).isEmpty();
        // after the period the family may be listed again, under a new audit reference
        ScoreRun later = run("159", declined.suppressedUntil().plusDays(1));
        assertThat(later.familiesFlagged()).isEqualTo(1);
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.find("159", Action.SCORE_RUN, "system", null, null, 10)).hasSize(3);
    }

    static OutreachConfig config(int months, int listSize) {
        return dk.tidlig.core.internal.Configs.of(OutreachConfig.class, java.util.Map.of("suppressionMonths", months, "capacityPerMonth", listSize));
    }
}
