// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.core.evidence.ChildCase;
import dk.tidlig.evidence.Evaluation;

/** The report: well-formed XHTML without inline styles or scripts, charts as SVG, and a PDF. */
class ReportsTest {

    @TempDir
    Path dir;

    static Evaluation evaluation() {
        Random r = new Random(3);
        List<ChildCase> c = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            boolean outcome = r.nextDouble() < 0.2;
            int points = (int) Math.max(0, (outcome ? 1500 : 700) + 600 * r.nextGaussian());
            c.add(MetricsTest.child("c" + i, "h" + (i / 2), points, outcome, Map.of("sex", i % 2 == 0 ? "FEMALE" : "MALE", "citizenship",
                    i % 9 == 0 ? "OTHER" : "DANISH")));
        }
        return Metrics.evaluate(MetricsTest.data(c), MetricsTest.settings(12));
    }

    @Test
    void theReportIsWellFormedAndNeedsNoInlineStyleOrScript() throws Exception {
        Evaluation e = evaluation();
        String html = Reports.html("159", List.of(e, e), MetricsTest.settings(12), Instant.parse("2026-12-03T10:00:00Z"), false);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).doesNotContain("style=").doesNotContain("<style").doesNotContain("<script").contains("<link rel=\"stylesheet\" href=\"report.css\"/>");
        assertThat(html).contains("AUC").contains(String.format(java.util.Locale.ROOT, "%.3f", e.auc())).contains("<svg").contains("Forbehold");
        assertThat(html.split("<svg", -1)).as("four charts per model").hasSize(9);
    }

    @Test
    void theStyleAttributesOfJFreeSvgBecomePresentationAttributes() {
        assertThat(Charts.withoutStyleAttributes("<rect style='fill: rgb(255,255,255); stroke-width: 1.0'/>"))
                .isEqualTo("<rect fill='rgb(255,255,255)' stroke-width='1.0'/>");
    }

    @Test
    void theReportIsWrittenAsHtmlCssAndPdf() throws Exception {
        Reports.Written w = Reports.write(dir.resolve("r"), "159", List.of(evaluation()), MetricsTest.settings(12), Instant.now());
        assertThat(Files.readString(w.css())).contains(".report");
        byte[] pdf = Files.readAllBytes(w.pdf());
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(pdf.length).isGreaterThan(20_000);
    }
}
