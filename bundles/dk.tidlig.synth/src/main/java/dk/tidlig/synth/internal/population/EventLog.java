// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.RiskEvent;

/**
 * Collects the generated events as compact drafts, then turns them into {@link RiskEvent}s in
 * date order, numbers them per source system as the source would, and re-delivers a small share a
 * second time (same source record id, same content), as sources do after a failed transfer.
 */
final class EventLog {

    static final long OPEN = FamilyPlan.NONE;

    private static final class Draft {
        final Indicator indicator;
        final String cpr;
        final int start;
        final int end;
        final List<DetailCode> details;
        final int registered;

        Draft(Indicator indicator, String cpr, int start, int end, List<DetailCode> details, int registered) {
            this.indicator = indicator;
            this.cpr = cpr;
            this.start = start;
            this.end = end;
            this.details = details;
            this.registered = registered;
        }
    }

    /** The indicators that are outcomes a model may be judged on: their days are kept per child for the truth. */
    static final java.util.Set<Indicator> OUTCOMES = java.util.EnumSet.of(Indicator.CHILD_NOTIFICATION, Indicator.CHILD_PREVENTIVE_MEASURE,
            Indicator.CHILD_PLACEMENT);
    private final java.util.Map<String, List<FamilyTruth.Outcome>> outcomes = new java.util.HashMap<>();

    private static final int NO_END = Integer.MIN_VALUE;
    /** Stable sort: by day, then by indicator; equal keys keep the order of generation. */
    private static final Comparator<Draft> BY_DAY = Comparator.<Draft>comparingInt(d -> d.start).thenComparingInt(d -> d.indicator.ordinal());

    private final ArrayList<Draft> drafts;

    EventLog(int expected) {
        this.drafts = new ArrayList<>(expected);
    }

    /** @param end last day of a period, or {@link #OPEN} for a dated occurrence or an ongoing period */
    void add(Indicator indicator, String cpr, long start, long end, List<DetailCode> details) {
        add(indicator, cpr, start, end, details, OPEN);
    }

    /** @param registered the day the source registered it, or {@link #OPEN} when the source does not say */
    void add(Indicator indicator, String cpr, long start, long end, List<DetailCode> details, long registered) {
        drafts.add(new Draft(indicator, cpr, (int) start, end == OPEN ? NO_END : (int) end, details, registered == OPEN ? NO_END : (int) registered));
        if (OUTCOMES.contains(indicator)) {
            outcomes.computeIfAbsent(cpr, k -> new ArrayList<>(2)).add(new FamilyTruth.Outcome(indicator, LocalDate.ofEpochDay(start)));
        }
    }

    /** The outcome events generated for a person so far, by day. */
    List<FamilyTruth.Outcome> outcomes(String cpr) {
        List<FamilyTruth.Outcome> out = new ArrayList<>(outcomes.getOrDefault(cpr, List.of()));
        out.sort(Comparator.comparing(FamilyTruth.Outcome::day).thenComparing(FamilyTruth.Outcome::indicator));
        return out;
    }

    int size() {
        return drafts.size();
    }

    List<RiskEvent> finish(Days days, SplittableRandom rng, double duplicateShare) {
        return finish(days, rng, duplicateShare, sourceIds(days));
    }

    /** The numbering of source record ids for a whole population: one for all its parts, so no two parts share an id. */
    static SourceIds sourceIds(Days days) {
        return new SourceIds(days.reference().getYear() - Days.WINDOW_YEARS, Days.WINDOW_YEARS + 1);
    }

    /** As {@link #finish(Days, SplittableRandom, double)}, numbering on from where earlier parts left {@code ids}. */
    List<RiskEvent> finish(Days days, SplittableRandom rng, double duplicateShare, SourceIds ids) {
        drafts.sort(BY_DAY);
        List<RiskEvent> events = new ArrayList<>(drafts.size() + drafts.size() / 64 + 16);
        for (Draft d : drafts) {
            events.add(new RiskEvent(d.indicator, d.cpr, days.date(d.start), d.end == NO_END ? null : days.date(d.end),
                    ids.next(d.indicator, days.date(d.start)), d.details, d.registered == NO_END ? null : days.date(d.registered)));
        }
        drafts.clear();
        drafts.trimToSize();
        outcomes.clear();
        int original = events.size();
        for (int i = 0; i < original; i++) {
            RiskEvent e = events.get(i);
            if (e.sourceRecordId() != null && Draws.chance(rng, duplicateShare)) {
                events.add(new RiskEvent(e.indicator(), e.subjectCpr(), e.start(), e.end(), e.sourceRecordId(), e.details(), e.registered()));
            }
        }
        return events;
    }
}
