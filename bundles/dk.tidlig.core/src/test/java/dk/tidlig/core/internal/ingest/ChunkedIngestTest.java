// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.IngestFailedException;
import dk.tidlig.adapter.Line;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.SourceRecord;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IngestChunk;
import dk.tidlig.store.IngestStore;
import dk.tidlig.store.LineResult;
import dk.tidlig.store.LineRows;
import dk.tidlig.store.QuarantineRow;
import dk.tidlig.store.internal.JdbcIngestStore;
import dk.tidlig.store.internal.MariaDbDatabase;

/**
 * A delivery is stored in chunks, each one transaction with the delivery's progress, by a writer thread
 * while the file is read on: what the delivery's record says is always what is held, also when storing fails
 * half-way.
 */
class ChunkedIngestTest {

    @TempDir
    static Path dir;
    static TestDatabase db;
    static MariaDbDatabase database;
    static KeyRing keys;
    static JdbcIngestStore jdbc;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create("chunks");
        database = new MariaDbDatabase(db.url(), db.user(), db.password(), 4, true);
        keys = new KeyRing(dir.resolve("tidlig.keys"), true);
        jdbc = new JdbcIngestStore(database);
    }

    @AfterAll
    static void stop() {
        database.close();
        db.close();
    }

    private static IngestPipeline pipeline(IngestStore store, int chunkLines) {
        return new IngestPipeline(store, keys, new RecordValidator(), new DeliveryArchive(keys, dir.resolve("deliveries"),
                dk.tidlig.core.internal.Configs.of(DeliveryArchive.Config.class, java.util.Map.of())), 60, chunkLines);
    }

    /** A synthetic person per line: day of birth from the line number, so every line is a new person. */
    private static List<SourceRecord> person(int n) {
        return List.of(new PersonRecord(cpr(n), null, null, PersonStatus.RESIDENT, null));
    }

    private static String cpr(int n) {
        return String.format("%02d%02d%02d%04d", 1 + n % 28, 1 + n / 28 % 12, 80 + n / 336, 1000 + n);
    }

    /** How many rows of the table the municipality holds for the persons of lines from..to. */
    private static long heldFor(String table, String tenant, int from, int to) throws Exception {
        java.util.StringJoiner pids = new java.util.StringJoiner(",");
        for (int n = from; n <= to; n++) {
            pids.add("x'" + keys.pseudonym(tenant, cpr(n)).hex() + "'");
        }
        return count("SELECT COUNT(*) FROM " + table + " WHERE tenant='" + tenant + "' AND pid IN (" + pids + ")");
    }

    @Test
    void eachChunkIsStoredWithTheDeliverysProgressBeforeTheFileEnds() throws Exception {
        FileIngest session = pipeline(jdbc, 4).begin(PipelineAndScoringTest.CPR, "147", new FileOrigin("chunks.txt", "1".repeat(64), 100));
        for (int n = 1; n <= 9; n++) {
            if (n == 5) {
                session.reject(new Line(n, "raw line"), "column Dato is empty");
            } else if (n == 6) {
                session.skip(new Line(n, ""));
            } else {
                session.accept(new Line(n, "raw"), person(n));
            }
        }
        // two chunks of four lines were handed to the writer; the ninth line is still being read
        FileRecord running = await(() -> record("chunks.txt").filter(f -> f.linesDone() == 8));
        assertThat(running.status()).isEqualTo("RUNNING");
        assertThat(running.lines()).isEqualTo(8);
        assertThat(running.accepted()).isEqualTo(6);
        assertThat(running.quarantined()).isEqualTo(1);
        assertThat(running.skipped()).isEqualTo(1);
        assertThat(quarantinedLines(running.id())).containsExactly(5L);

        FileOutcome outcome = session.complete();
        assertThat(outcome.lines()).isEqualTo(9);
        assertThat(outcome.accepted()).isEqualTo(7);
        FileRecord done = record("chunks.txt").orElseThrow();
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.linesDone()).isEqualTo(9);
        assertThat(done.lines()).isEqualTo(outcome.lines());
        assertThat(done.accepted() + done.duplicates() + done.quarantined() + done.skipped()).isEqualTo(done.lines());
    }

    @Test
    void whenStoringAChunkFailsTheDeliveryCountsOnlyWhatIsHeld() throws Exception {
        AtomicInteger chunks = new AtomicInteger();
        IngestStore failsOnThird = new Delegate(jdbc) {
            @Override
            public LineResult[] writeChunk(String tenant, String sourceSystem, long fileId, IngestChunk chunk) {
                if (chunks.incrementAndGet() == 3) {
                    throw new dk.tidlig.store.StoreException("the database went away during a test");
                }
                return super.writeChunk(tenant, sourceSystem, fileId, chunk);
            }
        };
        FileIngest session = pipeline(failsOnThird, 3).begin(PipelineAndScoringTest.CPR, "147", new FileOrigin("broken.txt", "2".repeat(64), 100));
        assertThatThrownBy(() -> {
            for (int n = 100; n < 130; n++) {
                session.accept(new Line(n - 99, "raw"), person(n));
            }
            session.complete();
        }).isInstanceOf(IngestFailedException.class).hasMessageContaining("the database went away");
        FileOutcome outcome = session.fail("storing failed");
        assertThat(outcome.status()).isEqualTo(FileOutcome.Status.FAILED);
        assertThat(outcome.lines()).as("the two chunks stored before the failure").isEqualTo(6);
        assertThat(outcome.accepted()).isEqualTo(6);
        FileRecord record = record("broken.txt").orElseThrow();
        assertThat(record.lines()).isEqualTo(6);
        assertThat(record.linesDone()).isEqualTo(6);
        assertThat(record.status()).isEqualTo("FAILED");
        assertThat(heldFor("person", "147", 100, 129) + heldFor("identity_vault", "147", 100, 129)).as("rows of the stored chunks only")
                .isEqualTo(6 * 2);
    }

    /** Lines of a delivery: persons, a quarantined line every 7th and an empty one every 11th. */
    private static void feed(FileIngest session, int from, int to) {
        for (int n = from; n <= to; n++) {
            if (n % 7 == 0) {
                session.reject(new Line(n, "raw line " + n), "column Dato is empty");
            } else if (n % 11 == 0) {
                session.skip(new Line(n, ""));
            } else {
                session.accept(new Line(n, "raw"), person(1000 + n));
            }
        }
    }

    @Test
    void aDeliveryWhoseProcessDiedIsResumedAfterItsStoredLinesAndEndsAsOneCleanIngestWould() throws Exception {
        IngestPipeline pipeline = pipeline(jdbc, 10);
        FileOrigin origin = new FileOrigin("resumed.txt", "3".repeat(64), 4711);
        FileIngest first = pipeline.begin(PipelineAndScoringTest.CPR, "148", origin);
        feed(first, 1, 57);
        FileRecord stopped = await(() -> record("resumed.txt").filter(f -> f.lines() == 50));
        // the process dies here: its session is never ended; a pid that no process has stands for it
        assertThat(stopped.owner()).startsWith(IngestOwner.current() + "#");
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET owner=? WHERE id=?")) {
            ps.setString(1, "999999999@" + IngestOwner.current().split("@")[1]);
            ps.setLong(2, stopped.id());
            ps.executeUpdate();
        }
        assertThat(IngestOwner.isDead("999999999@" + IngestOwner.current().split("@")[1])).isTrue();
        assertThat(IngestOwner.isDead(IngestOwner.current())).isFalse();
        assertThat(IngestOwner.isDead(IngestOwner.newReading())).as("a reading of this live process").isFalse();

        FileIngest again = pipeline.begin(PipelineAndScoringTest.CPR, "148", origin);
        feed(again, 1, 120); // the file read again from its start
        FileOutcome resumed = again.complete();
        assertThat(resumed.fileId()).as("the same delivery, not a second one").isEqualTo(stopped.id());
        assertThat(resumed.lines()).isEqualTo(120);

        FileOrigin clean = new FileOrigin("clean.txt", "4".repeat(64), 4711);
        FileOutcome once = pipeline.begin(PipelineAndScoringTest.CPR, "149", clean).complete();
        assertThat(once.lines()).isZero();
        FileIngest whole = pipeline.begin(PipelineAndScoringTest.CPR, "149", new FileOrigin("clean2.txt", "5".repeat(64), 4711));
        feed(whole, 1, 120);
        FileOutcome cleanOutcome = whole.complete();
        assertThat(List.of(resumed.accepted(), resumed.duplicates(), resumed.quarantined(), resumed.skipped()))
                .as("the counts of one clean ingest").isEqualTo(List.of(cleanOutcome.accepted(), cleanOutcome.duplicates(),
                        cleanOutcome.quarantined(), cleanOutcome.skipped()));
        assertThat(quarantinedLines(resumed.fileId())).as("each quarantined line once").isEqualTo(quarantinedLines(cleanOutcome.fileId()));
        assertThat(heldFor("person", "148", 1, 120)).isEqualTo(heldFor("person", "149", 1, 120));
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='148'")).isEqualTo(count("SELECT COUNT(*) FROM identity_vault WHERE tenant='149'"));
        assertThat(count("SELECT COUNT(*) FROM person WHERE tenant='148'")).isEqualTo(94L); // 120 lines less 17 quarantined and 9 empty
        FileRecord done = jdbc.file(resumed.fileId()).orElseThrow();
        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(done.lines()).isEqualTo(120);
    }

    @Test
    void aDeliveryOfAProcessOnAnotherHostIsTakenOverOnlyAfterItsSilenceAndTheSlowProcessStoresNothingMore() throws Exception {
        IngestPipeline pipeline = pipeline(jdbc, 10);
        FileOrigin origin = new FileOrigin("node2.txt", "7".repeat(64), 4712);
        FileIngest slow = pipeline.begin(PipelineAndScoringTest.CPR, "151", origin);
        feed(slow, 1, 25);
        FileRecord stored = await(() -> record("node2.txt").filter(f -> f.lines() == 20));
        // the delivery is another node's: its process cannot be looked up from here, only its progress judged
        String otherNode = "4242@tidlig-node-2/1700000000";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET owner=?, progress_at=? WHERE id=?")) {
            ps.setString(1, otherNode);
            ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(5))));
            ps.setLong(3, stored.id());
            ps.executeUpdate();
        }
        FileRecord recent = jdbc.file(stored.id()).orElseThrow();
        assertThat(IngestOwner.isGone(recent, Duration.ofMinutes(15), java.time.Instant.now())).as("5 minutes of silence: still busy").isFalse();
        FileIngest meanwhile = pipeline.begin(PipelineAndScoringTest.CPR, "151", origin);
        assertThat(((FileIngestSession) meanwhile).fileId()).as("not taken over: a delivery of its own").isNotEqualTo(stored.id());
        meanwhile.fail("a second reading, given up");

        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET progress_at=? WHERE id=?")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(20))));
            ps.setLong(2, stored.id());
            ps.executeUpdate();
        }
        FileRecord silent = jdbc.file(stored.id()).orElseThrow();
        assertThat(IngestOwner.isGone(silent, Duration.ofMinutes(15), java.time.Instant.now())).isTrue();
        // seen silent, but it stored a chunk before the claim: the claim on what was seen fails
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET lines_done=lines_done+1 WHERE id=?")) {
            ps.setLong(1, stored.id());
            ps.executeUpdate();
        }
        assertThat(jdbc.claim(silent, "someone@else/1")).as("progress since it was seen").isFalse();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("UPDATE ingest_file SET lines_done=lines_done-1 WHERE id=?")) {
            ps.setLong(1, stored.id());
            ps.executeUpdate();
        }
        FileIngest takeover = pipeline.begin(PipelineAndScoringTest.CPR, "151", origin);
        assertThat(((FileIngestSession) takeover).fileId()).as("20 minutes of silence: taken over").isEqualTo(stored.id());
        // the first reader was only slow: its next chunk is refused, nothing of it is stored, and it stops
        try {
            feed(slow, 26, 40);
        } catch (dk.tidlig.adapter.IngestFailedException e) {
            assertThat(e.getMessage()).contains("taken over by another process");
        }
        FileOutcome refused = slow.fail("stopped");
        assertThat(refused.lines()).as("what the slow reader stored before the take-over").isEqualTo(20);
        assertThat(refused.reason()).isEqualTo("taken over by another process after 20 lines");
        assertThat(jdbc.file(stored.id()).orElseThrow().owner()).as("the reading that took it over").startsWith(IngestOwner.current() + "#");
        feed(takeover, 1, 40);
        FileOutcome done = takeover.complete();
        assertThat(done.lines()).isEqualTo(40);
        FileRecord record = jdbc.file(stored.id()).orElseThrow();
        assertThat(record.accepted() + record.duplicates() + record.quarantined() + record.skipped()).as("every line counted once")
                .isEqualTo(40);
    }

    @Test
    void aDeliveryStillBeingReadByALiveProcessIsNotTakenOver() {
        IngestPipeline pipeline = pipeline(jdbc, 10);
        FileOrigin origin = new FileOrigin("busy.txt", "6".repeat(64), 99);
        FileIngest first = pipeline.begin(PipelineAndScoringTest.CPR, "150", origin);
        feed(first, 1, 25);
        FileIngest second = pipeline.begin(PipelineAndScoringTest.CPR, "150", origin);
        feed(second, 1, 25);
        FileOutcome a = first.complete();
        FileOutcome b = second.complete();
        assertThat(b.fileId()).as("a delivery of its own").isNotEqualTo(a.fileId());
        // the two readings' chunks are stored in either order: each line is stored once, by one or the other
        assertThat(a.accepted() + b.accepted()).isEqualTo(25 - 3 - 2);
        assertThat(a.accepted() + a.duplicates()).isEqualTo(b.accepted() + b.duplicates());
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Optional<FileRecord> record(String name) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT id FROM ingest_file WHERE file_name=?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? jdbc.file(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> quarantinedLines(long fileId) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT line_no FROM quarantine WHERE file_id=? ORDER BY line_no")) {
            ps.setLong(1, fileId);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private static <T> T await(java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the writer did not store the chunks in 20 s");
    }

    /** An ingest store that passes every call on. */
    private static class Delegate implements IngestStore {
        private final IngestStore d;

        Delegate(IngestStore d) {
            this.d = d;
        }

        @Override
        public long beginFile(String tenant, String adapterId, String sourceSystem, String fileName, String sha256, long size, String owner,
                String archiveId, String deliveredBy) {
            return d.beginFile(tenant, adapterId, sourceSystem, fileName, sha256, size, owner, archiveId, deliveredBy);
        }

        @Override
        public List<FileRecord> unfinished(String tenant, String adapterId) {
            return d.unfinished(tenant, adapterId);
        }

        @Override
        public boolean claim(FileRecord seen, String owner) {
            return d.claim(seen, owner);
        }

        @Override
        public boolean interrupted(long fileId, String expectedOwner, String reason) {
            return d.interrupted(fileId, expectedOwner, reason);
        }

        @Override
        public LineResult[] write(String tenant, String sourceSystem, long fileId, List<LineRows> lines) {
            return d.write(tenant, sourceSystem, fileId, lines);
        }

        @Override
        public void quarantine(String tenant, long fileId, List<QuarantineRow> rows) {
            d.quarantine(tenant, fileId, rows);
        }

        @Override
        public LineResult[] writeChunk(String tenant, String sourceSystem, long fileId, IngestChunk chunk) {
            return d.writeChunk(tenant, sourceSystem, fileId, chunk);
        }

        @Override
        public boolean endFile(long fileId, String owner, String status, long lines, long accepted, long duplicates, long quarantined, long skipped,
                String reason) {
            return d.endFile(fileId, owner, status, lines, accepted, duplicates, quarantined, skipped, reason);
        }

        @Override
        public Optional<FileRecord> file(long fileId) {
            return d.file(fileId);
        }

        @Override
        public List<FileRecord> filesWithContent(String sha256) {
            return d.filesWithContent(sha256);
        }

        @Override
        public List<FileRecord> deliveries(String tenant, String adapterId, int limit) {
            return d.deliveries(tenant, adapterId, limit);
        }

        @Override
        public java.util.Map<String, java.time.Instant> lastCompleted(String tenant) {
            return d.lastCompleted(tenant);
        }

        @Override
        public List<dk.tidlig.store.QuarantineEntry> quarantined(String tenant, Long fileId, boolean openOnly, int limit) {
            return d.quarantined(tenant, fileId, openOnly, limit);
        }

        @Override
        public Optional<dk.tidlig.store.QuarantineEntry.Content> quarantinedLine(String tenant, long id) {
            return d.quarantinedLine(tenant, id);
        }

        @Override
        public int resolveQuarantine(String tenant, long fileId, long byFileId) {
            return d.resolveQuarantine(tenant, fileId, byFileId);
        }
    }
}
