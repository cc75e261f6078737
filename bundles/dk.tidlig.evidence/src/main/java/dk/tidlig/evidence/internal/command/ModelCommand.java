// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal.command;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.evidence.Backtest;
import dk.tidlig.core.evidence.Backtest.TruthEvent;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.ModelActivation;

/**
 * {@code bin/tidlig model fit [--id ID] [--reference ID] [--as-of yyyy-MM-dd] [--truth FILE] [--out DIR] [--replace]}
 * learns a scorecard from the municipality's own history, evaluates it beside the reference model on later outcomes,
 * and writes it to the configuration folder as {@code dk.tidlig.scoring.model-<id>.cfg}; it does not run until an
 * administrator asks and a data protection officer approves (the Models page). {@code bin/tidlig model list} prints
 * each valid model with its latest evaluation, whether it meets the minimums, and whether it is the active one, then each
 * model file that cannot be used, with what is wrong with it.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=model")
public class ModelCommand implements TidligCommand {

    /** The framework property naming the configuration folder the launcher gave FileInstall. */
    public static final String CONFIG_PROPERTY = "tidlig.config";

    /** How long {@code model list} waits for the model files in the configuration folder to be read (FileInstall polls). */
    static final long LOAD_WAIT_MS = 30_000;

    private final EvidenceService evidence;
    private final Backtest backtest;
    private final ModelActivation activation;
    private final Tenant tenant;
    private final String configFolder;

    @Activate
    public ModelCommand(BundleContext context, @Reference EvidenceService evidence, @Reference Backtest backtest, @Reference ModelActivation activation,
            @Reference Tenant tenant) {
        this(evidence, backtest, activation, tenant, context.getProperty(CONFIG_PROPERTY));
    }

    public ModelCommand(EvidenceService evidence, Backtest backtest, ModelActivation activation, Tenant tenant, String configFolder) {
        this.evidence = evidence;
        this.backtest = backtest;
        this.activation = activation;
        this.tenant = tenant;
        this.configFolder = configFolder;
    }

    @Override
    public String usage() {
        return "model fit [--id ID] [--reference ID] [--as-of yyyy-MM-dd] [--truth FILE] [--out DIR] [--replace] | model list";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty() || !(args.get(0).equals("fit") || args.get(0).equals("list"))) {
            throw new IllegalArgumentException("usage: bin/tidlig " + usage());
        }
        String municipality = tenant.municipalityCode();
        if (args.get(0).equals("list")) {
            new CommandArguments(args.subList(1, args.size()), Set.of(), Set.of());
            Map<String, String> files = awaitModelFiles();
            String active = activation.active(municipality).map(r -> r.modelId() + "@" + r.modelDigest()).orElse("");
            for (String id : evidence.models()) {
                ModelActivation.Check c = activation.check(municipality, id);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("model", c.modelId());
                m.put("version", c.version());
                m.put("digest", c.digest());
                m.put("evaluation", c.evaluation().map(EvidenceService.Stored::id).orElse(null));
                m.put("auc", c.evaluation().map(s -> round(s.evaluation().auc())).orElse(null));
                m.put("meets_minimums", c.meetsMinimums());
                m.put("shortfalls", c.shortfalls());
                m.put("active", active.equals(c.modelId() + "@" + c.digest()));
                out.println(json(m));
                files.remove(id);
            }
            for (Map.Entry<String, String> invalid : backtest.invalidModels().entrySet()) {
                out.println(json(unusable(invalid.getKey(), files.remove(invalid.getKey()), invalid.getValue())));
            }
            for (Map.Entry<String, String> unread : files.entrySet()) {
                out.println(json(unusable(unread.getKey(), unread.getValue(), "not read within " + LOAD_WAIT_MS / 1000
                        + " s of the start: see var/log/tidlig.log for why")));
            }
            return 0;
        }
        CommandArguments a = new CommandArguments(args.subList(1, args.size()), Set.of("--id", "--reference", "--as-of", "--truth", "--out"),
                Set.of("--replace"));
        String id = a.text("--id", "learned");
        if (configFolder == null) {
            throw new IllegalStateException("the launcher gave no configuration folder (framework property " + CONFIG_PROPERTY + ")");
        }
        Path file = Path.of(configFolder).resolve("dk.tidlig.scoring.model-" + id + ".cfg");
        if (Files.exists(file) && !a.flag("--replace")) {
            throw new Refused(2, "a model file " + file.getFileName() + " exists in " + configFolder + ": give another --id, or --replace to overwrite it "
                    + "(a replaced model needs a new activation)");
        }
        String truthFile = a.text("--truth", null);
        Map<String, List<TruthEvent>> truth = truthFile == null ? null : EvaluateCommand.readTruth(Path.of(truthFile));
        String outDir = a.text("--out", null);
        EvidenceService.Fit fit;
        try {
            fit = evidence.fit(Actor.system(municipality), municipality, a.text("--reference", null), id, a.date("--as-of", null), truth,
                    outDir == null ? null : Path.of(outDir));
        } catch (LegalBasisException e) {
            throw new Refused(3, e.getMessage());
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, fit.modelFile(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println(line(fit, file));
        return 0;
    }

    private static Map<String, Object> unusable(String id, String file, String problem) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", id);
        if (file != null) {
            m.put("file", file);
        }
        m.put("problem", problem);
        m.put("active", false);
        return m;
    }

    /**
     * The model files in the configuration folder, by the id each names, once each is known as a model (valid or not) or
     * the wait is over: a command starts with the framework, and FileInstall reads the folder while it runs.
     */
    private Map<String, String> awaitModelFiles() throws java.io.IOException, InterruptedException {
        Map<String, String> files = new java.util.TreeMap<>();
        if (configFolder == null || !Files.isDirectory(Path.of(configFolder))) {
            return files;
        }
        try (java.nio.file.DirectoryStream<Path> cfgs = Files.newDirectoryStream(Path.of(configFolder), "dk.tidlig.scoring.model-*.cfg")) {
            for (Path cfg : cfgs) {
                java.util.Properties p = new java.util.Properties();
                try (java.io.Reader r = Files.newBufferedReader(cfg, StandardCharsets.UTF_8)) {
                    p.load(r);
                }
                String name = cfg.getFileName().toString();
                String id = p.getProperty("model.id", "").strip();
                files.put(id.isEmpty() ? name.substring("dk.tidlig.scoring.model-".length(), name.length() - ".cfg".length()) : id, name);
            }
        }
        dk.tidlig.model.Polling.until(() -> {
            Set<String> known = new java.util.HashSet<>(evidence.models());
            known.addAll(backtest.invalidModels().keySet());
            return known;
        }, known -> known.containsAll(files.keySet()), java.time.Duration.ofMillis(LOAD_WAIT_MS));
        if (Thread.interrupted()) { // as Thread.sleep would: the exception, the flag cleared
            throw new InterruptedException("waiting for the model files");
        }
        return files;
    }

    /** The fit as one JSON line: the learned points, and the two models' figures side by side. */
    public static String line(EvidenceService.Fit fit, Path file) {
        PointModel model = fit.model();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.id());
        m.put("version", model.version());
        m.put("digest", model.digest());
        m.put("file", file.toString());
        m.put("trained_as_of", fit.trainedAsOf().toString());
        m.put("children", fit.children());
        m.put("lambda", fit.lambda());
        Map<String, Integer> points = new LinkedHashMap<>();
        model.rules().forEach((k, v) -> points.put(k.name(), v.points()));
        m.put("points", points);
        m.put("threshold", model.threshold());
        m.put("left_out", fit.leftOut());
        m.put("warnings", fit.warnings());
        List<Evaluation> e = fit.evaluation().evaluations();
        m.put("evaluated_as_of", e.get(0).asOf().toString());
        m.put("reference", figures(e.get(0), fit.evaluation().ids().get(0)));
        m.put("learned", figures(e.get(1), fit.evaluation().ids().get(1)));
        m.put("report", fit.evaluation().reportDir().resolve("report.html").toString());
        return json(m);
    }

    private static Map<String, Object> figures(Evaluation e, long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluation", id);
        m.put("model", e.model());
        m.put("auc", round(e.auc()));
        m.put("auc_ci", List.of(round(e.aucLow()), round(e.aucHigh())));
        m.put("list_size", e.listSize());
        m.put("precision_at_list", round(e.precisionAtList()));
        m.put("capacity", e.capacity());
        m.put("precision_at_capacity", round(e.precisionAtCapacity()));
        m.put("brier", round(e.brier()));
        m.put("ece", round(e.ece()));
        m.put("groups_outside_tolerance", e.groups().stream().filter(g -> Boolean.FALSE.equals(g.withinTolerance()))
                .map(g -> g.group() + "=" + g.value()).toList());
        return m;
    }

    private static Double round(Double v) {
        return v == null || v.isNaN() ? null : Math.round(v * 10_000) / 10_000.0;
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
