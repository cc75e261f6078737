// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.graphics2d.svg.SVGGraphics2D;

import dk.tidlig.evidence.Evaluation;

/**
 * The report's charts, drawn on the server with JFreeChart as SVG (JFreeSVG): the ROC curve, precision and recall by
 * list size, the reliability diagram, and the groups' false-positive ratios with the tolerance band. The SVG carries its
 * styling as presentation attributes, never {@code style} attributes, so that it can stand inline in a page whose
 * content security policy forbids inline styles.
 */
public final class Charts {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    private static final Color INK = new Color(0x1a, 0x1a, 0x1a);
    private static final Color ACCENT = new Color(0x00, 0x4b, 0x87);
    private static final Color SECOND = new Color(0xc0, 0x39, 0x2b);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Charts() {
    }

    /** Every chart of an evaluation, in the report's order. */
    static List<dk.tidlig.evidence.EvidenceService.Chart> all(Evaluation e, double low, double high) {
        return List.of(new dk.tidlig.evidence.EvidenceService.Chart("roc", roc(e)),
                new dk.tidlig.evidence.EvidenceService.Chart("list", byListSize(e)),
                new dk.tidlig.evidence.EvidenceService.Chart("reliability", reliability(e)),
                new dk.tidlig.evidence.EvidenceService.Chart("groups", groups(e, low, high)));
    }

    public static String roc(Evaluation e) {
        XYSeries curve = new XYSeries("model", false, true);
        for (Evaluation.Point p : e.roc()) {
            curve.add(p.fpr(), p.tpr());
        }
        XYSeries chance = new XYSeries("tilfældig", false, true);
        chance.add(0, 0);
        chance.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(curve);
        data.addSeries(chance);
        JFreeChart chart = xy(String.format(Locale.ROOT, "ROC-kurve (AUC %.3f, 95 %% interval %.3f-%.3f)", e.auc(), e.aucLow(), e.aucHigh()),
                "falsk-positiv-rate", "sand-positiv-rate", data, 1.0, 1.0);
        return svg(chart);
    }

    public static String byListSize(Evaluation e) {
        XYSeries precision = new XYSeries("præcision", false, true);
        XYSeries recall = new XYSeries("genkaldelse (recall)", false, true);
        for (Evaluation.ListPoint p : e.byListSize()) {
            precision.add(p.size(), p.precision());
            recall.add(p.size(), p.recall());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(precision);
        data.addSeries(recall);
        JFreeChart chart = xy("Præcision og genkaldelse efter listens længde", "familier på listen", "andel", data, Double.NaN, 1.0);
        XYPlot plot = chart.getXYPlot();
        mark(plot, e.capacity(), "kapacitet " + e.capacity());
        if (e.listSize() > 0) {
            mark(plot, e.listSize(), "modellens liste " + e.listSize());
        }
        return svg(chart);
    }

    public static String reliability(Evaluation e) {
        XYSeries bins = new XYSeries("observeret", false, true);
        for (Evaluation.Bin b : e.reliability()) {
            bins.add(b.meanChance(), b.observedRate());
        }
        double top = Math.max(0.05, e.reliability().stream().mapToDouble(b -> Math.max(b.meanChance(), b.observedRate())).max().orElse(1) * 1.1);
        top = Math.min(1, top);
        XYSeries diagonal = new XYSeries("perfekt kalibreret", false, true);
        diagonal.add(0, 0);
        diagonal.add(top, top);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(bins);
        data.addSeries(diagonal);
        JFreeChart chart = xy(String.format(Locale.ROOT, "Kalibrering (Brier %.4f, ECE %.4f)", e.brier(), e.ece()), "forudsagt sandsynlighed",
                "observeret andel", data, top, top);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setSeriesShapesVisible(0, true);
        return svg(chart);
    }

    /** The ratio of each group's false-positive rate to its reference group's, with the 0.8-1.25 band. */
    public static String groups(Evaluation e, double low, double high) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Evaluation.GroupFigure g : e.groups()) {
            if (g.fprRatio() != null && !g.value().equals("UNKNOWN") && (g.withinTolerance() != null || g.reference())) {
                data.addValue(g.fprRatio(), "falsk-positiv-forhold", g.group() + ": " + g.value());
            }
        }
        JFreeChart chart = new JFreeChart("Falsk-positiv-rate i forhold til referencegruppen", FONT.deriveFont(Font.BOLD, 14f),
                new CategoryPlot(data, new org.jfree.chart.axis.CategoryAxis(null), new NumberAxis("forhold"), new BarRenderer()), false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, ACCENT);
        for (double edge : new double[] {low, 1.0, high}) {
            ValueMarker m = new ValueMarker(edge, edge == 1.0 ? INK : SECOND, new BasicStroke(1.2f));
            plot.addRangeMarker(m);
        }
        chart.setBackgroundPaint(Color.WHITE);
        style(chart);
        int height = Math.max(HEIGHT, 60 + 22 * data.getColumnCount());
        return svg(chart, WIDTH, height);
    }

    private static JFreeChart xy(String title, String x, String y, XYSeriesCollection data, double xMax, double yMax) {
        NumberAxis xAxis = new NumberAxis(x);
        NumberAxis yAxis = new NumberAxis(y);
        if (!Double.isNaN(xMax)) {
            xAxis.setRange(0, xMax);
        }
        yAxis.setRange(0, yMax);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, ACCENT);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesPaint(1, SECOND);
        renderer.setSeriesStroke(1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        JFreeChart chart = new JFreeChart(title, FONT.deriveFont(Font.BOLD, 14f), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        style(chart);
        return chart;
    }

    private static void mark(XYPlot plot, double x, String label) {
        ValueMarker m = new ValueMarker(x, INK, new BasicStroke(1f));
        m.setLabel(label);
        m.setLabelFont(FONT);
        m.setLabelPaint(INK);
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m);
    }

    private static void style(JFreeChart chart) {
        TextTitle title = chart.getTitle();
        title.setPaint(INK);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(FONT);
        }
    }

    private static String svg(JFreeChart chart) {
        return svg(chart, WIDTH, HEIGHT);
    }

    private static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return withoutStyleAttributes(g.getSVGElement());
    }

    private static final Pattern STYLE = Pattern.compile("style='([^']*)'");

    /** Turns {@code style='a: b; c: d'} into {@code a='b' c='d'}: SVG presentation attributes, which need no inline styles. */
    static String withoutStyleAttributes(String svg) {
        Matcher m = STYLE.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (m.find()) {
            StringBuilder attributes = new StringBuilder();
            for (String declaration : m.group(1).split(";")) {
                int colon = declaration.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = declaration.substring(0, colon).strip();
                String value = declaration.substring(colon + 1).strip().replace("'", "&apos;");
                if (!name.matches("[a-z-]+")) {
                    continue;
                }
                attributes.append(attributes.length() == 0 ? "" : " ").append(name).append("='").append(value).append('\'');
            }
            m.appendReplacement(out, Matcher.quoteReplacement(attributes.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
