// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal.mapping;

import java.util.List;

/** The columns of the dental care export, as the vendor names them. */
final class DentalColumns {
    static final String CPR = "CPR-nummer";
    static final String FIRST_NAME = "Fornavn";
    static final String LAST_NAME = "Efternavn";
    static final String DATE = "Aftaledato";
    static final String TIME = "Klokkeslæt";
    static final String CLINIC = "Klinik";
    static final String SERVICE = "Ydelse";
    static final String ATTENDANCE = "Fremmøde";
    static final String ID = "Aftale-id";

    /** In the order the export writes them. */
    static final List<String> ALL = List.of(CPR, FIRST_NAME, LAST_NAME, DATE, TIME, CLINIC, SERVICE, ATTENDANCE, ID);
    /** Those the adapter reads; names are in the export but never read (data minimisation). */
    static final List<String> REQUIRED = List.of(CPR, DATE, SERVICE, ATTENDANCE, ID);

    /** Values of Fremmøde. */
    static final String ATTENDED = "Mødt";
    static final String NO_SHOW = "Udeblevet";
    static final String CANCELLED = "Afbud";
    static final String CANCELLED_LATE = "Afbud for sent";
    static final String CANCELLED_BY_CLINIC = "Aflyst af klinik";
    static final List<String> ATTENDANCES = List.of(ATTENDED, NO_SHOW, CANCELLED, CANCELLED_LATE, CANCELLED_BY_CLINIC);

    private DentalColumns() {
    }
}
