// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.operations;

import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CHILD;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.CPR;
import static dk.tidlig.core.internal.ingest.PipelineAndScoringTest.HEALTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.core.access.AccessDeniedException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.QuarantinedLine;
import dk.tidlig.core.operations.SourceFreshness;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/** The operator's view against a real MariaDB: what an administrator sees, and what nobody else does. */
class OperationsTest {

    static final Actor ADMIN = new Actor("ops", Role.ADMINISTRATOR, "159");

    @TempDir
    Path keysDir;
    CoreFixture core;
    OperationsImpl operations;

    @BeforeEach
    void start() throws Exception {
        core = CoreFixture.create("operations", keysDir);
        operations = new OperationsImpl(core.ingestStore, core.audit, core.keys);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    /** Delivers lines through the pipeline: a String is a line quarantined for that reason. */
    FileOutcome deliver(String tenant, AdapterDescriptor adapter, String name, String sha, String deliveredBy, List<Object> lines) {
        FileIngest session = core.pipeline.begin(adapter, tenant, new FileOrigin(name, sha.repeat(64 / sha.length()), 10_000, null, deliveredBy));
        long n = 0;
        for (Object line : lines) {
            n++;
            if (line instanceof String reason) {
                session.reject(new Line(n, "raw " + CHILD + " line " + n), reason);
            } else {
                session.accept(new Line(n, "event " + n), List.of((RiskEvent) line));
            }
        }
        return session.complete();
    }

    static RiskEvent event(String id) {
        return new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, java.time.LocalDate.now().minusMonths(2), null, id, null);
    }

    @Test
    void anAdministratorSeesTheDeliveriesWithTheirCountsProgressAndWhoDeliveredThem() {
        deliver("159", HEALTH, "health-1.csv", "a", "import by OS user ops", List.of(event("E1"), "column Dato is empty", event("E2")));

        List<Delivery> seen = operations.deliveries(ADMIN, null, 10);
        assertThat(seen).hasSize(1);
        Delivery d = seen.get(0);
        assertThat(d.status()).isEqualTo(Delivery.Status.COMPLETED);
        assertThat(d.fileName()).isEqualTo("health-1.csv");
        assertThat(d.deliveredBy()).isEqualTo("import by OS user ops");
        assertThat(d.accepted() + d.duplicates() + d.quarantined() + d.skipped()).as("every line accounted for").isEqualTo(d.lines()).isEqualTo(3);
        assertThat(d.quarantined()).isEqualTo(1);
        // the characters of the lines read and their line breaks: "event 1", the quarantined line, "event 3"
        assertThat(d.bytesDone()).isEqualTo(("event 1".length() + 1) + ("raw " + CHILD + " line 2").length() + 1 + ("event 3".length() + 1));
        assertThat(d.progress()).isEqualTo(1.0);
        assertThat(operations.deliveries(ADMIN, "cpr", 10)).as("another adapter's").isEmpty();
        assertThat(operations.delivery(ADMIN, d.id())).contains(d);
    }

    @Test
    void nobodyButAnAdministratorOfTheMunicipalitySeesThemOrTheirQuarantine() {
        deliver("159", HEALTH, "health-1.csv", "a", "inbox", List.of("column Dato is empty"));
        long line = operations.quarantine(ADMIN, null, true, 10).get(0).id();
        long delivery = operations.deliveries(ADMIN, null, 1).get(0).id();
        for (Role role : List.of(Role.OUTREACH_WORKER, Role.TEAM_LEAD, Role.ANALYST, Role.AUDITOR, Role.DATA_PROTECTION_OFFICER)) {
            Actor a = new Actor("x", role, "159");
            assertThatThrownBy(() -> operations.deliveries(a, null, 10)).as(role.name()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> operations.quarantine(a, null, false, 10)).as(role.name()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> operations.openQuarantinedLine(a, line, "checking the vendor's export"))
                    .as(role.name()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> operations.freshness(a)).as(role.name()).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(core.audit.find("159", Action.ACCESS_REFUSED, null, null, null, 100)).as("every refusal is on record, with the role")
                .hasSize(20).extracting(AuditEntry::detail).contains("deliveries and quarantine refused for role TEAM_LEAD",
                        "deliveries and quarantine refused for role DATA_PROTECTION_OFFICER");
        Actor neighbour = new Actor("ops", Role.ADMINISTRATOR, "160");
        assertThat(operations.deliveries(neighbour, null, 10)).isEmpty();
        assertThat(operations.delivery(neighbour, delivery)).isEmpty();
        assertThat(operations.quarantine(neighbour, null, false, 10)).isEmpty();
        assertThatThrownBy(() -> operations.openQuarantinedLine(neighbour, line, "checking the vendor's export"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no quarantined line");
        assertThat(core.audit.find("159", Action.QUARANTINE_OPENED, null, null, null, 10)).as("nothing was opened").isEmpty();
    }

    @Test
    void aQuarantinedLineIsOpenedOnlyWithAReasonAndTheReadingIsAudited() {
        deliver("159", HEALTH, "health-1.csv", "a", "inbox", List.of(event("E1"), "unknown visit type"));
        QuarantinedLine q = operations.quarantine(ADMIN, null, true, 10).get(0);
        assertThat(q.line()).isEqualTo(2);
        assertThat(q.reason()).isEqualTo("unknown visit type");
        for (String unfit : new String[] {null, " ", "ab", "x".repeat(201), "person " + CHILD}) {
            assertThatThrownBy(() -> operations.openQuarantinedLine(ADMIN, q.id(), unfit)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(core.audit.find("159", Action.QUARANTINE_OPENED, null, null, null, 10)).as("a refused reading is not a reading").isEmpty();

        assertThat(operations.openQuarantinedLine(ADMIN, q.id(), "vendor ticket 4711")).isEqualTo("raw " + CHILD + " line 2");
        List<AuditEntry> read = core.audit.find("159", Action.QUARANTINE_OPENED, null, null, null, 10);
        assertThat(read).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("ops");
            assertThat(e.subject()).isEqualTo("delivery " + q.deliveryId());
            assertThat(e.detail()).contains("line 2").contains("vendor ticket 4711").doesNotContain(CHILD);
        });
    }

    @Test
    void aCompletedLaterDeliveryOfTheSameAdapterWithNothingKeptAsideResolvesTheQuarantine() {
        deliver("159", HEALTH, "health-1.csv", "a", "inbox", List.of(event("E1"), "column Dato is empty", "column Dato is empty"));
        long original = operations.deliveries(ADMIN, null, 1).get(0).id();
        deliver("159", HEALTH, "health-1-again.csv", "a", "inbox", List.of(event("E1"), "column Dato is empty", "column Dato is empty"));
        long again = operations.deliveries(ADMIN, null, 1).get(0).id();
        deliver("159", CPR, "cpr.txt", "b", "inbox", List.of());
        long otherAdapter = operations.deliveries(ADMIN, null, 1).get(0).id();
        deliver("159", HEALTH, "health-1-fix1.csv", "c", "inbox", List.of(event("E2"), "column Dato is empty"));
        long stillBad = operations.deliveries(ADMIN, null, 1).get(0).id();
        deliver("159", HEALTH, "health-1-fix2.csv", "d", "inbox", List.of(event("E2"), event("E3")));
        long fixed = operations.deliveries(ADMIN, null, 1).get(0).id();

        assertThatThrownBy(() -> operations.resolveQuarantine(ADMIN, original, otherAdapter)).hasMessageContaining("same adapter");
        assertThatThrownBy(() -> operations.resolveQuarantine(ADMIN, original, stillBad)).hasMessageContaining("kept 1 lines aside");
        assertThatThrownBy(() -> operations.resolveQuarantine(ADMIN, fixed, original)).hasMessageContaining("not later");
        assertThatThrownBy(() -> operations.resolveQuarantine(new Actor("ops", Role.ADMINISTRATOR, "160"), original, fixed))
                .hasMessageContaining("no delivery");
        assertThat(operations.quarantine(ADMIN, original, true, 10)).hasSize(2);

        assertThat(operations.resolveQuarantine(ADMIN, original, fixed)).as("the delivery's lines and those of the same file delivered again")
                .isEqualTo(4);
        assertThat(operations.quarantine(ADMIN, original, true, 10)).isEmpty();
        assertThat(operations.quarantine(ADMIN, again, true, 10)).isEmpty();
        assertThat(operations.quarantine(ADMIN, original, false, 10)).allSatisfy(q -> assertThat(q.resolvedBy()).isEqualTo(fixed));
        assertThat(operations.quarantine(ADMIN, null, true, 10)).as("the still bad correction's own line stays open")
                .extracting(QuarantinedLine::deliveryId).containsExactly(stillBad);
        assertThat(core.audit.find("159", Action.QUARANTINE_RESOLVED, null, null, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("4 quarantined lines resolved by delivery " + fixed));
    }

    @Test
    void aSourceIsOverdueWhenNoDeliveryCompletedForOneAndAHalfIntervals() {
        inbox(HEALTH, "159", Duration.ofDays(7));
        inbox(CPR, "159", Duration.ofDays(1));
        inbox(new AdapterDescriptor("dental", "Tandpleje", "test", java.util.Set.of(), java.util.Set.of(), "test"), "160", Duration.ofDays(1));
        deliver("159", HEALTH, "health-1.csv", "a", "inbox", List.of(event("E1")));
        Instant now = Instant.now();

        List<SourceFreshness> sources = operations.freshness(ADMIN);
        assertThat(sources).extracting(SourceFreshness::adapterId).as("the municipality's adapters only").containsExactly("cpr", "health");
        SourceFreshness health = sources.get(1);
        assertThat(health.lastCompleted()).isNotNull();
        assertThat(health.overdue(now)).isFalse();
        assertThat(health.overdue(now.plus(Duration.ofDays(10)))).isFalse();
        assertThat(health.overdue(now.plus(Duration.ofDays(11)))).as("no delivery for 11 days of a weekly source").isTrue();
        SourceFreshness cpr = sources.get(0);
        assertThat(cpr.lastCompleted()).as("never delivered").isNull();
        assertThat(cpr.overdue(now)).isFalse();
        assertThat(cpr.overdue(now.plus(Duration.ofHours(37)))).as("nothing a day and a half after it was deployed").isTrue();
    }

    @Test
    void aSourceThatNeverDeliveredCountsFromItsAuditedDeploymentNotFromTheLastRestart() throws Exception {
        core.audit.record(Actor.system("159"), Action.ADAPTER_DEPLOYED, "adapter cpr", "version 1.0.0 deployed");
        try (java.sql.Connection c = core.db.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_entry SET at = NOW(3) - INTERVAL 3 DAY WHERE action = 'ADAPTER_DEPLOYED'");
        }
        inbox(CPR, "159", Duration.ofDays(1)); // this process sees it only now
        SourceFreshness cpr = operations.freshness(ADMIN).get(0);
        assertThat(cpr.lastCompleted()).isNull();
        assertThat(cpr.overdue(Instant.now())).as("deployed three days ago, a daily source that never delivered").isTrue();
    }

    private void inbox(AdapterDescriptor descriptor, String tenant, Duration interval) {
        SourceAdapter adapter = new SourceAdapter() {
            @Override
            public AdapterDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ExportWriter exportWriter() {
                return null;
            }
        };
        InboxSettings settings = new InboxSettings(keysDir, java.nio.charset.StandardCharsets.UTF_8, ".*", 1000, 0, tenant, false, interval);
        operations.addInbox(new AdapterInbox() {
            @Override
            public SourceAdapter adapter() {
                return adapter;
            }

            @Override
            public InboxSettings settings() {
                return settings;
            }
        }, Map.of(SourceAdapter.ADAPTER_ID, descriptor.id()));
    }

    @Test
    void aValueShownInTheConfigurationNeverCarriesAPassword() {
        assertThat(OperationsImpl.withoutCredentials("jdbc:mariadb://db:3306/tidlig?user=tidlig&password=hemmelig&useSsl=true"))
                .isEqualTo("jdbc:mariadb://db:3306/tidlig?user=tidlig&password=••••••&useSsl=true");
        assertThat(OperationsImpl.withoutCredentials("https://ops:hemmelig@login.example/realms/k")).isEqualTo("https://ops:••••••@login.example/realms/k");
        assertThat(OperationsImpl.withoutCredentials("inbox/dental")).isEqualTo("inbox/dental");
    }
}
