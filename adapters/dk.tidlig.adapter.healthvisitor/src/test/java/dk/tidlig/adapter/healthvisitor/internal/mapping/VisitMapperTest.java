// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.healthvisitor.internal.mapping;

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

class VisitMapperTest {

    static final String HEADER = "CPR-nummer;Barnets navn;Besøgsdato;Besøgstype;Status;Sundhedsplejerske;Besøgs-id";

    @Test
    void missedHomeVisitsAndConsultationsAreNoShows() throws FileFormatException {
        assertThat(MapperHarness.map(new VisitMapper(), HEADER,
                "150322-4012;A;10-05-2022;Hjemmebesøg;Ikke truffet hjemme;HMJ;SP-1",
                "150322-4012;A;14-06-2022;konsultation;udeblevet;HMJ;SP-2"))
                .containsExactly(MapperHarness.SKIPPED,
                        List.of(new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, "1503224012", LocalDate.of(2022, 5, 10), null, "SP-1",
                                List.of(new DetailCode("visit", "HOME_VISIT", "Hjemmebesøg"),
                                        new DetailCode("visit.status", "NOT_AT_HOME", "Ikke truffet hjemme")))),
                        List.of(new RiskEvent(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, "1503224012", LocalDate.of(2022, 6, 14), null, "SP-2",
                                List.of(new DetailCode("visit", "CONSULTATION", "Konsultation"),
                                        new DetailCode("visit.status", "NO_SHOW", "Udeblevet")))));
    }

    @Test
    void completedCancelledAndMovedVisitsRetractAnEarlierMissedVisit() throws FileFormatException {
        assertThat(MapperHarness.map(new VisitMapper(), HEADER,
                "150322-4012;A;05-04-2022;Hjemmebesøg;Gennemført;HMJ;SP-1",
                "150322-4012;A;05-04-2022;Hjemmebesøg;Aflyst;HMJ;SP-2",
                "150322-4012;A;05-04-2022;Åbent hus;Fraflyttet;HMJ;SP-3"))
                .containsExactly(MapperHarness.SKIPPED, List.of(new Retraction("SP-1")), List.of(new Retraction("SP-2")),
                        List.of(new Retraction("SP-3")));
    }

    @Test
    void unknownStatusesAndKindsAreQuarantined() throws FileFormatException {
        assertThat(MapperHarness.map(new VisitMapper(), HEADER,
                "150322-4012;A;05-04-2022;Hjemmebesøg;Ikke truffet;HMJ;SP-1",
                "150322-4012;A;05-04-2022;Telefon;Udeblevet;HMJ;SP-2"))
                .containsExactly(MapperHarness.SKIPPED,
                        "column Status is not one of Gennemført, Udeblevet, Ikke truffet hjemme, Aflyst, Fraflyttet",
                        "column Besøgstype is not one of Hjemmebesøg, Konsultation, Åbent hus");
    }
}
