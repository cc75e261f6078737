// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RiskEvent;

/**
 * The prevalences of the 20 000-citizen population against the public figures the generator aims at,
 * within 30 % (relative). Each measured value is printed.
 */
class PrevalenceTest {

    private static final LocalDate REF = TestPopulations.REFERENCE;
    private static final LocalDate YEAR_AGO = REF.minusYears(1); // exclusive
    private static final double TOLERANCE = 0.30;
    private static final Map<String, String> REPORT = new LinkedHashMap<>();

    private final Population population = TestPopulations.standard();
    private final SyntheticData data = population.data();
    private final Map<String, PersonRecord> persons = new HashMap<>();
    /** Events without re-deliveries. */
    private final List<RiskEvent> events;

    PrevalenceTest() {
        data.persons().forEach(p -> persons.put(p.cpr(), p));
        Set<String> ids = new HashSet<>();
        events = data.events().stream().filter(e -> e.sourceRecordId() == null || ids.add(e.sourceRecordId())).toList();
    }

    @AfterAll
    static void print() {
        REPORT.forEach((k, v) -> System.out.println("prevalence " + k + ": " + v));
    }

    private static void near(String what, double measured, double target) {
        REPORT.put(what, String.format("%.4f (target %.4f)", measured, target));
        assertThat(measured).as(what).isCloseTo(target, within(target * TOLERANCE));
    }

    private List<PersonRecord> children() {
        return data.persons().stream().filter(p -> age(p, REF) < 18).toList();
    }

    private static int age(PersonRecord p, LocalDate day) {
        return Period.between(p.birthDate(), day).getYears();
    }

    private boolean inLastYear(RiskEvent e) {
        return e.start().isAfter(YEAR_AGO) && !e.start().isAfter(REF);
    }

    @Test
    void populationLooksDanish() {
        List<PersonRecord> children = children();
        near("share of children 0-17", children.size() / (double) data.persons().size(), 0.20);
        for (int a = 0; a < 18; a++) {
            int age = a;
            long n = children.stream().filter(p -> age(p, REF) == age).count();
            assertThat(n / (double) data.persons().size()).as("share aged %d", age).isCloseTo(0.011, within(0.011 * 0.4));
        }
        assertThat(data.persons()).allSatisfy(p -> assertThat(age(p, REF)).isBetween(0, 90));
        long notResident = data.persons().stream().filter(p -> p.status() != PersonStatus.RESIDENT).count();
        assertThat(notResident).isPositive().isLessThan(data.persons().size() / 100);
        long outcomes = population.truth().stream().filter(FamilyTruth::outcomeWithin2Years).count();
        near("share of children with an outcome within 2 years", outcomes / (double) population.truth().size(), 0.03);
        double householdsMovedRecently = recentMoves();
        near("share of households moved in during the last 2 years", householdsMovedRecently, 0.10);
    }

    private double recentMoves() {
        int households = 0;
        int recent = 0;
        String previous = null;
        for (var a : data.addresses()) {
            if (!a.dwellingKey().equals(previous)) {
                households++;
                previous = a.dwellingKey();
                if (a.since().isAfter(REF.minusYears(2))) {
                    recent++;
                }
            }
        }
        return recent / (double) households;
    }

    @Test
    void notifications() {
        List<PersonRecord> children = children();
        double childYears = 0;
        for (PersonRecord c : children) {
            LocalDate from = c.birthDate().isAfter(YEAR_AGO) ? c.birthDate() : YEAR_AGO;
            childYears += ChronoUnit.DAYS.between(from, REF) / 365.25;
        }
        Map<String, Integer> perChild = new HashMap<>();
        int notifications = 0;
        for (RiskEvent e : events) {
            if (e.indicator() == Indicator.CHILD_NOTIFICATION && inLastYear(e) && age(persons.get(e.subjectCpr()), REF) < 18) {
                notifications++;
                perChild.merge(e.subjectCpr(), 1, Integer::sum);
            }
        }
        near("notifications per child-year", notifications / childYears, 0.06 * 1.8);
        long olderThanOne = children.stream().filter(c -> !c.birthDate().isAfter(YEAR_AGO)).count();
        long notifiedOlderThanOne = perChild.keySet().stream().filter(c -> !persons.get(c).birthDate().isAfter(YEAR_AGO)).count();
        near("share of children 1-17 notified about in the last year", notifiedOlderThanOne / (double) olderThanOne, 0.06);
        near("notifications per notified child in the last year", notifications / (double) perChild.size(), 1.8);

        Map<String, Integer> notifiers = new HashMap<>();
        events.stream().filter(e -> e.indicator() == Indicator.CHILD_NOTIFICATION)
                .forEach(e -> notifiers.merge(e.details().get(1).code(), 1, Integer::sum));
        int all = notifiers.values().stream().mapToInt(Integer::intValue).sum();
        near("notifier SCHOOL", notifiers.get("SCHOOL") / (double) all, 0.21);
        near("notifier HEALTH", notifiers.get("HEALTH") / (double) all, 0.20);
        near("notifier POLICE", notifiers.get("POLICE") / (double) all, 0.13);
    }

    @Test
    void parentsPsychiatricDiagnoses() {
        Set<String> diagnosed = new HashSet<>();
        events.stream().filter(e -> e.indicator() == Indicator.PARENT_PSYCHIATRIC_ILLNESS).forEach(e -> diagnosed.add(e.subjectCpr()));
        Map<String, Set<String>> parents = new HashMap<>();
        for (RelationRecord r : data.relations()) {
            if (r.type().isParenthood()) {
                parents.computeIfAbsent(r.toCpr(), k -> new HashSet<>()).add(r.fromCpr());
            }
        }
        List<PersonRecord> children = children();
        long withDiagnosedParent = children.stream()
                .filter(c -> parents.getOrDefault(c.cpr(), Set.of()).stream().anyMatch(diagnosed::contains)).count();
        // 1.8 % of parents newly diagnosed a year: about 12 % of parents in seven years, one child in five with a diagnosed parent
        near("share of children with a parent diagnosed in the 7 years", withDiagnosedParent / (double) children.size(), 0.22);

        Set<String> allParents = new HashSet<>();
        parents.values().forEach(allParents::addAll);
        long parentsDiagnosed = allParents.stream().filter(diagnosed::contains).count();
        near("parents newly diagnosed per year", parentsDiagnosed / (double) allParents.size() / 7, 0.018);
        long inTreatment = events.stream().filter(e -> e.indicator() == Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT)
                .map(RiskEvent::subjectCpr).filter(allParents::contains).distinct().count();
        near("parents in substance-abuse treatment in the 7 years", inTreatment / (double) allParents.size(), 0.0175);
    }

    @Test
    void unemploymentAndTransferIncome() {
        List<PersonRecord> workingAge = data.persons().stream()
                .filter(p -> p.status() == PersonStatus.RESIDENT && age(p, REF) >= 18 && age(p, REF) <= 64).toList();
        for (LocalDate day : List.of(REF, REF.minusYears(2))) {
            Set<String> unemployed = onDay(Indicator.PARENT_UNEMPLOYED, day);
            Set<String> transfer = onDay(Indicator.PARENT_TRANSFER_INCOME, day);
            List<PersonRecord> adults = workingAge.stream().filter(p -> age(p, day) >= 18 && age(p, day) <= 64).toList();
            near("share of adults 18-64 unemployed on " + day, adults.stream().filter(p -> unemployed.contains(p.cpr())).count()
                    / (double) adults.size(), 0.04);
            near("share of adults 18-64 on transfer income on " + day, adults.stream().filter(p -> transfer.contains(p.cpr())).count()
                    / (double) adults.size(), 0.05);
        }
    }

    private Set<String> onDay(Indicator indicator, LocalDate day) {
        Set<String> out = new HashSet<>();
        for (RiskEvent e : events) {
            if (e.indicator() == indicator && !e.start().isAfter(day) && (e.end() == null || !e.end().isBefore(day))) {
                out.add(e.subjectCpr());
            }
        }
        return out;
    }

    @Test
    void childNoShowsAbsenceAndMissedAppointments() {
        List<PersonRecord> children = children();
        long dentalAge = children.stream().filter(c -> age(c, YEAR_AGO) >= 2).count();
        long dental = distinctSubjects(Indicator.CHILD_DENTAL_NO_SHOW, true).stream()
                .filter(c -> age(persons.get(c), YEAR_AGO) >= 2 && age(persons.get(c), REF) < 18).count();
        near("share of children 2-17 with a dental no-show in the last year", dental / (double) dentalAge, 0.10);

        // per year of the window: infants (0-1) with a no-show that year, per infant-year of exposure
        double infantYears = 0;
        long infantsWithNoShow = 0;
        for (int k = 0; k < 4; k++) {
            LocalDate sliceStart = REF.minusYears(k + 1L); // exclusive
            LocalDate sliceEnd = REF.minusYears(k);
            for (PersonRecord c : data.persons()) {
                LocalDate from = c.birthDate().isAfter(sliceStart) ? c.birthDate() : sliceStart;
                LocalDate to = c.birthDate().plusYears(2).isBefore(sliceEnd) ? c.birthDate().plusYears(2) : sliceEnd;
                if (to.isAfter(from)) {
                    infantYears += ChronoUnit.DAYS.between(from, to) / 365.25;
                }
            }
            infantsWithNoShow += events.stream().filter(e -> e.indicator() == Indicator.CHILD_HEALTH_VISITOR_NO_SHOW
                    && e.start().isAfter(sliceStart) && !e.start().isAfter(sliceEnd)).map(RiskEvent::subjectCpr).distinct().count();
        }
        near("share of infants (0-1) with a health-visitor no-show, per infant-year", infantsWithNoShow / infantYears, 0.065);

        long residents = data.persons().stream().filter(p -> p.status() == PersonStatus.RESIDENT && p.birthDate().isBefore(YEAR_AGO)).count();
        long missed = distinctSubjects(Indicator.MISSED_DOCTOR_APPOINTMENT, true).stream()
                .filter(c -> persons.get(c).birthDate().isBefore(YEAR_AGO)).count();
        near("share of persons with a missed doctor's appointment in the last year", missed / (double) residents, 0.03);

        long quarterPupils = 0;
        long quarterAbsent = 0;
        LocalDate q = LocalDate.of(REF.getYear() - 1, 1, 1);
        for (int i = 0; i < 4; i++, q = q.plusMonths(3)) {
            LocalDate start = q;
            quarterPupils += children.stream().filter(c -> age(c, start) >= 6 && age(c, start) <= 16).count();
            quarterAbsent += events.stream().filter(e -> e.indicator() == Indicator.CHILD_SCHOOL_ABSENCE && e.start().equals(start)).count();
        }
        near("share of pupils 6-16 with unlawful absence >= 15 % per quarter", quarterAbsent / (double) quarterPupils, 0.025);
    }

    private Set<String> distinctSubjects(Indicator indicator, boolean lastYearOnly) {
        Set<String> out = new HashSet<>();
        for (RiskEvent e : events) {
            if (e.indicator() == indicator && (!lastYearOnly || inLastYear(e))) {
                out.add(e.subjectCpr());
            }
        }
        return out;
    }

    @Test
    void eventsClusterInRiskyFamilies() {
        Map<String, FamilyTruth> truth = new HashMap<>();
        population.truth().forEach(t -> truth.put(t.childCpr(), t));
        Set<String> notified = distinctSubjects(Indicator.CHILD_NOTIFICATION, false);
        double notifiedRisk = truth.values().stream().filter(t -> notified.contains(t.childCpr())).mapToDouble(FamilyTruth::latentRisk)
                .average().orElseThrow();
        double otherRisk = truth.values().stream().filter(t -> !notified.contains(t.childCpr())).mapToDouble(FamilyTruth::latentRisk)
                .average().orElseThrow();
        REPORT.put("mean latent risk, notified vs not", String.format("%.3f vs %.3f", notifiedRisk, otherRisk));
        assertThat(notifiedRisk).isGreaterThan(otherRisk + 0.1);

        double withOutcome = truth.values().stream().filter(t -> t.outcomeWithin2Years() && notified.contains(t.childCpr())).count()
                / (double) Math.max(1, notified.size());
        double withoutNotification = truth.values().stream().filter(t -> t.outcomeWithin2Years() && !notified.contains(t.childCpr())).count()
                / (double) (truth.size() - notified.size());
        REPORT.put("outcome share, notified vs not", String.format("%.3f vs %.3f", withOutcome, withoutNotification));
        assertThat(withOutcome).isGreaterThan(2 * withoutNotification);
    }

    @Test
    void aboutOnePercentOfEventsAreDeliveredTwice() {
        int duplicates = data.events().size() - events.size();
        near("share of events delivered twice", duplicates / (double) events.size(), 0.01);
    }
}
