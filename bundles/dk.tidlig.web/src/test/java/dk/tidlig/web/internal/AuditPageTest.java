// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.audit.AuditTrail;

/** The auditors' view: the alert for a user who opens too many families, the filters from the address, and the CSV export. */
class AuditPageTest {

    private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
    private static long seq;

    private static AuditEntry opening(String actor, String family, Instant at) {
        return new AuditEntry(++seq, "159", at, actor, "OUTREACH_WORKER", "EXPLANATION_VIEW", "A-" + family, "score 3300", 1, "p", "h");
    }

    @Test
    void oneUserOpeningAllTheFamiliesInHalfAMinuteRaisesAnAlert() {
        List<AuditEntry> openings = new ArrayList<>();
        // anna opens 200 families in 35 seconds; bo opens 40 (the limit) in an hour, and the same one a hundred times
        for (int i = 0; i < 200; i++) {
            openings.add(opening("anna", "F" + i, T0.plusMillis(175L * i)));
        }
        for (int i = 0; i < 40; i++) {
            openings.add(opening("bo", "F" + i, T0.plusSeconds(80L * i)));
        }
        for (int i = 0; i < 100; i++) {
            openings.add(opening("bo", "F0", T0.plusSeconds(i)));
        }
        // carl opens 80 families, but spread over four hours
        for (int i = 0; i < 80; i++) {
            openings.add(opening("carl", "F" + i, T0.plusSeconds(180L * i)));
        }
        List<AuditPage.Alert> alerts = AuditPage.alerts(openings, 40);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.actor()).isEqualTo("anna");
            assertThat(a.families()).isEqualTo(200);
            assertThat(a.from()).isEqualTo(T0);
        });
        // carl's 80 are 20 in any hour: over a limit of 19, not of 20
        assertThat(AuditPage.alerts(openings, 20)).extracting(AuditPage.Alert::actor).containsExactly("anna", "bo");
        assertThat(AuditPage.alerts(openings, 19)).extracting(AuditPage.Alert::actor).containsExactly("anna", "bo", "carl");
        String html = Templates.render("audit", AuditPage.model(Texts.DA, AuditPage.Filter.of(p -> null), List.of(), false,
                new AuditTrail.Verification(10, "h", List.of(), T0), alerts, 40)).toString();
        assertThat(html).contains("role=\"alert\"").contains("anna åbnede 200 forskellige familier inden for en time");
    }

    @Test
    void theFiltersComeFromTheAddressCheckedAndGoOnToTheNextPageAndTheExport() {
        Map<String, String> p = new HashMap<>();
        p.put("action", "REIDENTIFY");
        p.put("actor", " anna ");
        p.put("family", "f-bcdfg-hjklm");
        p.put("from", "2026-12-01");
        p.put("to", "2026-12-03");
        p.put("before", "977");
        AuditPage.Filter f = AuditPage.Filter.of(p::get);
        assertThat(f.parameters()).isEqualTo("action=REIDENTIFY&actor=anna&family=F-BCDFG-HJKLM&from=2026-12-01&to=2026-12-03");
        AuditTrail.Query q = f.query("159", 101);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(q.to()).as("the whole last day").isEqualTo(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(q.beforeSeq()).isEqualTo(977L);
        assertThat(q.familyId()).isEqualTo("F-BCDFG-HJKLM");
        Map<String, String> bad = Map.of("action", "DROP", "actor", "<script>", "family", "F-AAAAA-AAAAA", "from", "yesterday", "before", "-1");
        AuditPage.Filter none = AuditPage.Filter.of(bad::get);
        assertThat(none).isEqualTo(new AuditPage.Filter(null, null, null, null, null, null));
        assertThat(none.parameters()).isEmpty();
        assertThat(LocalDate.parse("2026-12-03")).isEqualTo(f.to());
    }

    @Test
    void theExportIsCsvThatNoSpreadsheetReadsAsAFormula() {
        AuditEntry e = new AuditEntry(7, "159", T0, "=cmd|' /C calc'!A0", "AUDITOR", "AUDIT_VIEW", "", "all actions, \"quoted\"\nnext line", 1, "p", "abc");
        String csv = AuditPage.csv(Texts.DA, List.of(new AuditTrail.Shown(e, null, null)));
        assertThat(csv).startsWith("\uFEFFseq,at,actor,role,action,subject,detail,hash\r\n");
        assertThat(csv).contains("7,2026-12-04T09:00:00Z,'=cmd|' /C calc'!A0,AUDITOR,AUDIT_VIEW,,\"all actions, \"\"quoted\"\"\nnext line\",abc\r\n");
        assertThat(AuditPage.field("+1")).isEqualTo("'+1");
        assertThat(AuditPage.field("plain")).isEqualTo("plain");
    }

    @Test
    void theExportHoldsEveryEntryTheFilterSelectsHoweverManyThereAre(@org.junit.jupiter.api.io.TempDir java.nio.file.Path keys) throws Exception {
        try (dk.tidlig.embeddeddb.TestDatabase db = dk.tidlig.embeddeddb.TestDatabase.create("auditexport")) {
            dk.tidlig.store.internal.MariaDbDatabase database = new dk.tidlig.store.internal.MariaDbDatabase(db.url(), db.user(), db.password(), 2, true);
            try {
                AuditTrail audit = new dk.tidlig.core.internal.audit.AuditTrailImpl(new dk.tidlig.store.internal.JdbcAuditStore(database),
                        new dk.tidlig.core.internal.crypto.KeyRing(keys.resolve("tidlig.keys"), true),
                        new dk.tidlig.store.internal.JdbcOutreachStore(database));
                dk.tidlig.core.access.Actor anna = new dk.tidlig.core.access.Actor("anna", dk.tidlig.core.access.Role.OUTREACH_WORKER, "159");
                for (int i = 0; i < 2_500; i++) {
                    audit.record(anna, i % 5 == 0 ? AuditTrail.Action.SIGN_IN : AuditTrail.Action.LIST_VIEW, "", "view " + i);
                }
                audit.record(new dk.tidlig.core.access.Actor("ole", dk.tidlig.core.access.Role.OUTREACH_WORKER, "160"), AuditTrail.Action.LIST_VIEW,
                        "", "another municipality's");
                AuditPage page = new AuditPage(null, null, audit);
                // every entry, in batches that divide the total exactly (the last read finds none) and that do not
                java.io.StringWriter all = new java.io.StringWriter();
                assertThat(page.export(Texts.DA, AuditPage.Filter.of(x -> null), "159", all, 500)).isEqualTo(2_500);
                List<String> lines = all.toString().lines().skip(1).toList();
                assertThat(lines).hasSize(2_500);
                assertThat(lines.get(0)).contains(",view 2499,");
                assertThat(lines.get(2_499)).contains(",view 0,");
                assertThat(lines.stream().map(l -> Long.parseLong(l.substring(0, l.indexOf(','))))).as("newest first, none twice")
                        .isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();
                java.util.concurrent.atomic.AtomicLong told = new java.util.concurrent.atomic.AtomicLong();
                page.export(Texts.DA, AuditPage.Filter.of(x -> null), "159", new java.io.StringWriter(), 700, told::addAndGet);
                assertThat(told).as("each batch told as it is written, for the trail however far it gets").hasValue(2_500);
                java.io.StringWriter views = new java.io.StringWriter();
                assertThat(page.export(Texts.DA, AuditPage.Filter.of(Map.of("action", "LIST_VIEW")::get), "159", views, 300)).isEqualTo(2_000);
                assertThat(views.toString().lines().skip(1)).hasSize(2_000).allMatch(l -> l.contains(",LIST_VIEW,"))
                        .noneMatch(l -> l.contains("another municipality"));
                java.io.StringWriter none = new java.io.StringWriter();
                assertThat(page.export(Texts.DA, AuditPage.Filter.of(Map.of("actor", "nobody")::get), "159", none, 300)).isZero();
                assertThat(none.toString()).isEqualTo(AuditPage.CSV_HEADER);
            } finally {
                database.close();
            }
        }
    }
}
