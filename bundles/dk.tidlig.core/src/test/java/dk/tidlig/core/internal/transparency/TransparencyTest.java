// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.transparency;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CPR;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.MOTHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.cprLines;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.ingest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.core.transparency.Transparency.AccessRequest;
import dk.tidlig.core.transparency.Transparency.IdentityCheck;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.store.internal.JdbcAccessStore;

/** The model card, the data inventory and the access report against a real MariaDB, tried by every role. */
class TransparencyTest {

    static final Actor DPO = new Actor("dora", Role.DATA_PROTECTION_OFFICER, "159");
    static final Actor LEAD = new Actor("lene", Role.TEAM_LEAD, "159");
    static final Actor AUDITOR = new Actor("rita", Role.AUDITOR, "159");

    @TempDir
    Path keysDir;
    CoreFixture core;

    @BeforeEach
    void start() throws Exception {
        core = CoreFixture.create("transparency", keysDir);
        LocalDate today = LocalDate.now();
        ingest(core.pipeline, "159", CPR, "cpr.txt", cprLines());
        ingest(core.pipeline, "159", HEALTH, "health.csv", List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, today.minusMonths(6), null, "DX-1", null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, today.minusMonths(2), null, "TP-1", null))));
        core.scoring.run("159", today);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    TransparencyImpl transparency(int perDay) {
        dk.tidlig.core.scoring.PointModel gladsaxe = core.scoring.activeModel("159");
        dk.tidlig.store.EvidenceStore evidence = new dk.tidlig.core.internal.ActiveEverywhere(new dk.tidlig.store.internal.JdbcEvidenceStore(core.database),
                gladsaxe, core.audit);
        return new TransparencyImpl(core.scoring, core.gate, new JdbcAccessStore(core.database), core.keys, core.vaultStore, core.vault, core.audit,
                new dk.tidlig.core.internal.scoring.BacktestImpl(core.scoreStore, evidence, core.gate, core.keys, false, List.of()), evidence,
                settings(perDay));
    }

    @Test
    void theModelCardAndTheInventory() {
        TransparencyImpl transparency = transparency(20);
        ModelCard card = transparency.modelCard("159");
        assertThat(card.id()).isEqualTo("gladsaxe");
        assertThat(card.rules()).anySatisfy(r -> {
            assertThat(r.indicator()).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
            assertThat(r.points()).isEqualTo(3000);
            assertThat(r.provenance()).isEqualTo("PUBLISHED");
        });
        assertThat(card.thresholdProvenance()).isEqualTo("MUNICIPAL_DECISION");
        assertThat(card.legalBasis().id()).isEqualTo("TEST-BASIS");
        assertThat(card.legalBasisInForce()).isTrue();
        assertThat(card.activation()).as("active in the fixture, as if evaluated and approved").isNotNull();
        assertThat(card.notActive()).isNull();
        assertThat(card.texts()).containsKeys("intendedUse", "outOfScopeUses", "caveats");
        assertThat(card.offers()).as("the outreach's defaults: ranked, not a lottery").isEqualTo(new ModelCard.Offers("RANKED", 12, 12));
        assertThat(card.offers().lottery()).isFalse();
        TransparencyImpl lottery = transparency(20);
        lottery.modified(dk.tidlig.core.internal.Configs.of(TransparencyImpl.Settings.class, java.util.Map.of("offerOrder", "lottery",
                "capacityPerMonth", 5, "waitListMonths", 9)));
        assertThat(lottery.modelCard("159").offers()).as("the card says when offers are drawn by lottery, and for how many")
                .isEqualTo(new ModelCard.Offers("LOTTERY", 5, 9));
        assertThat(lottery.modelCard("159").offers().lottery()).isTrue();
        transparency.adapters = List.of(adapter(HEALTH));
        assertThat(transparency.dataInventory().sources()).singleElement().satisfies(s -> assertThat(s.sourceSystem()).isEqualTo("Sundhed"));
        assertThat(transparency.dataInventory().eventRetentionMonths()).isEqualTo(60);
    }

    @Test
    void onlyTheDataProtectionOfficerProducesAnAccessReportForARegisteredRequest() {
        TransparencyImpl transparency = transparency(20);
        AccessRequest request = new AccessRequest(MOTHER, "AIN-2026-17", IdentityCheck.MITID);
        for (Role role : List.of(Role.TEAM_LEAD, Role.AUDITOR, Role.ANALYST, Role.OUTREACH_WORKER, Role.ADMINISTRATOR)) {
            assertThatThrownBy(() -> transparency.accessReport(new Actor("x", role, "159"), request)).as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThatThrownBy(() -> transparency.accessReport(DPO, new AccessRequest(MOTHER, "curious", IdentityCheck.MITID)))
                .as("not a registered request's reference").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
        assertThatThrownBy(() -> transparency.accessReport(DPO, new AccessRequest(MOTHER, "AIN-2026-17", null)))
                .as("no identity check stated").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transparency.accessReport(DPO, new AccessRequest("0513941234", "AIN-2026-17", IdentityCheck.MITID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a month that does not exist").hasMessageNotContaining("13");

        AccessReport report = transparency.accessReport(DPO, new AccessRequest("050594-1234", "AIN-2026-17", IdentityCheck.IN_PERSON_WITH_ID));
        assertThat(report.reference()).isEqualTo("AIN-2026-17");
        assertThat(report.identity().name()).isEqualTo("Birthe Syntetisksen");
        assertThat(report.identity().cpr()).isEqualTo(MOTHER);
        assertThat(report.registered()).isNotNull();
        assertThat(report.relations()).extracting(r -> r.type() + (r.outgoing() ? " to" : " from")).contains("MOTHER_OF to", "CUSTODY_HOLDER_OF to");
        assertThat(report.events()).singleElement().satisfies(e -> {
            assertThat(e.indicator()).isEqualTo("PARENT_PSYCHIATRIC_ILLNESS");
            assertThat(e.sourceSystem()).isEqualTo("Sundhed");
            assertThat(e.sourceRecordId()).isEqualTo("DX-1");
        });
        assertThat(report.appearances()).singleElement().satisfies(a -> {
            assertThat(a.role()).isEqualTo("MOTHER");
            assertThat(a.flagged()).isTrue();
        });
        // who opened the family, by role and time, never by name; nobody yet
        assertThat(report.openings()).isEmpty();
        String family = report.appearances().get(0).familyId();
        core.audit.recordFamily(new Actor("anna", Role.OUTREACH_WORKER, "159"), Action.REIDENTIFY, family, "purpose: CONTACT; 2 persons", null);
        core.audit.recordFamily(new Actor("asger", Role.ANALYST, "159"), Action.EXPLANATION_VIEW, family, "score 3300", null);
        assertThatThrownBy(() -> transparency.accessReport(DPO, new AccessRequest(CHILD, "AIN-2026-17", IdentityCheck.MITID)))
                .as("a reference belongs to one person").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another person");
        AccessReport child = transparency.accessReport(DPO, new AccessRequest(CHILD, "AIN-2026-18", IdentityCheck.MITID));
        assertThat(child.appearances()).singleElement().satisfies(a -> assertThat(a.role()).isEqualTo("CHILD"));
        assertThat(child.openings()).extracting(o -> o.role() + (o.reidentified() ? " saw who" : " saw the explanation"))
                .containsExactlyInAnyOrder("OUTREACH_WORKER saw who", "ANALYST saw the explanation");
        assertThat(child.empty()).isFalse();
        // another municipality's officer finds nothing of 159's citizens
        Actor elsewhere = new Actor("olga", Role.DATA_PROTECTION_OFFICER, "101");
        AccessReport other = transparency.accessReport(elsewhere, new AccessRequest(MOTHER, "AIN-2026-17", IdentityCheck.MITID));
        assertThat(other.identity().cpr()).isNull();
        assertThat(other.events()).isEmpty();
        assertThat(other.appearances()).isEmpty();
        assertThat(other.openings()).isEmpty();
        assertThat(other.empty()).as("the letter says that nothing is held").isTrue();

        List<AuditEntry> entries = core.audit.find("159", Action.ACCESS_REPORT, "dora", null, null, 10);
        assertThat(entries).hasSize(2).allSatisfy(e -> {
            assertThat(e.subject()).matches("citizen P-[B-Z]{5}-[B-Z]{5}");
            assertThat(e.detail()).doesNotContain(MOTHER).doesNotContain("050594").startsWith("reference: AIN-2026-1").contains("identity checked by");
        });
    }

    @Test
    void theLatestRunsStatisticsCountPointsThresholdsAndIndicatorsAndNameNoFamily() {
        StatisticsImpl statistics = new StatisticsImpl(core.scoreStore, transparency(20));
        dk.tidlig.core.transparency.Statistics.Distribution d = statistics.distribution(LEAD).orElseThrow();
        // the family of the mother's diagnosis (3,000) and the child's no-show (300): flagged at the model's threshold
        assertThat(d.scored()).isEqualTo(d.run().familiesScored());
        assertThat(d.bins().stream().mapToInt(dk.tidlig.core.transparency.Statistics.Bin::families).sum() + d.zero()).isEqualTo(d.scored());
        assertThat(d.bins()).filteredOn(b -> b.from() == 3000).singleElement().satisfies(b -> assertThat(b.families()).isOne());
        assertThat(d.cuts()).filteredOn(dk.tidlig.core.transparency.Statistics.Cut::current).singleElement()
                .satisfies(c -> assertThat(c.families()).isEqualTo(d.run().familiesFlagged()));
        assertThat(d.cuts()).filteredOn(c -> c.threshold() == 6000).singleElement().satisfies(c -> assertThat(c.families()).isZero());
        assertThat(d.flaggedPerIndicator()).containsEntry(Indicator.PARENT_PSYCHIATRIC_ILLNESS, 1).containsEntry(Indicator.CHILD_DENTAL_NO_SHOW, 1);
        assertThat(statistics.distribution(AUDITOR)).as("computed once per run").containsSame(d);
        assertThat(statistics.distribution(new Actor("otto", Role.ANALYST, "101"))).as("another municipality, no run").isEmpty();
    }

    @Test
    void everyReportWaitsForASecondPersonAndTheDailyNumberHolds() {
        TransparencyImpl transparency = transparency(2);
        transparency.accessReport(DPO, new AccessRequest(MOTHER, "AIN-2026-1", IdentityCheck.DIGITAL_POST));
        transparency.accessReport(DPO, new AccessRequest(CHILD, "AIN-2026-2", IdentityCheck.LETTER_WITH_ID_COPY));
        assertThatThrownBy(() -> transparency.accessReport(DPO, new AccessRequest(CHILD, "AIN-2026-3", IdentityCheck.MITID)))
                .as("a flood of look-ups stops at the daily number").isInstanceOf(AccessDeniedException.class).hasMessageContaining("daily");
        assertThat(core.audit.find("159", Action.ACCESS_REFUSED, "dora", null, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("daily"));

        assertThatThrownBy(() -> transparency.pendingReviews(DPO)).as("not the officer's own review").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> transparency.review(DPO, "AIN-2026-1")).isInstanceOf(AccessDeniedException.class);
        assertThat(transparency.pendingReviews(LEAD)).extracting(r -> r.reference() + " " + r.requestedBy() + " " + r.identityCheck())
                .containsExactly("AIN-2026-1 dora DIGITAL_POST", "AIN-2026-2 dora LETTER_WITH_ID_COPY");
        transparency.review(AUDITOR, "AIN-2026-1");
        assertThatThrownBy(() -> transparency.review(LEAD, "AIN-2026-1")).as("reviewed once").isInstanceOf(IllegalArgumentException.class);
        assertThat(transparency.pendingReviews(LEAD)).extracting(r -> r.reference()).containsExactly("AIN-2026-2");
        assertThat(core.audit.find("159", Action.ACCESS_REPORT_REVIEW, "rita", null, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("reference: AIN-2026-1 reviewed"));
    }

    static SourceAdapter adapter(AdapterDescriptor d) {
        return new SourceAdapter() {
            @Override
            public AdapterDescriptor descriptor() {
                return d;
            }

            @Override
            public ExportWriter exportWriter() {
                return null;
            }
        };
    }

    static TransparencyImpl.Settings settings(int perDay) {
        return dk.tidlig.core.internal.Configs.of(TransparencyImpl.Settings.class, java.util.Map.of("eventRetentionMonths", 60,
                "accessReportsPerDay", perDay));
    }
}
