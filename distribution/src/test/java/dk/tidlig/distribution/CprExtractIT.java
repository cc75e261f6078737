// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.cpr.internal.CprAdapter;
import dk.tidlig.adapter.cpr.internal.layout.RecordType;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * CPR extracts as the CPR office delivers them, month after month, through the real route into MariaDB: the same
 * extract again stores nothing, nor does the same extract in another order (the written addresses come as a section
 * of their own, and a person's records need not follow each other); a correction stores exactly the records that
 * changed; custody that ended and was given again is two periods; an extract whose end record does not count its
 * records is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CprExtractIT {

    static final long SEED = 20_261_101L;

    @TempDir
    static Path dir;
    static Pipeline pipeline;
    static List<String> extract;
    /** The extract as the database now holds it. */
    static List<String> latest;
    static int records;

    @BeforeAll
    static void start() throws Exception {
        pipeline = Pipeline.start("cprextract", dir, List.of(new CprAdapter()));
        var data = PopulationGenerator.generate(1_500, SEED, LocalDate.now(), "159", 0.0).data();
        Path file = pipeline.adapters.get("cpr").exportWriter().write(data, dir.resolve("written"), new Random(SEED)).get(0).file();
        extract = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        records = extract.size() - 2;
        latest = extract;
        assertThat(extract.get(0)).startsWith("000");
        assertThat(extract.get(extract.size() - 1)).startsWith("999");
        // as the CPR office writes them: every written address after everybody's other records
        int firstWritten = indexOf(extract, "003");
        assertThat(extract.subList(firstWritten, extract.size() - 1)).allMatch(l -> l.startsWith("003"));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void theFirstExtractIsStoredWhole() throws Exception {
        FileOutcome first = ingest("U12170-P.first", body(extract));
        assertThat(first.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(first.quarantined()).isZero();
        assertThat(first.lines()).isEqualTo(extract.size());
        assertThat(first.accepted()).isGreaterThan(records / 2);
        assertThat(first.accepted() + first.skipped()).as("a record that gives nothing (as civil status 'unmarried') is skipped").isEqualTo(first.lines());
        assertThat(count("SELECT COUNT(*) FROM identity_vault WHERE kind = 'ADDRESS'")).as("written addresses from the 003 section")
                .isEqualTo(extract.stream().filter(l -> l.startsWith("003")).count());
    }

    @Test
    @Order(2)
    void theSameExtractAgainOrInAnotherOrderStoresNothing() throws Exception {
        FileOutcome again = ingest("U12170-P.again", body(extract));
        assertThat(again.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(again.accepted()).isZero();

        List<String> shuffled = new ArrayList<>(extract.subList(1, extract.size() - 1));
        Collections.shuffle(shuffled, new Random(SEED));
        FileOutcome reordered = ingest("U12170-P.shuffled", withFrame(shuffled));
        assertThat(reordered.status()).as(reordered.toJson()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(reordered.accepted()).as("every record is the same fact wherever it stands").isZero();
        assertThat(reordered.quarantined()).isZero();
        assertThat(reordered.duplicates()).isEqualTo(again.duplicates());
    }

    @Test
    @Order(3)
    void aCorrectionStoresExactlyTheRecordsThatChanged() throws Exception {
        List<String> corrected = new ArrayList<>(extract);
        int address = indexOf(corrected, "002");
        StringBuilder moved = new StringBuilder(corrected.get(address));
        RecordType.ADDRESS.field("VEJKOD").write(moved, "9999");
        corrected.set(address, moved.toString());
        int name = indexOf(corrected, "008");
        StringBuilder renamed = new StringBuilder(corrected.get(name));
        RecordType.NAME.field("FORNVN").write(renamed, "Syntetiske");
        corrected.set(name, renamed.toString());

        FileOutcome outcome = ingest("U12170-P.corrected", body(corrected));
        assertThat(outcome.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(outcome.accepted()).as(outcome.toJson()).isEqualTo(2);
        latest = corrected;
    }

    @Test
    @Order(4)
    void custodyThatEndedAndWasGivenAgainIsTwoPeriods() throws Exception {
        // a child whose mother the CPR names (015), with custody "by the mother" (016 type 0003) twice
        String child = extract.stream().filter(l -> l.startsWith("015") && !RecordType.PARENTS.field("PNRMOR").read(l).matches("0*"))
                .map(l -> RecordType.PERSON.field("PNR").read(l)).findFirst().orElseThrow();
        List<String> middle = new ArrayList<>(latest.subList(1, latest.size() - 1));
        middle.add(custody(child, "2019-02-01", "2020-06-30"));
        middle.add(custody(child, "2021-03-01", null));
        String pid = "x'" + pipeline.keys.pseudonym("159", child).hex() + "'";
        String periods = "SELECT COUNT(*) FROM relation WHERE type = 'CUSTODY_BY_MOTHER' AND from_pid = " + pid + " AND to_pid = " + pid
                + " AND start_date IN ('2019-02-01', '2021-03-01')";
        assertThat(count(periods)).isZero();

        FileOutcome outcome = ingest("U12170-P.custody", withFrame(middle));
        assertThat(outcome.status()).isEqualTo(FileOutcome.Status.COMPLETED);
        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(count(periods)).isEqualTo(2);
        assertThat(count(periods + " AND end_date IS NULL")).as("the second period is open").isOne();
    }

    @Test
    @Order(5)
    void anExtractWhoseEndRecordDoesNotCountItsRecordsIsRefused() throws Exception {
        List<String> cut = new ArrayList<>(extract);
        cut.remove(extract.size() / 2);
        FileOutcome outcome = ingest("U12170-P.cut", body(cut));
        assertThat(outcome.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(outcome.reason()).contains("end record (999) counts " + records).contains("holds " + (records - 1))
                .contains("Deliver the complete extract again");

        FileOutcome truncated = ingest("U12170-P.truncated", body(extract.subList(0, extract.size() - 1)));
        assertThat(truncated.status()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(truncated.reason()).contains("no end record (999)");
    }

    static String custody(String child, String start, String end) {
        StringBuilder r = RecordType.CUSTODY.blank();
        RecordType.CUSTODY.field("PNR").write(r, child);
        RecordType.CUSTODY.field("RELTYP-FORAELDREMYN").write(r, "0003");
        RecordType.CUSTODY.field("START_DT-FORAELDREMYN").write(r, start);
        RecordType.CUSTODY.field("SLET_DT-FORAELDREMYN").write(r, end);
        return r.toString();
    }

    /** The records between a start record and an end record that counts them. */
    static String withFrame(List<String> middle) {
        List<String> all = new ArrayList<>(middle.size() + 2);
        all.add(extract.get(0));
        all.addAll(middle);
        StringBuilder end = RecordType.END.blank();
        RecordType.END.field("TAELLER").write(end, String.valueOf(middle.size()));
        all.add(end.toString());
        return body(all);
    }

    static String body(List<String> lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    static int indexOf(List<String> lines, String type) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(type)) {
                return i;
            }
        }
        throw new AssertionError("no record " + type);
    }

    static FileOutcome ingest(String name, String body) throws IOException {
        Path file = dir.resolve("incoming").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, body, StandardCharsets.ISO_8859_1);
        return pipeline.ingest("cpr", file);
    }

    static long count(String sql) throws Exception {
        try (Connection c = pipeline.db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
