// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.RecordingIngest;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/** The standard inbox routes in a real CamelContext over real files. */
class InboxRouteTest {

    @TempDir
    Path home;
    private CamelContext camel;
    private RecordingIngest ingest;
    private Path inbox;

    /** A minimal adapter: CPR;Dato;Id -> a dental no-show. */
    static final class TestAdapter implements SourceAdapter {
        @Override
        public AdapterDescriptor descriptor() {
            return new AdapterDescriptor("test", "Testsystem", "test export", Set.of(Indicator.CHILD_DENTAL_NO_SHOW),
                    Set.of(DataCategory.HEALTH), "testing");
        }

        @Override
        public LineMapper newMapper() {
            return new CsvLineMapper(';', List.of("CPR", "Dato", "Id")) {
                @Override
                protected List<? extends SourceRecord> map(Row row) throws RecordException {
                    return List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, row.cpr("CPR"), row.date("Dato", Row.DANISH_DATE), null,
                            row.text("Id"), null));
                }
            };
        }

        @Override
        public ExportWriter exportWriter() {
            return (data, dir, random) -> List.of();
        }
    }

    @BeforeEach
    void start() throws Exception {
        inbox = home.resolve("inbox/test");
        TestAdapter adapter = new TestAdapter();
        InboxSettings settings = InboxSettings.from(adapter.descriptor(), Map.of("pollIntervalMs", 100, "readLockMinAgeMs", 600,
                "municipalityCode", "159"), k -> k.equals("tidlig.home") ? home.toString() : null);
        ingest = new RecordingIngest();
        camel = new DefaultCamelContext();
        camel.addRoutes(new AdapterRouteBuilder(adapter, settings, ingest));
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 15 s");
            }
            Thread.sleep(50);
        }
    }

    private static boolean noFiles(Path dir) {
        try {
            return files(dir).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void goodAndBrokenLinesAreCountedAndTheClearTextFileIsGoneOnceReceived() throws Exception {
        Files.writeString(inbox.resolve("no-shows.csv"), "CPR;Dato;Id\r\n"
                + "150620-4123;03-02-2025;A1\r\n"
                + "1506204123;32-02-2025;A2\r\n"    // bad date
                + "311320-4123;03-02-2025;A3\r\n"   // bad CPR
                + "150620-4123;04-02-2025\r\n"      // too few fields
                + "\r\n"
                + "150620-4123;05-02-2025;A6\r\n", StandardCharsets.UTF_8);
        await(() -> ingest.outcomes.size() == 1);
        FileOutcome o = ingest.outcomes.get(0);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(o.lines()).isEqualTo(7);
        assertThat(o.accepted()).isEqualTo(2);
        assertThat(o.quarantined()).isEqualTo(3);
        assertThat(o.skipped()).isEqualTo(2);
        assertThat(ingest.quarantine).containsOnlyKeys(3L, 4L, 5L);
        assertThat(ingest.quarantine.get(3L)).isEqualTo("column Dato is not a date in the form dd-mm-åååå");
        assertThat(ingest.quarantine.get(4L)).isEqualTo("column CPR: CPR number has a month that does not exist");
        assertThat(ingest.quarantine.get(5L)).isEqualTo("the line has 2 fields, the header 3");
        await(() -> !Files.exists(inbox.resolve("no-shows.csv")));
        // the clear-text file goes when it is sealed; Camel's empty read-lock marker when the exchange has ended
        await(() -> noFiles(inbox));
        assertThat(ingest.received).hasSize(1);
        assertThat(((RiskEvent) ingest.stored.get(0)).start()).isEqualTo(LocalDate.of(2025, 2, 3));
    }

    @Test
    void aFileInTheWrongEncodingIsRefusedAndKeptOnlyInTheArchive() throws Exception {
        Files.write(inbox.resolve("latin1.csv"), "CPR;Dato;Id\r\n150620-4123;03-02-2025;Søren\r\n".getBytes(StandardCharsets.ISO_8859_1));
        await(() -> ingest.outcomes.size() == 1);
        FileOutcome o = ingest.outcomes.get(0);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(o.reason()).startsWith("not valid UTF-8 from line 2");
        assertThat(ingest.stored).isEmpty();
        await(() -> !Files.exists(inbox.resolve("latin1.csv")));
        await(() -> noFiles(inbox));
        assertThat(ingest.received).hasSize(1);
    }

    @Test
    void aStorageFailureFailsTheFileWithoutQuarantiningAndKeepsItForRedelivery() throws Exception {
        ingest.failAfterLines = 1;
        Files.writeString(inbox.resolve("outage.csv"), "CPR;Dato;Id\r\n150620-4123;03-02-2025;A1\r\n150620-4123;04-02-2025;A2\r\n"
                + "150620-4123;05-02-2025;A3\r\n");
        await(() -> ingest.outcomes.size() == 1);
        FileOutcome o = ingest.outcomes.get(0);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.FAILED);
        assertThat(o.reason()).isEqualTo("storing failed (simulated)");
        assertThat(ingest.quarantine).as("a database failure is not the line's fault").isEmpty();
        await(() -> !Files.exists(inbox.resolve("outage.csv")));
        assertThat(ingest.received).as("kept sealed for delivering again").hasSize(1);
    }

    @Test
    void twoNodesPollingOneInboxReceiveEachFileOnce() throws Exception {
        // a second node: its own Camel context and archive, the same (shared) inbox
        TestAdapter adapter = new TestAdapter();
        InboxSettings settings = InboxSettings.from(adapter.descriptor(), Map.of("pollIntervalMs", 50, "readLockMinAgeMs", 300,
                "municipalityCode", "159"), k -> k.equals("tidlig.home") ? home.toString() : null);
        RecordingIngest otherIngest = new RecordingIngest();
        CamelContext other = new DefaultCamelContext();
        other.addRoutes(new AdapterRouteBuilder(adapter, settings, otherIngest));
        other.start();
        try {
            Files.createDirectories(inbox);
            int n = 40;
            for (int i = 0; i < n; i++) {
                Path part = inbox.resolve("d" + i + ".csv.part");
                Files.writeString(part, "CPR;Dato;Id\r\n150620-4123;03-02-2025;N" + i + "\r\n");
                Files.move(part, inbox.resolve("d" + i + ".csv"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            await(() -> ingest.outcomes.size() + otherIngest.outcomes.size() >= n);
            Thread.sleep(1500);
            List<String> read = new java.util.ArrayList<>();
            ingest.outcomes.forEach(o -> read.add(o.fileName()));
            otherIngest.outcomes.forEach(o -> read.add(o.fileName()));
            assertThat(read).as("every file once, by one node or the other").hasSize(n).doesNotHaveDuplicates();
            assertThat(ingest.received.size() + otherIngest.received.size()).as("sealed once each").isEqualTo(n);
            await(() -> noFiles(inbox)); // no clear-text copy, no claim, and (once the exchanges ended) no read-lock marker
        } finally {
            other.stop();
        }
    }

    @Test
    void aClaimOfANodeThatDiedBeforeSealingGoesBackAndIsRead() throws Exception {
        Files.createDirectories(inbox);
        long longAgo = System.currentTimeMillis() - Inbox.STALE_CLAIM.toMillis() - 60_000;
        Files.writeString(inbox.resolve(Inbox.CLAIM + longAgo + "-orphan.csv"), "CPR;Dato;Id\r\n150620-4123;03-02-2025;O1\r\n");
        Path recent = inbox.resolve(Inbox.CLAIM + System.currentTimeMillis() + "-busy.csv");
        Files.writeString(recent, "CPR;Dato;Id\r\n150620-4123;03-02-2025;B1\r\n");
        // the stale claims are given back when the next file is received
        Files.writeString(inbox.resolve("trigger.csv"), "CPR;Dato;Id\r\n150620-4123;03-02-2025;T1\r\n");
        await(() -> ingest.outcomes.size() == 2);
        assertThat(ingest.outcomes).extracting(FileOutcome::fileName).containsExactlyInAnyOrder("trigger.csv", "orphan.csv");
        assertThat(recent).as("another node is still sealing this one").exists();
    }

    @Test
    void aClaimGivenBackNeverReplacesANewerFileOfTheSameName() throws Exception {
        Path dir = home.resolve("give-back");
        Files.createDirectories(dir);
        Path claim = dir.resolve(Inbox.CLAIM + "1-d.csv");
        Files.writeString(claim, "old");
        Files.writeString(dir.resolve("d.csv"), "new");
        assertThatThrownBy(() -> Inbox.giveBack(claim, dir.resolve("d.csv"))).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(dir.resolve("d.csv"))).as("the newer delivery is kept").isEqualTo("new");
        assertThat(claim).as("the claim waits").exists();
        Files.delete(dir.resolve("d.csv"));
        Inbox.giveBack(claim, dir.resolve("d.csv"));
        assertThat(Files.readString(dir.resolve("d.csv"))).isEqualTo("old");
        assertThat(claim).doesNotExist();
    }

    @Test
    void aFileThatCannotBeSealedStaysInTheInboxAndIsTriedAgain() throws Exception {
        ingest.failReceiving = true;
        Files.writeString(inbox.resolve("later.csv"), "CPR;Dato;Id\r\n150620-4123;03-02-2025;A1\r\n");
        Thread.sleep(1500);
        assertThat(Files.exists(inbox.resolve("later.csv"))).as("nothing lost while the archive cannot take it").isTrue();
        assertThat(ingest.outcomes).isEmpty();
        ingest.failReceiving = false;
        await(() -> ingest.outcomes.size() == 1);
        assertThat(ingest.outcomes.get(0).accepted()).isEqualTo(1);
        await(() -> !Files.exists(inbox.resolve("later.csv")));
    }

    @Test
    void aLineCutInsideACharacterAndAHugeLineAreQuarantinedAndTheRestIsRead() throws Exception {
        StringBuilder text = new StringBuilder("CPR;Dato;Id\r\n");
        for (int i = 1; i <= 50; i++) {
            text.append("150620-4123;03-02-2025;Æ").append(i).append("\r\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int at = text.substring(0, text.indexOf("Æ20")).getBytes(StandardCharsets.UTF_8).length + 1; // line 21: the Æ's second byte
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(bytes, 0, at);
        file.write(bytes, at + 1, bytes.length - at - 1);
        file.write(("150620-4123;03-02-2025;" + "x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.UTF_8));
        file.write("150620-4123;04-02-2025;last\r\n".getBytes(StandardCharsets.UTF_8));
        Files.write(inbox.resolve("damaged.csv"), file.toByteArray());
        await(() -> ingest.outcomes.size() == 1);
        FileOutcome o = ingest.outcomes.get(0);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(o.lines()).isEqualTo(53);
        assertThat(o.accepted() + o.duplicates() + o.quarantined() + o.skipped()).isEqualTo(o.lines());
        assertThat(ingest.quarantine).containsOnlyKeys(21L, 52L);
        assertThat(ingest.quarantine.get(21L)).startsWith("the line is not valid UTF-8");
        assertThat(o.accepted()).isEqualTo(50);
    }

    @Test
    void aWrongHeaderRefusesTheFile() throws Exception {
        Files.writeString(inbox.resolve("wrong.csv"), "Personnummer;Dato\r\n150620-4123;03-02-2025\r\n");
        await(() -> ingest.outcomes.size() == 1);
        assertThat(ingest.outcomes.get(0).status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(ingest.outcomes.get(0).reason()).isEqualTo("the header lacks the column(s) CPR, Id; expected at least CPR;Dato;Id");
    }

    @Test
    void partialAndHiddenFilesAreNotRead() throws Exception {
        Files.writeString(inbox.resolve("upload.csv.part"), "CPR;Dato;Id\r\n");
        Files.writeString(inbox.resolve(".hidden.csv"), "CPR;Dato;Id\r\n");
        Thread.sleep(1500);
        assertThat(ingest.outcomes).isEmpty();
        assertThat(Files.exists(inbox.resolve("upload.csv.part"))).isTrue();
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyWhenComplete() throws Exception {
        Path file = inbox.resolve("growing.csv");
        Files.writeString(file, "CPR;Dato;Id\r\n150620-4123;03-02-2025;A1\r\n");
        // keep appending for longer than the read lock's minimum age
        for (int i = 2; i <= 8; i++) {
            Thread.sleep(250);
            assertThat(ingest.outcomes).as("read while still being written").isEmpty();
            Files.writeString(file, "150620-4123;03-02-2025;A" + i + "\r\n", java.nio.file.StandardOpenOption.APPEND);
        }
        await(() -> ingest.outcomes.size() == 1);
        assertThat(ingest.outcomes.get(0).accepted()).isEqualTo(8);
    }

    @Test
    void theIngestEndpointTakesAFileDirectlyAndAnswersWithItsOutcome() throws Exception {
        Path file = home.resolve("elsewhere.csv");
        Files.writeString(file, "CPR;Dato;Id\n150620-4123;03-02-2025;A1\n");
        Exchange first = camel.createProducerTemplate().send(SourceAdapter.ingestEndpoint("test"), e -> e.getIn().setBody(new File(file.toString())));
        Exchange second = camel.createProducerTemplate().send(SourceAdapter.ingestEndpoint("test"), e -> e.getIn().setBody(new File(file.toString())));
        assertThat(first.getMessage().getBody(FileOutcome.class).accepted()).isEqualTo(1);
        FileOutcome again = second.getMessage().getBody(FileOutcome.class);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.toJson()).isEqualTo("{\"file\":\"elsewhere.csv\",\"adapter\":\"test\",\"status\":\"completed\",\"lines\":2,"
                + "\"accepted\":0,\"duplicates\":1,\"quarantined\":0,\"skipped\":1}");
        assertThat(Files.exists(file)).as("a file sent directly stays where it is").isTrue();
    }
}
