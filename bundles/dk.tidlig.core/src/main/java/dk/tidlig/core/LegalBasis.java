// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.time.LocalDate;

/**
 * The legal basis tidlig processes data under, as configured by the municipality.
 *
 * @param id            a short id recorded with every score run, e.g. "BEK-2025-1234"
 * @param title         the basis in words
 * @param reference     where it is published (the executive order, its date)
 * @param inForceFrom   first day it applies
 * @param inForceUntil  last day it applies, or null while it lasts
 * @param syntheticOnly true for the demo's basis: only synthetic test data may be processed
 * @param namesLottery  the basis names a lottery among the eligible households for the order of offers (a wait-list
 *                      design to measure whether the outreach helps): without it, offers go by points only
 */
public record LegalBasis(String id, String title, String reference, LocalDate inForceFrom, LocalDate inForceUntil, boolean syntheticOnly,
        boolean namesLottery) {

    /** A basis that does not name a lottery. */
    public LegalBasis(String id, String title, String reference, LocalDate inForceFrom, LocalDate inForceUntil, boolean syntheticOnly) {
        this(id, title, reference, inForceFrom, inForceUntil, syntheticOnly, false);
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }
}
