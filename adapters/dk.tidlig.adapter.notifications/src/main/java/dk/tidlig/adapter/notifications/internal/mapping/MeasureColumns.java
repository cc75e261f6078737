// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal.mapping;

import java.util.List;

/** The columns of the children's case system's export of measures granted (foranstaltninger), as the system names them. */
final class MeasureColumns {
    static final String CPR = "CPR-nummer";
    static final String CHILD_NAME = "Barnets navn";
    static final String KIND = "Foranstaltning";
    static final String SECTION = "Paragraf";
    static final String FROM = "Bevilget fra";
    static final String UNTIL = "Ophørt";
    static final String REGISTERED = "Registreret";
    static final String STATUS = "Status";
    static final String ID = "Foranstaltnings-id";

    /** In the order the export writes them. */
    static final List<String> ALL = List.of(CPR, CHILD_NAME, KIND, SECTION, FROM, UNTIL, REGISTERED, STATUS, ID);
    /** Those the adapter needs; the child's name is in the export but never read. */
    static final List<String> REQUIRED = List.of(CPR, KIND, SECTION, FROM, STATUS, ID);

    /** Values of Foranstaltning. */
    static final String PREVENTIVE = "Forebyggende indsats";
    static final String PLACEMENT = "Anbringelse";
    static final List<String> KINDS = List.of(PREVENTIVE, PLACEMENT);

    /** Values of Status. */
    static final String GRANTED = "Bevilget";
    static final String ENDED = "Ophørt";
    static final String ANNULLED = "Annulleret";
    static final List<String> STATUSES = List.of(GRANTED, ENDED, ANNULLED);

    private MeasureColumns() {
    }
}
