// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

import java.util.List;

/** The columns of the treatment system's export of treatment episodes, as the system names them. */
final class SubstanceAbuseColumns {
    static final String CPR = "CPR-nummer";
    static final String NAME = "Navn";
    static final String START = "Behandlingsstart";
    static final String END = "Behandlingsslut";
    static final String TYPE = "Behandlingstype";
    static final String SUBSTANCE = "Hovedstof";
    static final String LAW = "Lovgrundlag";
    static final String UNIT = "Behandlingssted";
    static final String STATUS = "Status";
    static final String ID = "Forløbs-id";

    /** In the order the export writes them. */
    static final List<String> ALL = List.of(CPR, NAME, START, END, TYPE, SUBSTANCE, LAW, UNIT, STATUS, ID);
    /**
     * Those that must be there. Hovedstof and Lovgrundlag are read when they are; the name and the
     * treatment unit are in the export but never read (data minimisation).
     */
    static final List<String> REQUIRED = List.of(CPR, START, END, TYPE, STATUS, ID);

    /** Values of Status. */
    static final String ACTIVE = "Aktiv";
    static final String FINISHED = "Afsluttet";
    static final String ANNULLED = "Annulleret";
    static final List<String> STATUSES = List.of(ACTIVE, FINISHED, ANNULLED);

    private SubstanceAbuseColumns() {
    }
}
