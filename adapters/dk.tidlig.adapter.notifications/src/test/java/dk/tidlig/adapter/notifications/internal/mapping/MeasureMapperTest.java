// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

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

/** The export of measures granted, and how the case system's two exports are told apart by their header. */
class MeasureMapperTest {

    static final String HEADER = "CPR-nummer;Barnets navn;Foranstaltning;Paragraf;Bevilget fra;Ophørt;Registreret;Status;Foranstaltnings-id";

    static List<Object> map(String... lines) throws FileFormatException {
        return MapperHarness.map(new ChildCaseMapper(), lines);
    }

    static RiskEvent measure(Indicator indicator, LocalDate from, LocalDate until, String id, String section, LocalDate registered) {
        return new RiskEvent(indicator, "1503224012", from, until, id, List.of(new DetailCode(MeasureMapper.SECTION_CODES, section, null)),
                registered);
    }

    @Test
    void preventiveMeasuresAndPlacementsAreTheChildsForTheirPeriodWithTheDayRegistered() throws FileFormatException {
        assertThat(map(HEADER,
                "150322-4012;Alma Testesen;Forebyggende indsats;BL § 32, stk. 1, nr. 3;01-03-2025;31-08-2025;14-03-2025;Ophørt;FOREB-2025-000001",
                "150322-4012;Alma Testesen;Anbringelse;BL § 47;02-09-2025;;02-09-2025;Bevilget;ANBR-2025-000001",
                "150322-4012;Alma Testesen;Anbringelse;§ 46;02-10-2025;;;Bevilget;ANBR-2025-000002",
                "150322-4012;Alma Testesen;Anbringelse;BL § 46;02-10-2025;;;Annulleret;ANBR-2025-000003"))
                .containsExactly(MapperHarness.SKIPPED,
                        List.of(measure(Indicator.CHILD_PREVENTIVE_MEASURE, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 8, 31), "FOREB-2025-000001", "§ 32",
                                LocalDate.of(2025, 3, 14))),
                        List.of(measure(Indicator.CHILD_PLACEMENT, LocalDate.of(2025, 9, 2), null, "ANBR-2025-000001", "§ 47", LocalDate.of(2025, 9, 2))),
                        List.of(measure(Indicator.CHILD_PLACEMENT, LocalDate.of(2025, 10, 2), null, "ANBR-2025-000002", "§ 46", null)),
                        List.of(new Retraction("ANBR-2025-000003")));
    }

    @Test
    void aRowThatCannotBeReadSaysWhichColumnAndRuleNeverTheValue() throws FileFormatException {
        List<Object> out = map(HEADER,
                "150322-4012;A;Aflastning;BL § 32;01-03-2025;;;Bevilget;F1",
                "150322-4012;A;Forebyggende indsats;SEL § 52;01-03-2025;;;Bevilget;F2",
                "150322-4012;A;Forebyggende indsats;BL § 32;01-03-2025;01-02-2025;;Bevilget;F3",
                "150322-4012;A;Forebyggende indsats;BL § 32;01-03-2019;;;Bevilget;F4");
        assertThat(out.get(1)).asString().startsWith("column Foranstaltning is not one of");
        assertThat(out.get(2)).isEqualTo("column Paragraf is not a section of Barnets Lov in the form BL § 32");
        assertThat(out.get(3)).isEqualTo("column Ophørt lies before column Bevilget fra");
        assertThat(out.get(4)).isEqualTo("column Bevilget fra lies before the child's birth date (from column CPR-nummer)");
    }

    @Test
    void aNotificationsExportIsStillReadAsOneAndMayGiveTheDayRegistered() throws FileFormatException {
        assertThat(map(NotificationMapperTest.HEADER + ";Registreret", "150322-4012;A;03-02-2026;27.24.03;Skole;Modtaget;U1;05-02-2026"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new RiskEvent(Indicator.CHILD_NOTIFICATION, "1503224012", LocalDate.of(2026, 2, 3), null, "U1",
                        List.of(new DetailCode(DetailCode.KLE, "27.24.03", "Børnefaglig undersøgelse"), new DetailCode("notifier", "SCHOOL", "Skole")),
                        LocalDate.of(2026, 2, 5))));
        assertThat(map(NotificationMapperTest.HEADER + ";Registreret", "150322-4012;A;03-02-2026;27.24.03;Skole;Modtaget;U1;01-02-2026").get(1))
                .isEqualTo("column Registreret lies before column Modtaget");
    }
}
