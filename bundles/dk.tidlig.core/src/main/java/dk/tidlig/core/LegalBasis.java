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
 */
public record LegalBasis(String id, String title, String reference, LocalDate inForceFrom, LocalDate inForceUntil, boolean syntheticOnly) {

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }
}
