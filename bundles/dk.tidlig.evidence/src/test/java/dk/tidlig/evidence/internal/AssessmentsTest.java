// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.DataCategory;
import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.core.transparency.DataInventory;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.EvidenceService;
import dk.tidlig.model.Indicator;

/** The impact assessments are drafted from what tidlig knows, leave what only the municipality knows to it, and come as PDF too. */
class AssessmentsTest {

    @TempDir
    Path dir;

    static DataInventory inventory() {
        return new DataInventory(List.of(
                new DataInventory.Source("dental", "Tandpleje", "Udeblivelser fra den kommunale tandpleje", Set.of(Indicator.CHILD_DENTAL_NO_SHOW),
                        Set.of(DataCategory.IDENTITY, DataCategory.HEALTH), "Udeblivelser er en indikator i modellen"),
                new DataInventory.Source("cpr", "CPR", "Familier og husstande", Set.of(), Set.of(DataCategory.IDENTITY, DataCategory.FAMILY_RELATIONS),
                        "Hvem hører til hvilken familie")),
                60, 24, List.of(new DataInventory.Retention("EVENTS", 60, "MONTHS"), new DataInventory.Retention("QUARANTINE", 90, "DAYS")));
    }

    Assessments.Facts facts(boolean evaluated) throws Exception {
        PointModel model = ModelParser.parse(ModelActivationTest.gladsaxe());
        Evaluation e = ReportsTest.evaluation();
        return new Assessments.Facts("159", LocalDate.of(2026, 12, 4), Optional.of(new LegalBasis("BEK-2026-0001", "Bekendtgørelse om tidlig indsats",
                "BEK nr. 1 af 1. januar 2026", LocalDate.of(2026, 1, 1), null, false)), inventory(), Optional.of(model),
                evaluated ? Optional.of(new EvidenceService.Stored(7, "159", Instant.parse("2026-11-30T09:00:00Z"), "analytiker", e, dir)) : Optional.empty(),
                0.8, 1.25, evaluated);
    }

    static void wellFormed(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).doesNotContain("style=").doesNotContain("<script");
    }

    @Test
    void theDpiaDescribesTheProcessingFromTheInventoryModelBasisRetentionAndEvaluation() throws Exception {
        String html = Assessments.dpia(facts(true));
        wellFormed(html);
        assertThat(html).contains("Konsekvensanalyse vedrørende databeskyttelse").contains("kommune 159").contains("4. december 2026")
                .contains("Tandpleje").contains("Helbredsoplysninger").contains("ja (art. 9)")
                .contains("Bekendtgørelse om tidlig indsats").contains("BEK-2026-0001")
                .contains("gladsaxe").contains(Indicator.PARENT_PSYCHIATRIC_ILLNESS.danishLabel())
                .contains("60 måneder").contains("90 dage").contains("24 måneder")
                .contains("nr. 7").contains("AUC").contains("falske positive")
                .contains("Udfyldes af kommunen").contains("Databeskyttelsesrådgiver").contains("Effekten af indsatsen måles ved en registreret lodtrækning");
        for (String section : List.of("1. Systematisk beskrivelse", "2. Nødvendighed og proportionalitet", "3. Risici", "4. Foranstaltninger",
                "5. Inddragelse", "6. Konklusion og underskrift")) {
            assertThat(html).as(section).contains(section);
        }
    }

    @Test
    void theFriaAnswersArticle27AToFAndSaysWhenTheModelIsNotEvaluated() throws Exception {
        String html = Assessments.fria(facts(false));
        wellFormed(html);
        for (String letter : List.of("a) ", "b) ", "c) ", "d) ", "e) ", "f) ")) {
            assertThat(html).as("art. 27(1) " + letter).contains("<h2>" + letter);
        }
        assertThat(html).contains("art. 27").contains("Tilsigtet brug").contains("Modellen er ikke evalueret").doesNotContain("AUC")
                .as("without a lottery, the effect is not measured, and it says so").contains("Effekten af indsatsen måles ikke");
    }

    @Test
    void bothAreWrittenAsHtmlAndPdfWithNothingAboutAPerson() throws Exception {
        Assessments.Written w = Assessments.write(dir.resolve("out"), facts(true));
        for (Path p : List.of(w.dpiaHtml(), w.friaHtml())) {
            assertThat(Files.readString(p)).contains("<link rel=\"stylesheet\" href=\"report.css\"/>").doesNotContainPattern("\\d{6}-?\\d{4}");
        }
        for (Path p : List.of(w.dpiaPdf(), w.friaPdf())) {
            byte[] pdf = Files.readAllBytes(p);
            assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(pdf.length).isGreaterThan(5_000);
        }
        assertThat(dir.resolve("out/report.css")).exists();
    }
}
