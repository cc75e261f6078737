// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dk.tidlig.core.scoring.PointModel.Rule;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.Subject;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.store.ScoringInput.EventFacts;

/**
 * Applies a point model to linked families. Pure and deterministic: the same families, events, model
 * and reference date give the same scores and explanations, in the same order.
 *
 * <ul>
 * <li>Indicators about a child count for the child only, indicators about a parent for the family's
 * adults, indicators about anyone for both.</li>
 * <li>A dated event counts when its date lies in the window [windowStart, asOf]; a period counts when
 * it overlaps the window (an open period lasts until asOf).</li>
 * <li>{@code PER_YEAR} counts the days of a person's periods inside the window once, however the
 * periods overlap, pro rata per year of 365.25 days, rounded half up.</li>
 * <li>A family is flagged when at least {@code minIndicators} distinct indicators contributed and the
 * score reaches the threshold.</li>
 * </ul>
 */
public final class Scorer {

    private static final BigDecimal YEAR = new BigDecimal("365.25");
    private static final Comparator<EventFacts> NEWEST_FIRST = Comparator.comparing(EventFacts::start).reversed()
            .thenComparing(EventFacts::sourceSystem).thenComparing(EventFacts::sourceRecordId);
    private static final Comparator<EventFacts> OLDEST_FIRST = Comparator.comparing(EventFacts::start)
            .thenComparing(EventFacts::sourceSystem).thenComparing(EventFacts::sourceRecordId);
    private static final Comparator<Contribution> EXPLANATION_ORDER = Comparator.comparing(Contribution::points).reversed()
            .thenComparing(Contribution::indicator).thenComparing(Contribution::start, Comparator.reverseOrder())
            .thenComparing(Contribution::sourceSystem).thenComparing(Contribution::sourceRecordId);

    private final PointModel model;
    private final LocalDate asOf;
    private final LocalDate windowStart;

    public Scorer(PointModel model, LocalDate asOf) {
        this.model = model;
        this.asOf = asOf;
        this.windowStart = windowStart(model, asOf);
    }

    /** The first day of the look-back window. */
    public static LocalDate windowStart(PointModel model, LocalDate asOf) {
        return asOf.minusMonths(model.windowMonths()).plusDays(1);
    }

    public FamilyScore score(Family family, Map<PersonId, List<EventFacts>> eventsBySubject, Function<PersonId, String> familyIds) {
        return score(family, (Function<PersonId, List<EventFacts>>) p -> eventsBySubject.getOrDefault(p, List.of()), familyIds);
    }

    /** The family's score, with each member's events as {@code eventsOf} gives them. */
    public FamilyScore score(Family family, Function<PersonId, List<EventFacts>> eventsOf, Function<PersonId, String> familyIds) {
        // indicator -> person -> events, for the persons and indicators that can count here
        Map<Indicator, Map<PersonId, List<EventFacts>>> candidates = new EnumMap<>(Indicator.class);
        Map<PersonId, FamilyRole> roles = new TreeMap<>();
        roles.put(family.child(), FamilyRole.CHILD);
        family.adults().forEach(m -> roles.put(m.person(), m.role()));
        roles.forEach((person, role) -> {
            for (EventFacts e : eventsOf.apply(person)) {
                Subject s = e.indicator().subject();
                boolean fits = s == Subject.ANY || (s == Subject.CHILD) == (role == FamilyRole.CHILD);
                if (fits && model.rules().containsKey(e.indicator()) && inWindow(e)) {
                    candidates.computeIfAbsent(e.indicator(), k -> new TreeMap<>()).computeIfAbsent(person, k -> new ArrayList<>()).add(e);
                }
            }
        });
        List<Contribution> contributions = new ArrayList<>();
        candidates.forEach((indicator, byPerson) -> {
            Rule rule = model.rules().get(indicator);
            switch (rule.basis()) {
                case ONCE -> {
                    EventFacts newest = byPerson.values().stream().flatMap(List::stream).min(NEWEST_FIRST).orElseThrow();
                    contributions.add(contribution(newest, roles.get(newest.subject()), rule.points(), rule.points() + " once"));
                }
                case PER_EVENT -> {
                    List<EventFacts> all = byPerson.values().stream().flatMap(List::stream).sorted(NEWEST_FIRST).toList();
                    int limit = rule.maxCount() == 0 ? all.size() : Math.min(rule.maxCount(), all.size());
                    for (EventFacts e : all.subList(0, limit)) {
                        contributions.add(contribution(e, roles.get(e.subject()), rule.points(), rule.points() + " per occurrence"
                                + (rule.maxCount() == 0 ? "" : ", at most " + rule.maxCount())));
                    }
                }
                case PER_YEAR -> byPerson.forEach((person, events) -> perYear(events, roles.get(person), rule, contributions));
                default -> throw new IllegalStateException();
            }
        });
        contributions.removeIf(c -> c.points() == 0);
        contributions.sort(EXPLANATION_ORDER);
        int total = contributions.stream().mapToInt(Contribution::points).sum();
        long distinct = contributions.stream().map(Contribution::indicator).distinct().count();
        boolean flagged = distinct >= model.minIndicators() && total >= model.threshold();
        return new FamilyScore(familyIds.apply(family.child()), family.child().hex(), family.childBirth(), total, flagged, contributions,
                family.adults().stream().map(m -> new FamilyScore.Adult(m.person().hex(), m.role())).toList());
    }

    private void perYear(List<EventFacts> events, FamilyRole role, Rule rule, List<Contribution> out) {
        LocalDate coveredUntil = windowStart.minusDays(1);
        for (EventFacts e : events.stream().sorted(OLDEST_FIRST).toList()) {
            LocalDate from = max(max(e.start(), windowStart), coveredUntil.plusDays(1));
            LocalDate to = e.end() == null || e.end().isAfter(asOf) ? asOf : e.end();
            if (to.isBefore(from)) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            coveredUntil = to;
            int points = BigDecimal.valueOf(rule.points()).multiply(BigDecimal.valueOf(days)).divide(YEAR, 0, RoundingMode.HALF_UP).intValueExact();
            String years = BigDecimal.valueOf(days).divide(YEAR, 2, RoundingMode.HALF_UP).toPlainString();
            out.add(contribution(e, role, points, rule.points() + " per year × " + years + " year (" + days + " days in the window)"));
        }
    }

    private static Contribution contribution(EventFacts e, FamilyRole role, int points, String basis) {
        return new Contribution(e.indicator(), role, e.subject().hex(), e.sourceSystem(), e.sourceRecordId(), e.start(), e.end(), points, basis);
    }

    private boolean inWindow(EventFacts e) {
        if (e.start().isAfter(asOf)) {
            return false;
        }
        if (e.indicator().isPeriod()) {
            return e.end() == null || !e.end().isBefore(windowStart);
        }
        return !e.start().isBefore(windowStart);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
