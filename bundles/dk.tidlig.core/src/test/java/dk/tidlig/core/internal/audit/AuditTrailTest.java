// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.audit.AuditTrail.Problem;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/** The chain finds an altered, inserted or removed entry and names it. */
class AuditTrailTest {

    static final Actor WORKER = new Actor("anna", Role.OUTREACH_WORKER, "159");

    @TempDir
    Path keysDir;
    TestDatabase db;
    MariaDbDatabase database;
    AuditTrailImpl audit;

    @BeforeEach
    void fiveEntries() throws Exception {
        db = TestDatabase.create("audit");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 2, true);
        audit = new AuditTrailImpl(new JdbcAuditStore(database), new KeyRing(keysDir.resolve("tidlig.keys"), true), new dk.tidlig.store.internal.JdbcOutreachStore(database));
        audit.record(WORKER, Action.SIGN_IN, "", "password");
        audit.record(WORKER, Action.LIST_VIEW, "run 1", "12 families");
        audit.record(WORKER, Action.REIDENTIFY, "F-BCDFG-HJKLM", "purpose: first visit");
        audit.record(WORKER, Action.STATE_CHANGE, "F-BCDFG-HJKLM", "NEW -> ASSIGNED (anna)");
        audit.record(WORKER, Action.SIGN_OUT, "", "");
    }

    @AfterEach
    void stop() {
        audit.deactivate();
        database.close();
        db.close();
    }

    @Test
    void anUntouchedTrailIsIntact() {
        assertThat(audit.verify().intact()).isTrue();
        assertThat(audit.verify().entries()).isEqualTo(5);
        assertThat(audit.find("159", Action.REIDENTIFY, null, null, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.seq()).isEqualTo(3));
        assertThat(audit.find("101", null, null, null, null, 10)).isEmpty();
    }

    @Test
    void theDatabaseNamesTheUsersWhoMayHaveOpenedTooManyFamiliesInAnHourAndNobodyElse() throws Exception {
        java.time.Instant hour = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(java.time.Duration.ofHours(3));
        // anna: 21 families in 40 minutes across a clock hour (11 before it, 10 after): over a limit of 20
        opened("anna", 21, hour.minus(java.time.Duration.ofMinutes(22)), 2);
        // bo: 20 families the same way: not over
        opened("bo", 20, hour.minus(java.time.Duration.ofMinutes(20)), 2);
        // carl: one family 30 times; dan: another municipality's
        for (int i = 0; i < 30; i++) {
            audit.record(new Actor("carl", Role.OUTREACH_WORKER, "159"), Action.REIDENTIFY, "F-CCCCC-CCCCC", "purpose");
        }
        for (int i = 0; i < 25; i++) {
            audit.record(new Actor("dan", Role.OUTREACH_WORKER, "101"), Action.EXPLANATION_VIEW, "F-DDDDD-DDDD" + (char) ('B' + i), "");
        }
        java.util.Set<Action> openings = java.util.EnumSet.of(Action.EXPLANATION_VIEW, Action.REIDENTIFY);
        java.time.Instant day = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        assertThat(audit.possiblyBusy("159", openings, day, 20)).containsExactly("anna");
        assertThat(audit.possiblyBusy("159", openings, day, 40)).isEmpty();
        assertThat(audit.possiblyBusy("101", openings, day, 20)).containsExactly("dan");
        assertThat(audit.possiblyBusy("159", openings, java.time.Instant.now().plusSeconds(60), 20)).as("since the moment given").isEmpty();
    }

    /** {@code n} different families opened by one user, one every {@code minutes} minutes from the moment given. */
    private void opened(String user, int n, java.time.Instant from, int minutes) throws Exception {
        Actor who = new Actor(user, Role.OUTREACH_WORKER, "159");
        for (int i = 0; i < n; i++) {
            audit.record(who, i % 2 == 0 ? Action.EXPLANATION_VIEW : Action.REIDENTIFY, String.format("F-%sBBBB-B%04d", user.substring(0, 1).toUpperCase(), i), "");
        }
        try (Connection c = database.dataSource().getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "UPDATE audit_entry SET at = ? WHERE actor = ? AND subject = ?")) {
            for (int i = 0; i < n; i++) {
                ps.setTimestamp(1, java.sql.Timestamp.from(from.plus(java.time.Duration.ofMinutes((long) i * minutes))));
                ps.setString(2, user);
                ps.setString(3, String.format("F-%sBBBB-B%04d", user.substring(0, 1).toUpperCase(), i));
                ps.executeUpdate();
            }
        }
    }

    @Test
    void anAlteredEntryIsNamed() throws Exception {
        sql("UPDATE audit_entry SET detail = 'purpose: curiosity' WHERE seq = 3");
        assertThat(audit.verify().problems()).extracting(Problem::description)
                .containsExactly("entry 3 does not match its hash: it was altered, or inserted without the key");
    }

    @Test
    void theAuditPageReusesARecentCheckOfTheWholeChainAndChecksAgainOnceItIsOld() throws Exception {
        // a page viewed over and over must not read and hash the whole trail each time
        dk.tidlig.core.audit.AuditTrail.Verification first = audit.verify(java.time.Duration.ofMinutes(10));
        assertThat(first.problems()).isEmpty();
        sql("UPDATE audit_entry SET detail = 'purpose: curiosity' WHERE seq = 3");
        assertThat(audit.verify(java.time.Duration.ofMinutes(10))).as("within ten minutes: the same check").isSameAs(first);
        Thread.sleep(5);
        assertThat(audit.verify(java.time.Duration.ofMillis(1)).problems()).as("older than allowed: checked again").extracting(Problem::seq)
                .containsExactly(3L);
    }

    @Test
    void aRemovedEntryIsNamed() throws Exception {
        sql("DELETE FROM audit_entry WHERE seq = 3");
        assertThat(audit.verify().problems()).extracting(Problem::description).containsExactly("entry 3 is missing: it was removed",
                "entry 4 does not follow the entry before it: an entry before it was removed, inserted or altered");
    }

    @Test
    void anInsertedEntryIsFoundEvenWhenTheOthersAreRenumbered() throws Exception {
        // move entries 3-5 to 4-6 and put a forged entry 3 in between, chained to entry 2's hash
        sql("UPDATE audit_entry SET seq = seq + 10 WHERE seq >= 3");
        sql("UPDATE audit_entry SET seq = seq - 9 WHERE seq >= 13");
        sql("INSERT INTO audit_entry SELECT 3, tenant, at, actor, role, 'REIDENTIFY', 'F-ZZZZZ-ZZZZZ', 'purpose: none', key_gen, hash, "
                + "REPEAT('a', 64) FROM audit_entry WHERE seq = 2");
        // the forged entry has no valid hash; the renumbered ones no longer match theirs, entry 4 no longer follows 3,
        // and entry 5 is no longer the head kept beside the key file
        assertThat(audit.verify().problems()).extracting(Problem::seq).containsExactly(3L, 4L, 4L, 5L, 6L, 5L);
    }

    @Test
    void removingTheNewestEntriesIsFoundByTheHeadKeptBesideTheKeyFile() throws Exception {
        // at once after they were written: the head file may not have been written yet (it is, on a thread of its own)
        sql("DELETE FROM audit_entry WHERE seq >= 4");
        assertThat(audit.verify().problems()).extracting(Problem::description).containsExactly(
                "entries 4 to 5 are missing at the end: removed (the chain's head kept beside the key file is entry 5)");
        assertThat(java.nio.file.Files.readString(keysDir.resolve("tidlig.keys.audit-head"))).startsWith("5 ");
    }

    @Test
    void afterTheAuditKeyIsRotatedOldAndNewEntriesVerifyAndAForgedGenerationIsFound() throws Exception {
        KeyRing.rotate(keysDir.resolve("tidlig.keys"), "audit");
        AuditTrailImpl rotated = new AuditTrailImpl(new JdbcAuditStore(database), new KeyRing(keysDir.resolve("tidlig.keys"), false), new dk.tidlig.store.internal.JdbcOutreachStore(database));
        assertThat(rotated.record(WORKER, Action.SIGN_IN, "", "password").keyGeneration()).isEqualTo(2);
        assertThat(rotated.verify().intact()).isTrue();
        assertThat(rotated.verify().entries()).isEqualTo(6);
        sql("UPDATE audit_entry SET key_gen = 2 WHERE seq = 2");
        assertThat(rotated.verify().problems()).extracting(Problem::seq).containsExactly(2L);
        rotated.deactivate();
    }

    @Test
    void controlCharactersCannotShiftAFieldsBoundary() {
        assertThat(audit.record(WORKER, Action.REIDENTIFY, "F-BCDFG-HJKLM", "purpose:\u001fvisit\nnow").detail()).isEqualTo("purpose: visit now");
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void noEntryHoldsACprNumber() {
        assertThatThrownBy(() -> audit.record(WORKER, Action.REIDENTIFY, "", "purpose: 0505941234")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an audit entry must not hold a CPR number");
    }

    @Test
    void retentionDeletesTheOldestEntriesAndTheChainStillVerifiesFromTheFirstKept() throws Exception {
        java.util.Map<String, Long> deleted = audit.purgeBefore(java.time.Instant.now().plusSeconds(60));
        assertThat(deleted).as("every entry older than the cut but the newest: appends go on from it").isEqualTo(java.util.Map.of("159", 4L));
        dk.tidlig.core.audit.AuditTrail.Verification v = audit.verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.entries()).as("the newest and the purge's own entry").isEqualTo(2);
        assertThat(audit.find("159", Action.AUDIT_PURGED, null, null, null, 10)).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(6);
            assertThat(e.detail()).startsWith("4 of the municipality's entries older than ")
                    .endsWith("deleted by retention (4 in the installation); the chain now starts at entry 5");
        });
        audit.record(WORKER, Action.SIGN_IN, "", "password");
        assertThat(audit.verify().problems()).isEmpty();
        assertThat(audit.purgeBefore(java.time.Instant.now().minusSeconds(3600))).as("nothing that old").isEmpty();
        assertThat(audit.find("159", Action.AUDIT_PURGED, null, null, null, 10)).as("a purge of nothing is no entry").hasSize(1);
    }

    @Test
    void eachMunicipalitysTrailSaysHowManyOfItsOwnEntriesTheRetentionDeleted() {
        audit.record(Actor.system("101"), Action.SIGN_IN, "", "in Copenhagen");
        audit.record(Actor.system("101"), Action.SCORE_RUN, "run 1", "in Copenhagen");
        audit.record(WORKER, Action.SIGN_IN, "", "the newest, kept");
        java.util.Map<String, Long> deleted = audit.purgeBefore(java.time.Instant.now().plusSeconds(60));
        assertThat(deleted).isEqualTo(java.util.Map.of("159", 5L, "101", 2L));
        assertThat(audit.find("101", Action.AUDIT_PURGED, null, null, null, 10)).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo("101");
            assertThat(e.detail()).startsWith("2 of the municipality's entries older than ").contains("(7 in the installation)");
        });
        assertThat(audit.find("159", Action.AUDIT_PURGED, null, null, null, 10)).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("5 of the municipality's entries"));
        assertThat(audit.verify().problems()).isEmpty();
    }

    @Test
    void aDbaWhoDeletesMoreAndMovesTheStartWithoutTheKeyIsFound() throws Exception {
        audit.purgeBefore(java.time.Instant.now().plusSeconds(60));
        String hashOf5 = query("SELECT hash FROM audit_entry WHERE seq = 5");
        // delete the first kept entry and claim the chain began after it
        sql("DELETE FROM audit_entry WHERE seq = 5");
        sql("UPDATE audit_start SET seq = 6, prev_hash = '" + hashOf5 + "'");
        assertThat(audit.verify().problems()).extracting(Problem::description).containsExactly(
                "the chain's start after retention (entry 6) does not match its MAC: it was moved or altered without the key");
        // or remove the start, as if nothing had ever been purged
        sql("DELETE FROM audit_start");
        assertThat(audit.verify().problems()).extracting(Problem::description).contains("entries 1 to 5 are missing: they were removed");
    }

    @Test
    void aPurgeStoppedHalfWayLeavesAChainThatVerifiesAndTheNextFinishesIt() throws Exception {
        audit.purgeBefore(java.time.Instant.now().plusSeconds(60));
        // as if the purge had written its start and then stopped before deleting: entries before the start are still there
        sql("INSERT INTO audit_entry (seq, tenant, at, actor, role, action, subject, detail, key_gen, prev_hash, hash) "
                + "VALUES (2, '159', NOW(3), 'x', 'SYSTEM', 'SIGN_IN', '', 'left over', 1, '" + "0".repeat(64) + "', '" + "1".repeat(64) + "')");
        assertThat(audit.verify().problems()).as("before the start: not part of the chain any more").isEmpty();
        assertThat(audit.purgeBefore(java.time.Instant.now().minusSeconds(3600))).as("the left-over deleted").isEqualTo(java.util.Map.of("159", 1L));
        assertThat(query("SELECT COUNT(*) FROM audit_entry WHERE seq < 5")).isEqualTo("0");
    }

    String query(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    void sql(String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
