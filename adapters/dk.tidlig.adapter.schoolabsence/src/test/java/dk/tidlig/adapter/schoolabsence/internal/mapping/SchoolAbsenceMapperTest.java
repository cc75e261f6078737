// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.schoolabsence.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.MapperHarness;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;

class SchoolAbsenceMapperTest {

    static final String HEADER = "CPR-nummer;Elevnavn;Skole;Klasse;Periode fra;Periode til;Skoledage;Sygdom;Lovligt fravær;Ulovligt fravær;Opgørelses-id";

    static List<Object> map(String... rows) throws FileFormatException {
        String[] lines = new String[rows.length + 1];
        lines[0] = HEADER;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        return MapperHarness.map(new SchoolAbsenceMapper(15), lines).subList(1, rows.length + 1);
    }

    @Test
    void fifteenPercentUnlawfulAbsenceInAQuarterIsTheIndicator() throws FileFormatException {
        assertThat(map("050613-4122;C;S;7.a;01-10-2025;31-12-2025;60;2;0;9;Q-1")).containsExactly(List.of(
                new RiskEvent(Indicator.CHILD_SCHOOL_ABSENCE, "0506134122", LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31), "Q-1",
                        List.of(new DetailCode("absence", "UNLAWFUL", "Ulovligt fravær"),
                                new DetailCode("absence.percent", "15", "9 af 60 skoledage")))));
    }

    @Test
    void lessIsSkippedAndIllnessOrPermittedAbsenceNeverCounts() throws FileFormatException {
        assertThat(map("050613-4122;C;S;7.a;01-10-2025;31-12-2025;60;2;0;8;Q-1",     // 13.3 %
                "050613-4122;C;S;7.a;01-10-2025;31-12-2025;60;30;20;0;Q-2"))          // much absence, none unlawful
                .containsExactly(List.of(new Retraction("Q-1")), List.of(new Retraction("Q-2")));
    }

    @Test
    void theThresholdIsConfiguration() throws FileFormatException {
        assertThat(MapperHarness.map(new SchoolAbsenceMapper(10), HEADER, "050613-4122;C;S;7.a;01-10-2025;31-12-2025;60;2;0;7;Q-1").get(1))
                .isInstanceOf(List.class);
    }

    @Test
    void impossibleRowsAreQuarantined() throws FileFormatException {
        assertThat(map("050613-4122;C;S;7.a;01-10-2025;30-11-2025;40;2;0;9;Q-1",
                "050613-4122;C;S;7.a;01-01-2026;31-03-2026;60;30;20;15;Q-2",
                "050613-4122;C;S;7.a;01-01-2026;31-03-2026;60;2;0;fem;Q-3",
                "050613-4122;C;S;7.a;01-01-2026;31-03-2026;0;0;0;0;Q-4",
                "050613-4122;C;S;7.a;01-01-2026;31-03-2026;60;-1;0;0;Q-5"))
                .containsExactly("the period (Periode fra, Periode til) is not one calendar quarter",
                        "the days of absence add up to more than the school days",
                        "column Ulovligt fravær is not a whole number",
                        "column Skoledage is 0",
                        "column Sygdom is not a number of days in a quarter (0-100)");
    }
}
