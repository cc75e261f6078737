// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.embeddeddb.TestDatabase;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * Every adapter's exports, written by the project's own generator and then damaged line by line (by seed): cut
 * short, fields garbled, random text, a line of 100,000 characters, a byte sequence broken in two, empty lines,
 * delimiters swapped, lines swapped. Through the real routes into the real pipeline on MariaDB, every file completes
 * or is refused for a stated reason of the whole file, every line is accounted for, no reason names an exception,
 * and the undamaged files still ingest afterwards.
 */
@org.junit.jupiter.api.Tag("long")
class IngestFuzzIT {

    static final long SEED = 20_261_203L;
    static final int CITIZENS = 24_000;
    static final double DAMAGED = 0.55;
    static final Pattern JAVA_ISH = Pattern.compile("[A-Za-z]+(Exception|Error)\\b|\\bat [a-z]+\\.[a-z]+\\.|java\\.|org\\.apache");

    @TempDir
    Path dir;

    static List<SourceAdapter> adapters() throws IOException {
        Properties ydelser = new Properties();
        try (Reader r = Files.newBufferedReader(LauncherIT.REPO.resolve("adapters/dk.tidlig.adapter.csv/examples/dk.tidlig.adapter.csv-ydelser.cfg"),
                StandardCharsets.UTF_8)) {
            ydelser.load(r);
        }
        Map<String, Object> mapping = new HashMap<>();
        ydelser.forEach((k, v) -> mapping.put((String) k, v));
        Pipeline.CONFIG.put((String) mapping.get("adapterId"), mapping);
        return List.of(
                new dk.tidlig.adapter.cpr.internal.CprAdapter(),
                new dk.tidlig.adapter.csv.internal.GenericCsvAdapter(mapping),
                new dk.tidlig.adapter.dental.internal.DentalAdapter(),
                new dk.tidlig.adapter.employment.internal.EmploymentAdapter(),
                new dk.tidlig.adapter.fhir.internal.FhirAdapter(),
                new dk.tidlig.adapter.healthvisitor.internal.HealthVisitorAdapter(),
                new dk.tidlig.adapter.notifications.internal.NotificationAdapter(),
                new dk.tidlig.adapter.schoolabsence.internal.SchoolAbsenceAdapter(),
                new dk.tidlig.adapter.substanceabuse.internal.SubstanceAbuseAdapter());
    }

    @Test
    void everyDamagedExportCompletesOrIsRefusedWholeAndEveryLineIsAccountedFor() throws Exception {
        try (Pipeline p = Pipeline.start("fuzz", dir, adapters())) {
            TestDatabase db = p.db;
            Map<String, SourceAdapter> deployed = p.adapters;
            CamelContext camel = p.camel;
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                SyntheticData data = PopulationGenerator.generate(CITIZENS, SEED, LocalDate.now(), "159", 0.0).data();
                Random random = new Random(SEED);
                long damaged = 0;
                long lines = 0;
                List<Path> clean = new ArrayList<>();
                Map<String, Long> refused = new LinkedHashMap<>();
                for (Map.Entry<String, SourceAdapter> e : deployed.entrySet()) {
                    String id = e.getKey();
                    Charset charset = p.settings.get(id).charset();
                    for (WrittenFile w : e.getValue().exportWriter().write(data, dir.resolve("clean").resolve(id), new Random(SEED + id.hashCode()))) {
                        clean.add(w.file());
                        Path mutated = dir.resolve("damaged").resolve(id).resolve(w.file().getFileName());
                        Files.createDirectories(mutated.getParent());
                        long[] counts = damage(w.file(), mutated, charset, random, id.equals("cpr"));
                        damaged += counts[0];
                        FileOutcome o = template.requestBody(SourceAdapter.ingestEndpoint(id), mutated.toFile(), FileOutcome.class);
                        String what = id + " " + mutated.getFileName() + ": " + o.toJson();
                        assertThat(o.status()).as(what).isIn(FileOutcome.Status.COMPLETED, FileOutcome.Status.REJECTED);
                        assertThat(o.accepted() + o.duplicates() + o.quarantined() + o.skipped()).as(what).isEqualTo(o.lines());
                        if (o.status() == FileOutcome.Status.COMPLETED) {
                            assertThat(o.lines()).as("every line of the file is accounted for: " + what).isEqualTo(counts[1]);
                            lines += o.lines();
                        } else {
                            assertThat(o.reason()).as(what).isNotBlank().doesNotContainPattern(JAVA_ISH);
                            refused.put(id + " " + mutated.getFileName(), counts[1]);
                        }
                    }
                }
                System.out.printf("IngestFuzzIT: %,d damaged lines, %,d lines read through %d adapters%n", damaged, lines, deployed.size());
                assertThat(damaged).as("damaged lines in all").isGreaterThanOrEqualTo(100_000);
                assertThat(lines).as("lines read through completed deliveries").isGreaterThan(150_000);
                assertThat(refused).as("no file refused whole for damage to some of its lines").isEmpty();
                try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                        "SELECT reason, COUNT(*) FROM quarantine GROUP BY reason")) {
                    int reasons = 0;
                    while (rs.next()) {
                        reasons++;
                        assertThat(rs.getString(1)).as("a quarantine reason").doesNotContainPattern(JAVA_ISH);
                    }
                    assertThat(reasons).isGreaterThan(20);
                }
                // the routes still run, and the undamaged files ingest whole
                for (Path f : clean) {
                    String id = f.getParent().getFileName().toString();
                    FileOutcome o = template.requestBody(SourceAdapter.ingestEndpoint(id), f.toFile(), FileOutcome.class);
                    assertThat(o.status()).as(id + " " + f.getFileName()).isEqualTo(FileOutcome.Status.COMPLETED);
                    assertThat(o.quarantined()).as(id + " " + f.getFileName()).isZero();
                }
            }
        }
    }

    /**
     * Writes a damaged copy of the file: about {@link #DAMAGED} of its lines are changed in place (the line count stays,
     * and so does a CPR extract's end record with its count). Returns {damaged lines, lines}.
     */
    static long[] damage(Path clean, Path target, Charset charset, Random random, boolean cpr) throws IOException {
        byte[] all = Files.readAllBytes(clean);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
        }
        long damaged = 0;
        boolean huge = false;
        int broken = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(all.length + 200_000);
        for (int n = 0; n < lines.size(); n++) {
            byte[] line = lines.get(n);
            String text = new String(line, charset);
            boolean keep = n == 0 || (cpr && (text.startsWith("000") || text.startsWith("999"))) || random.nextDouble() >= DAMAGED;
            if (!keep) {
                damaged++;
                int kind = huge ? random.nextInt(8) : 8;
                if (kind == 3 && ++broken > 5) {
                    kind = 1; // a few broken lines are quarantined; a file mostly broken would be refused as not UTF-8
                }
                if (cpr && (kind == 4 || kind == 0 && text.length() < 2)) {
                    kind = 1; // a CPR extract's end record counts its records: an emptied line would be a record missing, and the file refused
                }
                line = switch (kind) {
                    case 0 -> text.substring(0, (cpr ? 1 : 0) + random.nextInt(Math.max(1, text.length() - 1))).getBytes(charset); // cut short
                    case 1 -> garble(text, random).getBytes(charset);                                           // fields garbled
                    case 2 -> printable(random, 1 + random.nextInt(200)).getBytes(charset);                    // random text
                    case 3 -> brokenSequence(text, charset);                                                   // a character cut in two
                    case 4 -> new byte[0];                                                                      // empty
                    case 5 -> text.replace(';', ',').replace('|', ';').getBytes(charset);                      // delimiters swapped
                    case 6 -> otherLine(lines, random, cpr, charset);                                          // another line's content
                    case 7 -> (text.length() > 3 ? text.substring(0, 3) + printable(random, 40) : text).getBytes(charset); // a record type, then noise
                    default -> {
                        huge = true;
                        yield ("x".repeat(100_000)).getBytes(charset);                                         // one line of 100,000 characters
                    }
                };
                if (cpr && new String(line, charset).isBlank()) {
                    line = garble(text, random).getBytes(charset);
                }
            }
            out.write(line);
            out.write('\n');
        }
        Files.write(target, out.toByteArray());
        return new long[] {damaged, lines.size()};
    }

    /** Another line of the file; in a CPR extract never its start or end record, which would end the extract there. */
    static byte[] otherLine(List<byte[]> lines, Random random, boolean cpr, Charset charset) {
        while (true) {
            byte[] other = lines.get(random.nextInt(lines.size()));
            String text = new String(other, charset);
            if (!cpr || !(text.startsWith("000") || text.startsWith("999"))) {
                return other;
            }
        }
    }

    static String garble(String line, Random random) {
        char[] c = line.toCharArray();
        for (int k = 0; k < 1 + random.nextInt(6) && c.length > 0; k++) {
            c[random.nextInt(c.length)] = (char) (0x20 + random.nextInt(0x5F));
        }
        return new String(c);
    }

    static String printable(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) (0x20 + random.nextInt(0x5F)));
        }
        return sb.toString();
    }

    /** In UTF-8: the line with one multi-byte character cut in two (its last byte dropped); elsewhere the line cut short. */
    static byte[] brokenSequence(String text, Charset charset) {
        byte[] b = (text + "ø").getBytes(charset);
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return java.util.Arrays.copyOf(b, Math.max(0, b.length / 2));
        }
        return java.util.Arrays.copyOf(b, b.length - 1);
    }
}
