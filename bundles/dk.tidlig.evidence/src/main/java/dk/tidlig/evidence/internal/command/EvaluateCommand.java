// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal.command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.evidence.Backtest.TruthEvent;
import dk.tidlig.evidence.Effect;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.model.Indicator;

/**
 * {@code bin/tidlig evaluate [--model ID[,ID…]] [--as-of yyyy-MM-dd] [--truth FILE] [--out DIR] [--municipality NNN]}: scores
 * every eligible child as of the reference day on what was known then and compares with the outcomes observed after it;
 * prints one JSON line per model with the figures, writes the report (HTML and PDF, with charts) and stores the
 * evaluation. With {@code --truth} the outcomes are the synthetic municipality's truth file's (demo only).
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=evaluate")
public class EvaluateCommand implements TidligCommand {

    private final EvidenceService evidence;
    private final Tenant tenant;

    @Activate
    public EvaluateCommand(@Reference EvidenceService evidence, @Reference Tenant tenant) {
        this.evidence = evidence;
        this.tenant = tenant;
    }

    @Override
    public String usage() {
        return "evaluate [--model ID[,ID...]] [--as-of yyyy-MM-dd] [--truth FILE] [--out DIR] [--export DIR] [--municipality NNN]\n"
                + "       evaluate effect [--until yyyy-MM-dd] [--municipality NNN]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (!args.isEmpty() && args.get(0).equals("effect")) {
            return effect(args.subList(1, args.size()), out);
        }
        CommandArguments a = new CommandArguments(args, Set.of("--model", "--as-of", "--truth", "--out", "--export", "--municipality"), Set.of());
        String municipality = a.text("--municipality", tenant.municipalityCode());
        if (!municipality.matches("[1-9]\\d{2}")) {
            throw new IllegalArgumentException("--municipality takes a three-digit municipality code");
        }
        List<String> models = new ArrayList<>();
        for (String id : a.text("--model", "").split(",")) {
            if (!id.isBlank()) {
                models.add(id.strip());
            }
        }
        LocalDate asOf = a.date("--as-of", null);
        String truthFile = a.text("--truth", null);
        Map<String, List<TruthEvent>> truth = truthFile == null ? null : readTruth(Path.of(truthFile));
        String outDir = a.text("--out", null);
        EvidenceService.Result result;
        try {
            String export = a.text("--export", null);
            result = evidence.evaluate(Actor.system(municipality), municipality, models, asOf, truth, outDir == null ? null : Path.of(outDir),
                    export == null ? null : Path.of(export));
        } catch (LegalBasisException e) {
            throw new Refused(3, e.getMessage());
        }
        for (int i = 0; i < result.evaluations().size(); i++) {
            out.println(line(result.evaluations().get(i), result.ids().get(i), result.reportDir()));
        }
        return 0;
    }

    private int effect(List<String> args, PrintStream out) throws Exception {
        CommandArguments a = new CommandArguments(args, Set.of("--until", "--municipality"), Set.of());
        String municipality = a.text("--municipality", tenant.municipalityCode());
        if (!municipality.matches("[1-9]\\d{2}")) {
            throw new IllegalArgumentException("--municipality takes a three-digit municipality code");
        }
        try {
            out.println(line(evidence.effect(Actor.system(municipality), municipality, a.date("--until", null))));
        } catch (LegalBasisException e) {
            throw new Refused(3, e.getMessage());
        } catch (IllegalStateException e) {
            throw new Refused(2, e.getMessage());
        }
        return 0;
    }

    /**
     * The effect as one JSON line: the counts, then {@code itt}, {@code itt_ci}, {@code cace} and {@code cace_ci} within the
     * first follow-up (12 months), and every follow-up in {@code windows}.
     */
    public static String line(Effect e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("until", e.until().toString());
        m.put("households", e.households());
        m.put("offered", e.offered());
        m.put("control", e.control());
        m.put("accepted", e.accepted());
        m.put("declined", e.declined());
        m.put("no_answer", e.noAnswer());
        m.put("not_contacted", e.notContacted());
        List<Map<String, Object>> windows = new ArrayList<>();
        for (Effect.Window w : e.windows()) {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("months", w.months());
            wm.put("offered", w.offered());
            wm.put("control", w.control());
            wm.put("offered_rate", round(w.offeredRate()));
            wm.put("control_rate", round(w.controlRate()));
            wm.put("itt", round(w.itt()));
            wm.put("itt_ci", List.of(round(w.ittLow()), round(w.ittHigh())));
            wm.put("compliance", round(w.compliance()));
            wm.put("cace", round(w.cace()));
            wm.put("cace_ci", w.caceLow() == null ? null : List.of(round(w.caceLow()), round(w.caceHigh())));
            wm.put("declined_n", w.declinedN());
            wm.put("declined_outcome_rate", round(w.declinedRate()));
            wm.put("control_without_outcome", round(w.controlWithoutOutcome()));
            wm.put("crossovers", w.crossovers());
            windows.add(wm);
        }
        Map<String, Object> first = windows.isEmpty() ? Map.of() : windows.get(0);
        m.put("months", first.get("months"));
        for (String k : List.of("itt", "itt_ci", "cace", "cace_ci")) {
            m.put(k, first.get(k));
        }
        m.put("windows", windows);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The figures as one JSON line, with the keys the issue and the README name. */
    public static String line(Evaluation e, long id, Path reportDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluation", id);
        m.put("model", e.model());
        m.put("version", e.version());
        m.put("digest", e.digest());
        m.put("as_of", e.asOf().toString());
        m.put("outcome", e.outcome());
        m.put("outcome_source", e.outcomeSource());
        m.put("children", e.children());
        m.put("families", e.families());
        m.put("base_rate", round(e.baseRate()));
        m.put("auc", round(e.auc()));
        m.put("auc_ci", List.of(round(e.aucLow()), round(e.aucHigh())));
        m.put("list_size", e.listSize());
        m.put("precision_at_list", round(e.precisionAtList()));
        m.put("recall_at_list", round(e.recallAtList()));
        m.put("capacity", e.capacity());
        m.put("precision_at_capacity", round(e.precisionAtCapacity()));
        m.put("recall_at_capacity", round(e.recallAtCapacity()));
        m.put("flagged_per_1000_children", round(e.flaggedPer1000Children()));
        m.put("brier", round(e.brier()));
        m.put("ece", round(e.ece()));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Evaluation.GroupFigure g : e.groups()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("group", g.group());
            gm.put("value", g.value());
            gm.put("n", g.n());
            gm.put("flag_rate", round(g.flagRate()));
            gm.put("fpr", round(g.fpr()));
            gm.put("fnr", round(g.fnr()));
            gm.put("fpr_ratio", round(g.fprRatio()));
            gm.put("fpr_ratio_low", round(g.fprRatioLow()));
            gm.put("fpr_ratio_high", round(g.fprRatioHigh()));
            gm.put("fpr_disparity_clear", g.fprDisparityClear());
            gm.put("within_tolerance", g.withinTolerance());
            groups.add(gm);
        }
        m.put("groups", groups);
        m.put("report", reportDir.resolve("report.html").toString());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Double round(Double v) {
        return v == null || v.isNaN() ? null : Math.round(v * 10_000) / 10_000.0;
    }

    /**
     * The truth file of {@code bin/tidlig generate}: per child, its CPR number and its outcome events
     * ({@code INDICATOR@yyyy-MM-dd|…} in the column outcome_events).
     */
    static Map<String, List<TruthEvent>> readTruth(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--truth: there is no file " + file);
        }
        Map<String, List<TruthEvent>> out = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            List<String> columns = header == null ? List.of() : List.of(header.split(";", -1));
            int cpr = columns.indexOf("child_cpr");
            int events = columns.indexOf("outcome_events");
            if (cpr < 0 || events < 0) {
                throw new IllegalArgumentException("--truth: " + file.getFileName() + " is not a truth file of bin/tidlig generate (no columns child_cpr, "
                        + "outcome_events)");
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(";", -1);
                if (f.length <= Math.max(cpr, events)) {
                    throw new IllegalArgumentException("--truth: line " + n + " of " + file.getFileName() + " has too few columns");
                }
                List<TruthEvent> list = new ArrayList<>();
                for (String event : f[events].split("\\|")) {
                    if (event.isBlank()) {
                        continue;
                    }
                    int at = event.indexOf('@');
                    try {
                        list.add(new TruthEvent(Indicator.valueOf(event.substring(0, at).toUpperCase(Locale.ROOT)), LocalDate.parse(event.substring(at + 1))));
                    } catch (IllegalArgumentException | StringIndexOutOfBoundsException | DateTimeParseException e) {
                        throw new IllegalArgumentException("--truth: line " + n + " of " + file.getFileName() + " has an outcome event that is not "
                                + "INDICATOR@yyyy-MM-dd");
                    }
                }
                out.put(f[cpr], list);
            }
        }
        return out;
    }
}
