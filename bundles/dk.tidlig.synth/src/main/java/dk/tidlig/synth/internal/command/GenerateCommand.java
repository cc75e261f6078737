// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.synth.internal.population.FamilyTruth;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * {@code bin/tidlig generate}: writes a synthetic municipality in the export format of every deployed
 * adapter ({@code <out>/<adapter-id>/}), and the latent risk and later outcomes of every child in
 * {@code <out>/truth.csv}, for evaluating models against known truth. Deterministic by seed and
 * reference date.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=generate")
public class GenerateCommand implements TidligCommand {

    private final org.osgi.framework.BundleContext context;

    @org.osgi.service.component.annotations.Activate
    public GenerateCommand(org.osgi.framework.BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<SourceAdapter> adapters = List.of();

    @Override
    public String usage() {
        return "generate --citizens N --seed S --out DIR [--reference-date yyyy-MM-dd] [--broken-share X] [--municipality NNN] [--part-citizens N]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        CommandArguments a = new CommandArguments(args, Set.of("--citizens", "--seed", "--out", "--reference-date", "--broken-share", "--municipality",
                "--part-citizens"), Set.of());
        if (a.text("--out", null) == null || a.text("--citizens", null) == null || a.text("--seed", null) == null) {
            throw new IllegalArgumentException("--citizens, --seed and --out are required");
        }
        int citizens = a.number("--citizens", 0, 1, 10_000_000);
        long seed = a.seed("--seed", 0);
        Path dir = Path.of(a.text("--out", null)).toAbsolutePath();
        LocalDate reference = a.date("--reference-date", LocalDate.now());
        double broken = a.share("--broken-share", 0.002);
        String municipality = a.text("--municipality", "159");
        int partCitizens = a.number("--part-citizens", PART_CITIZENS, 1, 10_000_000);

        List<SourceAdapter> deployed = dk.tidlig.adapter.DeployedAdapters.awaitStable(() -> adapters, dk.tidlig.adapter.DeployedAdapters.expected(context), System.err);
        long t0 = System.nanoTime();
        Files.createDirectories(dir);
        boolean inParts = citizens > partCitizens;
        long[] totals = new long[3]; // children, persons, events
        List<SourceAdapter> sorted = Delivery.sorted(deployed);
        try (BufferedWriter truth = Files.newBufferedWriter(dir.resolve("truth.csv"), StandardCharsets.UTF_8);
                // one part at a time, written while the next is generated, then let go (a part of its own folder, each a whole
                // delivery of every source)
                PartWriter parts = new PartWriter(sorted, index -> inParts ? dir.resolve(partFolder(index)) : dir, index -> partSeed(seed, index),
                        (index, part, byAdapter) -> {
                            for (int i = 0; i < sorted.size(); i++) {
                                for (WrittenFile w : byAdapter.get(i)) {
                                    out.printf(Locale.ROOT, "{\"adapter\":\"%s\",\"file\":\"%s\",\"records\":%d,\"broken\":%d}%n",
                                            sorted.get(i).descriptor().id(), dir.relativize(w.file()), w.records(), w.broken());
                                }
                            }
                            writeTruth(truth, part.truth());
                            totals[0] += part.truth().size();
                            totals[1] += part.data().persons().size();
                            totals[2] += part.data().events().size();
                        })) {
            truth.write(TRUTH_HEADER + "\n");
            PopulationGenerator.generate(citizens, seed, reference, municipality, broken, partCitizens, parts);
            parts.finish();
        }
        out.printf(Locale.ROOT, "{\"file\":\"truth.csv\",\"children\":%d,\"persons\":%d,\"events\":%d,\"seconds\":%.1f}%n", totals[0],
                totals[1], totals[2], (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** The truth file's header: its columns. */
    public static final String TRUTH_HEADER = "child_cpr;latent_risk;outcome_within_2_years;outcome_kind;household_type;parents_citizenship;outcome_events";

    /**
     * One line per child: the synthetic child's CPR number, latent risk, whether it has an outcome in the two years after
     * the reference date (beyond the data), household type, the household's adults' citizenship, and the child's outcome
     * events in the generated history as {@code INDICATOR@yyyy-MM-dd}, separated by {@code |}.
     */
    static void writeTruth(Path file, List<FamilyTruth> truth) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(TRUTH_HEADER + "\n");
            writeTruth(w, truth);
        }
    }

    /**
     * A population of more citizens than this is generated and written in parts of this many (whole households), each
     * in a folder of its own ({@code part-0001/…}): the heap holds one part at a time.
     */
    public static final int PART_CITIZENS = 250_000;

    /** The folder of a part: {@code part-0001} for the first. */
    static String partFolder(int index) {
        return String.format(Locale.ROOT, "part-%04d", index + 1);
    }

    /** The seed of a part's export writers (which break records): the run's own for the first part, another for each next. */
    static long partSeed(long seed, int index) {
        return seed + 1_000_003L * index;
    }

    /** The truth rows of one part, after the header. */
    static void writeTruth(BufferedWriter w, List<FamilyTruth> truth) throws IOException {
        for (FamilyTruth t : truth) {
            StringBuilder events = new StringBuilder();
            for (FamilyTruth.Outcome o : t.outcomes()) {
                events.append(events.length() == 0 ? "" : "|").append(o.indicator().name()).append('@').append(o.day());
            }
            w.write(t.childCpr() + ";" + String.format(Locale.ROOT, "%.4f", t.latentRisk()) + ";" + t.outcomeWithin2Years() + ";" + t.outcomeKind()
                    + ";" + t.householdType() + ";" + t.parentsCitizenship() + ";" + events + "\n");
        }
    }
}
