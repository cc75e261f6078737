// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal.mapping;

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

class EmploymentMapperTest {

    static final String HEADER = "CPR-nummer;Navn;Forløbstype;Socioøkonomisk kode;Startdato;Slutdato;Forløbs-id";

    static List<Object> map(SocioCodes codes, String... lines) throws FileFormatException {
        return MapperHarness.map(new EmploymentMapper(codes), lines);
    }

    static final SocioCodes DEFAULT = SocioCodes.parse("200", "318, 319 411");

    @Test
    void unemploymentAndTransferIncomePeriodsAreEvents() throws FileFormatException {
        assertThat(map(DEFAULT, HEADER,
                "0101901233;C;Ledig, dagpenge;200;01-03-2024;31-10-2024;JC-1",
                "0505941234;B;Kontanthjælp;318;15-01-2025;;JC-2"))
                .containsExactly("skipped",
                        List.of(new RiskEvent(Indicator.PARENT_UNEMPLOYED, "0101901233", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 10, 31), "JC-1",
                                List.of(new DetailCode(DetailCode.SOCIO, "200", "Ledig, dagpenge")))),
                        List.of(new RiskEvent(Indicator.PARENT_TRANSFER_INCOME, "0505941234", LocalDate.of(2025, 1, 15), null, "JC-2",
                                List.of(new DetailCode(DetailCode.SOCIO, "318", "Kontanthjælp")))));
    }

    @Test
    void otherCodesAreSkippedAndTheTablesAreConfiguration() throws FileFormatException {
        String employed = "0101901233;C;Lønmodtager;131;01-11-2024;;B-1";
        String pension = "0101901233;C;Førtidspension;411;01-11-2024;;P-1";
        assertThat(map(DEFAULT, HEADER, employed)).containsExactly("skipped", List.of(new Retraction("B-1")));
        assertThat(map(SocioCodes.parse("200", "318"), HEADER, pension)).containsExactly("skipped", List.of(new Retraction("P-1")));
        assertThatThrownBy(() -> SocioCodes.parse("200", "200,318")).hasMessage("socio-economic codes in both tables: [200]");
        assertThatThrownBy(() -> SocioCodes.parse("2OO", "318")).hasMessage("socio-economic codes are three digits: 2OO");
    }

    @Test
    void brokenRowsNameTheColumn() throws FileFormatException {
        assertThat(map(DEFAULT, HEADER,
                "0101901233;C;K;31B;01-11-2024;;X-1",
                "0101901233;C;K;200;01.11.2024;;X-2",
                "0101901233;C;K;200;01-11-2024;31-13-2024;X-3"))
                .containsExactly("skipped",
                        "column Socioøkonomisk kode is not a three-digit socio-economic code",
                        "column Startdato is not a date in the form dd-mm-åååå",
                        "column Slutdato is not a date in the form dd-mm-åååå");
    }
}
