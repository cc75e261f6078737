// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.model.score.FamilyRole;
import dk.tidlig.store.ScoringInput;
import dk.tidlig.store.ScoringInput.PersonFacts;
import dk.tidlig.store.ScoringInput.RelationFacts;

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

    public static List<Family> link(ScoringInput input, String tenant, LocalDate asOf, int ageMin, int ageMax, int dwellingMax) {
        return link(input, tenant, asOf, ageMin, ageMax, new Dwellings(input.persons(), dwellingMax));
    }

    static List<Family> link(ScoringInput input, String tenant, LocalDate asOf, int ageMin, int ageMax, Dwellings dwellings) {
        PersonIndex persons = new PersonIndex(input.persons());
        Map<PersonId, List<RelationFacts>> byChild = new HashMap<>();
        for (RelationFacts r : input.relations()) {
            if (activeOn(r, asOf) && r.type() != RelationType.SPOUSE_OF) {
                byChild.computeIfAbsent(r.to(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Family> families = new ArrayList<>();
        for (PersonFacts child : input.persons()) {
            if (!eligible(child, tenant, asOf, ageMin, ageMax)) {
                continue;
            }
            Map<PersonId, FamilyRole> adults = new TreeMap<>();
            Map<PersonId, RelationType> parenthood = new HashMap<>();
            for (RelationFacts r : byChild.getOrDefault(child.pid(), List.of())) {
                if (r.type().isParenthood()) {
                    parenthood.put(r.from(), r.type());
                }
            }
            for (RelationFacts r : byChild.getOrDefault(child.pid(), List.of())) {
                if (r.type().isCustodyByParent()) {
                    // custody by "the mother" or "the father": whoever its parenthood relations say that is
                    Sex sex = r.type() == RelationType.CUSTODY_BY_MOTHER ? Sex.FEMALE : Sex.MALE;
                    RelationType named = r.type() == RelationType.CUSTODY_BY_MOTHER ? RelationType.MOTHER_OF : RelationType.FATHER_OF;
                    parenthood.forEach((parent, type) -> {
                        PersonFacts facts = persons.get(parent);
                        boolean alive = facts == null || facts.status() != PersonStatus.DEAD;
                        if (alive && (type == named || (type == RelationType.PARENT_OF && facts != null && facts.sex() == sex))) {
                            adults.put(parent, role(parent, true, parenthood, facts));
                        }
                    });
                    continue;
                }
                PersonFacts adult = persons.get(r.from());
                boolean alive = adult == null || adult.status() != PersonStatus.DEAD;
                if ((r.type() == RelationType.CUSTODY_HOLDER_OF || r.type() == RelationType.SAME_HOUSEHOLD_AS) && alive) {
                    adults.put(r.from(), role(r.from(), r.type() == RelationType.CUSTODY_HOLDER_OF, parenthood, adult));
                }
            }
            // the adults who live with the child; at a collective dwelling (an institution) nobody counts as such
            for (PersonFacts other : dwellings.household(child)) {
                // only adults who live here: an emigrated or disappeared person keeps their last address in CPR
                if (!other.pid().equals(child.pid()) && isAdult(other, asOf) && other.status() == PersonStatus.RESIDENT
                        && !adults.containsKey(other.pid())) {
                    adults.put(other.pid(), role(other.pid(), false, parenthood, other));
                }
            }
            List<Family.Member> members = new ArrayList<>();
            adults.forEach((pid, role) -> members.add(new Family.Member(pid, role)));
            members.sort(ORDER);
            families.add(new Family(child.pid(), child.birthDate(), List.copyOf(members)));
        }
        return families;
    }

    private static FamilyRole role(PersonId adult, boolean custody, Map<PersonId, RelationType> parenthood, PersonFacts facts) {
        RelationType p = parenthood.get(adult);
        if (p == RelationType.MOTHER_OF || (p == RelationType.PARENT_OF && facts != null && facts.sex() == Sex.FEMALE)) {
            return FamilyRole.MOTHER;
        }
        if (p == RelationType.FATHER_OF || (p == RelationType.PARENT_OF && facts != null && facts.sex() == Sex.MALE)) {
            return FamilyRole.FATHER;
        }
        return custody ? FamilyRole.CUSTODY_HOLDER : FamilyRole.HOUSEHOLD_ADULT;
    }

    private static final Set<PersonStatus> LIVING_HERE = EnumSet.of(PersonStatus.RESIDENT);

    static boolean eligible(PersonFacts p, String tenant, LocalDate asOf, int ageMin, int ageMax) {
        if (p.birthDate() == null || p.birthDate().isAfter(asOf) || p.status() == null || !LIVING_HERE.contains(p.status())) {
            return false;
        }
        if (p.municipalityCode() != null && !p.municipalityCode().equals(tenant)) {
            return false;
        }
        int age = Period.between(p.birthDate(), asOf).getYears();
        return age >= ageMin && age <= ageMax;
    }

    private static boolean isAdult(PersonFacts p, LocalDate asOf) {
        return p.birthDate() != null && Period.between(p.birthDate(), asOf).getYears() >= ADULT_AGE;
    }

    private static boolean activeOn(RelationFacts r, LocalDate day) {
        return (r.start() == null || !r.start().isAfter(day)) && (r.end() == null || !r.end().isBefore(day));
    }
}
