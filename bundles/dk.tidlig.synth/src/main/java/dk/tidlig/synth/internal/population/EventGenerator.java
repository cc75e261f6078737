// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;

/**
 * Generates the risk events of one person over the seven years before the reference date, with rates
 * that rise with the family's latent risk (see {@link LatentRisk}). Child indicators are generated only
 * while the person is under 18, parent indicators only from 18; all days lie in
 * {@code (reference - 7 years, reference]}.
 *
 * <p>Targets, per year unless stated: notification about 6 % of children, 1.8 notifications per
 * notified child; dental no-show 10 % of children 2-17; health-visitor no-show 6.5 % of infants (0-1);
 * missed doctor's appointment 3 % of everyone; unlawful school absence 2.5 % of pupils 6-16 per
 * quarter; new psychiatric diagnosis 1.8 % of adults; substance-abuse treatment about 1 % of adults in
 * four years; unemployed about 4 % and on transfer income about 5 % of adults 18-64 at any time.
 *
 * <p>The constants are the rates at latent risk 0. Children of single parents, stepfamilies and
 * recently separated parents have a higher latent risk, so the base rates of the child indicators are
 * set somewhat below the targets, which the population as a whole then meets.
 */
final class EventGenerator {

    // dated occurrences: share with at least one event per year of exposure, further events per such year, dependence on risk
    private static final double NOTIFIED_PER_YEAR = 0.055;
    private static final double EXTRA_NOTIFICATIONS = 0.8;
    private static final double NOTIFICATION_BETA = 1.0;
    private static final double DENTAL_NO_SHOW_PER_YEAR = 0.092;
    private static final double EXTRA_DENTAL = 0.25;
    private static final double DENTAL_BETA = 0.7;
    private static final double HEALTH_VISITOR_NO_SHOW_PER_YEAR = 0.06;
    private static final double EXTRA_HEALTH_VISITOR = 0.3;
    private static final double HEALTH_VISITOR_BETA = 0.7;
    private static final double MISSED_DOCTOR_PER_YEAR = 0.03;
    private static final double EXTRA_DOCTOR = 0.15;
    private static final double DOCTOR_BETA = 0.5;
    private static final double ABSENCE_PER_QUARTER = 0.022;
    private static final double ABSENCE_BETA = 0.9;
    private static final double ABSENCE_PERCENT_MEAN_EXCESS = 6.0;
    // parents
    private static final double PSYCHIATRIC_PER_YEAR = 0.018;
    private static final double PSYCHIATRIC_BETA = 0.6;
    private static final double SUBSTANCE_PER_YEAR = 0.0025;
    private static final double SUBSTANCE_BETA = 0.9;
    private static final double UNEMPLOYMENT_ENTRY_PER_YEAR = 0.083;
    private static final double UNEMPLOYMENT_MEAN_YEARS = 0.5;
    private static final double UNEMPLOYMENT_BETA = 0.6;
    private static final double CASH_BENEFIT_ENTRY_PER_YEAR = 0.04;
    private static final double CASH_BENEFIT_MEAN_YEARS = 1.0;
    private static final double TRANSFER_BETA = 0.7;
    private static final double DISABILITY_AT_START = 0.012;
    private static final double DISABILITY_PER_YEAR = 0.002;
    private static final int SHORTEST_SPELL_DAYS = 14;
    /** Citizens of other countries: entry into unemployment and onto transfer income, relative to Danish citizens. */
    static final double FOREIGN_UNEMPLOYMENT = 2.5;
    static final double FOREIGN_TRANSFER = 3.0;
    /** ... and the periods last longer (as Danish register statistics show for immigrants from outside the EU). */
    static final double FOREIGN_SPELL_LENGTH = 2.0;
    /** Mean days from receiving a notification, or granting a measure, to registering it. */
    private static final double NOTIFICATION_REGISTRATION_DAYS = 3;
    private static final double MEASURE_REGISTRATION_DAYS = 12;

    private final SplittableRandom rng;
    private final Days days;
    private final EventLog log;
    private final EventCodes codes = new EventCodes();
    private final long first;
    private final long last;
    /** The one-year slices of the history, most recent first. */
    private final long[] sliceFrom = new long[Days.WINDOW_YEARS];
    private final long[] sliceTo = new long[Days.WINDOW_YEARS];
    /** The complete calendar quarters inside the window. */
    private final long[] quarterFrom;
    private final long[] quarterTo;
    private final long[] dates = new long[256];

    EventGenerator(SplittableRandom rng, Days days, EventLog log) {
        this.rng = rng;
        this.days = days;
        this.log = log;
        this.first = days.windowFirstDay();
        this.last = days.referenceDay();
        LocalDate ref = days.reference();
        for (int k = 0; k < Days.WINDOW_YEARS; k++) {
            sliceTo[k] = ref.minusYears(k).toEpochDay();
            sliceFrom[k] = ref.minusYears(k + 1L).toEpochDay() + 1;
        }
        List<long[]> quarters = new ArrayList<>();
        LocalDate q = LocalDate.ofEpochDay(first).withDayOfMonth(1);
        q = q.withMonth((q.getMonthValue() - 1) / 3 * 3 + 1);
        for (; !q.isAfter(ref); q = q.plusMonths(3)) {
            long from = q.toEpochDay();
            long to = q.plusMonths(3).minusDays(1).toEpochDay();
            if (from >= first && to <= last) {
                quarters.add(new long[] {from, to});
            }
        }
        quarterFrom = new long[quarters.size()];
        quarterTo = new long[quarters.size()];
        for (int i = 0; i < quarters.size(); i++) {
            quarterFrom[i] = quarters.get(i)[0];
            quarterTo[i] = quarters.get(i)[1];
        }
    }

    /**
     * All events of one resident person whose family has latent risk z.
     *
     * @param foreign a citizen of another country: more often unemployed and on transfer income, as in Denmark, but
     *                with the same latent risk, so no more likely to have an outcome. A model that counts unemployment
     *                therefore flags such families more often without cause: a known bias for the checks to find.
     */
    void person(String cpr, long birthDay, double z, boolean foreign) {
        long turns2 = days.birthday(birthDay, 2);
        long turns18 = days.birthday(birthDay, 18);
        if (turns18 > first) {
            childEvents(cpr, birthDay, turns2, turns18, z);
        }
        int n = occurrences(Math.max(birthDay, first), last, MISSED_DOCTOR_PER_YEAR * LatentRisk.multiplier(z, DOCTOR_BETA), EXTRA_DOCTOR);
        for (int i = 0; i < n; i++) {
            log.add(Indicator.MISSED_DOCTOR_APPOINTMENT, cpr, dates[i], EventLog.OPEN, List.of());
        }
        if (turns18 <= last) {
            adultEvents(cpr, birthDay, turns18, z, foreign);
        }
    }

    /** The parents' separation, as CPR registers it: one event for each parent, without a record id. */
    void separation(String cpr, long day) {
        log.add(Indicator.PARENTS_SEPARATION, cpr, day, EventLog.OPEN, List.of());
    }

    private void childEvents(String cpr, long birthDay, long turns2, long turns18, double z) {
        long turns6 = days.birthday(birthDay, 6);
        int n = occurrences(birthDay, turns18 - 1, NOTIFIED_PER_YEAR * LatentRisk.multiplier(z, NOTIFICATION_BETA), EXTRA_NOTIFICATIONS);
        for (int i = 0; i < n; i++) {
            // registered in the case system within days of being received
            long registered = Math.min(last, dates[i] + Draws.poisson(rng, NOTIFICATION_REGISTRATION_DAYS));
            log.add(Indicator.CHILD_NOTIFICATION, cpr, dates[i], EventLog.OPEN, codes.notification(rng, dates[i] < turns6), registered);
        }
        measures(cpr, birthDay, turns18, z);
        n = occurrences(turns2, turns18 - 1, DENTAL_NO_SHOW_PER_YEAR * LatentRisk.multiplier(z, DENTAL_BETA), EXTRA_DENTAL);
        for (int i = 0; i < n; i++) {
            log.add(Indicator.CHILD_DENTAL_NO_SHOW, cpr, dates[i], EventLog.OPEN, codes.dental(rng));
        }
        n = occurrences(birthDay, turns2 - 1, HEALTH_VISITOR_NO_SHOW_PER_YEAR * LatentRisk.multiplier(z, HEALTH_VISITOR_BETA),
                EXTRA_HEALTH_VISITOR);
        for (int i = 0; i < n; i++) {
            log.add(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, cpr, dates[i], EventLog.OPEN, codes.healthVisit(rng));
        }
        schoolAbsence(cpr, turns6, days.birthday(birthDay, 17), z);
    }

    /**
     * Measures granted under Barnets Lov while the child is under 18: at a yearly rate that gives the chance of one within
     * two years of {@link LatentRisk#outcomeProbability(double)}, at most two in the history; a placement rather than a
     * preventive measure more often the higher the risk. A preventive measure lasts 6-24 months, a placement 1-4 years;
     * each is registered within weeks of the day it was granted from.
     */
    private void measures(String cpr, long birthDay, long turns18, double z) {
        long from = Math.max(birthDay, first);
        long to = Math.min(turns18 - 1, last);
        double rate = LatentRisk.measurePerYear(z);
        double t = from + Draws.exponential(rng, Days.YEAR / rate);
        for (int k = 0; k < 2 && t <= to; k++) {
            long start = (long) t;
            boolean placement = Draws.chance(rng, LatentRisk.placementShare(z));
            long length = placement ? 365 + rng.nextInt(3 * 365) : 182 + rng.nextInt(548);
            long end = Math.min(start + length, turns18 - 1); // a measure under Barnets Lov ends at 18
            String section = placement ? (Draws.chance(rng, 0.15) ? "§ 47" : "§ 46") : "§ 32";
            long registered = Math.min(last, start + Draws.poisson(rng, MEASURE_REGISTRATION_DAYS));
            log.add(placement ? Indicator.CHILD_PLACEMENT : Indicator.CHILD_PREVENTIVE_MEASURE, cpr, start, end > last ? EventLog.OPEN : end,
                    List.of(new DetailCode("barnets-lov", section, null)), registered);
            t = end + Draws.exponential(rng, Days.YEAR / rate);
        }
    }

    /** One event per complete quarter with unlawful absence of 15 % or more, for pupils aged 6-16 when the quarter starts. */
    private void schoolAbsence(String cpr, long turns6, long turns17, double z) {
        double p = Math.min(0.6, ABSENCE_PER_QUARTER * LatentRisk.multiplier(z, ABSENCE_BETA));
        for (int q = 0; q < quarterFrom.length; q++) {
            if (quarterFrom[q] >= turns6 && quarterFrom[q] < turns17 && Draws.chance(rng, p)) {
                int percent = EventCodes.MIN_ABSENCE_PERCENT + (int) Draws.exponential(rng, ABSENCE_PERCENT_MEAN_EXCESS);
                log.add(Indicator.CHILD_SCHOOL_ABSENCE, cpr, quarterFrom[q], quarterTo[q], codes.absence(percent));
            }
        }
    }

    private void adultEvents(String cpr, long birthDay, long turns18, double z, boolean foreign) {
        long adultFrom = Math.max(turns18, first);
        double adultYears = (last - adultFrom + 1) / Days.YEAR;
        if (Draws.chance(rng, 1 - Math.exp(-PSYCHIATRIC_PER_YEAR * LatentRisk.multiplier(z, PSYCHIATRIC_BETA) * adultYears))) {
            log.add(Indicator.PARENT_PSYCHIATRIC_ILLNESS, cpr, Draws.day(rng, adultFrom, last), EventLog.OPEN, codes.psychiatric(rng));
        }
        substanceTreatment(cpr, adultFrom, Math.min(last, days.birthday(birthDay, 70) - 1), z);
        long turns65 = days.birthday(birthDay, 65);
        long workTo = Math.min(last, turns65 - 1);
        if (adultFrom > workTo) {
            return;
        }
        double unemployment = UNEMPLOYMENT_ENTRY_PER_YEAR * LatentRisk.multiplier(z, UNEMPLOYMENT_BETA) * (foreign ? FOREIGN_UNEMPLOYMENT : 1);
        spells(Indicator.PARENT_UNEMPLOYED, cpr, turns18, adultFrom, workTo, unemployment, UNEMPLOYMENT_MEAN_YEARS * (foreign ? FOREIGN_SPELL_LENGTH : 1));
        double cash = CASH_BENEFIT_ENTRY_PER_YEAR * LatentRisk.multiplier(z, TRANSFER_BETA) * (foreign ? FOREIGN_TRANSFER : 1);
        spells(Indicator.PARENT_TRANSFER_INCOME, cpr, turns18, adultFrom, workTo, cash, CASH_BENEFIT_MEAN_YEARS * (foreign ? FOREIGN_SPELL_LENGTH : 1));
        disabilityPension(cpr, Math.max(days.birthday(birthDay, 30), first), workTo, turns65, z);
    }

    private void substanceTreatment(String cpr, long from, long to, double z) {
        if (from > to) {
            return;
        }
        double years = (to - from + 1) / Days.YEAR;
        if (Draws.chance(rng, 1 - Math.exp(-SUBSTANCE_PER_YEAR * LatentRisk.multiplier(z, SUBSTANCE_BETA) * years))) {
            long start = Draws.day(rng, from, to);
            long end = start + 60 + rng.nextInt(480);
            log.add(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, cpr, start, end > last ? EventLog.OPEN : end, codes.substance(rng));
        }
    }

    /**
     * Periods of unemployment or cash benefit as an alternating renewal process (exponential waits
     * and durations), started two years before the window in its stationary state, and cut to
     * {@code [from, to]}: a period running on the reference date is open; one cut at 65 ends there.
     */
    private void spells(Indicator indicator, String cpr, long turns18, long from, long to, double entryPerYear, double meanYears) {
        long begin = Math.max(turns18, first - 2 * 365L);
        double stationary = entryPerYear * meanYears / (1 + entryPerYear * meanYears);
        boolean on = begin > turns18 && Draws.chance(rng, stationary);
        double t = begin;
        while (t <= to) {
            if (on) {
                double length = Math.max(SHORTEST_SPELL_DAYS, Draws.exponential(rng, meanYears * Days.YEAR));
                long start = (long) t;
                long end = (long) (t + length) - 1;
                if (end >= from) {
                    List<DetailCode> details = indicator == Indicator.PARENT_UNEMPLOYED ? codes.unemployed() : codes.cashBenefit(rng);
                    long cutEnd = end < to ? end : (to == last ? EventLog.OPEN : to);
                    log.add(indicator, cpr, Math.max(start, from), cutEnd, details);
                }
                t += length;
            } else {
                t += Draws.exponential(rng, Days.YEAR / entryPerYear);
            }
            on = !on;
        }
    }

    /** Disability pension from 30: some already receive it when the window opens, a few are granted it during it; it lasts until 65. */
    private void disabilityPension(String cpr, long from, long to, long turns65, double z) {
        if (from > to) {
            return;
        }
        double m = LatentRisk.multiplier(z, TRANSFER_BETA);
        long start;
        if (from == first && Draws.chance(rng, DISABILITY_AT_START * m)) {
            start = first;
        } else if (Draws.chance(rng, 1 - Math.exp(-DISABILITY_PER_YEAR * m * (to - from + 1) / Days.YEAR))) {
            start = Draws.day(rng, from, to);
        } else {
            return;
        }
        long end = turns65 - 1 <= last ? turns65 - 1 : EventLog.OPEN;
        log.add(Indicator.PARENT_TRANSFER_INCOME, cpr, start, end, codes.disabilityPension());
    }

    /**
     * Days of dated occurrences within {@code [from, to]} (cut to the window), written to {@link #dates}:
     * in each year of the window, with probability {@code perYear} (pro rata for part of a year) the
     * person has one occurrence plus a Poisson number more, on uniform days.
     *
     * @return how many days were written
     */
    private int occurrences(long from, long to, double perYear, double extraMean) {
        int n = 0;
        double p = Math.min(perYear, 0.95);
        for (int k = 0; k < sliceFrom.length; k++) {
            long a = Math.max(from, sliceFrom[k]);
            long b = Math.min(to, sliceTo[k]);
            if (a > b) {
                continue;
            }
            double share = (b - a + 1) / (double) (sliceTo[k] - sliceFrom[k] + 1);
            if (Draws.chance(rng, 1 - Math.pow(1 - p, share))) {
                int count = 1 + Draws.poisson(rng, extraMean);
                for (int i = 0; i < count && n < dates.length; i++) {
                    dates[n++] = Draws.day(rng, a, b);
                }
            }
        }
        return n;
    }
}
