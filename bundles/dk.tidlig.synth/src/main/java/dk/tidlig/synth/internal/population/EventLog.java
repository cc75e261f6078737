package dk.tidlig.synth.internal.population;

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

        Draft(Indicator indicator, String cpr, int start, int end, List<DetailCode> details) {
            this.indicator = indicator;
            this.cpr = cpr;
            this.start = start;
            this.end = end;
            this.details = details;
        }
    }

    private static final int NO_END = Integer.MIN_VALUE;
    /** Stable sort: by day, then by indicator; equal keys keep the order of generation. */
    private static final Comparator<Draft> BY_DAY = Comparator.<Draft>comparingInt(d -> d.start).thenComparingInt(d -> d.indicator.ordinal());

    private final ArrayList<Draft> drafts;

    EventLog(int expected) {
        this.drafts = new ArrayList<>(expected);
    }

    /** @param end last day of a period, or {@link #OPEN} for a dated occurrence or an ongoing period */
    void add(Indicator indicator, String cpr, long start, long end, List<DetailCode> details) {
        drafts.add(new Draft(indicator, cpr, (int) start, end == OPEN ? NO_END : (int) end, details));
    }

    int size() {
        return drafts.size();
    }

    List<RiskEvent> finish(Days days, SplittableRandom rng, double duplicateShare) {
        drafts.sort(BY_DAY);
        int firstYear = days.reference().getYear() - Days.WINDOW_YEARS;
        SourceIds ids = new SourceIds(firstYear, Days.WINDOW_YEARS + 1);
        List<RiskEvent> events = new ArrayList<>(drafts.size() + drafts.size() / 64 + 16);
        for (Draft d : drafts) {
            events.add(new RiskEvent(d.indicator, d.cpr, days.date(d.start), d.end == NO_END ? null : days.date(d.end),
                    ids.next(d.indicator, days.date(d.start)), d.details));
        }
        drafts.clear();
        drafts.trimToSize();
        int original = events.size();
        for (int i = 0; i < original; i++) {
            RiskEvent e = events.get(i);
            if (e.sourceRecordId() != null && Draws.chance(rng, duplicateShare)) {
                events.add(new RiskEvent(e.indicator(), e.subjectCpr(), e.start(), e.end(), e.sourceRecordId(), e.details()));
            }
        }
        return events;
    }
}
