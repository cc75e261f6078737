// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.ScoringService;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.Users;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.Database;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * {@code bin/tidlig benchmark --citizens N}: the project's measure of speed and memory. Generates a
 * synthetic municipality, ingests every deployed adapter's files through the adapter's real ingest route
 * (the one bin/tidlig import uses), scores it, and prints one JSON line per step and a summary with
 * throughput and the heap's peak. Beside tidlig's ingest it measures the database's own limit on the same
 * server in the same run: MariaDB's {@code LOAD DATA LOCAL INFILE} of the same files, one row per line, and
 * the summary gives tidlig's ingest speed as a share of it ({@code ratio_to_limit}), a figure that does not
 * depend on how fast the (shared) machine is that day. Run it against the demo's database with
 * {@code --demo}; it adds to whatever data that database holds.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=benchmark")
public class BenchmarkCommand implements TidligCommand {

    private final BundleContext context;
    private final CamelContext camel;
    private final ScoringService scoring;
    private final Tenant tenant;
    private final dk.tidlig.evidence.EvidenceService evidence;
    private final dk.tidlig.evidence.ModelActivation activation;
    private final Database database;
    private final Users users;
    /**
     * Concurrent users of the worklist load test unless --load-users says otherwise (0: none); the seconds it measures
     * at least unless --load-seconds does (the delivery is made again until then); and how long it may run on past
     * them while the delivery in progress ends.
     */
    static final int LOAD_USERS = 50;
    static final int LOAD_SECONDS = 30;
    static final java.time.Duration LOAD_OVERRUN = java.time.Duration.ofMinutes(2);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<dk.tidlig.adapter.AdapterInbox> inboxes = List.of(); // adapters whose routes the platform built

    @Activate
    public BenchmarkCommand(BundleContext context, @Reference CamelContext camel, @Reference ScoringService scoring, @Reference Tenant tenant,
            @Reference dk.tidlig.evidence.EvidenceService evidence, @Reference dk.tidlig.evidence.ModelActivation activation,
            @Reference Database database, @Reference Users users) {
        this.context = context;
        this.users = users;
        this.database = database;
        this.evidence = evidence;
        this.activation = activation;
        this.camel = camel;
        this.scoring = scoring;
        this.tenant = tenant;
    }

    @Override
    public String usage() {
        return "benchmark --citizens N [--seed S] [--load-users N] [--load-think-ms MS] [--load-seconds S] [--part-citizens N] [--keep]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        CommandArguments a = new CommandArguments(args, Set.of("--citizens", "--seed", "--load-users", "--load-think-ms", "--load-seconds",
                "--part-citizens"),
                Set.of("--keep"));
        if (a.text("--citizens", null) == null) {
            throw new IllegalArgumentException("--citizens is required");
        }
        int citizens = a.number("--citizens", 0, 100, 10_000_000);
        long seed = a.seed("--seed", 2018);
        LocalDate today = LocalDate.now();
        String municipality = tenant.municipalityCode();
        List<SourceAdapter> deployed = Delivery.sorted(dk.tidlig.adapter.DeployedAdapters.awaitStable(() -> inboxes.stream().map(dk.tidlig.adapter.AdapterInbox::adapter).toList(), dk.tidlig.adapter.DeployedAdapters.expected(context), System.err));
        try (HeapPeak heap = new HeapPeak()) {
            return run(a, citizens, seed, today, municipality, deployed, heap, out);
        }
    }

    private int run(CommandArguments a, int citizens, long seed, LocalDate today, String municipality, List<SourceAdapter> deployed, HeapPeak heap,
            PrintStream out) throws Exception {
        long t0 = System.nanoTime();

        Path dir = Files.createDirectories(Path.of(context.getProperty("tidlig.home"), "var", "benchmark", "run-" + System.currentTimeMillis()));
        List<WrittenFile> files = new ArrayList<>();
        List<SourceAdapter> owners = new ArrayList<>();
        int partCitizens = a.number("--part-citizens", GenerateCommand.PART_CITIZENS, 1, 10_000_000);
        boolean inParts = citizens > partCitizens;
        long[] events = new long[2]; // events, parts
        // generated a part at a time, each written while the next is generated, so the heap holds two parts and not the whole population
        try (PartWriter parts = new PartWriter(deployed, index -> inParts ? dir.resolve(GenerateCommand.partFolder(index)) : dir,
                index -> GenerateCommand.partSeed(seed, index), (index, part, byAdapter) -> {
                    for (int i = 0; i < deployed.size(); i++) {
                        for (WrittenFile w : byAdapter.get(i)) {
                            files.add(w);
                            owners.add(deployed.get(i));
                        }
                    }
                    events[0] += part.data().events().size();
                    events[1]++;
                })) {
            PopulationGenerator.generate(citizens, seed, today, municipality, 0.0, partCitizens, parts);
            parts.finish();
        }
        double generateSeconds = seconds(t0);
        out.printf(Locale.ROOT, "{\"step\":\"generate\",\"citizens\":%d,\"events\":%d,\"parts\":%d,\"files\":%d,\"seconds\":%.1f}%n", citizens,
                events[0], events[1], files.size(), generateSeconds);

        CpuTimes cpu = CpuTimes.of(database.dataSource());
        long bufferPoolMb = DatabaseLimit.bufferPoolMb(database.dataSource());
        CpuTimes.Sample beforeLimit = cpu.sample();
        DatabaseLimit.Result limit = DatabaseLimit.measure(database.dataSource(), files.stream().map(WrittenFile::file).toList());
        out.printf(Locale.ROOT, "{\"step\":\"limit\",\"method\":\"LOAD DATA LOCAL INFILE\",\"lines\":%d,\"seconds\":%.1f,\"lines_per_second\":%.0f,"
                + "\"buffer_pool_mb\":%d%s}%n", limit.lines(), limit.seconds(), limit.linesPerSecond(), bufferPoolMb,
                cpu.sample().coresSince(beforeLimit));

        long lines = 0;
        long ingestStart = System.nanoTime();
        CpuTimes.Sample beforeIngest = cpu.sample();
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            for (int i = 0; i < files.size(); i++) {
                String id = owners.get(i).descriptor().id();
                Path file = files.get(i).file();
                long t = System.nanoTime();
                CpuTimes.Sample before = cpu.sample();
                FileOutcome o = deliver(template, id, file);
                double s = seconds(t);
                lines += o.lines();
                out.printf(Locale.ROOT, "{\"step\":\"ingest\",\"adapter\":\"%s\",\"status\":\"%s\",\"lines\":%d,\"accepted\":%d,\"duplicates\":%d,"
                        + "\"quarantined\":%d,\"seconds\":%.3f,\"lines_per_second\":%.0f%s}%n", id, o.status().name().toLowerCase(Locale.ROOT), o.lines(),
                        o.accepted(), o.duplicates(), o.quarantined(), s, o.lines() / Math.max(s, 0.001), cpu.sample().coresSince(before));
            }
        }
        String ingestCores = cpu.sample().coresSince(beforeIngest, "ingest_cores");
        double ingestSeconds = seconds(ingestStart);
        double ingestRate = lines / Math.max(ingestSeconds, 0.001);

        long evaluateStart = System.nanoTime();
        if (activation.active(municipality).isEmpty() && Boolean.parseBoolean(context.getProperty("tidlig.demo"))) {
            // the demo's home: evaluated and activated as the demo does it (a real installation activates by hand)
            DemoActivation.evaluateAndActivate(evidence, activation, municipality, true, null, new PrintStream(OutputStream.nullOutputStream()));
        }
        out.printf(Locale.ROOT, "{\"step\":\"evaluate\",\"seconds\":%.1f}%n", seconds(evaluateStart));
        long scoreStart = System.nanoTime();
        ScoreRun run = scoring.run(municipality, today);
        double scoreSeconds = seconds(scoreStart);
        out.printf(Locale.ROOT, "{\"step\":\"score\",\"run\":%d,\"families\":%d,\"flagged\":%d,\"seconds\":%.1f}%n", run.id(), run.familiesScored(),
                run.familiesFlagged(), scoreSeconds);
        int loadUsers = a.number("--load-users", LOAD_USERS, 0, 500);
        java.time.Duration think = java.time.Duration.ofMillis(a.number("--load-think-ms", 0, 0, 60_000));
        java.time.Duration window = java.time.Duration.ofSeconds(a.number("--load-seconds", LOAD_SECONDS, 1, 3_600));
        WorklistLoad.Result load = loadUsers == 0 ? null : worklistUnderLoad(municipality, files, owners, loadUsers, think, window, cpu, out);
        out.printf(Locale.ROOT, "{\"step\":\"total\",\"citizens\":%d,\"lines\":%d,\"ingest_seconds\":%.1f,\"ingest_lines_per_second\":%.0f,"
                + "\"limit_lines_per_second\":%.0f,\"ratio_to_limit\":%.3f,\"score_seconds\":%.1f,\"seconds\":%.1f,\"heap_peak_mb\":%d,"
                + "\"heap_max_mb\":%d,\"worklist_p95_ms\":%s%s}%n", citizens, lines, ingestSeconds, ingestRate, limit.linesPerSecond(),
                ingestRate / limit.linesPerSecond(), scoreSeconds, seconds(t0), heap.peakMb(), Runtime.getRuntime().maxMemory() >> 20,
                load == null ? "null" : String.format(Locale.ROOT, "%.1f", load.p95Ms()), ingestCores);
        if (!a.flag("--keep")) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a left-over folder in var/benchmark is harmless
            }
        }
        return 0;
    }

    /**
     * The worklist API under load while a delivery runs: {@link #LOAD_USERS} outreach workers ask for the worklist over
     * HTTP while the largest delivery (the CPR extract) is delivered again through its route, and again, until the
     * window has passed; the load ends with the delivery in progress then, so that every request is answered during
     * one. A short delivery alone would leave a p95 resting on a dozen requests. They sign in as local users of the
     * benchmark's own (benchmark-load-01 …), which are disabled again afterwards.
     *
     * @return null when this run has no web server
     */
    private WorklistLoad.Result worklistUnderLoad(String municipality, List<WrittenFile> files, List<SourceAdapter> owners, int loadUsers,
            java.time.Duration think, java.time.Duration window, CpuTimes cpu, PrintStream out) throws Exception {
        String port = context.getProperty("org.osgi.service.http.port");
        if (!Boolean.parseBoolean(context.getProperty("org.apache.felix.http.enable")) || port == null) {
            out.println("{\"step\":\"worklist\",\"skipped\":\"no web server in this run\"}");
            return null;
        }
        int largest = 0;
        for (int i = 1; i < files.size(); i++) {
            if (Files.size(files.get(i).file()) > Files.size(files.get(largest).file())) {
                largest = i;
            }
        }
        String id = owners.get(largest).descriptor().id();
        Path file = files.get(largest).file();
        List<String[]> credentials = new ArrayList<>();
        java.util.concurrent.ExecutorService delivery = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (int u = 1; u <= loadUsers; u++) {
                String user = String.format(Locale.ROOT, "benchmark-load-%02d", u);
                Optional<Users.Account> existing = users.find(user);
                if (existing.isPresent()) {
                    if (existing.get().role() != Role.OUTREACH_WORKER || !existing.get().tenant().equals(municipality)) {
                        throw new IllegalStateException("the user " + user + " exists with another role or municipality; remove it or run "
                                + "the benchmark with --load-users 0");
                    }
                    credentials.add(new String[] {user, users.resetPassword(user)});
                    users.setDisabled(user, false);
                } else {
                    credentials.add(new String[] {user, users.add(municipality, user, Role.OUTREACH_WORKER)});
                }
            }
            WorklistLoad load = new WorklistLoad(Integer.parseInt(port), credentials);
            int status = load.awaitUp(java.time.Duration.ofSeconds(60));
            if (status != 200) {
                out.printf(Locale.ROOT, "{\"step\":\"worklist\",\"skipped\":\"the worklist API answered %d\"}%n", status);
                return null;
            }
            status = load.signIn();
            if (status != 200) {
                out.printf(Locale.ROOT, "{\"step\":\"worklist\",\"skipped\":\"a load user's sign-in was answered %d\"}%n", status);
                return null;
            }
            long t = System.nanoTime();
            CpuTimes.Sample before = cpu.sample();
            long windowEnd = t + window.toNanos();
            java.util.concurrent.Future<Redeliveries> ingest = delivery.submit(() -> {
                int n = 0;
                long delivered = 0;
                try (ProducerTemplate template = camel.createProducerTemplate()) {
                    do {
                        delivered += deliver(template, id, file).lines();
                        n++;
                    } while (System.nanoTime() < windowEnd && !Thread.currentThread().isInterrupted());
                }
                return new Redeliveries(n, delivered);
            });
            WorklistLoad.Result r = load.run(ingest::isDone, window.plus(LOAD_OVERRUN), think);
            Redeliveries d;
            try {
                d = ingest.get(30, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failed ? failed : e;
            }
            out.printf(Locale.ROOT, "{\"step\":\"worklist\",\"users\":%d,\"think_ms\":%d,\"requests\":%d,\"failed\":%d,\"p50_ms\":%.1f,\"p95_ms\":%.1f,"
                    + "\"p99_ms\":%.1f,\"max_ms\":%.1f,\"seconds\":%.1f,\"requests_per_second\":%.0f,\"while\":\"%s delivered again\","
                    + "\"deliveries\":%d,\"delivery_lines\":%d,\"delivery_seconds\":%.1f%s,\"outcomes\":{%s}}%n", r.users(), think.toMillis(), r.requests(),
                    r.failed(), r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.seconds(), r.requests() / Math.max(r.seconds(), 0.001), id, d.deliveries(),
                    d.lines(), seconds(t), cpu.sample().coresSince(before),
                    r.outcomes().entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                            .collect(java.util.stream.Collectors.joining(",")));
            return r;
        } finally {
            delivery.shutdownNow();
            for (String[] c : credentials) {
                try {
                    users.setDisabled(c[0], true);
                } catch (RuntimeException e) {
                    out.printf(Locale.ROOT, "{\"step\":\"worklist\",\"warning\":\"the user %s could not be disabled again: "
                            + "bin/tidlig users disable %s\"}%n", c[0], c[0]);
                }
            }
        }
    }

    /** Delivers the file through the adapter's route, as the inbox would; a delivery that fails fails the benchmark. */
    private static FileOutcome deliver(ProducerTemplate template, String adapter, Path file) {
        Exchange ex = template.send(SourceAdapter.ingestEndpoint(adapter), e -> {
            e.getIn().setBody(file.toFile());
            e.getIn().setHeader(SourceAdapter.DELIVERED_BY, "benchmark");
        });
        if (ex.getException() != null) {
            throw new IllegalStateException(adapter + " could not ingest " + file.getFileName() + ": " + ex.getException().getMessage());
        }
        return ex.getMessage().getBody(FileOutcome.class);
    }

    /** The deliveries made during the worklist's load and their lines. */
    private record Redeliveries(int deliveries, long lines) {
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
