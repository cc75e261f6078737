// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

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

class NotificationMapperTest {

    static final String HEADER = "CPR-nummer;Barnets navn;Modtaget;KLE-nummer;Underretter;Status;Underretnings-id";

    static List<Object> map(String... lines) throws FileFormatException {
        return MapperHarness.map(new NotificationMapper(), lines);
    }

    static RiskEvent notification(String cpr, LocalDate received, String id, String kle, String kleTitle, String notifier, String danish) {
        return new RiskEvent(Indicator.CHILD_NOTIFICATION, cpr, received, null, id,
                List.of(new DetailCode(DetailCode.KLE, kle, kleTitle), new DetailCode("notifier", notifier, danish)));
    }

    @Test
    void aReceivedNotificationIsTheChildsNotification() throws FileFormatException {
        assertThat(map(HEADER, "150322-4012;Alma Testesen;03-02-2026;27.24.03;Skole;Modtaget;UNDR-2026-000101"))
                .containsExactly(MapperHarness.SKIPPED, List.of(notification("1503224012", LocalDate.of(2026, 2, 3), "UNDR-2026-000101",
                        "27.24.03", "Børnefaglig undersøgelse", "SCHOOL", "Skole")));
    }

    @Test
    void everyStatusButAnnulledIsANotification() throws FileFormatException {
        assertThat(map(HEADER,
                "150322-4012;A;03-02-2026;27.24.00;Dagtilbud;Modtaget;U1",
                "150322-4012;A;03-02-2026;27.24.00;Dagtilbud;under behandling;U2",
                "150322-4012;A;03-02-2026;27.24.00;Dagtilbud;Behandlet;U3").subList(1, 4))
                .allSatisfy(o -> assertThat(o).asList().singleElement().isInstanceOf(RiskEvent.class));
    }

    @Test
    void theHandlingFacetIsDroppedAndTheNumberKept() throws FileFormatException {
        assertThat(map(HEADER,
                "150322-4012;A;03-02-2026;27.24.00G01;Politi;Modtaget;U1",
                "150322-4012;A;03-02-2026;27.24.45 g01;Borger;Modtaget;U2",
                "150322-4012;A;03-02-2026;27.24.12;Anden;Modtaget;U3"))
                .containsExactly(MapperHarness.SKIPPED,
                        List.of(notification("1503224012", LocalDate.of(2026, 2, 3), "U1", "27.24.00", "Særlig støtte til børn og unge", "POLICE",
                                "Politi")),
                        List.of(notification("1503224012", LocalDate.of(2026, 2, 3), "U2", "27.24.45", "Underretning", "CITIZEN", "Borger")),
                        List.of(notification("1503224012", LocalDate.of(2026, 2, 3), "U3", "27.24.12", null, "OTHER", "Anden")));
    }

    @Test
    void everyNotifierCategoryHasItsCode() throws FileFormatException {
        String[] danish = {"Skole", "Dagtilbud", "Sundhedsvæsen", "Politi", "Kommunal forvaltning", "Borger", "Anden"};
        String[] codes = {"SCHOOL", "DAYCARE", "HEALTH", "POLICE", "MUNICIPALITY", "CITIZEN", "OTHER"};
        for (int i = 0; i < danish.length; i++) {
            RiskEvent e = (RiskEvent) ((List<?>) map(HEADER, "150322-4012;A;03-02-2026;27.24.03;" + danish[i] + ";Modtaget;U" + i).get(1)).get(0);
            assertThat(e.details().get(1)).isEqualTo(new DetailCode("notifier", codes[i], danish[i]));
        }
    }

    @Test
    void anAnnulledNotificationRetractsItsIdAndNothingElseOfItIsRead() throws FileFormatException {
        assertThat(map(HEADER,
                "150322-4012;A;03-02-2026;27.24.03;Skole;Annulleret;U1",
                "311320-4123;A;30-02-2026;99.99.99;Nabo;annulleret;U2"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new Retraction("U1")), List.of(new Retraction("U2")));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndTheNameIsNotNeeded() throws FileFormatException {
        assertThat(map("Underretnings-id;Status;Underretter;KLE-nummer;Modtaget;CPR-nummer", "X9;Behandlet;Sundhedsvæsen;27.24.03;01-03-2026;1503224012"))
                .element(1).asList().singleElement().isEqualTo(notification("1503224012", LocalDate.of(2026, 3, 1), "X9", "27.24.03",
                        "Børnefaglig undersøgelse", "HEALTH", "Sundhedsvæsen"));
    }

    @Test
    void brokenRowsNameTheColumnAndTheRuleNotTheValue() throws FileFormatException {
        assertThat(map(HEADER,
                "150322-4012;A;03-02-2026;27.12.06;Skole;Modtaget;U1",
                "150322-4012;A;03-02-2026;2724;Skole;Modtaget;U2",
                "150322-4012;A;03-02-2026;27.24.03 Undersøgelse;Skole;Modtaget;U3",
                "150322-4012;A;31-04-2026;27.24.03;Skole;Modtaget;U4",
                "311320-4123;A;03-02-2026;27.24.03;Skole;Modtaget;U5",
                "150322-4012;A;03-02-2026;27.24.03;Nabo;Modtaget;U6",
                "150322-4012;A;03-02-2026;27.24.03;Skole;Lukket;U7",
                "150322-4012;A;03-02-2026;27.24.03;Skole;Modtaget;",
                "150322-4012;A;14-03-2022;27.24.03;Sundhedsvæsen;Modtaget;U9",
                "150322-4012;A;03-02-2026;27.24.03"))
                .containsExactly(MapperHarness.SKIPPED,
                        "column KLE-nummer is not in KLE group 27.24 (special support for children and young people)",
                        "column KLE-nummer is not a KLE number in the form 27.24.03, optionally with a handling facet such as G01",
                        "column KLE-nummer is not a KLE number in the form 27.24.03, optionally with a handling facet such as G01",
                        "column Modtaget is not a date in the form dd-mm-åååå",
                        "column CPR-nummer: CPR number has a month that does not exist",
                        "column Underretter is not one of Skole, Dagtilbud, Sundhedsvæsen, Politi, Kommunal forvaltning, Borger, Anden",
                        "column Status is not one of Modtaget, Under behandling, Behandlet, Annulleret",
                        "column Underretnings-id is empty",
                        "column Modtaget lies before the child's birth date (from column CPR-nummer)",
                        "the line has 4 fields, the header 7");
    }

    @Test
    void noReasonContainsTheCprNumber() throws FileFormatException {
        assertThat(map(HEADER, "150322-4012;A;31-04-2026;27.12.06;Nabo;Modtaget;U1", "1503224012;A;14-03-2022;27.24.00;Skole;Modtaget;U2")
                .subList(1, 3)).hasSize(2).allSatisfy(reason -> assertThat(reason).asString().doesNotContain("150322").doesNotContain("4012"));
    }

    @Test
    void aFileWithoutTheNeededColumnsIsRefused() {
        assertThatThrownBy(() -> map("CPR;Dato;KLE;Tilstand")).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("the header lacks the column(s) CPR-nummer, Modtaget, KLE-nummer, Underretter, Status, Underretnings-id");
    }
}
