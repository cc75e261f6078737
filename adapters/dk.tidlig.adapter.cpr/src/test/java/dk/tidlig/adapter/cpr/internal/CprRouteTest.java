// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.RouteHarness;

/** The CPR adapter's routes over the sample extract of the README. */
class CprRouteTest {

    static final Path SAMPLE = Path.of("src/test/resources/samples/U12170-P.20261101");

    @TempDir
    Path home;
    RouteHarness routes;

    @BeforeEach
    void start() throws Exception {
        routes = RouteHarness.start(home, new CprAdapter());
    }

    @AfterEach
    void stop() {
        routes.close();
    }

    @Test
    void theSampleExtractIsReadFromTheInboxWithTheReadmesCounts() throws Exception {
        FileOutcome o = routes.drop(SAMPLE);
        assertThat(o.toJson()).isEqualTo("{\"file\":\"U12170-P.20261101\",\"adapter\":\"cpr\",\"status\":\"completed\","
                + "\"lines\":27,\"accepted\":21,\"duplicates\":0,\"quarantined\":2,\"skipped\":4}");
        assertThat(routes.ingest.quarantine).containsOnly(
                Map.entry(9L, "record 001: field FOED_DT is not a date yyyy-MM-dd"),
                Map.entry(18L, "toCpr: CPR number has a month that does not exist"));
    }

    @Test
    void reDeliveryGivesOnlyDuplicates() {
        FileOutcome first = routes.send(SAMPLE);
        FileOutcome again = routes.send(SAMPLE);
        assertThat(first.accepted()).isEqualTo(21);
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(21);
        assertThat(again.quarantined()).as("a broken line stays broken").isEqualTo(2);
    }

    @Test
    void anExtractConvertedToUtf8IsRefused() throws Exception {
        Path utf8 = home.resolve("U12170-P.utf8");
        Files.writeString(utf8, Files.readString(SAMPLE, StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        FileOutcome o = routes.send(utf8);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(o.reason()).startsWith("the file is UTF-8 (line 6 has a UTF-8 multi-byte character) but the adapter reads ISO-8859-1");
        assertThat(routes.ingest.stored).isEmpty();
    }

    @Test
    void aFileThatIsNotAnExtractIsRefused() throws Exception {
        Path other = home.resolve("notes.txt");
        Files.writeString(other, "Kære kommune\r\n", StandardCharsets.ISO_8859_1);
        FileOutcome o = routes.send(other);
        assertThat(o.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(o.reason()).isEqualTo("the file does not begin with a start record (000): it is not a CPR extract");
    }
}
