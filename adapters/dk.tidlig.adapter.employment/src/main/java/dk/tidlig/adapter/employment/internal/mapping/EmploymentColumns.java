// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal.mapping;

import java.util.List;

/** The columns of the job centre's period export, as the vendor names them. */
final class EmploymentColumns {
    static final String CPR = "CPR-nummer";
    static final String NAME = "Navn";
    static final String KIND = "Forløbstype";
    static final String SOCIO = "Socioøkonomisk kode";
    static final String START = "Startdato";
    static final String END = "Slutdato";
    static final String ID = "Forløbs-id";

    static final List<String> ALL = List.of(CPR, NAME, KIND, SOCIO, START, END, ID);
    static final List<String> REQUIRED = List.of(CPR, SOCIO, START, END, ID);

    private EmploymentColumns() {
    }
}
