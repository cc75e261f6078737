// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.Line;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.Reidentification.Identity;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.identity.ReidentificationComponent;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.internal.legal.LegalBasisComponentTest;
import dk.tidlig.core.internal.scoring.ModelConfiguration;
import dk.tidlig.core.internal.scoring.ModelParserTest;
import dk.tidlig.core.internal.scoring.ScoringServiceImpl;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.internal.JdbcIdentityVaultStore;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.JdbcScoreStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/** The ingest pipeline, scoring and re-identification against a real MariaDB. */
public class PipelineAndScoringTest {

    public static final String CHILD = "1503224012";   // born 2022-03-15
    public static final String MOTHER = "0505941234";
    public static final String FATHER = "0101901233";
    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @TempDir
    static Path keysDir;
    static TestDatabase db;
    static MariaDbDatabase database;
    static KeyRing keys;
    static IngestPipeline pipeline;
    static JdbcScoreStore scoreStore;
    public static final AdapterDescriptor CPR = new AdapterDescriptor("cpr", "CPR", "test", Set.of(), Set.of(DataCategory.IDENTITY), "test");
    public static final AdapterDescriptor HEALTH = new AdapterDescriptor("health", "Sundhed", "test",
            Set.of(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.CHILD_DENTAL_NO_SHOW), Set.of(DataCategory.HEALTH), "test");

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("core");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        keys = new KeyRing(keysDir.resolve("tidlig.keys"), true);
        pipeline = new IngestPipeline(new JdbcIngestStore(database), keys, new RecordValidator(), new DeliveryArchive(keys,
                keysDir.resolve("deliveries"), dk.tidlig.core.internal.Configs.of(DeliveryArchive.Config.class, java.util.Map.of())), 60);
        scoreStore = new JdbcScoreStore(database);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    /** Feeds lines (each a list of records, or a String for a line to quarantine) through one file ingest. */
    static FileOutcome ingest(String tenant, AdapterDescriptor adapter, String file, List<Object> lines) {
        return ingest(pipeline, tenant, adapter, file, lines);
    }

    /** Feeds lines (each a list of records, or a String for a line to quarantine) through one file ingest of this pipeline. */
    public static FileOutcome ingest(IngestPipeline pipeline, String tenant, AdapterDescriptor adapter, String file, List<Object> lines) {
        FileIngest session = pipeline.begin(adapter, tenant, new FileOrigin(file, "0".repeat(64), 100));
        long n = 0;
        for (Object line : lines) {
            n++;
            if (line instanceof String reason) {
                session.reject(new Line(n, "raw " + CHILD + " line"), reason);
            } else {
                @SuppressWarnings("unchecked")
                List<SourceRecord> records = (List<SourceRecord>) line;
                session.accept(new Line(n, "raw"), records);
            }
        }
        return session.complete();
    }

    public static List<Object> cprLines() {
        List<Object> lines = new ArrayList<>();
        for (String cpr : List.of(CHILD, MOTHER, FATHER)) {
            lines.add(List.of(new PersonRecord(cpr, null, null, PersonStatus.RESIDENT, null)));
            lines.add(List.of(new NameRecord(cpr, cpr.equals(MOTHER) ? "Birthe" : "Testperson", null, "Syntetisksen")));
        }
        lines.add(List.of(new AddressRecord(CHILD, "0159", "0042", "12", "2", "tv", null, "Søborg Hovedgade 12, 2. tv", "2860", "Søborg")));
        lines.add(List.of(new AddressRecord(MOTHER, "159", "42", "12", "02", "TV", null, null, null, null)));
        lines.add(List.of(new AddressRecord(FATHER, "159", "7", "3", null, null, null, null, null, null)));
        lines.add(List.of(new RelationRecord(RelationType.MOTHER_OF, MOTHER, CHILD, null, null),
                new RelationRecord(RelationType.FATHER_OF, FATHER, CHILD, null, null)));
        lines.add(List.of(new RelationRecord(RelationType.CUSTODY_HOLDER_OF, MOTHER, CHILD, LocalDate.of(2022, 3, 15), null)));
        return lines;
    }

    @Test
    void ingestIsIdempotentQuarantinesAndStoresNoPersonalDataInClear() throws Exception {
        FileOutcome first = ingest("147", CPR, "cpr-1.txt", cprLines());
        assertThat(first.accepted()).isEqualTo(11);
        assertThat(first.duplicates()).isZero();
        FileOutcome again = ingest("147", CPR, "cpr-1.txt", cprLines());
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(11);

        List<Object> health = new ArrayList<>();
        health.add(List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, FATHER, LocalDate.of(2025, 9, 1), null, "DX-1",
                List.of(new DetailCode(DetailCode.SKS, "DF322", "Depression")))));
        health.add(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, LocalDate.of(2026, 2, 2), null, "TP-1", null)));
        health.add("column Dato is empty");
        // invalid in the pipeline: a CPR number with month 13
        health.add(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "1513224012", LocalDate.of(2026, 2, 2), null, "TP-2", null)));
        health.add(List.of());
        FileOutcome h = ingest("147", HEALTH, "health.csv", health);
        assertThat(h.accepted()).isEqualTo(2);
        assertThat(h.quarantined()).isEqualTo(2);
        assertThat(h.skipped()).isEqualTo(1);
        assertThat(h.lines()).isEqualTo(5);
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT q.line_no, q.reason FROM quarantine q JOIN ingest_file f ON f.id = q.file_id WHERE f.file_name='health.csv' ORDER BY q.line_no")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isEqualTo("column Dato is empty");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(4);
            assertThat(rs.getString(2)).isEqualTo("subjectCpr: CPR number has a month that does not exist");
        }
        assertNoPersonalDataInAnyTable(List.of(CHILD, MOTHER, FATHER, "150322-4012", "Birthe", "Syntetisksen", "Hovedgade", "Søborg"));
    }

    /** Reads every text and binary column of every table and looks for the given strings. */
    static void assertNoPersonalDataInAnyTable(List<String> needles) throws SQLException {
        assertNoPersonalDataInAnyTable(db, needles);
    }

    /** Reads every text and binary column of every table of the database and looks for the given strings. */
    public static void assertNoPersonalDataInAnyTable(TestDatabase db, List<String> needles) throws SQLException {
        try (Connection c = db.connect()) {
            dk.tidlig.embeddeddb.TableScan.Result scan = dk.tidlig.embeddeddb.TableScan.find(c, needles);
            assertThat(scan.places()).isEmpty();
            assertThat(scan.cells()).isGreaterThan(100);
        }
    }

    @Test
    void scoringNeedsALegalBasisAndRerunsGiveTheSameResult() throws Exception {
        ingest("159", CPR, "cpr-2.txt", cprLines());
        ingest("159", HEALTH, "health-2.csv", List.of(
                List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, LocalDate.of(2025, 9, 1), null, "DX-9", null)),
                List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, LocalDate.of(2026, 3, 3), null, "TP-9", null))));

        ScoringServiceImpl refused = scoring(new LegalBasisComponent(LegalBasisComponentTest.config("", "", "")));
        assertThatThrownBy(() -> refused.run("159", AS_OF)).isInstanceOf(LegalBasisException.class).hasMessageStartingWith("scoring refused");

        ScoringServiceImpl scoring = scoring(new LegalBasisComponent(LegalBasisComponentTest.config("TEST-BASIS", "2020-01-01", "")));
        ScoreRun first = scoring.run("159", AS_OF);
        ScoreRun second = scoring.run("159", AS_OF);
        assertThat(first.familiesScored()).isEqualTo(1);
        assertThat(first.familiesFlagged()).isEqualTo(1);
        assertThat(second.inputFingerprint()).isEqualTo(first.inputFingerprint());
        assertThat(second.id()).isGreaterThan(first.id());
        List<FamilyScore> a = scoring.results(first.id(), true, 10);
        List<FamilyScore> b = scoring.results(second.id(), true, 10);
        assertThat(b).isEqualTo(a);
        FamilyScore family = a.get(0);
        assertThat(family.familyId()).matches("F-[A-Z]{5}-[A-Z]{5}");
        assertThat(family.indicators()).containsExactly(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(family.contributions()).allSatisfy(c -> assertThat(c.sourceSystem()).isEqualTo("Sundhed"));
        assertThat(scoring.latestRun("159")).contains(second);

        // new data changes the fingerprint
        ingest("159", HEALTH, "health-3.csv", List.of(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, LocalDate.of(2026, 4, 4), null, "TP-10", null))));
        assertThat(scoring.run("159", AS_OF).inputFingerprint()).isNotEqualTo(first.inputFingerprint());

        // the source corrects both no-shows away: the family keeps only the diagnosis, one indicator, and is no longer flagged
        FileOutcome correction = ingest("159", HEALTH, "health-4.csv", List.of(List.of(new Retraction("TP-9")), List.of(new Retraction("TP-10")),
                List.of(new Retraction("TP-never-held"))));
        assertThat(correction.accepted()).isEqualTo(2);
        assertThat(correction.skipped()).isEqualTo(1);
        ScoreRun after = scoring.run("159", AS_OF);
        assertThat(after.familiesFlagged()).isZero();
        assertThat(scoring.results(after.id(), false, 10)).singleElement()
                .satisfies(f -> assertThat(f.indicators()).containsExactly(Indicator.PARENT_PSYCHIATRIC_ILLNESS));
    }

    @Test
    void reidentificationNeedsALegalBasisAndAPurpose() throws Exception {
        ingest("851", CPR, "cpr-3.txt", cprLines());
        JdbcIdentityVaultStore vault = new JdbcIdentityVaultStore(database);
        ReidentificationComponent none = new ReidentificationComponent(keys, vault, new LegalBasisComponent(LegalBasisComponentTest.config("", "", "")));
        assertThatThrownBy(() -> none.reveal("851", keys.pseudonym("851", MOTHER), "outreach")).isInstanceOf(LegalBasisException.class);

        ReidentificationComponent gated = new ReidentificationComponent(keys, vault,
                new LegalBasisComponent(LegalBasisComponentTest.config("TEST-BASIS", "2020-01-01", "")));
        assertThatThrownBy(() -> gated.reveal("851", keys.pseudonym("851", MOTHER), " ")).isInstanceOf(IllegalArgumentException.class);
        Identity mother = gated.reveal("851", keys.pseudonym("851", MOTHER), "outreach").orElseThrow();
        assertThat(mother.cpr()).isEqualTo(MOTHER);
        assertThat(mother.name()).isEqualTo("Birthe Syntetisksen");
        assertThat(mother.address()).as("codes alone give no written address").isNull();
        assertThat(gated.reveal("851", keys.pseudonym("851", CHILD), "outreach").orElseThrow().address())
                .isEqualTo("Søborg Hovedgade 12, 2. tv, 2860 Søborg (kommune 159)");
        assertThat(gated.reveal("101", keys.pseudonym("851", MOTHER), "outreach")).as("another municipality's vault").isEmpty();
        assertThat(mother.toString()).doesNotContain(MOTHER);
    }

    /**
     * Each value in the vault is sealed with the tenant, the pseudonym and the kind as its additional data. A DBA without
     * the key file who moves a sealed value to another person's entry, or to another kind's, gets a refusal where the
     * value would be read, never the moved value.
     */
    @Test
    void aValueMovedToAnotherPersonOrKindInTheVaultDoesNotOpen() throws Exception {
        ingest("852", CPR, "cpr-moved.txt", cprLines());
        JdbcIdentityVaultStore vault = new JdbcIdentityVaultStore(database);
        ReidentificationComponent reader = new ReidentificationComponent(keys, vault,
                new LegalBasisComponent(LegalBasisComponentTest.config("TEST-BASIS", "2020-01-01", "")));
        assertThat(reader.reveal("852", keys.pseudonym("852", CHILD), "outreach").orElseThrow().cpr()).isEqualTo(CHILD);
        String mother = keys.pseudonym("852", MOTHER).hex();
        String child = keys.pseudonym("852", CHILD).hex();
        try (Connection c = db.connect()) {
            // the child's number into the mother's entry
            assertThat(c.createStatement().executeUpdate("UPDATE identity_vault m JOIN identity_vault k ON k.tenant = m.tenant AND k.pid = x'"
                    + child + "' AND k.kind = 'CPR' SET m.key_id = k.key_id, m.iv = k.iv, m.ciphertext = k.ciphertext WHERE m.tenant = '852' "
                    + "AND m.pid = x'" + mother + "' AND m.kind = 'CPR'")).isOne();
            // the child's name into the place of its own number
            assertThat(c.createStatement().executeUpdate("UPDATE identity_vault v JOIN identity_vault n ON n.tenant = v.tenant AND n.pid = v.pid "
                    + "AND n.kind = 'NAME' SET v.key_id = n.key_id, v.iv = n.iv, v.ciphertext = n.ciphertext WHERE v.tenant = '852' AND v.pid = x'"
                    + child + "' AND v.kind = 'CPR'")).isOne();
        }
        for (String person : List.of(MOTHER, CHILD)) {
            assertThatThrownBy(() -> reader.reveal("852", keys.pseudonym("852", person), "outreach")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("altered or belongs elsewhere").hasMessageNotContaining(person).hasMessageNotContaining(CHILD);
        }
    }

    static ScoringServiceImpl scoring(LegalBasisComponent gate) throws Exception {
        dk.tidlig.store.internal.JdbcOutreachStore cases = new dk.tidlig.store.internal.JdbcOutreachStore(database);
        var audit = new dk.tidlig.core.internal.audit.AuditTrailImpl(new dk.tidlig.store.internal.JdbcAuditStore(database), keys, cases);
        return new ScoringServiceImpl(scoreStore, gate, keys, cases, audit,
                new JdbcIdentityVaultStore(database), new dk.tidlig.core.internal.ActiveEverywhere(new dk.tidlig.store.internal.JdbcEvidenceStore(database),
                        dk.tidlig.core.scoring.ModelParser.parse(ModelParserTest.shippedGladsaxe()), audit),
                List.of(new ModelConfiguration(new java.util.HashMap<>(ModelParserTest.shippedGladsaxe()))), null);
    }
}
