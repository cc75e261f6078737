// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.RecordingIngest;
import dk.tidlig.adapter.SftpTestServer;

/**
 * SFTP inboxes against a real SFTP server (Apache MINA SSHD) started in the test, with key authentication and a
 * known host key: what a municipality's vendor or Serviceplatformen delivers to.
 */
class SftpInboxTest {

    @TempDir
    Path home;
    private SftpTestServer server;
    private Path remoteInbox;
    private final List<CamelContext> nodes = new ArrayList<>();

    private static final String EXPORT = "CPR;Dato;Id\r\n150620-4123;03-02-2025;A1\r\n311320-4123;03-02-2025;A2\r\n";

    @BeforeEach
    void startServer() throws Exception {
        server = SftpTestServer.start();
        remoteInbox = server.folder("outbox/dental");
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(CamelContext::stop);
        server.close();
    }

    /** The configuration an operator writes: the inbox as an SFTP location, the key (with a passphrase) and known_hosts. */
    private Map<String, Object> config(KeyPair key, KeyPair acceptedHostKey) throws Exception {
        server.installKey(home, key, acceptedHostKey.getPublic());
        Map<String, Object> c = new HashMap<>(server.settings("outbox/dental"));
        c.putAll(Map.of("pollIntervalMs", 100, "readLockMinAgeMs", 400, "municipalityCode", "159"));
        return c;
    }

    private RecordingIngest node(Map<String, Object> config) throws Exception {
        InboxRouteTest.TestAdapter adapter = new InboxRouteTest.TestAdapter();
        InboxSettings settings = InboxSettings.from(adapter.descriptor(), config, k -> k.equals("tidlig.home") ? home.toString() : null);
        RecordingIngest ingest = new RecordingIngest();
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new AdapterRouteBuilder(adapter, settings, ingest));
        camel.start();
        nodes.add(camel);
        return ingest;
    }

    /** A vendor's upload: written under a temporary name, then renamed, as sftp clients do. */
    private void deliver(String name, String content) throws Exception {
        server.deliver("outbox/dental", name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 40 s");
            }
            Thread.sleep(50);
        }
    }

    private static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every file under the folder whose bytes contain the text. */
    private static List<Path> filesHolding(Path dir, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
                } catch (Exception e) {
                    return false;
                }
            }).toList();
        }
    }

    @Test
    void aFileOnTheServerIsStreamedIntoTheArchiveIngestedAndDeletedThereWithNothingOnLocalDisk() throws Exception {
        RecordingIngest ingest = node(config(server.clientKey, server.hostKey));
        deliver("tandpleje-20261204.csv", EXPORT);
        await(() -> ingest.outcomes.size() == 1);
        FileOutcome o = ingest.outcomes.get(0);
        assertThat(o.fileName()).isEqualTo("tandpleje-20261204.csv");
        assertThat(o.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(o.accepted()).isEqualTo(1);
        assertThat(o.quarantined()).isEqualTo(1);
        assertThat(ingest.received.values()).singleElement().isEqualTo(EXPORT.getBytes(StandardCharsets.UTF_8));
        // deleted on the server when the delivery ended (neither the file nor its claim stays)
        await(() -> names(remoteInbox).isEmpty());
        assertThat(filesHolding(home, "150620-4123")).as("no clear-text copy on local disk").isEmpty();
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path camel : tmp.filter(p -> p.getFileName().toString().startsWith("camel")).toList()) {
                assertThat(filesHolding(camel, "150620-4123")).as("nor in Camel's spool folder (a stream cache)").isEmpty();
            }
        }
        // no secret and no key path in what Camel shows of the inbox
        for (CamelContext node : nodes) {
            node.getEndpoints().forEach(e -> assertThat(e.getEndpointUri()).doesNotContain(SftpTestServer.PASSPHRASE).doesNotContain("id_tidlig"));
            node.getRoutes().forEach(r -> assertThat(r.getEndpoint().getEndpointUri()).doesNotContain(SftpTestServer.PASSPHRASE));
        }
    }

    @Test
    void aFileStillBeingWrittenOrNamedAsTemporaryIsNotRead() throws Exception {
        // SFTP gives file times in whole seconds: the read lock's minimum age must be well over one
        Map<String, Object> config = config(server.clientKey, server.hostKey);
        config.put("readLockMinAgeMs", 1500);
        RecordingIngest ingest = node(config);
        Files.writeString(remoteInbox.resolve("upload.csv.part"), EXPORT);
        Files.writeString(remoteInbox.resolve("now.csv"), EXPORT);
        // a file that keeps changing is not read while it changes: touched every 100 ms for 2 s
        for (int i = 0; i < 20; i++) {
            Files.setLastModifiedTime(remoteInbox.resolve("now.csv"), FileTime.from(Instant.now()));
            Thread.sleep(100);
            assertThat(ingest.outcomes).as("read while it was still being written").isEmpty();
        }
        await(() -> ingest.outcomes.size() == 1);
        assertThat(ingest.outcomes.get(0).fileName()).isEqualTo("now.csv");
        await(() -> names(remoteInbox).equals(List.of("upload.csv.part")));
        Thread.sleep(1000);
        assertThat(ingest.outcomes).as("the .part file is never read").hasSize(1);
    }

    @Test
    void aFileThatCannotBeSealedGoesBackToItsNameOnTheServerAndIsReadWhenTheArchiveCanTakeIt() throws Exception {
        RecordingIngest ingest = node(config(server.clientKey, server.hostKey));
        ingest.failReceiving = true;
        deliver("cpr.csv", EXPORT);
        await(() -> ingest.receiveAttempts.get() > 1);
        assertThat(ingest.outcomes).isEmpty();
        // tried at every poll, and given back each time (between two tries it has its name again, not a claim's)
        await(() -> names(remoteInbox).equals(List.of("cpr.csv")));
        ingest.failReceiving = false;
        await(() -> ingest.outcomes.size() == 1);
        await(() -> names(remoteInbox).isEmpty());
    }

    @Test
    void twoNodesPollingOneServerReceiveEachFileOnce() throws Exception {
        Map<String, Object> config = config(server.clientKey, server.hostKey);
        RecordingIngest a = node(config);
        RecordingIngest b = node(config);
        int n = 12;
        for (int i = 0; i < n; i++) {
            deliver("d" + i + ".csv", "CPR;Dato;Id\r\n150620-4123;03-02-2025;N" + i + "\r\n");
        }
        await(() -> a.outcomes.size() + b.outcomes.size() >= n);
        await(() -> names(remoteInbox).isEmpty());
        Thread.sleep(1000);
        List<String> read = new ArrayList<>();
        a.outcomes.forEach(o -> read.add(o.fileName()));
        b.outcomes.forEach(o -> read.add(o.fileName()));
        assertThat(read).as("every file once, by one node or the other").hasSize(n).doesNotHaveDuplicates();
        assertThat(a.received.size() + b.received.size()).isEqualTo(n);
    }

    @Test
    void aServerWithAnotherHostKeyIsNotTrustedAndNothingIsRead() throws Exception {
        nothingIsReadWith(server.clientKey, SftpTestServer.newKey());
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefusedAndNothingIsRead() throws Exception {
        nothingIsReadWith(SftpTestServer.newKey(), server.hostKey);
    }

    /** With this key and this trusted host key, a delivery stays on the server, unread. */
    private void nothingIsReadWith(KeyPair key, KeyPair trustedHost) throws Exception {
        RecordingIngest ingest = node(config(key, trustedHost));
        deliver("cpr.csv", EXPORT);
        Thread.sleep(2000);
        assertThat(ingest.receiveAttempts.get()).as("never claimed or read").isZero();
        assertThat(names(remoteInbox)).containsExactly("cpr.csv");
    }

    @Test
    void aClaimLeftByANodeThatDiedIsGivenBackWhenItIsStaleAndAFreshOneIsLeftAlone() throws Exception {
        long twoHoursAgo = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        Files.writeString(remoteInbox.resolve(Inbox.CLAIM + twoHoursAgo + "-stale.csv"), EXPORT);
        String fresh = Inbox.CLAIM + System.currentTimeMillis() + "-busy.csv";
        Files.writeString(remoteInbox.resolve(fresh), EXPORT);
        RecordingIngest ingest = node(config(server.clientKey, server.hostKey));
        await(() -> ingest.outcomes.size() == 1);
        assertThat(ingest.outcomes.get(0).fileName()).isEqualTo("stale.csv");
        await(() -> names(remoteInbox).equals(List.of(fresh)));
    }
}
