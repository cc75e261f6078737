// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.schoolabsence.internal.mapping;

import java.util.List;

/** The columns of the school's quarterly absence statistics, as the school system names them. */
final class SchoolAbsenceColumns {
    static final String CPR = "CPR-nummer";
    static final String NAME = "Elevnavn";
    static final String SCHOOL = "Skole";
    static final String FORM = "Klasse";
    static final String FROM = "Periode fra";
    static final String TO = "Periode til";
    static final String SCHOOL_DAYS = "Skoledage";
    static final String ILLNESS = "Sygdom";
    static final String PERMITTED = "Lovligt fravær";
    static final String UNLAWFUL = "Ulovligt fravær";
    static final String ID = "Opgørelses-id";

    static final List<String> ALL = List.of(CPR, NAME, SCHOOL, FORM, FROM, TO, SCHOOL_DAYS, ILLNESS, PERMITTED, UNLAWFUL, ID);
    static final List<String> REQUIRED = List.of(CPR, FROM, TO, SCHOOL_DAYS, ILLNESS, PERMITTED, UNLAWFUL, ID);

    private SchoolAbsenceColumns() {
    }
}
