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

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.Line;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.CoreFixture;
import dk.tidlig.core.internal.crypto.KeyGuard;
import dk.tidlig.core.internal.crypto.KeyPurpose;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.crypto.Rekeyer;
import dk.tidlig.core.internal.identity.ReidentificationComponent;
import dk.tidlig.core.internal.ingest.IngestPipeline;
import dk.tidlig.core.internal.ingest.RecordValidator;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.core.outreach.Outreach.Purpose;
import dk.tidlig.core.outreach.Outreach.State;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.KeyGenerationStore;
import dk.tidlig.store.StoreException;
import dk.tidlig.store.internal.JdbcKeyGenerationStore;
import dk.tidlig.store.internal.JdbcProcessRegistry;

/**
 * Replacing the pseudonym and family-id keys in place ({@code bin/tidlig keys rekey}): the database afterwards is what a
 * clean import of the same deliveries under the new key file holds, cases and marks follow their families, nothing made
 * with the old keys is left, and a process with the old key file is refused.
 */
class RekeyTest {

    static final LocalDate AS_OF = OutreachTest.AS_OF;
    static final Actor WORKER = OutreachTest.WORKER;
    static final String[] PEOPLE = {CHILD, MOTHER, FATHER, OutreachTest.SIBLING, OutreachTest.HALF};

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    final List<CoreFixture> fixtures = new ArrayList<>();

    @AfterEach
    void stop() {
        fixtures.forEach(CoreFixture::close);
    }

    CoreFixture fixture(String name, Path dir) throws Exception {
        CoreFixture f = CoreFixture.create(name, dir);
        fixtures.add(f);
        return f;
    }

    /** The deliveries of municipality 159 (and the CPR extract of 101): two households, events with the source's ids and derived ones. */
    static Map<String, List<Object>> deliveries() {
        List<Object> cpr = new ArrayList<>(cprLines());
        String sib = OutreachTest.SIBLING;
        cpr.add(List.of(new PersonRecord(sib, null, null, PersonStatus.RESIDENT, null)));
        cpr.add(List.of(new NameRecord(sib, "Lillebror", null, "Syntetisksen")));
        cpr.add(List.of(new AddressRecord(sib, "0159", "0042", "12", "2", "tv", null, "Søborg Hovedgade 12, 2. tv", "2860", "Søborg")));
        cpr.add(List.of(new RelationRecord(RelationType.MOTHER_OF, MOTHER, sib, null, null)));
        cpr.add(List.of(new RelationRecord(RelationType.CUSTODY_HOLDER_OF, MOTHER, sib, LocalDate.of(2021, 6, 20), null)));
        cpr.add(List.of(new PreviousAddressRecord(MOTHER, "159", "7", "3", null, null, LocalDate.of(2018, 1, 1), LocalDate.of(2021, 5, 31))));
        cpr.add(List.of(new CitizenshipRecord(MOTHER, "5100", LocalDate.of(1994, 5, 5))));
        cpr.addAll(OutreachTest.halfLines());
        List<Object> health = new ArrayList<>();
        health.add(List.of(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS, MOTHER, AS_OF.minusMonths(6), null, "DX-1",
                List.of(new DetailCode(DetailCode.SKS, "DF322", "Depression")))));
        // no id from the source: derived from the content (and so from the child's pseudonym)
        health.add(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, AS_OF.minusMonths(2), null, null,
                List.of(new DetailCode("visit", "ROUTINE", null), new DetailCode("clinic", "K7", "Klinik 7")), AS_OF.minusMonths(2).plusDays(3))));
        health.add(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, sib, AS_OF.minusMonths(3), null, null, null)));
        for (int i = 1; i <= 3; i++) {
            health.add(List.of(new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, OutreachTest.HALF, AS_OF.minusMonths(i), null, "HV" + i, null)));
        }
        health.add(List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, OutreachTest.HALF, AS_OF.minusMonths(4), null, null, null)));
        Map<String, List<Object>> out = new LinkedHashMap<>();
        out.put("cpr", cpr);
        out.put("health", health);
        return out;
    }

    static void deliver(IngestPipeline pipeline, Map<String, FileOutcome> outcomes) {
        deliveries().forEach((name, lines) -> outcomes.put("159/" + name, ingest(pipeline, "159", name.equals("cpr") ? CPR : HEALTH, name + ".txt", lines)));
        outcomes.put("101/cpr", ingest(pipeline, "101", CPR, "cpr-101.txt", deliveries().get("cpr")));
    }

    static LegalBasisComponent lotteryBasis() {
        return new LegalBasisComponent(dk.tidlig.core.internal.legal.LegalBasisComponentTest.config("BEK-LOTTERI", "2020-01-01", "", false, true));
    }

    static ScoreRun score(CoreFixture core) throws Exception {
        // offers by lottery, so that the trial holds household offers too
        return core.scoring(lotteryBasis(), core.lottery(1, "LOTTERY")).run("159", AS_OF);
    }

    OutreachImpl outreach(CoreFixture core, KeyRing keys) {
        ReidentificationComponent vault = new ReidentificationComponent(keys, core.vaultStore, core.gate);
        return new OutreachImpl(core.scoreStore, core.cases, vault, core.audit, keys, core.vaultStore, core.trial, core.evidence, core.users,
                OutreachTest.config(12, 50));
    }

    static IngestPipeline pipeline(CoreFixture core, KeyRing keys, KeyGenerationStore store) {
        return new IngestPipeline(core.ingestStore, keys, new RecordValidator(), core.archive, 60).guardedBy(new KeyGuard(keys, store));
    }

    /** Two persons a page: the five of each municipality are carried over in three pages. */
    @Test
    void theDatabaseAfterRekeyingIsWhatACleanImportUnderTheNewKeysHoldsAndCasesFollowTheirFamilies() throws Exception {
        CoreFixture a = fixture("rekey_a", dirA);
        a.users.add("159", "anna", Role.OUTREACH_WORKER);
        KeyGenerationStore generations = new JdbcKeyGenerationStore(a.database, null, 2);
        Path keyFile = dirA.resolve("tidlig.keys");
        Path oldKeyFile = dirA.resolve("before.keys");
        Files.copy(keyFile, oldKeyFile, StandardCopyOption.COPY_ATTRIBUTES);
        KeyRing old = a.keys;
        deliver(pipeline(a, old, generations), new LinkedHashMap<>());
        ScoreRun run = score(a);
        assertThat(run.familiesFlagged()).isEqualTo(3);
        assertThat(a.trial.allocations("159")).hasSize(2);

        // a case with a sealed note and a mark on an event whose id is derived from the child's pseudonym
        OutreachImpl before = outreach(a, old);
        // the household the lottery offered: the mother's two children, or the father's child
        String caseFamily = before.worklist(WORKER).families().get(0).familyId();
        before.open(WORKER, caseFamily, Purpose.CONTACT);
        int v = before.transition(WORKER, caseFamily, 0, State.ASSIGNED, null);
        before.transition(WORKER, caseFamily, v, State.CONTACTED, null, new Outreach.Contact(AS_OF, Outreach.Channel.VISIT, "Hjemmebesøg aftalt"));
        String derived = derivedEventOf(a, caseFamily);
        before.dispute(WORKER, caseFamily, "Sundhed", derived, Outreach.DisputeReason.FAMILY_DISAGREES);
        String childOfCase = childOf(a, caseFamily, old);
        // a case in a municipality without score runs (retention took them): its family is found through its child
        try (Connection c = a.db.connect()) {
            c.createStatement().executeUpdate("INSERT INTO outreach_case (tenant, family_id, state, assigned_to, updated_at, updated_by, version) "
                    + "VALUES ('101', '" + old.familyId("101", old.pseudonym("101", CHILD)) + "', 'CLOSED', NULL, NOW(3), 'anna', 3)");
        }
        Set<String> oldPids = hexes(old, 1);
        Set<String> oldFamilies = new TreeSet<>(column(a, "SELECT family_id FROM family_score UNION SELECT family_id FROM outreach_case"));
        Set<String> oldOffers = new TreeSet<>(column(a, "SELECT offer_id FROM family_score UNION SELECT offer_id FROM trial_allocation"));
        long auditEntries = a.audit.verify().entries();

        // the pseudonym key: every person, and with them family ids, derived event ids, the vault, the notes
        Rekeyer rekeyer = new Rekeyer(keyFile, generations);
        Rekeyer.Plan plan = rekeyer.plan(KeyPurpose.PSEUDONYM);
        assertThat(plan.raised()).isTrue();
        assertThat(plan.generation()).isEqualTo(2);
        assertThat(plan.tenants()).containsExactly("101", "159");
        for (String t : plan.tenants()) {
            Map<String, Integer> changed = rekeyer.rekey(KeyPurpose.PSEUDONYM, t, 2);
            assertThat(changed).containsEntry("unlinked persons", 0).containsEntry("unlinked families", 0).containsEntry("unlinked offers", 0);
        }
        KeyRing middle = new KeyRing(keyFile, false);
        assertThat(generations.held("159", "pseudonym", new KeyGenerationStore.Held(1, null)).generation()).isEqualTo(2);
        // a key file raised apart from this one has a generation 2 of its own: refused, though the numbers agree
        Path apart = dirA.resolve("apart.keys");
        Files.copy(oldKeyFile, apart, StandardCopyOption.COPY_ATTRIBUTES);
        KeyRing.raise(apart, KeyPurpose.PSEUDONYM);
        KeyRing other = new KeyRing(apart, false);
        assertThat(other.generation(KeyPurpose.PSEUDONYM)).isEqualTo(2);
        assertThatThrownBy(() -> new KeyGuard(other, generations).require("159", KeyPurpose.PSEUDONYM))
                .isInstanceOf(KeyGuard.MismatchException.class).hasMessageContaining("raised apart");
        assertThatThrownBy(() -> new Rekeyer(apart, generations).plan(KeyPurpose.PSEUDONYM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raised apart");

        // the same deliveries again, under the new key: nothing is stored again, nothing is counted as changed
        Map<String, FileOutcome> again = new LinkedHashMap<>();
        deliver(pipeline(a, middle, generations), again);
        again.forEach((name, o) -> assertThat(o.accepted()).as(name + " delivered again after the rekeying").isZero());

        // a process with the key file of before is refused, and leaves the delivery interrupted to be resumed
        IngestPipeline stale = pipeline(a, old, generations);
        assertThatThrownBy(() -> stale.begin(HEALTH, "159", new FileOrigin("late.txt", "1".repeat(64), 10)))
                .isInstanceOf(KeyGuard.MismatchException.class).hasMessageContaining("generation 2 of the pseudonym key")
                .hasMessageContaining("copy the key file");
        assertThat(column(a, "SELECT status FROM ingest_file WHERE file_name='late.txt'")).containsExactly("INTERRUPTED");
        assertThatThrownBy(() -> a.scoring(a.gate).guardedBy(new KeyGuard(old, generations)).run("159", AS_OF))
                .isInstanceOf(KeyGuard.MismatchException.class);

        // then the family-id key: family ids and household offers
        Rekeyer.Plan families = rekeyer.plan(KeyPurpose.FAMILY);
        assertThat(families.generation()).isEqualTo(2);
        for (String t : families.tenants()) {
            assertThat(rekeyer.rekey(KeyPurpose.FAMILY, t, 2)).containsEntry("unlinked families", 0).containsEntry("unlinked offers", 0);
        }
        Set<String> familyOffers = new TreeSet<>(column(a, "SELECT offer_id FROM family_score"));
        // and the household key: households made again from their sealed dwellings, and the household offers with them
        Set<String> oldHouseholds = new TreeSet<>(column(a, "SELECT HEX(household) FROM residence UNION SELECT HEX(household) FROM residence_history"));
        Rekeyer.Plan homes = rekeyer.plan(KeyPurpose.HOUSEHOLD);
        for (String t : homes.tenants()) {
            assertThat(rekeyer.rekey(KeyPurpose.HOUSEHOLD, t, 2)).containsEntry("unlinked offers", 0).containsKey("residence")
                    .containsKey("residence_history");
        }
        Set<String> newHouseholds = new TreeSet<>(column(a, "SELECT HEX(household) FROM residence UNION SELECT HEX(household) FROM residence_history"));
        assertThat(newHouseholds).hasSameSizeAs(oldHouseholds).doesNotContainAnyElementsOf(oldHouseholds);
        assertThat(new TreeSet<>(column(a, "SELECT offer_id FROM family_score"))).as("household offers follow their households")
                .doesNotContainAnyElementsOf(familyOffers);
        KeyRing now = new KeyRing(keyFile, false);
        assertThat(now.generation(KeyPurpose.PSEUDONYM)).isEqualTo(2);
        assertThat(now.generation(KeyPurpose.FAMILY)).isEqualTo(2);
        assertThat(now.generation(KeyPurpose.HOUSEHOLD)).isEqualTo(2);

        // a clean import of the same deliveries under the new key file, scored the same day
        Files.copy(keyFile, dirB.resolve("tidlig.keys"), StandardCopyOption.COPY_ATTRIBUTES);
        CoreFixture b = fixture("rekey_b", dirB);
        deliver(pipeline(b, b.keys, new JdbcKeyGenerationStore(b.database, null, 2)), new LinkedHashMap<>());
        score(b);
        for (String tenant : List.of("159", "101")) {
            Map<String, List<String>> rekeyed = digest(a, tenant);
            Map<String, List<String>> clean = digest(b, tenant);
            assertThat(rekeyed.keySet()).isEqualTo(clean.keySet());
            for (String table : clean.keySet()) {
                assertThat(rekeyed.get(table)).as(table + " of " + tenant + " rekeyed, against a clean import").isEqualTo(clean.get(table));
                if (tenant.equals("159")) {
                    assertThat(clean.get(table)).as(table).isNotEmpty();
                }
            }
        }

        assertThat(column(a, "SELECT family_id FROM outreach_case WHERE tenant='101'")).containsExactly(now.familyId("101", now.pseudonym("101", CHILD)));

        // the case follows its family: state, note, mark, and its audit entries through the reference that stayed
        String newFamily = now.familyId("159", now.pseudonym("159", childOfCase));
        assertThat(newFamily).isNotEqualTo(caseFamily);
        OutreachImpl after = outreach(a, now);
        Outreach.FamilyView view = after.open(WORKER, newFamily, Purpose.FOLLOW_UP);
        assertThat(view.state()).isEqualTo(State.CONTACTED);
        assertThat(view.steps()).extracting(s -> s.contact() == null ? null : s.contact().note()).contains("Hjemmebesøg aftalt");
        assertThat(view.marks()).singleElement().satisfies(m -> {
            assertThat(m.sourceRecordId()).startsWith("derived-").isNotEqualTo(derived);
            assertThat(m.reason()).isEqualTo(Outreach.DisputeReason.FAMILY_DISAGREES);
        });
        assertThat(a.audit.search(new AuditTrail.Query("159", Action.REIDENTIFY, null, newFamily, null, null, null, 10)))
                .as("the opening before the rekeying, found under the family's new id").hasSize(2);
        AuditTrail.Verification verified = a.audit.verify();
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.entries()).isGreaterThan(auditEntries);

        // nothing made with an older key is left anywhere: no pseudonym, family id or offer id
        Map<String, List<String>> everything = everyValue(a);
        Set<String> held = new TreeSet<>();
        everything.values().forEach(held::addAll);
        Set<String> leftovers = new TreeSet<>(oldPids);
        leftovers.addAll(oldFamilies);
        leftovers.addAll(oldOffers);
        leftovers.retainAll(held);
        assertThat(leftovers).as("values made with the old keys").isEmpty();
        Set<String> middleFamilies = new TreeSet<>();
        for (String cpr : PEOPLE) {
            middleFamilies.add(middle.familyId("159", middle.pseudonym("159", cpr)));
        }
        middleFamilies.retainAll(held);
        assertThat(middleFamilies).as("family ids of the old family-id key").isEmpty();
        assertThat(new TreeSet<>(column(a, "SELECT offer_id FROM trial_allocation WHERE offer_id IS NOT NULL")))
                .isSubsetOf(column(a, "SELECT offer_id FROM family_score"));
        assertThat(a.audit.find("159", Action.KEYS_REKEYED, null, null, null, 5)).isEmpty(); // the command records them, not the store
    }

    @Test
    void aRekeyingRunsAloneAndContinuesWhereItStoppedAndAPersonWithoutACprNumberIsLinkedToNobody() throws Exception {
        CoreFixture a = fixture("rekey_c", dirA);
        JdbcProcessRegistry self = new JdbcProcessRegistry(a.database, "command");
        KeyGenerationStore generations = new JdbcKeyGenerationStore(a.database, self, 2);
        Path keyFile = dirA.resolve("tidlig.keys");
        deliver(pipeline(a, a.keys, generations), new LinkedHashMap<>());
        Map<String, List<String>> before = digest(a, "159");
        Rekeyer rekeyer = new Rekeyer(keyFile, generations);

        // another tidlig process on the database (a server): refused before the key file is touched
        JdbcProcessRegistry server = new JdbcProcessRegistry(a.database, "server");
        assertThatThrownBy(() -> rekeyer.plan(KeyPurpose.PSEUDONYM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 other tidlig process uses the database (a server on").hasMessageContaining("the key file was left as it was");
        assertThat(new KeyRing(keyFile, false).generation(KeyPurpose.PSEUDONYM)).isEqualTo(1);
        server.close();

        // a delivery running: refused too, before the key file is raised, and nothing changes
        FileIngest running = pipeline(a, a.keys, generations).begin(HEALTH, "159", new FileOrigin("running.txt", "2".repeat(64), 10));
        assertThatThrownBy(() -> rekeyer.plan(KeyPurpose.PSEUDONYM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is running").hasMessageContaining("stop tidlig");
        assertThat(new KeyRing(keyFile, false).generation(KeyPurpose.PSEUDONYM)).isEqualTo(1);
        running.accept(new Line(1, "raw"), List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, AS_OF.minusMonths(1), null, "TP-9", null)));
        running.complete();
        Map<String, List<String>> delivered = digest(a, "159");
        assertThat(delivered.get("person")).isEqualTo(before.get("person"));

        // one that begins after the key file was raised (a process started before): the carrying over refuses, and nothing changes
        Rekeyer.Plan plan = rekeyer.plan(KeyPurpose.PSEUDONYM);
        assertThat(plan.raised()).isTrue();
        FileIngest late = pipeline(a, a.keys, generations).begin(HEALTH, "159", new FileOrigin("late.txt", "3".repeat(64), 10));
        assertThatThrownBy(() -> rekeyer.rekey(KeyPurpose.PSEUDONYM, "159", plan.generation())).isInstanceOf(StoreException.class)
                .hasMessageContaining("is running").hasMessageContaining("nothing was changed");
        assertThat(digest(a, "159")).as("nothing changed").isEqualTo(delivered);
        assertThat(generations.held("159", "pseudonym", new KeyGenerationStore.Held(1, null)).generation()).isEqualTo(1);
        late.complete();

        // the municipality 101 went over; 159 did not: running it again continues with 159 alone, under the same generation
        rekeyer.rekey(KeyPurpose.PSEUDONYM, "101", plan.generation());
        try (Connection c = a.db.connect(); PreparedStatement ps = c.prepareStatement("DELETE FROM identity_vault WHERE tenant='159' AND kind='CPR' AND pid=?")) {
            ps.setBytes(1, a.keys.pseudonym("159", FATHER).bytes());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Rekeyer.Plan continued = new Rekeyer(keyFile, generations).plan(KeyPurpose.PSEUDONYM);
        assertThat(continued.raised()).isFalse();
        assertThat(continued.generation()).isEqualTo(plan.generation());
        assertThat(continued.tenants()).containsExactly("159");
        Map<String, Integer> changed = rekeyer.rekey(KeyPurpose.PSEUDONYM, "159", continued.generation());
        assertThat(changed).containsEntry("unlinked persons", 1).containsEntry("person", 5);
        KeyRing now = new KeyRing(keyFile, false);
        Set<String> pids = new TreeSet<>(column(a, "SELECT HEX(pid) FROM person WHERE tenant='159'"));
        assertThat(pids).contains(now.pseudonym("159", CHILD).hex().toUpperCase()).contains(now.pseudonym("159", MOTHER).hex().toUpperCase())
                .doesNotContain(now.pseudonym("159", FATHER).hex().toUpperCase(), a.keys.pseudonym("159", FATHER).hex().toUpperCase());
        // a residence stored without its sealed dwelling (before V28) keeps the household key from being replaced, and says why,
        // before the key file is raised (raised, it would refuse the very delivery that keeps the dwelling)
        try (Connection c = a.db.connect()) {
            c.createStatement().executeUpdate("UPDATE residence SET dwelling = NULL WHERE tenant = '159' LIMIT 1");
        }
        assertThatThrownBy(() -> rekeyer.plan(KeyPurpose.HOUSEHOLD)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 rows of residence").hasMessageContaining("deliver the CPR extract once more")
                .hasMessageContaining("the key file was left as it was");
        assertThat(new KeyRing(keyFile, false).generation(KeyPurpose.HOUSEHOLD)).isEqualTo(1);
        self.close();

        // a copy of the key file from before cannot start another: the rows are ahead of it
        Path older = dirA.resolve("older.keys");
        Files.copy(keyFile, older, StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(older, Files.readString(older).replace("pseudonym.generation=2", "pseudonym.generation=1"));
        assertThatThrownBy(() -> new Rekeyer(older, generations).plan(KeyPurpose.PSEUDONYM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("older copy of the key file");
        assertThatThrownBy(() -> new Rekeyer(older, generations).plan(KeyPurpose.FAMILY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finish that first");
    }

    /** The derived id of a data point of the family's explanation. */
    static String derivedEventOf(CoreFixture core, String family) throws SQLException {
        return column(core, "SELECT source_record_id FROM score_contribution WHERE source_record_id LIKE 'derived-%' AND family_id='" + family + "'")
                .get(0);
    }

    /** The CPR number of the family's child, found among the synthetic people. */
    static String childOf(CoreFixture core, String family, KeyRing keys) {
        for (String cpr : PEOPLE) {
            if (keys.familyId("159", keys.pseudonym("159", cpr)).equals(family)) {
                return cpr;
            }
        }
        throw new AssertionError("no child for " + family);
    }

    /** The pseudonyms of the synthetic people in both municipalities under a generation of the key. */
    static Set<String> hexes(KeyRing keys, int generation) {
        Set<String> out = new TreeSet<>();
        for (String tenant : List.of("159", "101")) {
            for (String cpr : PEOPLE) {
                out.add(keys.pseudonym(tenant, cpr, generation).hex());
            }
        }
        return out;
    }

    static List<String> column(CoreFixture core, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = core.db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                if (rs.getString(1) != null) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** What each data and score table holds for the municipality, without what differs between two imports (times, ids, run numbers, random nonces). */
    static Map<String, List<String>> digest(CoreFixture core, String tenant) throws SQLException {
        String runs = "run_id IN (SELECT id FROM score_run WHERE tenant=?)";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("person", "SELECT pid, birth_date, sex, status, municipality_code FROM person WHERE tenant=?");
        queries.put("residence", "SELECT pid, household, municipality_code, since, content_hash FROM residence WHERE tenant=?");
        queries.put("residence_history", "SELECT pid, from_key, household, municipality_code, moved_in, moved_out, content_hash FROM residence_history WHERE tenant=?");
        queries.put("person_attribute", "SELECT pid, name, value, content_hash FROM person_attribute WHERE tenant=?");
        queries.put("relation", "SELECT type, from_pid, to_pid, start_key, start_date, end_date, source_system, content_hash FROM relation WHERE tenant=?");
        queries.put("risk_event", "SELECT source_system, source_record_id, subject_pid, indicator, start_date, end_date, registered_on, content_hash "
                + "FROM risk_event WHERE tenant=?");
        queries.put("risk_event_detail", "SELECT source_system, source_record_id, seq, code_system, code, display FROM risk_event_detail WHERE tenant=?");
        queries.put("identity_vault", "SELECT pid, kind, content_hash FROM identity_vault WHERE tenant=?");
        if (tenant.equals("159")) {
            queries.put("family_score", "SELECT family_id, child_pid, child_birth, score, flagged, indicators, offer_id FROM family_score WHERE " + runs);
            queries.put("score_contribution", "SELECT family_id, seq, indicator, role, person_pid, source_system, source_record_id, start_date, end_date, "
                    + "points, basis FROM score_contribution WHERE " + runs);
            queries.put("family_member", "SELECT family_id, seq, person_pid, role FROM family_member WHERE " + runs);
        }
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = core.db.connect()) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(q.getValue())) {
                    ps.setString(1, tenant);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            StringBuilder row = new StringBuilder();
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                Object v = rs.getObject(i);
                                row.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('|');
                            }
                            rows.add(row.toString());
                        }
                    }
                }
                rows.sort(null);
                out.put(q.getKey(), rows);
            }
        }
        return out;
    }

    /** Every value of every column of every table, as text (binary values in hex), by table. */
    static Map<String, List<String>> everyValue(CoreFixture core) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = core.db.connect()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() "
                    + "AND table_type = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                List<String> values = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM `" + t + "`")) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            if (v != null) {
                                values.add(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v.toString());
                            }
                        }
                    }
                }
                out.put(t, values);
            }
        }
        return out;
    }
}
