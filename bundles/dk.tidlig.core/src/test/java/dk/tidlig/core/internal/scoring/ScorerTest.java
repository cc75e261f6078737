// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.model.score.Contribution;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.store.ScoringInput;
import dk.tidlig.store.ScoringInput.EventFacts;
import dk.tidlig.store.ScoringInput.PersonFacts;
import dk.tidlig.store.ScoringInput.RelationFacts;

/** Family linking and the Gladsaxe model on hand-made families. */
class ScorerTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    static PointModel gladsaxe;
    static final byte[] HOME = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static final byte[] ELSEWHERE = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};

    final PersonId child = pid(1);
    final PersonId mother = pid(2);
    final PersonId father = pid(3);
    final PersonId stepfather = pid(4);
    final PersonId olderChild = pid(5);
    final List<EventFacts> events = new ArrayList<>();

    @BeforeAll
    static void model() throws IOException {
        gladsaxe = ModelParser.parse(ModelParserTest.shippedGladsaxe());
    }

    static PersonId pid(int n) {
        byte[] b = new byte[16];
        b[15] = (byte) n;
        return PersonId.of(b);
    }

    ScoringInput input() {
        return ScoringInput.of(List.of(
                new PersonFacts(child, LocalDate.of(2022, 3, 1), Sex.FEMALE, PersonStatus.RESIDENT, "159", HOME),
                new PersonFacts(mother, LocalDate.of(1994, 5, 5), Sex.FEMALE, PersonStatus.RESIDENT, "159", HOME),
                new PersonFacts(father, LocalDate.of(1990, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "159", ELSEWHERE),
                new PersonFacts(stepfather, LocalDate.of(1988, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "159", HOME),
                new PersonFacts(olderChild, LocalDate.of(2012, 3, 1), Sex.MALE, PersonStatus.RESIDENT, "159", HOME)),
                List.of(new RelationFacts(RelationType.MOTHER_OF, mother, child, null, null),
                        new RelationFacts(RelationType.FATHER_OF, father, child, null, null),
                        new RelationFacts(RelationType.CUSTODY_HOLDER_OF, mother, child, LocalDate.of(2022, 3, 1), null),
                        new RelationFacts(RelationType.CUSTODY_HOLDER_OF, father, child, LocalDate.of(2022, 3, 1), null),
                        // an ended custody does not count
                        new RelationFacts(RelationType.CUSTODY_HOLDER_OF, pid(9), child, LocalDate.of(2022, 3, 1), LocalDate.of(2023, 1, 1))),
                events);
    }

    void event(String id, PersonId who, Indicator indicator, LocalDate start, LocalDate end) {
        events.add(new EventFacts("src", id, who, indicator, start, end));
    }

    FamilyScore score() {
        List<Family> families = FamilyLinker.link(input(), "159", AS_OF, gladsaxe.ageMin(), gladsaxe.ageMax(), gladsaxe.dwellingMax());
        assertThat(families).hasSize(1);
        Map<PersonId, List<EventFacts>> by = new HashMap<>();
        events.forEach(e -> by.computeIfAbsent(e.subject(), k -> new ArrayList<>()).add(e));
        return new Scorer(gladsaxe, AS_OF).score(families.get(0), by, p -> "F-TEST");
    }

    @Test
    void theFamilyIsTheChildWithCustodyHoldersAndHouseholdAdults() {
        List<Family> families = FamilyLinker.link(input(), "159", AS_OF, 0, 6, PointModel.DWELLING_MAX);
        assertThat(families).hasSize(1); // the 14-year-old is not eligible
        assertThat(families.get(0).adults()).containsExactly(
                new Family.Member(mother, FamilyRole.MOTHER),
                new Family.Member(father, FamilyRole.FATHER),
                new Family.Member(stepfather, FamilyRole.HOUSEHOLD_ADULT));
        assertThat(FamilyLinker.link(input(), "101", AS_OF, 0, 6, PointModel.DWELLING_MAX)).as("children of another municipality").isEmpty();
    }

    @Test
    void atACollectiveDwellingOnlyCustodyAndParenthoodLinkAdultsToTheChild() {
        // a children's home: the child, two staff members registered there, and eleven other residents; the mother lives elsewhere
        byte[] institution = ELSEWHERE.clone();
        institution[0] = 42;
        List<PersonFacts> persons = new ArrayList<>(List.of(
                new PersonFacts(child, LocalDate.of(2022, 3, 1), Sex.FEMALE, PersonStatus.RESIDENT, "159", institution),
                new PersonFacts(olderChild, LocalDate.of(2021, 3, 1), Sex.MALE, PersonStatus.RESIDENT, "159", institution),
                new PersonFacts(mother, LocalDate.of(1994, 5, 5), Sex.FEMALE, PersonStatus.RESIDENT, "159", HOME)));
        for (int i = 0; i < 11; i++) {
            persons.add(new PersonFacts(pid(20 + i), LocalDate.of(1970 + i, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "159", institution));
        }
        List<RelationFacts> relations = List.of(new RelationFacts(RelationType.MOTHER_OF, mother, child, null, null),
                new RelationFacts(RelationType.CUSTODY_HOLDER_OF, mother, child, LocalDate.of(2022, 3, 1), null));
        ScoringInput input = ScoringInput.of(persons, relations, List.of());
        // 13 residents: more than 12, so collective
        List<Family> families = FamilyLinker.link(input, "159", AS_OF, 0, 6, PointModel.DWELLING_MAX);
        assertThat(families).hasSize(2);
        assertThat(families).filteredOn(f -> f.child().equals(child)).singleElement()
                .satisfies(f -> assertThat(f.adults()).containsExactly(new Family.Member(mother, FamilyRole.MOTHER)));
        assertThat(families).filteredOn(f -> f.child().equals(olderChild)).singleElement()
                .satisfies(f -> assertThat(f.adults()).as("nobody holds custody in the data: no adults, not eleven strangers").isEmpty());
        Dwellings dwellings = new Dwellings(input, PointModel.DWELLING_MAX);
        assertThat(dwellings.collectiveCount()).isEqualTo(1);
        assertThat(dwellings.offerHousehold(input.indexOf(child))).as("a child at an institution is an offer of its own").isNull();
        assertThat(dwellings.offerHousehold(input.indexOf(mother))).isEqualTo(HOME);

        // with a model that allows 13 residents, the same dwelling is a household: every adult there is family
        List<Family> asHousehold = FamilyLinker.link(input, "159", AS_OF, 0, 6, 13);
        assertThat(asHousehold).filteredOn(f -> f.child().equals(child)).singleElement()
                .satisfies(f -> assertThat(f.adults()).hasSize(12));
        // one resident fewer (an emigrated person keeps the address, but does not live there): a household again
        persons.set(3, new PersonFacts(pid(20), LocalDate.of(1970, 1, 1), Sex.MALE, PersonStatus.EMIGRATED, "159", institution));
        assertThat(new Dwellings(ScoringInput.of(persons, relations, List.of()), PointModel.DWELLING_MAX).collectiveCount()).isZero();
    }

    @Test
    void custodyByTheMotherOrTheFatherIsWhoeverParenthoodSaysAndEndsWithItsPeriod() {
        PersonId elsewhereMother = pid(6);
        PersonId registeredParent = pid(7);
        ScoringInput input = ScoringInput.of(List.of(
                new PersonFacts(child, LocalDate.of(2022, 3, 1), Sex.FEMALE, PersonStatus.RESIDENT, "159", HOME),
                new PersonFacts(elsewhereMother, LocalDate.of(1994, 5, 5), Sex.FEMALE, PersonStatus.RESIDENT, "159", ELSEWHERE),
                new PersonFacts(registeredParent, LocalDate.of(1990, 1, 1), Sex.MALE, PersonStatus.RESIDENT, "159", ELSEWHERE)),
                List.of(new RelationFacts(RelationType.MOTHER_OF, elsewhereMother, child, null, null),
                        // a parent the CPR registers by record 014 only (PARENT_OF): "the father" is he by his sex
                        new RelationFacts(RelationType.PARENT_OF, registeredParent, child, null, null),
                        // the CPR office writes custody by a parent without naming the parent: the child is both ends
                        new RelationFacts(RelationType.CUSTODY_BY_MOTHER, child, child, LocalDate.of(2022, 3, 1), null),
                        new RelationFacts(RelationType.CUSTODY_BY_FATHER, child, child, LocalDate.of(2022, 3, 1), LocalDate.of(2024, 1, 1))),
                List.of());
        assertThat(FamilyLinker.link(input, "159", AS_OF, 0, 6, PointModel.DWELLING_MAX)).singleElement().satisfies(f -> assertThat(f.adults())
                .as("the mother holds custody although she lives elsewhere; the father's custody ended")
                .containsExactly(new Family.Member(elsewhereMother, FamilyRole.MOTHER)));
        assertThat(FamilyLinker.link(input, "159", LocalDate.of(2023, 6, 30), 0, 6, PointModel.DWELLING_MAX)).singleElement().satisfies(f -> assertThat(f.adults())
                .containsExactly(new Family.Member(elsewhereMother, FamilyRole.MOTHER), new Family.Member(registeredParent, FamilyRole.FATHER)));
    }

    @Test
    void unemploymentCountsProRataAndOverlapsOnce() {
        // 2025-07-01 .. 2025-12-31 = 184 days, and an overlapping record 2025-10-01 .. 2026-01-31 adds 31 days
        event("U1", mother, Indicator.PARENT_UNEMPLOYED, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 12, 31));
        event("U2", mother, Indicator.PARENT_UNEMPLOYED, LocalDate.of(2025, 10, 1), LocalDate.of(2026, 1, 31));
        FamilyScore s = score();
        assertThat(s.contributions()).extracting(Contribution::points).containsExactly(252, 42); // 500*184/365.25, 500*31/365.25
        assertThat(s.contributions().get(0).basis()).isEqualTo("500 per year × 0.50 year (184 days in the window)");
        assertThat(s.flagged()).isFalse();
    }

    @Test
    void anOpenPeriodLastsUntilTheReferenceDateAndIsClippedToTheWindow() {
        // window: 2023-07-01 .. 2026-06-30 (36 months): an open period from 2020 counts 1096 days = 3.00 years
        event("U1", father, Indicator.PARENT_UNEMPLOYED, LocalDate.of(2020, 1, 1), null);
        FamilyScore s = score();
        assertThat(s.contributions()).singleElement().satisfies(c -> {
            assertThat(c.points()).isEqualTo(1500);
            assertThat(c.role()).isEqualTo(FamilyRole.FATHER);
        });
    }

    @Test
    void twoIndicatorsAndEnoughPointsFlagTheFamily() {
        event("P1", stepfather, Indicator.PARENT_PSYCHIATRIC_ILLNESS, LocalDate.of(2025, 2, 1), null);
        event("D1", child, Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2026, 1, 10), null);
        FamilyScore s = score();
        assertThat(s.score()).isEqualTo(3300);
        assertThat(s.flagged()).isTrue();
        assertThat(s.contributions()).extracting(Contribution::indicator)
                .containsExactly(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(s.contributions()).extracting(Contribution::role).containsExactly(FamilyRole.HOUSEHOLD_ADULT, FamilyRole.CHILD);
    }

    @Test
    void manyPointsFromOneIndicatorDoNotFlag() {
        event("P1", mother, Indicator.PARENT_PSYCHIATRIC_ILLNESS, LocalDate.of(2025, 2, 1), null);
        event("P2", father, Indicator.PARENT_PSYCHIATRIC_ILLNESS, LocalDate.of(2025, 3, 1), null);
        FamilyScore s = score();
        assertThat(s.score()).as("ONCE per family").isEqualTo(3000);
        assertThat(s.contributions().get(0).sourceRecordId()).as("the newest is the explanation").isEqualTo("P2");
        assertThat(s.flagged()).isFalse();
    }

    @Test
    void perEventIsCappedAndOutOfWindowOrMisdirectedEventsDoNotCount() {
        for (int i = 1; i <= 5; i++) {
            event("H" + i, child, Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, LocalDate.of(2025, i, 3), null);
        }
        event("OLD", child, Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2023, 6, 30), null);   // a day before the window
        event("FUT", child, Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2026, 7, 1), null);    // after the reference date
        event("ADULT", mother, Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2026, 1, 1), null); // a child indicator on an adult
        event("KID", olderChild, Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2026, 1, 1), null); // a sibling is not the child
        FamilyScore s = score();
        assertThat(s.contributions()).extracting(Contribution::sourceRecordId).containsExactly("H5", "H4", "H3");
        assertThat(s.score()).isEqualTo(1800);
        assertThat(s.flagged()).as("one indicator only").isFalse();
    }

    @Test
    void eligibleAgesAreCompletedYearsOnEveryDayIncludingLeapDays() {
        // the linker compares epoch days with the reference day less n years; Period.between is the definition
        java.util.Random random = new java.util.Random(29);
        List<LocalDate> days = new ArrayList<>(List.of(LocalDate.of(2024, 2, 29), LocalDate.of(2020, 2, 29), LocalDate.of(2023, 2, 28),
                LocalDate.of(2023, 3, 1), LocalDate.of(2016, 2, 29), LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1)));
        for (int i = 0; i < 400; i++) {
            days.add(LocalDate.of(2000, 1, 1).plusDays(random.nextInt(27 * 366)));
        }
        int checked = 0;
        for (LocalDate asOf : days) {
            // every day, and the days around the ends of the range: 2 and 7 years before, and 29 February births
            List<LocalDate> births = new ArrayList<>(days);
            for (int years : new int[] {2, 7, 8, 12}) {
                for (int d = -1; d <= 1; d++) {
                    births.add(asOf.minusYears(years).plusDays(d));
                }
            }
            for (LocalDate born : births) {
                ScoringInput one = ScoringInput.of(List.of(new PersonFacts(child, born, Sex.FEMALE, PersonStatus.RESIDENT, "159", HOME)), List.of(),
                        List.of());
                int age = born.isAfter(asOf) ? -1 : java.time.Period.between(born, asOf).getYears();
                boolean expected = age >= 2 && age <= 6;
                assertThat(FamilyLinker.eligible(one, 0, "159", new FamilyLinker.Ages(asOf, 2, 6))).as("born %s, on %s (age %d)", born, asOf, age)
                        .isEqualTo(expected);
                checked += expected ? 1 : 0;
            }
        }
        assertThat(checked).as("some are eligible").isGreaterThan(1000);
    }

    @Test
    void scoringIsDeterministic() {
        event("P1", mother, Indicator.PARENT_PSYCHIATRIC_ILLNESS, LocalDate.of(2025, 2, 1), null);
        event("U1", father, Indicator.PARENT_UNEMPLOYED, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        event("D1", child, Indicator.CHILD_DENTAL_NO_SHOW, LocalDate.of(2026, 1, 10), null);
        FamilyScore first = score();
        java.util.Collections.reverse(events);
        assertThat(score()).isEqualTo(first);
    }
}
