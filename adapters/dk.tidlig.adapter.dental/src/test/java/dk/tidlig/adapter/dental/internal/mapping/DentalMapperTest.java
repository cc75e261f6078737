// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal.mapping;

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

class DentalMapperTest {

    static final String HEADER = "CPR-nummer;Fornavn;Efternavn;Aftaledato;Klokkeslæt;Klinik;Ydelse;Fremmøde;Aftale-id";

    static List<Object> map(String... lines) throws FileFormatException {
        return MapperHarness.map(new DentalMapper(), lines);
    }

    @Test
    void aNoShowIsTheChildsDentalNoShow() throws FileFormatException {
        assertThat(map(HEADER, "150322-4012;Alma;Testesen;03-02-2026;08:30;Tandplejen Søborg;Undersøgelse;Udeblevet;TP-2026-000123"))
                .containsExactly("skipped", List.of(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "1503224012", LocalDate.of(2026, 2, 3), null,
                        "TP-2026-000123", List.of(new DetailCode("dental.service", "EXAMINATION", "Undersøgelse")))));
    }

    @Test
    void attendedAndCancelledAppointmentsRetractAnEarlierNoShow() throws FileFormatException {
        assertThat(map(HEADER, "210919-4001;Bo;P;14-04-2026;09:15;K;Undersøgelse;Mødt;A1", "210919-4001;Bo;P;14-04-2026;09:15;K;Undersøgelse;afbud;A2"))
                .containsExactly("skipped", List.of(new Retraction("A1")), List.of(new Retraction("A2")));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndNamesAreNotNeeded() throws FileFormatException {
        assertThat(map("Aftale-id;Fremmøde;Ydelse;Aftaledato;CPR-nummer", "X9;Udeblevet;Akut;01-03-2026;1503224012"))
                .element(1).asList().singleElement().isEqualTo(new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "1503224012",
                        LocalDate.of(2026, 3, 1), null, "X9", List.of(new DetailCode("dental.service", "ACUTE", "Akut"))));
    }

    @Test
    void brokenRowsNameTheColumnNotTheValue() throws FileFormatException {
        assertThat(map(HEADER,
                "150322-4012;A;T;30-02-2026;08:30;K;Undersøgelse;Udeblevet;TP-1",
                "311320-4123;A;T;03-02-2026;08:30;K;Undersøgelse;Udeblevet;TP-2",
                "150322-4012;A;T;03-02-2026;08:30;K;Undersøgelse;Kom ikke;TP-3",
                "150322-4012;A;T;03-02-2026;08:30;K;Undersøgelse;Udeblevet;",
                "150322-4012;A;T;03-02-2026"))
                .containsExactly("skipped",
                        "column Aftaledato is not a date in the form dd-mm-åååå",
                        "column CPR-nummer: CPR number has a month that does not exist",
                        "column Fremmøde is not one of Mødt, Udeblevet, Afbud, Afbud for sent, Aflyst af klinik",
                        "column Aftale-id is empty",
                        "the line has 4 fields, the header 9");
    }

    @Test
    void aFileWithoutTheNeededColumnsIsRefused() {
        assertThatThrownBy(() -> map("CPR;Dato;Status")).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("the header lacks the column(s) CPR-nummer, Aftaledato, Ydelse, Fremmøde, Aftale-id");
    }
}
