// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.ScoringService;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IngestStore;
import dk.tidlig.store.TrialStore;
import dk.tidlig.core.outreach.Outreach;
import dk.tidlig.synth.internal.population.Population;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * {@code bin/tidlig demo}: generates a synthetic municipality, delivers it to the inboxes of the
 * deployed adapters (so it runs through their real routes), waits for every file to be ingested, evaluates the
 * configured model on the municipality's history and has it activated by the demo's administrator and data protection
 * officer (no model runs unevaluated), runs it and prints the top of the explained list with the evaluation's figures. Output shows pseudonymous family ids,
 * points and indicators only: no CPR number, name or address.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=demo")
public class DemoCommand implements TidligCommand {

    private static final int DEFAULT_CITIZENS = 4000;
    private static final long DEFAULT_SEED = 2018;
    /** Share of records each writer breaks on purpose, to show quarantine. */
    private static final double BROKEN_SHARE = 0.002;
    private static final Duration INGEST_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration PICK_UP_TIMEOUT = Duration.ofSeconds(60);

    private final BundleContext context;
    private final ScoringService scoring;
    private final Tenant tenant;
    private final IngestStore ingest;
    private final LegalBasisGate gate;
    private final EvidenceService evidence;
    private final ModelActivation activation;
    private final Outreach outreach;
    private final TrialStore trial;

    /** The deployed adapters' inboxes, as the platform runs them. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<AdapterInbox> inboxes = List.of();

    @Activate
    public DemoCommand(BundleContext context, @Reference ScoringService scoring, @Reference Tenant tenant, @Reference IngestStore ingest,
            @Reference LegalBasisGate gate, @Reference EvidenceService evidence, @Reference ModelActivation activation, @Reference Outreach outreach,
            @Reference TrialStore trial) {
        this.outreach = outreach;
        this.trial = trial;
        this.context = context;
        this.evidence = evidence;
        this.activation = activation;
        this.scoring = scoring;
        this.tenant = tenant;
        this.ingest = ingest;
        this.gate = gate;
    }

    @Override
    public String usage() {
        return "demo [--once] [--citizens N] [--seed S] [--trial [--effect E] [--acceptance A] [--capacity N]]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        CommandArguments a = new CommandArguments(args, Set.of("--citizens", "--seed", "--effect", "--acceptance", "--capacity"),
                Set.of("--once", "--trial"));
        int citizens = a.number("--citizens", DEFAULT_CITIZENS, 100, 2_000_000);
        long seed = a.seed("--seed", DEFAULT_SEED);
        LocalDate today = LocalDate.now();
        String municipality = tenant.municipalityCode();
        boolean trialDemo = a.flag("--trial");
        // --capacity is the launcher's (it writes the demo's configuration); read here only so that it is known
        a.number("--capacity", 1, 1, 100_000);
        TrialSimulation simulation = trialDemo ? new TrialSimulation(a.share("--effect", DEFAULT_EFFECT), a.share("--acceptance",
                DEFAULT_ACCEPTANCE), TrialSimulation.lotteryDay(today), seed) : null;
        if (!trialDemo && (a.has("--effect") || a.has("--acceptance"))) {
            throw new IllegalArgumentException("--effect and --acceptance belong to --trial");
        }

        List<SourceAdapter> deployed = dk.tidlig.adapter.DeployedAdapters.awaitStable(() -> inboxes.stream().map(AdapterInbox::adapter).toList(), dk.tidlig.adapter.DeployedAdapters.expected(context), out);
        Population population = PopulationGenerator.generate(citizens, seed, today, municipality, BROKEN_SHARE);
        out.printf(Locale.ROOT, "Generated a synthetic municipality (%s, seed %d): %,d persons, %,d children, %,d events%n", municipality, seed,
                population.data().persons().size(), population.truth().size(), population.data().events().size());
        dk.tidlig.adapter.SyntheticData delivered = population.data();
        if (trialDemo) {
            delivered = simulation.history(population.data());
            out.printf(Locale.ROOT, "An outreach trial: the lottery of offers as of %s; the %,d outcome events after that day are held back "
                    + "until the outreach has been worked.%n", TrialSimulation.lotteryDay(today), population.data().events().size() - delivered.events().size());
        }
        Path staging = Path.of(context.getProperty("tidlig.home"), "var", "demo", "staging");
        List<SourceAdapter> sorted = Delivery.sorted(deployed);
        deliverAndAwait(sorted, delivered, staging, seed, out);

        out.println();
        out.println("No model runs unevaluated: evaluating the configured model on the municipality's history ...");
        LocalDate scoreDay = trialDemo ? TrialSimulation.lotteryDay(today) : today;
        Evaluation evaluation = DemoActivation.evaluateAndActivate(evidence, activation, municipality,
                Boolean.parseBoolean(context.getProperty("tidlig.demo")), trialDemo ? scoreDay.minusMonths(evidence.outcome().months()) : null, out);
        ScoreRun run = scoring.run(municipality, scoreDay);
        out.println();
        out.println(describe(run));
        if (trialDemo) {
            runTrial(simulation, population.data(), run, sorted, staging, seed, out);
            return 0;
        }
        List<FamilyScore> flagged = scoring.results(run.id(), true, 10);
        if (!flagged.isEmpty()) {
            print(out, run, flagged, sourceNames(deployed), "The %d highest of the %,d flagged families");
        } else {
            out.println("No family meets the model's flag rule with the data of these adapters.");
            print(out, run, scoring.results(run.id(), false, 10), sourceNames(deployed), "The %d highest scores (none flagged; %,d flagged)");
        }
        out.printf(Locale.ROOT, "Evidence behind this list: AUC %.3f (%.3f-%.3f) and precision %.1f %% at the list in a back-test as of %s "
                + "(evaluation %s); the model card shows it all.%n", evaluation.auc(), evaluation.aucLow(), evaluation.aucHigh(),
                100 * evaluation.precisionAtList(), evaluation.asOf(), evaluation.model() + " " + evaluation.version());
        gate.configured().filter(b -> b.syntheticOnly()).ifPresent(b -> out.println("Legal basis: " + b.id() + " - " + b.title()));
        if (a.flag("--once")) {
            return 0;
        }
        out.println();
        String base = "http://" + context.getProperty("org.apache.felix.http.host") + ":" + context.getProperty("org.osgi.service.http.port");
        out.println("The caseworkers' application: " + base + "/app/ - sign in as opsoeger (outreach worker), teamleder (team lead),");
        out.println("analytiker (analyst), admin (administrator), revisor (auditor) or dpo (data protection officer), password: demo.");
        out.println("tidlig keeps running: it reads new files in var/demo/inbox/<adapter>; health at " + base
                + "/health. Stop it with Ctrl+C.");
        return KEEP_RUNNING;
    }

    private static final double DEFAULT_EFFECT = 0.5;
    private static final double DEFAULT_ACCEPTANCE = 0.7;

    /** The trial after the lottery's run: the outreach worked, the follow-up delivered, the truth written. */
    private void runTrial(TrialSimulation simulation, dk.tidlig.adapter.SyntheticData all, ScoreRun run, List<SourceAdapter> sorted, Path staging,
            long seed, PrintStream out) throws Exception {
        TrialStore.Draw draw = trial.draw(run.id()).orElseThrow(() -> new IllegalStateException("the score run drew no lottery: the trial demo "
                + "needs offerOrder = LOTTERY and a legal basis that names it (the launcher writes both for demo --trial)"));
        out.printf(Locale.ROOT, "Lottery of run %d: %,d flagged households drawn, %,d offered help (the capacity), %,d wait-listed.%n", run.id(),
                draw.eligible(), draw.offered(), draw.waitListed());
        TrialSimulation.Worked worked = simulation.work(outreach, run.municipalityCode());
        out.printf(Locale.ROOT, "The outreach worker (%s) contacted the %,d offered households through the workflow: %,d accepted, %,d declined "
                + "(and were erased).%n", TrialSimulation.WORKER, worked.offered(), worked.accepted(), worked.declined());
        Map.Entry<dk.tidlig.adapter.SyntheticData, TrialSimulation.Truth> followUp = simulation.followUp(all, worked);
        TrialSimulation.Truth truth = followUp.getValue();
        out.printf(Locale.ROOT, "Follow-up: %,d outcome events after the lottery delivered through the adapters, with the CPR register again; "
                + "the help prevented the outcomes of %,d of the %,d accepting households.%n", truth.delivered(), truth.prevented(), truth.accepted());
        deliverAndAwait(sorted, followUp.getKey(), staging.resolve("follow-up"), seed + 1, out);
        Path truthFile = Path.of(context.getProperty("tidlig.home"), "var", "demo", "trial-truth.json");
        simulation.writeTruth(truthFile, truth);
        for (int m : TrialSimulation.MONTHS) {
            double[] v = truth.byMonths().get(m);
            out.printf(Locale.ROOT, "True effect within %d months: %+.3f among the offered (intention to treat), %+.3f among the accepting.%n", m,
                    v[0], v[1]);
        }
        out.println("The truth is in " + truthFile + "; measure the effect with: bin/tidlig evaluate effect --demo");
    }

    private void deliverAndAwait(List<SourceAdapter> sorted, dk.tidlig.adapter.SyntheticData data, Path staging, long seed, PrintStream out)
            throws Exception {
        List<List<WrittenFile>> written = new ArrayList<>();
        for (SourceAdapter adapter : sorted) {
            // a source with nothing to deliver (a trial's follow-up holds outcome events and the register only) sends no file
            written.add(Delivery.write(adapter, data, staging, seed).stream().filter(w -> w.records() > 0).toList());
        }
        int idWidth = width(sorted.stream().map(ad -> ad.descriptor().id()));
        int fileWidth = width(written.stream().flatMap(List::stream).map(w -> w.file().getFileName().toString()));
        String deliveredLine = "  %-" + idWidth + "s %-" + fileWidth + "s %,8d records, %d broken on purpose%n";
        String ingestedLine = "  %-" + idWidth + "s %-" + fileWidth + "s %-9s %,8d accepted %,6d duplicates %,5d quarantined %,6d skipped%n";
        List<Delivery> deliveries = new ArrayList<>();
        out.println("Delivering it to the inboxes of the deployed adapters:");
        for (int i = 0; i < sorted.size(); i++) {
            for (WrittenFile w : written.get(i)) {
                Delivery d = Delivery.deliver(sorted.get(i), inbox(sorted.get(i)), w);
                deliveries.add(d);
                out.printf(Locale.ROOT, deliveredLine, sorted.get(i).descriptor().id(), d.file().getFileName(), d.records(), d.broken());
            }
        }
        out.println("Waiting for the adapters' routes to ingest them ...");
        for (Delivery d : deliveries) {
            FileRecord r = await(d);
            out.printf(Locale.ROOT, ingestedLine, r.adapterId(), r.fileName(), r.status().toLowerCase(Locale.ROOT), r.accepted(),
                    r.duplicates(), r.quarantined(), r.skipped());
        }
    }

    private FileRecord await(Delivery d) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + INGEST_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<FileRecord> since = ingest.filesWithContent(d.sha256()).stream()
                    .filter(r -> !r.startedAt().isBefore(d.deliveredAt().minusSeconds(2))).toList();
            Optional<FileRecord> done = since.stream().filter(r -> !r.status().equals("RUNNING")).findFirst();
            if (done.isPresent()) {
                return done.get();
            }
            if (since.isEmpty() && System.nanoTime() - start > PICK_UP_TIMEOUT.toNanos()) {
                throw new IllegalStateException("the " + d.adapter().descriptor().id() + " adapter did not pick up " + d.file().getFileName()
                        + " within " + PICK_UP_TIMEOUT.toSeconds() + " s: is its inbox route running? See var/log/tidlig-demo.log");
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the " + d.adapter().descriptor().id() + " adapter did not read " + d.file().getFileName() + " within "
                + INGEST_TIMEOUT.toMinutes() + " minutes; see var/log/tidlig-demo.log");
    }

    /** Where the platform reads the adapter's deliveries. */
    private Path inbox(SourceAdapter adapter) {
        return inboxes.stream().filter(i -> i.adapter() == adapter).findFirst()
                .orElseThrow(() -> new IllegalStateException("the adapter " + adapter.descriptor().id() + " left while the demo ran"))
                .settings().inbox();
    }

    private static Map<String, String> sourceNames(List<SourceAdapter> adapters) {
        Map<String, String> m = new HashMap<>();
        adapters.forEach(a -> m.put(a.descriptor().sourceSystem(), a.descriptor().sourceSystem()));
        return m;
    }

    static String describe(ScoreRun run) {
        return String.format(Locale.ROOT, "Score run %d with model %s %s as of %s (look-back from %s): %,d families scored, %,d flagged.",
                run.id(), run.modelId(), run.modelVersion(), run.asOf(), run.windowStart(), run.familiesScored(), run.familiesFlagged());
    }

    static void print(PrintStream out, ScoreRun run, List<FamilyScore> top, Map<String, String> sources, String heading) {
        if (top.isEmpty()) {
            out.println("No family has any points.");
            return;
        }
        out.printf(Locale.ROOT, heading + " (pseudonymous; identities are only shown to outreach staff, "
                + "with a purpose, under the legal basis):%n", top.size(), run.familiesFlagged());
        int rank = 0;
        String contributionLine = "       %,6d  %-45s %-24s %-" + width(top.stream().flatMap(f -> f.contributions().stream())
                .map(c -> sources.getOrDefault(c.sourceSystem(), c.sourceSystem()))) + "s %s%s  (%s)%n";
        for (FamilyScore f : top) {
            out.println();
            out.printf(Locale.ROOT, "%3d. %s  %,7d points  child aged %d  %d indicator%s%s%n", ++rank, f.familyId(), f.score(),
                    Period.between(f.childBirth(), run.asOf()).getYears(), f.indicators().size(), f.indicators().size() == 1 ? "" : "s",
                    f.flagged() ? "  FLAGGED" : "");
            for (Contribution c : f.contributions()) {
                out.printf(Locale.ROOT, contributionLine, c.points(), c.indicator().englishLabel(), c.role().englishLabel(),
                        sources.getOrDefault(c.sourceSystem(), c.sourceSystem()), c.start(),
                        c.end() != null ? " to " + c.end() : c.indicator().isPeriod() ? " onwards" : "", c.basis());
            }
        }
        out.println();
    }

    /** The width of the longest text, for a column of them. */
    private static int width(java.util.stream.Stream<String> texts) {
        return Math.max(1, texts.mapToInt(String::length).max().orElse(1));
    }
}
