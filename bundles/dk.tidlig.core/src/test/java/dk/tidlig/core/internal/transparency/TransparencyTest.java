package dk.tidlig.core.internal.transparency;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CPR;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.MOTHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.cprLines;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.ingest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.identity.ReidentificationComponent;
import dk.tidlig.core.internal.ingest.IngestPipeline;
import dk.tidlig.core.internal.ingest.RecordValidator;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.internal.legal.LegalBasisComponentTest;
import dk.tidlig.core.internal.scoring.ModelConfiguration;
import dk.tidlig.core.internal.scoring.ModelParserTest;
import dk.tidlig.core.internal.scoring.ScoringServiceImpl;
import dk.tidlig.core.transparency.AccessReport;
import dk.tidlig.core.transparency.ModelCard;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.store.internal.JdbcAccessStore;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcIdentityVaultStore;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcScoreStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/** The model card, the data inventory and the access report against a real MariaDB. */
class TransparencyTest {

    @TempDir
    Path keysDir;

    @Test
    void theModelCardTheInventoryAndACitizensAccessReport() throws Exception {
        try (TestDatabase db = TestDatabase.create("transparency")) {
            MariaDbDatabase database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, true);
            KeyRing keys = new KeyRing(keysDir.resolve("tidlig.keys"), true);
            IngestPipeline pipeline = new IngestPipeline(new JdbcIngestStore(database), keys, new RecordValidator());
            LegalBasisComponent gate = new LegalBasisComponent(LegalBasisComponentTest.config("TEST-BASIS", "2020-01-01", ""));
            AuditTrailImpl audit = new AuditTrailImpl(new JdbcAuditStore(database), keys, new dk.tidlig.store.internal.JdbcOutreachStore(database));
            JdbcOutreachStore cases = new JdbcOutreachStore(database);
            ScoringServiceImpl scoring = new ScoringServiceImpl(new JdbcScoreStore(database), gate, keys, cases, audit,
                    new JdbcIdentityVaultStore(database), "gladsaxe",
                    List.of(new ModelConfiguration(new java.util.HashMap<>(ModelParserTest.shippedGladsaxe()))));
            JdbcIdentityVaultStore vault = new JdbcIdentityVaultStore(database);
            TransparencyImpl transparency = new TransparencyImpl(scoring, gate, new JdbcAccessStore(database), keys, vault,
                    new ReidentificationComponent(keys, vault, gate), audit, settings());

            ModelCard card = transparency.modelCard();
            assertThat(card.id()).isEqualTo("gladsaxe");
            assertThat(card.rules()).anySatisfy(r -> {
                assertThat(r.indicator()).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
                assertThat(r.points()).isEqualTo(3000);
                assertThat(r.provenance()).isEqualTo("PUBLISHED");
            });
            assertThat(card.thresholdProvenance()).isEqualTo("MUNICIPAL_DECISION");
            assertThat(card.legalBasis().id()).isEqualTo("TEST-BASIS");
            assertThat(card.legalBasisInForce()).isTrue();
            assertThat(card.validationStatus()).startsWith("Not validated");

            transparency.adapters = List.of(adapter(HEALTH));
            assertThat(transparency.dataInventory().sources()).singleElement().satisfies(s -> assertThat(s.sourceSystem()).isEqualTo("Sundhed"));
            assertThat(transparency.dataInventory().eventRetentionMonths()).isEqualTo(60);

            LocalDate today = LocalDate.now();
            ingest(pipeline, "159", CPR, "cpr.txt", cprLines());
            ingest(pipeline, "159", HEALTH, "health.csv", List.of(
                    List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, today.minusMonths(6), null, "DX-1", null)),
                    List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, today.minusMonths(2), null, "TP-1", null))));
            scoring.run("159", today);

            Actor lead = new Actor("lene", Role.TEAM_LEAD, "159");
            assertThatThrownBy(() -> transparency.accessReport(new Actor("asger", Role.ANALYST, "159"), MOTHER, "AR-1"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> transparency.accessReport(lead, "0513941234", "AR-1")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("month 13");
            assertThatThrownBy(() -> transparency.accessReport(lead, MOTHER, "")).isInstanceOf(IllegalArgumentException.class);

            AccessReport report = transparency.accessReport(lead, "050594-1234", "AR-2026-17");
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
            assertThat(transparency.accessReport(lead, CHILD, "AR-2").appearances()).singleElement()
                    .satisfies(a -> assertThat(a.role()).isEqualTo("CHILD"));
            assertThat(audit.find("159", Action.ACCESS_REPORT, "lene", null, null, 10)).hasSize(2)
                    .allSatisfy(e -> assertThat(e.detail()).doesNotContain(MOTHER).doesNotContain("050594").startsWith("reference: AR-"));
            database.close();
        }
    }

    static SourceAdapter adapter(AdapterDescriptor d) {
        return new SourceAdapter() {
            @Override
            public AdapterDescriptor descriptor() {
                return d;
            }

            @Override
            public Path inbox() {
                return Path.of("inbox", d.id());
            }

            @Override
            public ExportWriter exportWriter() {
                return null;
            }
        };
    }

    static TransparencyImpl.Settings settings() {
        return new TransparencyImpl.Settings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TransparencyImpl.Settings.class;
            }

            @Override
            public int eventRetentionMonths() {
                return 60;
            }

            @Override
            public int suppressionMonths() {
                return 24;
            }
        };
    }
}
