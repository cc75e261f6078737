// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.MapperHarness;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;

class SubstanceAbuseMapperTest {

    static final String HEADER = "CPR-nummer;Navn;Behandlingsstart;Behandlingsslut;Behandlingstype;Hovedstof;Lovgrundlag;Behandlingssted;Status;Forløbs-id";

    static List<Object> map(String... lines) throws FileFormatException {
        return MapperHarness.map(new SubstanceAbuseMapper(), lines);
    }

    static RiskEvent event(String... lines) throws FileFormatException {
        List<Object> out = map(lines);
        assertThat(out).hasSize(2);
        return (RiskEvent) ((List<?>) out.get(1)).get(0);
    }

    @Test
    void aFinishedEpisodeIsThePersonsTreatmentPeriod() throws FileFormatException {
        assertThat(map(HEADER, "010190-1233;Anders Testesen;12-01-2025;30-06-2025;Alkohol;Alkohol;SUL § 141;Rusmiddelcenter Søborg;Afsluttet;MIS-1"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, "0101901233",
                        LocalDate.of(2025, 1, 12), LocalDate.of(2025, 6, 30), "MIS-1",
                        List.of(new DetailCode("treatment", "ALCOHOL", "Alkohol"), new DetailCode(DetailCode.SKS, "DF10", "Alkohol"),
                                DetailCode.of("treatment.law", "SUL § 141")))));
    }

    @Test
    void anOngoingEpisodeIsOpen() throws FileFormatException {
        RiskEvent e = event(HEADER, "0101901233;A;03-03-2026;;Stoffer;Cannabis;SEL § 101;R;Aktiv;MIS-2");
        assertThat(e.end()).isNull();
        assertThat(e.details()).containsExactly(new DetailCode("treatment", "DRUGS", "Stoffer"), new DetailCode(DetailCode.SKS, "DF12", "Cannabis"),
                DetailCode.of("treatment.law", "SEL § 101"));
    }

    @Test
    void everyTreatmentTypeHasItsCode() throws FileFormatException {
        assertThat(event(HEADER, "0101901233;A;03-03-2026;;alkohol;;;R;Aktiv;M").details()).containsExactly(new DetailCode("treatment", "ALCOHOL", "Alkohol"));
        assertThat(event(HEADER, "0101901233;A;03-03-2026;;Stoffer;;;R;Aktiv;M").details()).containsExactly(new DetailCode("treatment", "DRUGS", "Stoffer"));
        assertThat(event(HEADER, "0101901233;A;03-03-2026;;Alkohol og stoffer;;;R;Aktiv;M").details())
                .containsExactly(new DetailCode("treatment", "BOTH", "Alkohol og stoffer"));
    }

    @Test
    void thePrimarySubstanceIsKeptAsItsSksCode() throws FileFormatException {
        String[][] cases = {{"Alkohol", "DF10"}, {"Heroin", "DF11"}, {"Metadon", "DF11"}, {"Andre opioider", "DF11"}, {"Cannabis", "DF12"},
                {"Benzodiazepiner", "DF13"}, {"Kokain", "DF14"}, {"Amfetamin", "DF15"}, {"Hallucinogener", "DF16"}, {"Opløsningsmidler", "DF18"},
                {"Flere stoffer", "DF19"}};
        for (String[] c : cases) {
            assertThat(event(HEADER, "0101901233;A;03-03-2026;;Stoffer;" + c[0].toUpperCase() + ";;R;Aktiv;M").details())
                    .contains(new DetailCode(DetailCode.SKS, c[1], c[0]));
        }
    }

    @Test
    void theLegalBasisIsCheckedLooselyAndTidied() throws FileFormatException {
        assertThat(event(HEADER, "0101901233;A;03-03-2026;;Stoffer;;SEL §101;R;Aktiv;M").details()).contains(DetailCode.of("treatment.law", "SEL § 101"));
        assertThat(event(HEADER, "0101901233;A;03-03-2026;;Stoffer;;Serviceloven  §  101, stk. 3;R;Aktiv;M").details())
                .contains(DetailCode.of("treatment.law", "Serviceloven § 101, stk. 3"));
        assertThat(event(HEADER, "0101901233;A;03-03-2026;;Stoffer;;SUL § 142;R;Aktiv;M").details()).contains(DetailCode.of("treatment.law", "SUL § 142"));
    }

    @Test
    void anAnnulledEpisodeRetractsItsIdAndNothingElseOfItIsRead() throws FileFormatException {
        assertThat(map(HEADER,
                "0101901233;A;03-03-2026;;Stoffer;Cannabis;SEL § 101;R;Annulleret;MIS-1",
                "311320-4123;A;30-02-2026;;Spil;Tobak;101;R;annulleret;MIS-2"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new Retraction("MIS-1")), List.of(new Retraction("MIS-2")));
    }

    @Test
    void anonymousTreatmentIsNeverAnEventAndItsPersonIsNotRead() throws FileFormatException {
        assertThat(map(HEADER,
                "230487-1117;A;10-02-2026;;Stoffer;Kokain;SEL § 101 a;R;Aktiv;MIS-1",
                "311320-4123;A;10-02-2026;;Stoffer;Kokain;Serviceloven §101a;R;Aktiv;MIS-2",
                "230487-1117;A;10-02-2026;;Stoffer;Kokain;sel § 101 a, stk. 1;R;Afsluttet;MIS-3"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new Retraction("MIS-1")), List.of(new Retraction("MIS-2")),
                        List.of(new Retraction("MIS-3")));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndOnlyTheNeededOnesAreRequired() throws FileFormatException {
        assertThat(map("Forløbs-id;Status;Behandlingstype;Behandlingsslut;Behandlingsstart;CPR-nummer", "X9;Aktiv;Alkohol;;01-03-2026;0101901233"))
                .element(1).asList().singleElement().isEqualTo(new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, "0101901233",
                        LocalDate.of(2026, 3, 1), null, "X9", List.of(new DetailCode("treatment", "ALCOHOL", "Alkohol"))));
    }

    @Test
    void brokenRowsNameTheColumnAndTheRuleNotTheValue() throws FileFormatException {
        assertThat(map(HEADER,
                "230487-1117;A;01-11-2025;15-10-2025;Stoffer;Kokain;SEL § 101;R;Afsluttet;M1",
                "230487-1117;A;01-11-2025;;Stoffer;Kokain;SEL § 101;R;Afsluttet;M2",
                "230487-1117;A;01-12-2025;;Spil;;SEL § 101;R;Aktiv;M3",
                "230487-1117;A;01-12-2025;;Stoffer;Tobak;SEL § 101;R;Aktiv;M4",
                "230487-1117;A;01-12-2025;;Stoffer;Kokain;101;R;Aktiv;M5",
                "230487-1117;A;01-12-2025;;Stoffer;Kokain;SEL § 101 og i øvrigt efter aftale med borgeren;R;Aktiv;M6",
                "231387-1117;A;05-01-2026;;Alkohol;Alkohol;SUL § 141;R;Aktiv;M7",
                "230487-1117;A;31-06-2025;;Alkohol;Alkohol;SUL § 141;R;Aktiv;M8",
                "230487-1117;A;01-06-2025;1. juli;Alkohol;Alkohol;SUL § 141;R;Afsluttet;M9",
                "230487-1117;A;01-06-2025;;Alkohol;Alkohol;SUL § 141;R;Pause;M10",
                "230487-1117;A;01-06-2025;;Alkohol;Alkohol;SUL § 141;R;Aktiv;",
                "230487-1117;A;01-06-2025"))
                .containsExactly(MapperHarness.SKIPPED,
                        "column Behandlingsslut lies before Behandlingsstart",
                        "column Behandlingsslut is empty, but Status is Afsluttet",
                        "column Behandlingstype is not one of Alkohol, Stoffer, Alkohol og stoffer",
                        "column Hovedstof is not one of Alkohol, Heroin, Metadon, Andre opioider, Cannabis, Benzodiazepiner, Kokain, Amfetamin, "
                                + "Hallucinogener, Opløsningsmidler, Flere stoffer",
                        "column Lovgrundlag is not a legal reference such as SEL § 101 or SUL § 141 (at most 40 characters)",
                        "column Lovgrundlag is not a legal reference such as SEL § 101 or SUL § 141 (at most 40 characters)",
                        "column CPR-nummer: CPR number has a month that does not exist",
                        "column Behandlingsstart is not a date in the form dd-mm-åååå",
                        "column Behandlingsslut is not a date in the form dd-mm-åååå",
                        "column Status is not one of Aktiv, Afsluttet, Annulleret",
                        "column Forløbs-id is empty",
                        "the line has 3 fields, the header 10");
    }

    @Test
    void aFileWithoutTheNeededColumnsIsRefused() {
        assertThatThrownBy(() -> map("CPR;Start;Slut;Type;Id")).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("the header lacks the column(s) CPR-nummer, Behandlingsstart, Behandlingsslut, Behandlingstype, Status, Forløbs-id");
    }
}
