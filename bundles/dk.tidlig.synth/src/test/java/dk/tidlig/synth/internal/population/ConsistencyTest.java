// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;
import dk.tidlig.model.Subject;

class ConsistencyTest {

    private static final LocalDate REF = TestPopulations.REFERENCE;
    private static final LocalDate WINDOW_START = REF.minusYears(7); // exclusive

    private final Population population = TestPopulations.standard();
    private final SyntheticData data = population.data();
    private final Map<String, PersonRecord> persons = new HashMap<>();
    private final Map<String, AddressRecord> addresses = new HashMap<>();

    ConsistencyTest() {
        data.persons().forEach(p -> persons.put(p.cpr(), p));
        data.addresses().forEach(a -> addresses.put(a.cpr(), a));
    }

    private boolean minor(String cpr) {
        return isMinorOn(cpr, REF);
    }

    private boolean isMinorOn(String cpr, LocalDate day) {
        return Period.between(persons.get(cpr).birthDate(), day).getYears() < 18;
    }

    @Test
    void namesAndAddressesComeOnePerPersonInTheSameOrder() {
        assertThat(data.names()).hasSameSizeAs(data.persons());
        assertThat(data.addresses()).hasSameSizeAs(data.persons());
        for (int i = 0; i < data.persons().size(); i++) {
            String cpr = data.persons().get(i).cpr();
            NameRecord n = data.names().get(i);
            AddressRecord a = data.addresses().get(i);
            assertThat(n.cpr()).isEqualTo(cpr);
            assertThat(a.cpr()).isEqualTo(cpr);
            assertThat(n.firstNames()).isNotBlank();
            assertThat(n.lastName()).isNotBlank();
            assertThat(a.streetCode()).matches("\\d{4}");
            assertThat(a.houseNumber()).matches("\\d{1,4}");
            assertThat(a.streetName()).startsWith(a.streetName().replaceFirst("\\s*\\d.*$", "")).matches("\\D+ \\d+(, (st|\\d)\\. (tv|mf|th))?");
            assertThat(a.since()).isBeforeOrEqualTo(REF).isAfterOrEqualTo(data.persons().get(i).birthDate());
        }
    }

    @Test
    void everyRecordRefersToAGeneratedPerson() {
        data.names().forEach(n -> assertThat(persons).containsKey(n.cpr()));
        data.addresses().forEach(a -> assertThat(persons).containsKey(a.cpr()));
        for (RelationRecord r : data.relations()) {
            assertThat(persons).containsKey(r.fromCpr()).containsKey(r.toCpr());
            assertThat(r.isBetweenTwoPersons()).isTrue();
            assertThat(r.isOrdered()).isTrue();
        }
        data.events().forEach(e -> assertThat(persons).containsKey(e.subjectCpr()));
        population.truth().forEach(t -> assertThat(persons).containsKey(t.childCpr()));
    }

    @Test
    void everyChildHasAMotherAndLivesWithACustodyHolder() {
        Map<String, List<RelationRecord>> toChild = new HashMap<>();
        data.relations().forEach(r -> toChild.computeIfAbsent(r.toCpr(), k -> new ArrayList<>()).add(r));
        int children = 0;
        for (PersonRecord p : data.persons()) {
            if (!minor(p.cpr())) {
                continue;
            }
            children++;
            List<RelationRecord> rs = toChild.getOrDefault(p.cpr(), List.of());
            assertThat(rs).filteredOn(r -> r.type() == RelationType.MOTHER_OF).hasSize(1);
            assertThat(rs).filteredOn(r -> r.type() == RelationType.FATHER_OF).hasSizeLessThanOrEqualTo(1);
            String home = addresses.get(p.cpr()).dwellingKey();
            assertThat(rs).as("lives with an active custody holder")
                    .anyMatch(r -> r.type() == RelationType.CUSTODY_HOLDER_OF && r.end() == null
                            && addresses.get(r.fromCpr()).dwellingKey().equals(home));
        }
        assertThat(children).isEqualTo(population.truth().size());
    }

    @Test
    void relationsPointTheRightWay() {
        for (RelationRecord r : data.relations()) {
            PersonRecord from = persons.get(r.fromCpr());
            PersonRecord to = persons.get(r.toCpr());
            switch (r.type()) {
                case MOTHER_OF:
                case FATHER_OF: {
                    assertThat(from.sex()).isEqualTo(r.type() == RelationType.MOTHER_OF ? Sex.FEMALE : Sex.MALE);
                    assertThat(r.start()).isEqualTo(to.birthDate());
                    int ageAtBirth = Period.between(from.birthDate(), to.birthDate()).getYears();
                    assertThat(ageAtBirth).as("parent's age at the birth").isBetween(20, 45);
                    break;
                }
                case CUSTODY_HOLDER_OF:
                    assertThat(minor(r.fromCpr())).as("custody holder is an adult").isFalse();
                    assertThat(minor(r.toCpr())).as("custody is of a child under 18").isTrue();
                    assertThat(r.start()).isEqualTo(to.birthDate());
                    break;
                case SPOUSE_OF:
                    assertThat(minor(r.fromCpr())).isFalse();
                    assertThat(minor(r.toCpr())).isFalse();
                    assertThat(r.end()).isNull();
                    assertThat(r.start()).isBeforeOrEqualTo(REF);
                    assertThat(Period.between(to.birthDate(), r.start()).getYears()).isGreaterThanOrEqualTo(18);
                    assertThat(Period.between(from.birthDate(), r.start()).getYears()).isGreaterThanOrEqualTo(18);
                    assertThat(addresses.get(r.fromCpr()).dwellingKey()).as("spouses live together")
                            .isEqualTo(addresses.get(r.toCpr()).dwellingKey());
                    break;
                default:
                    throw new AssertionError("unexpected relation type " + r.type());
            }
        }
    }

    @Test
    void singleAdultsHaveNoRelations() {
        Set<String> related = new HashSet<>();
        data.relations().forEach(r -> {
            related.add(r.fromCpr());
            related.add(r.toCpr());
        });
        List<List<String>> households = households();
        int singlesWithoutRelations = 0;
        for (List<String> h : households) {
            if (h.size() == 1 && !related.contains(h.get(0))) {
                singlesWithoutRelations++;
            }
        }
        assertThat(singlesWithoutRelations).isGreaterThan(households.size() / 5);
        // a one-person household with relations is a parent living apart from the children
        for (List<String> h : households) {
            if (h.size() == 1 && related.contains(h.get(0))) {
                assertThat(data.relations()).anyMatch(r -> r.fromCpr().equals(h.get(0)) && r.type().isParenthood());
            }
        }
    }

    @Test
    void householdsAreContiguousAndEachHasItsOwnDwelling() {
        List<List<String>> households = households();
        Set<String> keys = new HashSet<>();
        for (List<String> h : households) {
            String key = addresses.get(h.get(0)).dwellingKey();
            assertThat(keys.add(key)).as("a dwelling holds one household").isTrue();
            AddressRecord first = addresses.get(h.get(0));
            for (String cpr : h) {
                AddressRecord a = addresses.get(cpr);
                assertThat(a.dwellingKey()).isEqualTo(key);
                assertThat(a.streetName()).isEqualTo(first.streetName());
                assertThat(a.postalCode()).isEqualTo(first.postalCode());
            }
            assertThat(h).as("no child lives without an adult").anyMatch(cpr -> !minor(cpr));
        }
        double mean = data.persons().size() / (double) households.size();
        System.out.printf("households: %d, %.3f persons each%n", households.size(), mean);
        assertThat(mean).isBetween(1.9, 2.3);
    }

    @Test
    void separatedParentsLiveApartAndHaveAnEventEach() {
        List<RiskEvent> separations = data.events().stream().filter(e -> e.indicator() == Indicator.PARENTS_SEPARATION).toList();
        assertThat(separations).isNotEmpty();
        Map<LocalDate, List<String>> byDay = new HashMap<>();
        for (RiskEvent e : separations) {
            assertThat(e.start()).isAfter(REF.minusYears(3)).isBeforeOrEqualTo(REF);
            assertThat(minor(e.subjectCpr())).isFalse();
            byDay.computeIfAbsent(e.start(), k -> new ArrayList<>()).add(e.subjectCpr());
        }
        Set<String> fathers = new HashSet<>();
        data.relations().stream().filter(r -> r.type() == RelationType.FATHER_OF).forEach(r -> fathers.add(r.fromCpr()));
        for (RiskEvent e : separations) {
            if (persons.get(e.subjectCpr()).sex() == Sex.MALE) {
                assertThat(fathers).contains(e.subjectCpr());
                // his former partner (same separation day) lives at another address
                String own = addresses.get(e.subjectCpr()).dwellingKey();
                assertThat(byDay.get(e.start())).anyMatch(other -> !other.equals(e.subjectCpr())
                        && !addresses.get(other).dwellingKey().equals(own));
                assertThat(addresses.get(e.subjectCpr()).since()).isAfterOrEqualTo(e.start());
            }
        }
    }

    @Test
    void eventsLieInTheWindowAndAreAboutTheRightPerson() {
        for (RiskEvent e : data.events()) {
            PersonRecord subject = persons.get(e.subjectCpr());
            assertThat(subject.status()).isEqualTo(PersonStatus.RESIDENT);
            assertThat(e.start()).isAfter(WINDOW_START).isBeforeOrEqualTo(REF).isAfterOrEqualTo(subject.birthDate());
            assertThat(e.isOrdered()).isTrue();
            if (e.end() != null) {
                assertThat(e.end()).isBeforeOrEqualTo(REF);
            }
            if (!e.indicator().isPeriod()) {
                assertThat(e.end()).as("%s is a dated occurrence", e.indicator()).isNull();
            }
            LocalDate last = e.end() == null ? e.start() : e.end();
            if (e.indicator().subject() == Subject.CHILD) {
                assertThat(isMinorOn(e.subjectCpr(), e.start())).as("%s is about a child", e.indicator()).isTrue();
                assertThat(isMinorOn(e.subjectCpr(), last)).isTrue();
            } else if (e.indicator().subject() == Subject.PARENT) {
                assertThat(isMinorOn(e.subjectCpr(), e.start())).as("%s is about an adult", e.indicator()).isFalse();
            }
        }
    }

    @Test
    void eventsCarryTheirDetails() {
        for (RiskEvent e : data.events()) {
            List<String> systems = e.details().stream().map(d -> d.system()).toList();
            switch (e.indicator()) {
                case CHILD_NOTIFICATION:
                    assertThat(systems).containsExactly("KLE", "notifier");
                    assertThat(e.details().get(0).code()).startsWith("27.24.");
                    assertThat(e.sourceRecordId()).startsWith("UNDR-");
                    break;
                case PARENT_PSYCHIATRIC_ILLNESS:
                    assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.code()).matches("DF\\d\\d").doesNotMatch("DF1\\d"));
                    break;
                case PARENT_SUBSTANCE_ABUSE_TREATMENT:
                    assertThat(systems).contains("treatment");
                    break;
                case PARENT_UNEMPLOYED:
                    assertThat(e.details()).extracting(d -> d.code()).containsExactly("200");
                    break;
                case PARENT_TRANSFER_INCOME:
                    assertThat(e.details()).extracting(d -> d.code()).singleElement().isIn("318", "319", "411");
                    break;
                case CHILD_DENTAL_NO_SHOW:
                    assertThat(systems).containsExactly("dental.service");
                    assertThat(e.sourceRecordId()).startsWith("TP-");
                    break;
                case CHILD_HEALTH_VISITOR_NO_SHOW:
                    assertThat(systems).containsExactly("visit");
                    assertThat(Period.between(persons.get(e.subjectCpr()).birthDate(), e.start()).getYears()).isLessThan(2);
                    break;
                case CHILD_SCHOOL_ABSENCE: {
                    assertThat(systems).containsExactly("absence", "absence.percent");
                    assertThat(Integer.parseInt(e.details().get(1).code())).isBetween(15, 100);
                    assertThat(e.start().getDayOfMonth()).isEqualTo(1);
                    assertThat((e.start().getMonthValue() - 1) % 3).isZero();
                    assertThat(e.end()).isEqualTo(e.start().plusMonths(3).minusDays(1));
                    int age = Period.between(persons.get(e.subjectCpr()).birthDate(), e.start()).getYears();
                    assertThat(age).isBetween(6, 16);
                    break;
                }
                default:
                    break;
            }
        }
    }

    @Test
    void truthHasOneRowPerChildInPersonOrder() {
        List<String> children = data.persons().stream().map(PersonRecord::cpr).filter(this::minor).toList();
        assertThat(population.truth()).extracting(FamilyTruth::childCpr).containsExactlyElementsOf(children);
        for (FamilyTruth t : population.truth()) {
            assertThat(t.latentRisk()).isStrictlyBetween(0.0, 1.0);
            assertThat(t.outcomeKind()).isEqualTo(t.outcomeWithin2Years() ? t.outcomeKind() : "NONE");
            assertThat(t.outcomeKind()).isIn("PLACEMENT", "PREVENTIVE_MEASURE", "NONE");
            assertThat(t.householdType()).isIn("COUPLE_WITH_CHILDREN", "SINGLE_PARENT", "STEPFAMILY");
            if (t.outcomeWithin2Years()) {
                assertThat(t.outcomeKind()).isNotEqualTo("NONE");
            }
        }
    }

    /** Households as the runs of consecutive persons sharing a dwelling (the generator writes them household by household). */
    private List<List<String>> households() {
        List<List<String>> out = new ArrayList<>();
        String previous = null;
        for (AddressRecord a : data.addresses()) {
            String key = a.dwellingKey();
            if (!key.equals(previous)) {
                out.add(new ArrayList<>());
                previous = key;
            }
            out.get(out.size() - 1).add(a.cpr());
        }
        return out;
    }
}
