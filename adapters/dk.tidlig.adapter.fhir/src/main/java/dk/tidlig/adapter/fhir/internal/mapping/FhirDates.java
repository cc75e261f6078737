// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

import org.hl7.fhir.r4.model.BaseDateTimeType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * FHIR dates and date-times as calendar days. A date-time with a time of day is a moment: it becomes the
 * day it falls on in Danish time. A date without a time is that day. Dates given only to the year or month
 * ("2020", "2020-03") are not a day; callers decide what such a date means.
 */
final class FhirDates {

    private FhirDates() {
    }

    /** The day, or empty when the value is missing or less precise than a day. */
    static Optional<LocalDate> day(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return Optional.empty();
        }
        TemporalPrecisionEnum precision = value.getPrecision();
        if (precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH) {
            return Optional.empty();
        }
        if (precision == TemporalPrecisionEnum.DAY) {
            return Optional.of(LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay()));
        }
        return Optional.of(value.getValue().toInstant().atZone(Fhir.DANISH_TIME).toLocalDate());
    }

    /** The first day of the (possibly partial) date: 2020 is 1 January 2020, 2020-03 is 1 March 2020. */
    static Optional<LocalDate> firstDay(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return Optional.empty();
        }
        switch (value.getPrecision()) {
            case YEAR:
                return Optional.of(LocalDate.of(value.getYear(), 1, 1));
            case MONTH:
                return Optional.of(LocalDate.of(value.getYear(), value.getMonth() + 1, 1));
            default:
                return day(value);
        }
    }

    /** The last day of the (possibly partial) date: 2020 is 31 December 2020, 2020-02 is 29 February 2020. */
    static Optional<LocalDate> lastDay(BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return Optional.empty();
        }
        switch (value.getPrecision()) {
            case YEAR:
                return Optional.of(LocalDate.of(value.getYear(), 12, 31));
            case MONTH:
                return Optional.of(YearMonth.of(value.getYear(), value.getMonth() + 1).atEndOfMonth());
            default:
                return day(value);
        }
    }
}
