// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.store.ScoringInput;

/**
 * Links each eligible child to its family: the adults who hold custody of it on the reference date,
 * and the adults (18 or older, resident) registered at the same dwelling. A child is eligible when it is resident
 * in the municipality and its age in completed years lies within the model's range. At a collective dwelling (more
 * residents than the model's {@code family.dwellingMax}: an institution, not a household) only custody and parenthood
 * link adults to the child.
 *
 * <p>An adult's role in the explanation is mother or father when a parenthood relation says so,
 * otherwise custody holder, otherwise adult in the household.
 */
public final class FamilyLinker {

    private static final int ADULT_AGE = 18;
    private static final Comparator<Family.Member> ORDER = Comparator.comparing(Family.Member::role).thenComparing(Family.Member::person);

    private FamilyLinker() {
    }

    /** Every eligible child's family, in the order of the children's pseudonyms. */
    public static List<Family> link(ScoringInput input, String tenant, LocalDate asOf, int ageMin, int ageMax, int dwellingMax) {
        List<Family> families = new ArrayList<>();
        link(input, tenant, asOf, ageMin, ageMax, new Dwellings(input, dwellingMax), families::add);
        return families;
    }

    /**
     * Hands each eligible child's family to {@code out}, one at a time in the order of the children's pseudonyms, so that
     * a country's families need not be held at once.
     */
    static void link(ScoringInput input, String tenant, LocalDate asOf, int ageMin, int ageMax, Dwellings dwellings, Consumer<Family> out) {
        Ages ages = new Ages(asOf, ageMin, ageMax);
        for (int i = 0; i < input.personCount(); i++) {
            if (eligible(input, i, tenant, ages)) {
                out.accept(family(input, i, asOf, dwellings));
            }
        }
    }

    /** The family of the child with this index in the input. */
    static Family family(ScoringInput input, int child, LocalDate asOf, Dwellings dwellings) {
        Map<Integer, FamilyRole> adults = new HashMap<>();
        Map<Integer, RelationType> parenthood = new HashMap<>();
        int relations = input.relationsToCount(child);
        for (int k = 0; k < relations; k++) {
            int r = input.relationToAt(child, k);
            if (input.relationActiveOn(r, asOf) && input.relationType(r).isParenthood()) {
                parenthood.put(input.relationFrom(r), input.relationType(r));
            }
        }
        for (int k = 0; k < relations; k++) {
            int r = input.relationToAt(child, k);
            RelationType type = input.relationType(r);
            if (!input.relationActiveOn(r, asOf) || type == RelationType.SPOUSE_OF) {
                continue;
            }
            if (type.isCustodyByParent()) {
                // custody by "the mother" or "the father": whoever its parenthood relations say that is
                Sex sex = type == RelationType.CUSTODY_BY_MOTHER ? Sex.FEMALE : Sex.MALE;
                RelationType named = type == RelationType.CUSTODY_BY_MOTHER ? RelationType.MOTHER_OF : RelationType.FATHER_OF;
                parenthood.forEach((parent, p) -> {
                    boolean alive = input.status(parent) != PersonStatus.DEAD;
                    if (alive && (p == named || (p == RelationType.PARENT_OF && input.sex(parent) == sex))) {
                        adults.put(parent, role(input, parent, true, parenthood));
                    }
                });
                continue;
            }
            int adult = input.relationFrom(r);
            boolean alive = input.status(adult) != PersonStatus.DEAD;
            if ((type == RelationType.CUSTODY_HOLDER_OF || type == RelationType.SAME_HOUSEHOLD_AS) && alive) {
                adults.put(adult, role(input, adult, type == RelationType.CUSTODY_HOLDER_OF, parenthood));
            }
        }
        // the adults who live with the child; at a collective dwelling (an institution) nobody counts as such
        for (int other : residentAdults(input, child, asOf, dwellings)) {
            // only adults who live here: an emigrated or disappeared person keeps their last address in CPR
            if (!adults.containsKey(other)) {
                adults.put(other, role(input, other, false, parenthood));
            }
        }
        List<Family.Member> members = new ArrayList<>(adults.size());
        adults.forEach((person, role) -> members.add(new Family.Member(input.pid(person), role)));
        members.sort(ORDER);
        return new Family(child, input.pid(child), LocalDate.ofEpochDay(input.birthDay(child)), List.copyOf(members));
    }

    /**
     * The adults (18 or older on the day) resident at the child's dwelling, the child aside, by index; nobody at a
     * collective dwelling or without one.
     */
    static List<Integer> residentAdults(ScoringInput input, int child, LocalDate asOf, Dwellings dwellings) {
        long adultBorn = asOf.minusYears(ADULT_AGE).toEpochDay();
        List<Integer> out = new ArrayList<>(2);
        for (int other : dwellings.household(child)) {
            int born = input.birthDay(other);
            if (other != child && born != ScoringInput.NO_DAY && born <= adultBorn && input.status(other) == PersonStatus.RESIDENT) {
                out.add(other);
            }
        }
        return out;
    }

    private static FamilyRole role(ScoringInput input, int adult, boolean custody, Map<Integer, RelationType> parenthood) {
        RelationType p = parenthood.get(adult);
        Sex sex = input.sex(adult);
        if (p == RelationType.MOTHER_OF || (p == RelationType.PARENT_OF && sex == Sex.FEMALE)) {
            return FamilyRole.MOTHER;
        }
        if (p == RelationType.FATHER_OF || (p == RelationType.PARENT_OF && sex == Sex.MALE)) {
            return FamilyRole.FATHER;
        }
        return custody ? FamilyRole.CUSTODY_HOLDER : FamilyRole.HOUSEHOLD_ADULT;
    }

    /**
     * The birthdays of the eligible ages on a day, as epoch days: an age in completed years ({@link java.time.Period#between})
     * is at least n exactly when the birthday is on or before the day n years earlier ({@link LocalDate#minusYears}, which
     * gives 28 February for 29 February).
     */
    record Ages(long asOf, long bornOnOrBefore, long bornAfter) {
        Ages(LocalDate asOf, int ageMin, int ageMax) {
            this(asOf.toEpochDay(), asOf.minusYears(ageMin).toEpochDay(), asOf.minusYears(ageMax + 1L).toEpochDay());
        }
    }

    /** True when the person is resident in the municipality and of an eligible age. */
    static boolean eligible(ScoringInput input, int i, String tenant, Ages ages) {
        int born = input.birthDay(i);
        if (born == ScoringInput.NO_DAY || born > ages.asOf() || input.status(i) != PersonStatus.RESIDENT) {
            return false;
        }
        String municipality = input.municipalityCode(i);
        if (municipality != null && !municipality.equals(tenant)) {
            return false;
        }
        return born <= ages.bornOnOrBefore() && born > ages.bornAfter();
    }
}
