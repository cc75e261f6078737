// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package ${package}.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.MapperHarness;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

class ${adapterClass}MapperTest {

    static final String HEADER = "CPR-nummer;Startdato;Slutdato;Kode;Id";

    @Test
    void aRowIsAnEvent() throws FileFormatException {
        assertThat(MapperHarness.map(new ${adapterClass}Mapper(), HEADER, "150322-4012;03-02-2026;;A;X-1"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new RiskEvent(Indicator.${indicator}, "1503224012", LocalDate.of(2026, 2, 3),
                        null, "X-1", List.of(DetailCode.of("${adapterId}.code", "A")))));
    }

    @Test
    void brokenRowsNameTheColumnNotTheValue() throws FileFormatException {
        assertThat(MapperHarness.map(new ${adapterClass}Mapper(), HEADER,
                "311320-4123;03-02-2026;;A;X-1",
                "150322-4012;30-02-2026;;A;X-2",
                "150322-4012;03-02-2026;;A;"))
                .containsExactly(MapperHarness.SKIPPED,
                        "column CPR-nummer: CPR number has a month that does not exist",
                        "column Startdato is not a date in the form dd-mm-åååå",
                        "column Id is empty");
    }
}
