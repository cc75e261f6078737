// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;

import dk.tidlig.evidence.Evaluation;

/**
 * The evaluation report: one XHTML document (a Mustache template, values escaped) with the figures side by side for
 * every model evaluated on the same back-test, the charts inline as SVG, the groups and the caveats; written as
 * {@code report.html} with {@code report.css} beside it, and as {@code report.pdf} (openhtmltopdf, the SVG drawn by
 * Batik). The HTML needs no inline style or script, so it is shown as it is under a strict content security policy.
 */
public final class Reports {

    private static final Mustache TEMPLATE;
    private static final String CSS;

    static {
        // openhtmltopdf logs to java.util.logging, which would reach the terminal: what it says is in the report anyway
        com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
        try (InputStream in = Reports.class.getResourceAsStream("report.mustache"); InputStream css = Reports.class.getResourceAsStream("report.css")) {
            TEMPLATE = new DefaultMustacheFactory().compile(new InputStreamReader(in, StandardCharsets.UTF_8), "report");
            CSS = new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the report was written. */
    public record Written(Path html, Path css, Path pdf) {
    }

    private Reports() {
    }

    /** The report's style sheet, as {@code report.css} holds it. */
    public static String css() {
        return CSS;
    }

    public static Written write(Path dir, String tenant, List<Evaluation> evaluations, Metrics.Settings settings, Instant created) throws IOException {
        Files.createDirectories(dir);
        Written w = new Written(dir.resolve("report.html"), dir.resolve("report.css"), dir.resolve("report.pdf"));
        Files.writeString(w.html(), html(tenant, evaluations, settings, created, false), StandardCharsets.UTF_8);
        Files.writeString(w.css(), CSS, StandardCharsets.UTF_8);
        pdf(html(tenant, evaluations, settings, created, true), dir, w.pdf());
        return w;
    }

    /** An XHTML document (its style sheet inline, its charts SVG) as PDF. */
    static void pdf(String xhtml, Path dir, Path pdf) throws IOException {
        try (OutputStream out = Files.newOutputStream(pdf)) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.useSVGDrawer(new BatikSVGDrawer());
            b.withHtmlContent(xhtml, dir.toUri().toString());
            b.toStream(out);
            b.run();
        }
    }

    /** The report as XHTML; with the style sheet inline for the PDF, else linked. */
    public static String html(String tenant, List<Evaluation> evaluations, Metrics.Settings settings, Instant created, boolean inlineCss) {
        Evaluation first = evaluations.get(0);
        Map<String, Object> scope = new HashMap<>();
        scope.put("title", String.join(" og ", evaluations.stream().map(e -> e.model() + " " + e.version()).toList()));
        scope.put("tenant", tenant);
        scope.put("asOf", first.asOf().toString());
        scope.put("outcome", first.outcome());
        scope.put("outcomeSource", first.outcomeSource().equals("database") ? "databasen (leveret gennem adapterne)" : "generatorens sandhedsfil");
        scope.put("created", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault()).format(created));
        scope.put("legalBasis", first.legalBasisId());
        scope.put("inlineCss", inlineCss);
        scope.put("css", CSS);
        scope.put("resamples", settings.bootstrapResamples());
        List<Map<String, Object>> rows = new ArrayList<>();
        row(rows, evaluations, "Børn", "omfattet på dagen", e -> Integer.toString(e.children()));
        row(rows, evaluations, "Familier", "husstande: et tilbud hver", e -> Integer.toString(e.families()));
        row(rows, evaluations, "Basisrate", "andel børn med udfald", e -> percent(e.baseRate()));
        row(rows, evaluations, "AUC", "95 % interval", e -> String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", e.auc(), e.aucLow(), e.aucHigh()));
        row(rows, evaluations, "Listens længde", "familier modellen flager", e -> Integer.toString(e.listSize()));
        row(rows, evaluations, "Præcision på listen", "flagede familier med udfald", e -> percent(e.precisionAtList()));
        row(rows, evaluations, "Genkaldelse på listen", "familier med udfald, der er på listen", e -> percent(e.recallAtList()));
        row(rows, evaluations, "Kapacitet", "familier medarbejderne kan tilbyde hjælp", e -> Integer.toString(e.capacity()));
        row(rows, evaluations, "Præcision ved kapaciteten", "listen skåret ved kapaciteten", e -> percent(e.precisionAtCapacity()));
        row(rows, evaluations, "Genkaldelse ved kapaciteten", "", e -> percent(e.recallAtCapacity()));
        row(rows, evaluations, "Flagede pr. 1.000 børn", "børn i flagede familier", e -> String.format(Locale.ROOT, "%.1f", e.flaggedPer1000Children()));
        row(rows, evaluations, "Brier-score", "lavere er bedre", e -> String.format(Locale.ROOT, "%.4f", e.brier()));
        row(rows, evaluations, "Forventet kalibreringsfejl (ECE)", "ti lige store grupper", e -> String.format(Locale.ROOT, "%.4f", e.ece()));
        row(rows, evaluations, "Grupper uden for tolerancen", "af dem, der vurderes", e -> Long.toString(e.groups().stream()
                .filter(g -> Boolean.FALSE.equals(g.withinTolerance())).count()));
        scope.put("rows", rows);
        scope.put("evaluations", evaluations.stream().map(e -> model(e, settings)).toList());
        StringWriter out = new StringWriter();
        TEMPLATE.execute(out, scope);
        return out.toString();
    }

    private static Map<String, Object> model(Evaluation e, Metrics.Settings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", e.model());
        m.put("version", e.version());
        m.put("provenance", e.provenance().equals("LEARNED") ? "lært af kommunens egne data" : "offentliggjorte og kommunalt besluttede point");
        m.put("digest", e.digest());
        m.put("fingerprint", e.inputFingerprint());
        m.put("calibration", e.calibration().equals("model") ? "modellens egen kalibrering"
                : e.calibration().startsWith("cross-fitted") ? "krydstilpasset logistisk kurve af udfaldet på pointene (modellen angiver ingen "
                        + "sandsynligheder)" : e.calibration());
        Charts.all(e, settings.toleranceLow(), settings.toleranceHigh()).forEach(c -> m.put(c.id() + "Svg", c.svg()));
        m.put("toleranceLow", String.format(Locale.ROOT, "%.2f", settings.toleranceLow()));
        m.put("toleranceHigh", String.format(Locale.ROOT, "%.2f", settings.toleranceHigh()));
        m.put("leastGroupSize", settings.leastGroupSize());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Evaluation.GroupFigure g : e.groups()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rowClass", g.reference() ? "reference" : Boolean.FALSE.equals(g.withinTolerance()) ? "outside" : "");
            row.put("group", g.group());
            row.put("value", g.value() + (g.reference() ? " (reference)" : ""));
            row.put("n", g.n());
            row.put("withOutcome", g.withOutcome() == null ? "-" : g.withOutcome().toString());
            row.put("flagRate", percent(g.flagRate()));
            row.put("fpr", percent(g.fpr()));
            row.put("fnr", percent(g.fnr()));
            row.put("precision", g.precision() == null ? "-" : percent(g.precision()));
            row.put("flagRatio", ratio(g.flagRateRatio()));
            row.put("fprRatio", ratio(g.fprRatio()));
            row.put("fprRatioCi", g.fprRatioLow() == null ? null : ratio(g.fprRatioLow()) + "-" + ratio(g.fprRatioHigh()));
            row.put("fnrRatio", ratio(g.fnrRatio()));
            row.put("within", g.withinTolerance() == null ? "for få" : g.withinTolerance() ? "ja" : "nej");
            groups.add(row);
        }
        m.put("groups", groups);
        return m;
    }

    private static void row(List<Map<String, Object>> rows, List<Evaluation> evaluations, String label, String explain,
            Function<Evaluation, String> value) {
        Map<String, Object> row = new HashMap<>();
        row.put("label", label);
        row.put("explain", explain);
        row.put("values", evaluations.stream().map(value).toList());
        rows.add(row);
    }

    static String percent(Double v) {
        return v == null || Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String ratio(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
