// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.model.Indicator;

/**
 * The documents a municipality must produce before it uses tidlig, drafted from what tidlig knows of itself, for the data
 * protection officer to complete and sign: a data protection impact assessment (GDPR art. 35, in the structure of the
 * Danish Data Protection Agency's guidance: the processing described, necessity and proportionality, the risks, the
 * measures, who was involved, the conclusion) and a fundamental-rights impact assessment (AI Act art. 27(1) (a)-(f)).
 * Filled in from the data inventory (the deployed adapters), the legal basis, the retention settings, the model and its
 * card, and the latest evaluation; what only the municipality can say is left as marked fields to complete. Each is
 * written as XHTML (with the evaluation report's style sheet) and as PDF.
 */
public final class Assessments {

    /** What the documents are drafted from. */
    public record Facts(String tenant, LocalDate drafted, Optional<LegalBasis> legalBasis, DataInventory inventory, Optional<PointModel> model,
            Optional<EvidenceService.Stored> evaluation, double toleranceLow, double toleranceHigh, boolean lottery) {
    }

    /** Where the documents were written. */
    public record Written(Path dpiaHtml, Path dpiaPdf, Path friaHtml, Path friaPdf) {
    }

    private static final Mustache DPIA = template("dpia.mustache");
    private static final Mustache FRIA = template("fria.mustache");
    private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy", Locale.forLanguageTag("da"));

    private Assessments() {
    }

    private static Mustache template(String name) {
        try (InputStream in = Assessments.class.getResourceAsStream(name)) {
            return new DefaultMustacheFactory().compile(new InputStreamReader(in, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Written write(Path dir, Facts facts) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.css"), Reports.css(), StandardCharsets.UTF_8);
        Written w = new Written(dir.resolve("dpia.html"), dir.resolve("dpia.pdf"), dir.resolve("fria.html"), dir.resolve("fria.pdf"));
        Files.writeString(w.dpiaHtml(), html(DPIA, facts, false), StandardCharsets.UTF_8);
        Reports.pdf(html(DPIA, facts, true), dir, w.dpiaPdf());
        Files.writeString(w.friaHtml(), html(FRIA, facts, false), StandardCharsets.UTF_8);
        Reports.pdf(html(FRIA, facts, true), dir, w.friaPdf());
        return w;
    }

    static String dpia(Facts facts) {
        return html(DPIA, facts, false);
    }

    static String fria(Facts facts) {
        return html(FRIA, facts, false);
    }

    private static String html(Mustache template, Facts f, boolean inlineCss) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("inlineCss", inlineCss);
        scope.put("css", Reports.css());
        scope.put("tenant", f.tenant());
        scope.put("drafted", DANISH_DATE.format(f.drafted()));
        scope.put("legalBasis", f.legalBasis().map(b -> Map.of("id", b.id(), "title", b.title(), "reference", b.reference(),
                "period", "fra " + DANISH_DATE.format(b.inForceFrom()) + (b.inForceUntil() == null ? "" : " til " + DANISH_DATE.format(b.inForceUntil())),
                "syntheticOnly", b.syntheticOnly())).orElse(null));
        List<Map<String, Object>> sources = new ArrayList<>();
        for (DataInventory.Source s : f.inventory().sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("system", s.sourceSystem());
            m.put("title", s.title());
            m.put("indicators", s.indicators().stream().map(Indicator::danishLabel).sorted().collect(Collectors.joining(", ")));
            m.put("categories", s.dataCategories().stream().map(DataCategory::danishLabel).sorted().collect(Collectors.joining("; ")));
            m.put("special", s.dataCategories().stream().anyMatch(DataCategory::isSpecialCategory) ? "ja (art. 9)" : "nej");
            m.put("purpose", s.purpose());
            sources.add(m);
        }
        scope.put("sources", sources);
        scope.put("noSources", sources.isEmpty());
        scope.put("special", f.inventory().sources().stream().flatMap(s -> s.dataCategories().stream()).filter(DataCategory::isSpecialCategory).distinct()
                .map(DataCategory::danishLabel).sorted().collect(Collectors.joining("; ")));
        List<Map<String, Object>> retention = new ArrayList<>();
        for (DataInventory.Retention r : f.inventory().retention()) {
            retention.add(Map.of("data", retentionLabel(r.data()), "period", r.period() + (r.unit().equals("DAYS") ? " dage" : " måneder")));
        }
        scope.put("retention", retention);
        scope.put("suppressionMonths", f.inventory().suppressionMonths());
        f.model().ifPresent(m -> scope.put("model", model(m)));
        f.evaluation().ifPresent(e -> scope.put("evaluation", evaluation(e, f.toleranceLow(), f.toleranceHigh())));
        scope.put("noEvaluation", f.evaluation().isEmpty());
        scope.put("lottery", f.lottery());
        StringWriter out = new StringWriter();
        template.execute(out, scope);
        return out.toString();
    }

    private static Map<String, Object> model(PointModel m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("version", m.version());
        out.put("title", m.title());
        out.put("description", m.description());
        out.put("threshold", m.threshold());
        out.put("minIndicators", m.minIndicators());
        out.put("windowMonths", m.windowMonths());
        out.put("ages", m.ageMin() + "-" + m.ageMax() + " år");
        out.put("digest", m.digest());
        List<Map<String, Object>> rules = new ArrayList<>();
        m.rules().forEach((indicator, rule) -> rules.add(Map.of("indicator", indicator.danishLabel(), "points", rule.points(),
                "basis", switch (rule.basis()) {
                    case ONCE -> "én gang";
                    case PER_EVENT -> "pr. hændelse" + (rule.maxCount() > 0 ? ", højst " + rule.maxCount() : "");
                    case PER_YEAR -> "pr. år" + (rule.maxCount() > 0 ? ", højst " + rule.maxCount() : "");
                }, "provenance", switch (rule.provenance()) {
                    case PUBLISHED -> "offentliggjort";
                    case REPORTED -> "omtalt i pressen";
                    case MUNICIPAL_DECISION -> "kommunal beslutning";
                    case LEARNED -> "lært af kommunens egne data";
                })));
        out.put("rules", rules);
        List<Map<String, Object>> card = new ArrayList<>();
        for (String field : PointModel.CARD_FIELDS) {
            String text = m.card().get(field);
            if (text != null && !text.isBlank()) {
                card.add(Map.of("field", cardLabel(field), "text", text));
            }
        }
        out.put("card", card);
        return out;
    }

    private static Map<String, Object> evaluation(EvidenceService.Stored s, double low, double high) {
        Evaluation e = s.evaluation();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("created", DANISH_DATE.format(s.created().atZone(java.time.ZoneId.of("Europe/Copenhagen")).toLocalDate()));
        out.put("model", e.model() + " " + e.version());
        out.put("asOf", DANISH_DATE.format(e.asOf()));
        out.put("outcome", e.outcome());
        out.put("outcomeSource", e.outcomeSource().equals("database") ? "kommunens egne data" : "en syntetisk sandhedsfil (demo)");
        out.put("children", e.children());
        out.put("families", e.families());
        out.put("auc", String.format(Locale.ROOT, "%.3f (95 %%: %.3f-%.3f)", e.auc(), e.aucLow(), e.aucHigh()));
        out.put("listSize", e.listSize());
        out.put("precision", Reports.percent(e.precisionAtList()));
        out.put("recall", Reports.percent(e.recallAtList()));
        out.put("falsePositives", Reports.percent(1 - e.precisionAtList()));
        out.put("flaggedPer1000", String.format(Locale.ROOT, "%.1f", e.flaggedPer1000Children()));
        out.put("capacity", e.capacity());
        List<Map<String, Object>> outside = new ArrayList<>();
        for (Evaluation.GroupFigure g : e.groups()) {
            if (Boolean.FALSE.equals(g.withinTolerance())) {
                outside.add(Map.of("group", g.group() + ": " + g.value(), "fprRatio", g.fprRatio() == null ? "-" : String.format(Locale.ROOT, "%.2f",
                        g.fprRatio()), "clear", g.fprDisparityClear() ? "ja" : "nej"));
            }
        }
        out.put("outside", outside);
        out.put("noneOutside", outside.isEmpty());
        out.put("tolerance", String.format(Locale.ROOT, "%.2f-%.2f", low, high));
        return out;
    }

    private static String retentionLabel(String data) {
        return switch (data) {
            case "EVENTS" -> "Hændelser (fra afsluttet)";
            case "NOT_DELIVERED" -> "Personer, adresser og relationer, ingen levering længere indeholder";
            case "SCORE_RUNS" -> "Scoringskørsler med forklaringer";
            case "CLOSED_CASES" -> "Afsluttede opsøgende sager";
            case "QUARANTINE" -> "Linjer i karantæne (forseglet)";
            case "ACCESS_REQUESTS" -> "Registret over indsigtsanmodninger";
            case "SUPPRESSION" -> "Familier, der har takket nej, holdes ude af listen";
            case "DELIVERIES" -> "Leverede filer (forseglet, til genindlæsning)";
            case "REFUSED_DELIVERIES" -> "Afviste leverancer (forseglet)";
            case "AUDIT" -> "Revisionssporet";
            default -> data;
        };
    }

    private static String cardLabel(String field) {
        return switch (field) {
            case "intendedUse" -> "Tilsigtet brug";
            case "outOfScopeUses" -> "Brug uden for formålet";
            case "factors" -> "Faktorer";
            case "ethicalConsiderations" -> "Etiske overvejelser";
            case "caveats" -> "Forbehold";
            default -> field;
        };
    }
}
