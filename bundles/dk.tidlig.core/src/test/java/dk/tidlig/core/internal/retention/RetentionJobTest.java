package dk.tidlig.core.internal.retention;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.MOTHER;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.ingest;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.ingest.IngestPipeline;
import dk.tidlig.core.internal.ingest.RecordValidator;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.JdbcRetentionStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/** Events past the retention are deleted, the others kept, and the purge is audited. */
class RetentionJobTest {

    @TempDir
    Path keysDir;

    @Test
    void eventsThatEndedBeforeTheRetentionAreDeletedAndThePurgeIsAudited() throws Exception {
        try (TestDatabase db = TestDatabase.create("retention")) {
            MariaDbDatabase database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, true);
            KeyRing keys = new KeyRing(keysDir.resolve("tidlig.keys"), true);
            IngestPipeline pipeline = new IngestPipeline(new JdbcIngestStore(database), keys, new RecordValidator());
            LocalDate today = LocalDate.now();
            ingest(pipeline, "159", HEALTH, "health.csv", List.of(
                    List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, today.minusMonths(61), null, "old", List.of(DetailCode.of("x", "1")))),
                    List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, today.minusMonths(59), null, "recent", null)),
                    List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, today.minusMonths(70), null, "old-dated", null)),
                    List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, MOTHER, today.minusMonths(80), today.minusMonths(62), "old-period", null)),
                    List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, MOTHER, today.minusMonths(80), today.minusMonths(50), "period-into-retention", null)),
                    List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, MOTHER, today.minusMonths(80), null, "ongoing", null))));
            ingest(pipeline, "147", HEALTH, "other.csv", List.of(
                    List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, today.minusMonths(61), null, "old", null))));
            AuditTrailImpl audit = new AuditTrailImpl(new JdbcAuditStore(database), keys, new dk.tidlig.store.internal.JdbcOutreachStore(database));
            Tenant gladsaxe = () -> "159";
            RetentionJob job = new RetentionJob(new JdbcRetentionStore(database), audit, gladsaxe, config(60));
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThat(job.execute(List.of("purge"), new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("3 events that ended before " + today.minusMonths(60) + " deleted");
            } finally {
                job.stop();
            }
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT tenant, source_record_id FROM risk_event ORDER BY tenant, source_record_id")) {
                StringBuilder left = new StringBuilder();
                while (rs.next()) {
                    left.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(';');
                }
                assertThat(left).hasToString("147 old;159 ongoing;159 period-into-retention;159 recent;");
            }
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM risk_event_detail")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThat(audit.find("159", Action.PURGE, "system", null, null, 10)).singleElement()
                    .satisfies(e -> assertThat(e.detail()).startsWith("3 events that ended before"));
            database.close();
        }
    }

    static RetentionJob.Config config(int months) {
        return new RetentionJob.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RetentionJob.Config.class;
            }

            @Override
            public int eventRetentionMonths() {
                return months;
            }

            @Override
            public int intervalHours() {
                return 0;
            }
        };
    }
}
