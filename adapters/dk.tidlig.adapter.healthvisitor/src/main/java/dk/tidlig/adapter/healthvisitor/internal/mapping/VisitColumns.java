// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.healthvisitor.internal.mapping;

import java.util.List;

/** The columns of the health visitors' visit list, as the vendor names them. */
final class VisitColumns {
    static final String CPR = "CPR-nummer";
    static final String NAME = "Barnets navn";
    static final String DATE = "Besøgsdato";
    static final String KIND = "Besøgstype";
    static final String STATUS = "Status";
    static final String NURSE = "Sundhedsplejerske";
    static final String ID = "Besøgs-id";

    static final List<String> ALL = List.of(CPR, NAME, DATE, KIND, STATUS, NURSE, ID);
    static final List<String> REQUIRED = List.of(CPR, DATE, KIND, STATUS, ID);

    /** Values of Status. */
    static final String DONE = "Gennemført";
    static final String NO_SHOW = "Udeblevet";
    static final String NOT_AT_HOME = "Ikke truffet hjemme";
    static final String CANCELLED = "Aflyst";
    static final String MOVED = "Fraflyttet";
    static final List<String> STATUSES = List.of(DONE, NO_SHOW, NOT_AT_HOME, CANCELLED, MOVED);

    /** Values of Besøgstype. */
    static final String HOME_VISIT = "Hjemmebesøg";
    static final String CONSULTATION = "Konsultation";
    static final String OPEN_HOUSE = "Åbent hus";
    static final List<String> KINDS = List.of(HOME_VISIT, CONSULTATION, OPEN_HOUSE);

    private VisitColumns() {
    }
}
