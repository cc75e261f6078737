// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.evidence.Backtest.TruthEvent;
import dk.tidlig.core.internal.audit.AuditTrailImpl;
import dk.tidlig.core.internal.legal.LegalBasisComponent;
import dk.tidlig.core.internal.scoring.BacktestImpl;
import dk.tidlig.core.internal.scoring.ModelConfiguration;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.evidence.internal.EvidenceConfig;
import dk.tidlig.evidence.internal.EvidenceServiceImpl;
import dk.tidlig.store.internal.JdbcAuditStore;
import dk.tidlig.store.internal.JdbcEvidenceStore;
import dk.tidlig.store.internal.JdbcOutreachStore;
import dk.tidlig.store.internal.JdbcScoreStore;
import dk.tidlig.synth.internal.population.FamilyTruth;
import dk.tidlig.synth.internal.population.Population;
import dk.tidlig.synth.internal.population.PopulationGenerator;

/**
 * Evaluation end to end on real data paths: a synthetic municipality with six years of history, exported by every
 * adapter's writer and read through the real routes into MariaDB; then back-tests as of two years ago. The outcomes in the
 * database give the same figures as the generator's truth file; the Gladsaxe points, which count unemployment, flag
 * families with parents of other citizenship more often without cause (the generator makes them more often unemployed
 * but no more at risk), and the check of groups finds it, with an interval that rules out chance.
 *
 * <p>60,000 citizens (about 440 children with parents of other citizenship): with 20,000 the group is too small for its
 * false-positive ratio to come out the same way on every reference day. The day is fixed for the same reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Tag("long")
class EvaluateIT {

    static final long SEED = 20_261_208L;
    static final int CITIZENS = 60_000;
    /**
     * The day the municipality's history is generated up to and the evaluation is run on: fixed, so that the figures are
     * the same on every day the test runs. Another day: {@code -Dtidlig.evaluate.today=yyyy-MM-dd}.
     */
    static final LocalDate TODAY = LocalDate.parse(System.getProperty("tidlig.evaluate.today", "2026-06-30"));
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).atZone(java.time.ZoneId.systemDefault()).toInstant(), java.time.ZoneId.systemDefault());

    @TempDir
    static Path dir;
    static Pipeline pipeline;
    static Population population;
    static EvidenceServiceImpl evidence;
    static PointModel gladsaxe;

    @BeforeAll
    static void deliverSixYearsOfHistory() throws Exception {
        pipeline = Pipeline.start("evaluate", dir, IngestFuzzIT.adapters(), CLOCK);
        population = PopulationGenerator.generate(CITIZENS, SEED, TODAY, "159", 0.0);
        for (Map.Entry<String, SourceAdapter> e : pipeline.adapters.entrySet()) {
            for (WrittenFile w : e.getValue().exportWriter().write(population.data(), dir.resolve("exports").resolve(e.getKey()), new Random(SEED))) {
                FileOutcome o = pipeline.ingest(e.getKey(), w.file());
                assertThat(o.status()).as(e.getKey() + " " + o.toJson()).isEqualTo(FileOutcome.Status.COMPLETED);
                assertThat(o.quarantined()).as(o.toJson()).isZero();
            }
        }
        gladsaxe = ModelParser.parse(cfg(LauncherIT.REPO.resolve("config/dk.tidlig.scoring.model-gladsaxe.cfg")));
        var basis = new LegalBasisComponent(Pipeline.config(LegalBasisComponent.Config.class, Map.of("id", "IT-EVIDENCE", "title", "Integration test",
                "reference", "EvaluateIT", "inForceFrom", "2000-01-01", "syntheticDataOnly", true)), Clock.systemDefaultZone(), true);
        var audit = new AuditTrailImpl(new JdbcAuditStore(pipeline.database), pipeline.keys, new JdbcOutreachStore(pipeline.database));
        var backtest = new BacktestImpl(new JdbcScoreStore(pipeline.database), new JdbcEvidenceStore(pipeline.database), basis, pipeline.keys, true,
                List.of(new ModelConfiguration(new HashMap<>(cfg(LauncherIT.REPO.resolve("config/dk.tidlig.scoring.model-gladsaxe.cfg"))))));
        evidence = new EvidenceServiceImpl(backtest, new JdbcEvidenceStore(pipeline.database), audit, dir,
                Pipeline.config(EvidenceConfig.class, Map.of("bootstrapResamples", 300)), CLOCK);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    static Map<String, Object> cfg(Path file) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        return m;
    }

    static Map<String, List<TruthEvent>> truth() {
        Map<String, List<TruthEvent>> out = new HashMap<>();
        for (FamilyTruth t : population.truth()) {
            out.put(t.childCpr(), t.outcomes().stream().map(o -> new TruthEvent(o.indicator(), o.day())).toList());
        }
        return out;
    }

    @Test
    @Order(1)
    void theOutcomesDeliveredThroughTheAdaptersGiveTheSameFiguresAsTheTruthFile() throws Exception {
        Actor actor = Actor.system("159");
        EvidenceService.Result fromDatabase = evidence.evaluateModels(actor, "159", List.of(gladsaxe), null, null, dir.resolve("db"));
        EvidenceService.Result fromTruth = evidence.evaluateModels(actor, "159", List.of(gladsaxe), null, truth(), dir.resolve("truth"));
        Evaluation db = fromDatabase.evaluations().get(0);
        Evaluation truth = fromTruth.evaluations().get(0);
        String line = dk.tidlig.evidence.internal.command.EvaluateCommand.line(db, fromDatabase.ids().get(0), fromDatabase.reportDir());
        System.out.println("EvaluateIT: " + line);
        // the line bin/tidlig evaluate prints: the figures an outside evaluator reads, by name
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        assertThat(json.fieldNames()).toIterable().contains("evaluation", "model", "digest", "as_of", "outcome", "outcome_source", "children",
                "base_rate", "auc", "auc_ci", "list_size", "precision_at_list", "recall_at_list", "capacity", "precision_at_capacity",
                "recall_at_capacity", "flagged_per_1000_children", "brier", "ece", "groups", "report");
        assertThat(json.get("as_of").asText()).isEqualTo(TODAY.minusMonths(24).toString());
        assertThat(json.get("auc").asDouble()).isEqualTo(Math.round(db.auc() * 1000) / 1000.0, org.assertj.core.api.Assertions.within(0.001));
        assertThat(json.get("auc_ci").get(0).asDouble()).isLessThan(json.get("auc").asDouble());
        com.fasterxml.jackson.databind.JsonNode otherGroup = null;
        for (com.fasterxml.jackson.databind.JsonNode g : json.get("groups")) {
            if (g.get("group").asText().equals("citizenship") && g.get("value").asText().equals("OTHER")) {
                otherGroup = g;
            }
        }
        assertThat(otherGroup).as("the citizenship groups are in the line").isNotNull();
        assertThat(otherGroup.get("fpr_ratio_low").asDouble()).isLessThan(otherGroup.get("fpr_ratio").asDouble());
        assertThat(otherGroup.get("fpr_ratio_high").asDouble()).isGreaterThan(otherGroup.get("fpr_ratio").asDouble());
        assertThat(db.outcomeSource()).isEqualTo("database");
        assertThat(truth.outcomeSource()).isEqualTo("truth file");
        assertThat(db.asOf()).isEqualTo(TODAY.minusMonths(24));
        assertThat(db.children()).isGreaterThan(800).isEqualTo(truth.children());
        assertThat(db.childrenWithOutcome()).isPositive().isEqualTo(truth.childrenWithOutcome());
        assertThat(db.auc()).isEqualTo(truth.auc());
        assertThat(db.listSize()).isEqualTo(truth.listSize());
        assertThat(db.precisionAtList()).isEqualTo(truth.precisionAtList());
        assertThat(db.auc()).as("the points rank children with an outcome higher than chance").isGreaterThan(0.6);
        assertThat(db.aucLow()).isLessThan(db.auc());
        assertThat(db.aucHigh()).isGreaterThan(db.auc());
        assertThat(fromDatabase.reportDir().resolve("report.html")).exists();
        assertThat(new String(Files.readAllBytes(fromDatabase.reportDir().resolve("report.pdf")), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(evidence.evaluations("159", 10)).hasSize(2);
        assertThat(evidence.evaluation("159", fromDatabase.ids().get(0)).orElseThrow().evaluation()).isEqualTo(db);
    }

    @Test
    @Order(2)
    void theGroupCheckFindsTheBiasTheGeneratorBuiltIn() throws Exception {
        Evaluation e = evidence.evaluateModels(Actor.system("159"), "159", List.of(gladsaxe), null, null, dir.resolve("groups")).evaluations().get(0);
        Evaluation.GroupFigure other = e.groups().stream().filter(g -> g.group().equals("citizenship") && g.value().equals("OTHER")).findFirst()
                .orElseThrow();
        System.out.printf("EvaluateIT %s: citizenship OTHER n=%d fpr ratio %.3f (%.3f-%.3f)%n", TODAY, other.n(), other.fprRatio(),
                other.fprRatioLow(), other.fprRatioHigh());
        assertThat(other.n()).isGreaterThanOrEqualTo(30);
        assertThat(other.fprRatio()).as("families with parents of other citizenship flagged more often without cause").isGreaterThan(1.25);
        assertThat(other.withinTolerance()).isFalse();
        assertThat(other.fprRatioLow()).as("and the disparity is not chance: its 95 % interval lies above 1").isGreaterThan(1.0);
        assertThat(other.fprDisparityClear()).isTrue();

        // a model that does not count the parents' employment treats the groups alike, within what chance explains
        Map<String, Object> childOnly = cfg(LauncherIT.REPO.resolve("config/dk.tidlig.scoring.model-gladsaxe.cfg"));
        childOnly.keySet().removeIf(k -> k.startsWith("indicator.PARENT_UNEMPLOYED") || k.startsWith("indicator.PARENT_TRANSFER_INCOME"));
        childOnly.put("model.id", "without-employment");
        Evaluation fair = evidence.evaluateModels(Actor.system("159"), "159", List.of(ModelParser.parse(childOnly)), null, null, dir.resolve("fair"))
                .evaluations().get(0);
        Evaluation.GroupFigure otherThere = fair.groups().stream().filter(g -> g.group().equals("citizenship") && g.value().equals("OTHER"))
                .findFirst().orElseThrow();
        System.out.printf("EvaluateIT %s: without the employment indicators, fpr ratio %.3f (%.3f-%.3f)%n", TODAY, otherThere.fprRatio(),
                otherThere.fprRatioLow(), otherThere.fprRatioHigh());
        assertThat(otherThere.fprRatio()).as("without the employment indicators").isLessThan(other.fprRatio());
        assertThat(otherThere.fprRatioLow()).as("the interval of chance holds equal treatment").isLessThan(1.0);
        assertThat(otherThere.fprRatioHigh()).isGreaterThan(1.0);
        assertThat(otherThere.fprDisparityClear()).isFalse();
    }

    @Test
    @Order(3)
    void anOutsideResearcherReproducesTheFiguresFromTheExport() throws Exception {
        Path export = dir.resolve("export");
        Evaluation e = evidence.evaluateModels(Actor.system("159"), "159", List.of(gladsaxe), null, null, dir.resolve("exported"), export)
                .evaluations().get(0);
        assertThat(export.resolve("model.cfg")).exists();
        assertThat(export.resolve("README.txt")).content().contains(gladsaxe.digest()).contains(e.inputFingerprint());
        assertThat(ModelParser.parse(cfgOf(export.resolve("model.cfg"))).digest()).as("the model file as evaluated").isEqualTo(gladsaxe.digest());
        List<String> lines = Files.readAllLines(export.resolve("evaluation-data.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(";", -1));
        int household = header.indexOf("household");
        int points = header.indexOf("points");
        int flagged = header.indexOf("flagged");
        int outcome = header.indexOf("outcome");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(";", -1)).toList();
        assertThat(rows).hasSize(e.children());
        // pseudonymous ids only: no delivered person's CPR number (with or without its hyphen) or last name in the file
        java.util.Set<String> cells = new java.util.HashSet<>();
        rows.forEach(r -> cells.addAll(List.of(r)));
        for (var p : population.data().persons()) {
            assertThat(cells).as("a CPR number in the export").doesNotContain(p.cpr(), p.cpr().replace("-", ""));
        }
        for (var n : population.data().names()) {
            assertThat(cells).as("a name in the export").doesNotContain(n.lastName());
        }
        // the AUC by counting every pair of a child with and one without the outcome (ties half): another way than tidlig's ranks
        double pairs = 0;
        double right = 0;
        for (String[] a : rows) {
            if (!a[outcome].equals("1")) {
                continue;
            }
            for (String[] b : rows) {
                if (b[outcome].equals("0")) {
                    pairs++;
                    int pa = Integer.parseInt(a[points]);
                    int pb = Integer.parseInt(b[points]);
                    right += pa > pb ? 1 : pa == pb ? 0.5 : 0;
                }
            }
        }
        assertThat(right / pairs).isCloseTo(e.auc(), org.assertj.core.api.Assertions.within(1e-9));
        // the list: households with a flagged child; precision, the share of them where a child had the outcome
        Map<String, boolean[]> households = new HashMap<>();
        for (String[] r : rows) {
            boolean[] h = households.computeIfAbsent(r[household], k -> new boolean[2]);
            h[0] |= r[flagged].equals("1");
            h[1] |= r[outcome].equals("1");
        }
        long listed = households.values().stream().filter(h -> h[0]).count();
        long hits = households.values().stream().filter(h -> h[0] && h[1]).count();
        assertThat(listed).isEqualTo(e.listSize());
        assertThat(hits / (double) listed).isCloseTo(e.precisionAtList(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(households).hasSize(e.families());
    }

    @Test
    @Order(4)
    void aModelLearnedFromEarlierYearsIsJudgedOnLaterOutcomesBesideTheReference() throws Exception {
        EvidenceService.Fit fit = evidence.fit(Actor.system("159"), "159", "gladsaxe", "learned", null, null, dir.resolve("fit"));
        PointModel learned = fit.model();
        System.out.println("model fit: " + dk.tidlig.evidence.internal.command.ModelCommand.line(fit, dir.resolve("learned.cfg")));
        // fitted one follow-up earlier than it is judged: no outcome it learned from lies in the evaluation's follow-up
        List<Evaluation> side = fit.evaluation().evaluations();
        assertThat(side).extracting(Evaluation::model).containsExactly("gladsaxe", "learned");
        assertThat(side.get(1).asOf()).isEqualTo(evidence.defaultAsOf());
        assertThat(fit.trainedAsOf()).isEqualTo(evidence.defaultAsOf().minusMonths(evidence.outcome().months()));
        assertThat(fit.children()).isGreaterThan(500);
        assertThat(learned.rules()).doesNotContainKeys(dk.tidlig.model.Indicator.CHILD_PREVENTIVE_MEASURE, dk.tidlig.model.Indicator.CHILD_PLACEMENT);
        assertThat(learned.rules().values()).allMatch(r -> r.points() > 0 && r.provenance() == PointModel.Provenance.LEARNED);
        assertThat(learned.calibration()).isNotNull();
        // it ranks later children better than chance, and its stated chances hold on them
        Evaluation e = side.get(1);
        assertThat(e.aucLow()).as("learned AUC %s (%s-%s)", e.auc(), e.aucLow(), e.aucHigh()).isGreaterThan(0.5);
        assertThat(e.calibration()).isEqualTo("model");
        assertThat(e.ece()).as("expected calibration error").isLessThan(0.1);
        // the file is the model evaluated, and it is audited
        Properties p = new Properties();
        p.load(new java.io.StringReader(fit.modelFile()));
        Map<String, Object> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, v));
        assertThat(ModelParser.parse(m).digest()).isEqualTo(learned.digest());
        assertThat(e.digest()).isEqualTo(learned.digest());
    }

    static Map<String, Object> cfgOf(Path file) throws Exception {
        return cfg(file);
    }
}
