// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Calendar arithmetic around the reference date, in epoch days. Dates are handed out from a cache so
 * that the hundreds of thousands of records of a large municipality share their {@link LocalDate}
 * instances.
 */
final class Days {

    /** Mean length of a year in days. */
    static final double YEAR = 365.2425;
    /**
     * How far back the history reaches: all event days lie in {@code (reference - 7 years, reference]}, enough for a
     * back-test with a three-year look-back and a two-year follow-up, and for fitting a model on the two years before that.
     */
    static final int WINDOW_YEARS = 7;

    private final LocalDate reference;
    private final long referenceDay;
    private final long firstCachedDay;
    private final LocalDate[] cache;

    Days(LocalDate reference) {
        this.reference = reference;
        this.referenceDay = reference.toEpochDay();
        this.firstCachedDay = reference.minusYears(110).toEpochDay();
        this.cache = new LocalDate[(int) (referenceDay - firstCachedDay + 1)];
    }

    LocalDate reference() {
        return reference;
    }

    long referenceDay() {
        return referenceDay;
    }

    /** First day of the event window. */
    long windowFirstDay() {
        return reference.minusYears(WINDOW_YEARS).toEpochDay() + 1;
    }

    LocalDate date(long day) {
        if (day < firstCachedDay || day > referenceDay) {
            return LocalDate.ofEpochDay(day);
        }
        int i = (int) (day - firstCachedDay);
        LocalDate d = cache[i];
        if (d == null) {
            d = LocalDate.ofEpochDay(day);
            cache[i] = d;
        }
        return d;
    }

    /** The day a person born on {@code birthDay} turns {@code years} old. */
    long birthday(long birthDay, int years) {
        return date(birthDay).plusYears(years).toEpochDay();
    }

    /** Birth day of someone aged {@code years} (fractional) on the reference date. */
    long birthForAge(double years) {
        return referenceDay - Math.round(years * YEAR);
    }

    /** A uniform birth day of someone whose completed age on the reference date is {@code age}. */
    long birthForCompletedAge(int age, SplittableRandom rng) {
        long latest = reference.minusYears(age).toEpochDay();
        long earliest = reference.minusYears(age + 1L).toEpochDay() + 1;
        return Draws.day(rng, earliest, latest);
    }

    /** True when someone born on that day is under 18 on the reference date. */
    boolean isMinor(long birthDay) {
        return birthday(birthDay, 18) > referenceDay;
    }

    /** Age in (fractional) years on the reference date. */
    double age(long birthDay) {
        return (referenceDay - birthDay) / YEAR;
    }
}
