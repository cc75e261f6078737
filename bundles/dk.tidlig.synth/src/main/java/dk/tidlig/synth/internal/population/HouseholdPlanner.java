// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import static dk.tidlig.synth.internal.population.FamilyPlan.NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;

/**
 * Plans households that look like Denmark's: singles, couples, families with one to four children,
 * single parents (mostly mothers), stepfamilies, the elderly and a few flat-shares, about 2.1 persons
 * a household and a fifth of the population under 18.
 *
 * <p>Children are placed on a family's birth schedule (gaps of one to seven years, sometimes twins)
 * observed at a uniformly random point of its life, so that each year of age 0-17 holds about the
 * same share of the children; grown-up children (18-24) still live at home with a probability that
 * falls with age, younger siblings may not be born yet. Parents were 20-45 at every birth.
 */
final class HouseholdPlanner {

    private static final double YEAR = Days.YEAR;
    private static final double INTERNATIONAL = NameBook.INTERNATIONAL_SHARE;

    private static final Weighted<HouseholdType> KINDS = Weighted.<HouseholdType>builder()
            .add(HouseholdType.SINGLE, 0.20)
            .add(HouseholdType.COUPLE, 0.24)
            .add(HouseholdType.ELDERLY, 0.19)
            .add(HouseholdType.COUPLE_WITH_CHILDREN, 0.24)
            .add(HouseholdType.SINGLE_PARENT, 0.055)
            .add(HouseholdType.STEPFAMILY, 0.025)
            .add(HouseholdType.SHARED, 0.03)
            .build();
    /** Children born to a couple over the years (not all of them live at home on the reference date). */
    private static final Weighted<Integer> BIRTHS_COUPLE = births(0.25, 0.45, 0.22, 0.08);
    private static final Weighted<Integer> BIRTHS_SINGLE_PARENT = births(0.50, 0.37, 0.13);
    private static final Weighted<Integer> BIRTHS_STEPFAMILY = births(0.55, 0.35, 0.10);
    private static final Weighted<Integer> SINGLE_AGES = ages(new double[][] {{18, 29, 30}, {30, 49, 12}, {50, 66, 16}});
    private static final Weighted<Integer> COUPLE_AGES = ages(new double[][] {{20, 34, 15}, {35, 49, 4}, {50, 66, 22}});
    private static final Weighted<Integer> ELDERLY_AGES = ages(new double[][] {{67, 74, 10}, {75, 84, 6}, {85, 90, 2.5}});

    static final double RECENT_MOVE_SHARE = 0.07;
    /**
     * Citizenship: most adults of families with names from abroad are citizens of another country, a few others too;
     * children of such families are Danish citizens more often than their parents.
     */
    static final double FOREIGN_IF_INTERNATIONAL = 0.7;
    static final double FOREIGN_OTHERWISE = 0.01;
    static final double FOREIGN_CHILD_IF_INTERNATIONAL = 0.35;
    /** Share of couples with children who separated during the last three years. */
    static final double SEPARATION_SHARE = 0.03;
    private static final int SEPARATION_YEARS = 3;
    private static final double SOLE_CUSTODY_AFTER_SEPARATION = 0.15;
    private static final double SEPARATION_RISK_SHIFT = 0.3;
    private static final double MOTHER_IS_RESIDENT_PARENT = 0.85;
    /** Couples are observed until their youngest child is this old, so that some have only grown-up children at home. */
    private static final double COUPLE_YOUNGEST_MAX_AGE = 25;
    private static final double MINOR_YOUNGEST_MAX_AGE = 17.99;
    private static final double TWINS = 0.015;
    private static final double MALE_BIRTHS = 0.513;
    private static final double MIN_AGE_AT_BIRTH = 20.05;
    private static final double MAX_AGE_AT_BIRTH = 44.9;

    private final SplittableRandom rng;
    private final Days days;
    private final NameBook names;
    private final long ref;

    HouseholdPlanner(SplittableRandom rng, Days days, NameBook names) {
        this.rng = rng;
        this.days = days;
        this.names = names;
        this.ref = days.referenceDay();
    }

    /** A household of a random kind (with the household of a parent living apart, if any). */
    FamilyPlan next() {
        HouseholdType kind = KINDS.pick(rng);
        switch (kind) {
            case COUPLE:
                return couple();
            case ELDERLY:
                return elderly();
            case COUPLE_WITH_CHILDREN:
                return coupleWithChildren();
            case SINGLE_PARENT:
                return singleParent();
            case STEPFAMILY:
                return stepfamily();
            case SHARED:
                return shared();
            default:
                return single();
        }
    }

    FamilyPlan single() {
        FamilyPlan plan = new FamilyPlan();
        Household h = plan.add(new Household(HouseholdType.SINGLE));
        Member m = h.add(adult(randomSex(), days.birthForCompletedAge(SINGLE_AGES.pick(rng), rng), Draws.chance(rng, INTERNATIONAL)));
        if (Draws.chance(rng, 0.007)) {
            m.status = PersonStatus.EMIGRATED;
        }
        settle(h, days.birthday(m.birthDay, 18));
        h.risk = LatentRisk.draw(rng, h.type.riskShift());
        return plan;
    }

    private FamilyPlan couple() {
        FamilyPlan plan = new FamilyPlan();
        Household h = plan.add(new Household(HouseholdType.COUPLE));
        boolean international = Draws.chance(rng, INTERNATIONAL);
        int age = COUPLE_AGES.pick(rng);
        boolean sameSex = Draws.chance(rng, 0.02);
        Sex firstSex = sameSex ? randomSex() : Sex.MALE;
        Member first = h.add(adult(firstSex, days.birthForCompletedAge(age, rng), international));
        double otherAge = Draws.reflect(days.age(first.birthDay) - 2 + 3.5 * Draws.gaussian(rng), 18.2, 75);
        Sex secondSex = sameSex ? firstSex : Sex.FEMALE;
        Member second = h.add(adult(secondSex, days.birthForAge(otherAge), international));
        if (Draws.chance(rng, age < 35 ? 0.35 : 0.7)) {
            marry(plan, first, second, ref - 30);
        }
        settle(h, days.birthday(Math.max(first.birthDay, second.birthDay), 18));
        h.risk = LatentRisk.draw(rng, h.type.riskShift());
        return plan;
    }

    private FamilyPlan elderly() {
        FamilyPlan plan = new FamilyPlan();
        Household h = plan.add(new Household(HouseholdType.ELDERLY));
        boolean international = Draws.chance(rng, INTERNATIONAL / 3);
        int age = ELDERLY_AGES.pick(rng);
        long youngest;
        if (Draws.chance(rng, 0.5)) {
            Member m = h.add(adult(Draws.chance(rng, 0.7) ? Sex.FEMALE : Sex.MALE, days.birthForCompletedAge(age, rng), international));
            if (Draws.chance(rng, 0.015)) {
                m.status = PersonStatus.DEAD;
            }
            youngest = m.birthDay;
        } else {
            Member man = h.add(adult(Sex.MALE, days.birthForCompletedAge(age, rng), international));
            double herAge = Draws.reflect(age + 0.5 - 2.5 + 3 * Draws.gaussian(rng), 60, 90.9);
            Member woman = h.add(adult(Sex.FEMALE, days.birthForAge(herAge), international));
            youngest = Math.max(man.birthDay, woman.birthDay);
            if (Draws.chance(rng, 0.85)) {
                marry(plan, man, woman, days.birthday(youngest, 45));
            }
        }
        settle(h, days.birthday(youngest, 18));
        h.risk = LatentRisk.draw(rng, h.type.riskShift());
        return plan;
    }

    private FamilyPlan shared() {
        FamilyPlan plan = new FamilyPlan();
        Household h = plan.add(new Household(HouseholdType.SHARED));
        int n = Draws.chance(rng, 0.4) ? 3 : 2;
        long youngest = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            Member m = h.add(adult(randomSex(), days.birthForCompletedAge(19 + rng.nextInt(12), rng), Draws.chance(rng, INTERNATIONAL)));
            youngest = Math.max(youngest, m.birthDay);
        }
        settle(h, days.birthday(youngest, 18));
        h.risk = LatentRisk.draw(rng, h.type.riskShift());
        return plan;
    }

    /**
     * Both biological parents with their children; a few separated recently and the father moved out.
     * When all children have moved out, the parents are a couple without children.
     */
    private FamilyPlan coupleWithChildren() {
        boolean international = Draws.chance(rng, INTERNATIONAL);
        Schedule s = schedule(BIRTHS_COUPLE, COUPLE_YOUNGEST_MAX_AGE);
        double motherAt = Draws.clamp(29.8 + 4.5 * Draws.gaussian(rng), MIN_AGE_AT_BIRTH, MAX_AGE_AT_BIRTH - s.span);
        double fatherAt = Draws.clamp(motherAt + 2.5 + 3.5 * Draws.gaussian(rng), MIN_AGE_AT_BIRTH, MAX_AGE_AT_BIRTH - s.span);
        Member mother = adult(Sex.FEMALE, days.birthForAge(s.eldest() + motherAt), international);
        Member father = adult(Sex.MALE, days.birthForAge(s.eldest() + fatherAt), international);
        List<Member> kids = children(s, international);

        boolean minors = youngestMinor(kids) != Long.MIN_VALUE;
        long separation = NONE;
        if (minors && Draws.chance(rng, SEPARATION_SHARE)) {
            long from = Math.max(days.reference().minusYears(SEPARATION_YEARS).toEpochDay() + 1, youngestMinor(kids) + 30);
            if (from <= ref - 1) {
                separation = Draws.day(rng, from, ref - 1);
            }
        }
        FamilyPlan plan = new FamilyPlan();
        long wedding = NONE;
        if (Draws.chance(rng, 0.6)) {
            wedding = weddingDay(mother, father, separation == NONE ? ref - 30 : separation - 180);
            if (wedding != NONE) {
                takeName(mother, father);
            }
        }
        String kidsLastName = mother.lastName.equals(father.lastName) || Draws.chance(rng, 0.65) ? father.lastName : mother.lastName;
        for (Member k : kids) {
            k.lastName = kidsLastName;
        }
        double risk = LatentRisk.draw(rng, HouseholdType.COUPLE_WITH_CHILDREN.riskShift());
        long earliest = days.birthday(Math.max(mother.birthDay, father.birthDay), 18);
        if (separation == NONE) {
            Household home = plan.add(new Household(kids.isEmpty() ? HouseholdType.COUPLE : HouseholdType.COUPLE_WITH_CHILDREN));
            home.add(mother);
            home.add(father);
            home.members.addAll(kids);
            parenthood(plan, mother, father, kids, true, true, NONE);
            if (wedding != NONE) {
                plan.bond(RelationType.SPOUSE_OF, father, mother, wedding);
            }
            settle(home, earliest);
            home.risk = risk;
            return plan;
        }
        // separated: the children stay with their mother, the father lives elsewhere in the municipality;
        // divorced spouses are no longer SPOUSE_OF; custody stays joint for most, else the mother's alone
        Household home = plan.add(new Household(HouseholdType.SINGLE_PARENT));
        home.add(mother);
        home.members.addAll(kids);
        Household fathersHome = plan.add(new Household(HouseholdType.SINGLE));
        fathersHome.add(father);
        boolean sole = Draws.chance(rng, SOLE_CUSTODY_AFTER_SEPARATION);
        parenthood(plan, mother, father, kids, true, true, sole ? separation : NONE);
        settle(home, earliest);
        fathersHome.since = Math.min(ref, separation + rng.nextInt(61));
        father.since = fathersHome.since;
        plan.separationDay = separation;
        plan.separatedParents.add(mother);
        plan.separatedParents.add(father);
        home.risk = risk + SEPARATION_RISK_SHIFT;
        fathersHome.risk = home.risk;
        return plan;
    }

    /** One parent with the children; the other parent lives alone elsewhere in the municipality, or outside it or unknown. */
    private FamilyPlan singleParent() {
        boolean international = Draws.chance(rng, INTERNATIONAL);
        boolean motherAtHome = Draws.chance(rng, MOTHER_IS_RESIDENT_PARENT);
        Schedule s = schedule(BIRTHS_SINGLE_PARENT, MINOR_YOUNGEST_MAX_AGE);
        double motherAt = Draws.clamp(27.5 + 5 * Draws.gaussian(rng), MIN_AGE_AT_BIRTH, MAX_AGE_AT_BIRTH - s.span);
        double fatherAt = Draws.clamp(motherAt + 2.5 + 3.5 * Draws.gaussian(rng), MIN_AGE_AT_BIRTH, MAX_AGE_AT_BIRTH - s.span);
        // a child's mother is always known; a father living with the children is too
        Member mother = adult(Sex.FEMALE, days.birthForAge(s.eldest() + motherAt), international);
        boolean fatherKnownHere = !motherAtHome || Draws.chance(rng, 0.55);
        Member father = fatherKnownHere ? adult(Sex.MALE, days.birthForAge(s.eldest() + fatherAt), international) : null;
        Member resident = motherAtHome ? mother : father;
        Member other = motherAtHome ? father : mother;
        List<Member> kids = children(s, international);
        String kidsLastName = other == null || Draws.chance(rng, 0.7) ? resident.lastName : other.lastName;
        for (Member k : kids) {
            k.lastName = kidsLastName;
        }
        FamilyPlan plan = new FamilyPlan();
        Household home = plan.add(new Household(HouseholdType.SINGLE_PARENT));
        home.add(resident);
        home.members.addAll(kids);
        boolean jointCustody = other != null && Draws.chance(rng, 0.6);
        parenthood(plan, mother, father, kids, motherAtHome || jointCustody, !motherAtHome || jointCustody, NONE);
        settle(home, days.birthday(resident.birthDay, 18));
        home.risk = LatentRisk.draw(rng, home.type.riskShift());
        if (other != null) {
            Household apart = plan.add(new Household(HouseholdType.SINGLE));
            apart.add(other);
            settle(apart, days.birthday(other.birthDay, 18));
            apart.risk = home.risk;
        }
        return plan;
    }

    /**
     * A parent with children from an earlier relationship and a new partner, who has no custody of them;
     * sometimes a joint child of the two.
     */
    private FamilyPlan stepfamily() {
        boolean international = Draws.chance(rng, INTERNATIONAL);
        boolean motherAtHome = Draws.chance(rng, MOTHER_IS_RESIDENT_PARENT);
        Schedule s = schedule(BIRTHS_STEPFAMILY, MINOR_YOUNGEST_MAX_AGE);
        double motherAt = Draws.clamp(26.5 + 5 * Draws.gaussian(rng), MIN_AGE_AT_BIRTH, MAX_AGE_AT_BIRTH - s.span);
        double fatherAt = Draws.clamp(motherAt + 2.5 + 3.5 * Draws.gaussian(rng), MIN_AGE_AT_BIRTH, MAX_AGE_AT_BIRTH - s.span);
        Member mother = adult(Sex.FEMALE, days.birthForAge(s.eldest() + motherAt), international);
        boolean fatherKnownHere = !motherAtHome || Draws.chance(rng, 0.5);
        Member father = fatherKnownHere ? adult(Sex.MALE, days.birthForAge(s.eldest() + fatherAt), international) : null;
        Member resident = motherAtHome ? mother : father;
        Member other = motherAtHome ? father : mother;
        List<Member> kids = children(s, international);
        String kidsLastName = other == null || Draws.chance(rng, 0.6) ? resident.lastName : other.lastName;
        for (Member k : kids) {
            k.lastName = kidsLastName;
        }

        Sex partnerSex = motherAtHome ? Sex.MALE : Sex.FEMALE;
        double partnerAge = Draws.reflect(days.age(resident.birthDay) + (motherAtHome ? 1.5 : -1.5) + 4 * Draws.gaussian(rng), 20.5, 70);
        Member partner = adult(partnerSex, days.birthForAge(partnerAge), Draws.chance(rng, INTERNATIONAL));
        long joinedFrom = Math.max(youngest(kids) + 180, days.birthday(partner.birthDay, 18));
        long joined = joinedFrom <= ref - 60 ? Draws.day(rng, joinedFrom, ref - 60) : Math.min(joinedFrom, ref);

        Member joint = null;
        if (Draws.chance(rng, 0.35) && joined + 270 <= ref) {
            long born = Draws.day(rng, joined + 270, ref);
            Member jointMother = motherAtHome ? resident : partner;
            Member jointFather = motherAtHome ? partner : resident;
            if (ageAtBirthFits(jointMother, born) && ageAtBirthFits(jointFather, born)) {
                Sex sex = Draws.chance(rng, MALE_BIRTHS) ? Sex.MALE : Sex.FEMALE;
                joint = child(sex, born, international);
                joint.lastName = Draws.chance(rng, 0.6) ? jointFather.lastName : jointMother.lastName;
            }
        }
        FamilyPlan plan = new FamilyPlan();
        if (Draws.chance(rng, 0.3) && joined <= ref - 30) {
            plan.bond(RelationType.SPOUSE_OF, resident, partner, Draws.day(rng, joined, ref - 30));
            takeName(motherAtHome ? resident : partner, motherAtHome ? partner : resident);
        }
        Household home = plan.add(new Household(HouseholdType.STEPFAMILY));
        home.add(resident);
        home.add(partner);
        home.members.addAll(kids);
        boolean jointCustody = other != null && Draws.chance(rng, 0.6);
        parenthood(plan, mother, father, kids, motherAtHome || jointCustody, !motherAtHome || jointCustody, NONE);
        if (joint != null) {
            home.add(joint);
            Member jointMother = motherAtHome ? resident : partner;
            Member jointFather = motherAtHome ? partner : resident;
            parenthood(plan, jointMother, jointFather, List.of(joint), true, true, NONE);
        }
        settle(home, days.birthday(resident.birthDay, 18));
        partner.since = Math.max(partner.since, joined);
        home.risk = LatentRisk.draw(rng, home.type.riskShift());
        if (other != null) {
            Household apart = plan.add(new Household(HouseholdType.SINGLE));
            apart.add(other);
            settle(apart, days.birthday(other.birthDay, 18));
            apart.risk = home.risk;
        }
        return plan;
    }

    // ----------------------------------------------------------------------------------------------

    /** A family's births: ages on the reference date, eldest first (negative: not yet born), and the years from first to last birth. */
    private record Schedule(double[] ages, double span) {
        double eldest() {
            return ages[0];
        }
    }

    /** @param youngestMaxAge the youngest child is uniform on [-span, youngestMaxAge) */
    private Schedule schedule(Weighted<Integer> births, double youngestMaxAge) {
        int n = births.pick(rng);
        double[] gaps = new double[n - 1];
        double span = 0;
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = Draws.chance(rng, TWINS) ? 0 : Math.min(7.0, 1.0 + Draws.exponential(rng, 1.9));
            span += gaps[i];
        }
        // the youngest is uniform on [-span, max): every birth position is then uniform over the ages 0-17 it can be seen at
        double[] ages = new double[n];
        ages[n - 1] = -span + rng.nextDouble() * (youngestMaxAge + span);
        for (int i = n - 2; i >= 0; i--) {
            ages[i] = ages[i + 1] + gaps[i];
        }
        return new Schedule(ages, span);
    }

    /** The children who live at home: all born children under 18, and some grown-up ones under 25. */
    private List<Member> children(Schedule s, boolean international) {
        List<Member> kids = new ArrayList<>(s.ages().length);
        for (double age : s.ages()) {
            if (age < 0) {
                continue; // not born yet
            }
            long born = days.birthForAge(age);
            if (!days.isMinor(born) && !Draws.chance(rng, stillAtHome(age))) {
                continue; // moved out
            }
            kids.add(child(Draws.chance(rng, MALE_BIRTHS) ? Sex.MALE : Sex.FEMALE, born, international));
        }
        return kids;
    }

    /** Probability that a grown-up child of that age still lives with its parents. */
    private static double stillAtHome(double age) {
        if (age < 20) {
            return 0.8;
        }
        if (age < 22) {
            return 0.55;
        }
        return age < 25 ? 0.3 : 0;
    }

    private void parenthood(FamilyPlan plan, Member mother, Member father, List<Member> kids, boolean motherCustody, boolean fatherCustody,
            long fatherCustodyEnd) {
        for (Member k : kids) {
            if (mother != null) {
                plan.bond(RelationType.MOTHER_OF, mother, k, k.birthDay);
            }
            if (father != null) {
                plan.bond(RelationType.FATHER_OF, father, k, k.birthDay);
            }
        }
        for (Member k : kids) {
            if (!days.isMinor(k.birthDay)) {
                continue;
            }
            if (mother != null && motherCustody) {
                plan.bond(RelationType.CUSTODY_HOLDER_OF, mother, k, k.birthDay);
            }
            if (father != null && fatherCustody) {
                plan.bond(RelationType.CUSTODY_HOLDER_OF, father, k, k.birthDay, fatherCustodyEnd);
            }
        }
    }

    /**
     * Sets the day the household moved in: within the last two years for about one household in ten
     * (and for young adults who cannot have lived there longer), otherwise earlier; members born later
     * moved in at birth.
     */
    private void settle(Household h, long earliest) {
        long recentFrom = ref - 730;
        long from = Math.max(earliest, ref - Math.round(40 * YEAR));
        long since;
        if (from >= recentFrom || Draws.chance(rng, RECENT_MOVE_SHARE)) {
            since = Draws.day(rng, Math.max(from, recentFrom), ref);
        } else {
            since = Draws.day(rng, from, recentFrom - 1);
        }
        h.since = since;
        for (Member m : h.members) {
            m.since = Math.max(since, m.birthDay);
        }
    }

    private void marry(FamilyPlan plan, Member first, Member second, long latest) {
        long wedding = weddingDay(first, second, latest);
        if (wedding == NONE) {
            return;
        }
        plan.bond(RelationType.SPOUSE_OF, first, second, wedding);
        if (first.sex != second.sex) {
            takeName(first.sex == Sex.FEMALE ? first : second, first.sex == Sex.MALE ? first : second);
        }
    }

    private long weddingDay(Member a, Member b, long latest) {
        long younger = Math.max(a.birthDay, b.birthDay);
        long from = Math.max(days.birthday(younger, 20), ref - Math.round(60 * YEAR));
        long to = Math.min(latest, ref - 30);
        return from <= to ? Draws.day(rng, from, to) : NONE;
    }

    /** Many wives take their husband's surname, some keep theirs as a middle name. */
    private void takeName(Member wife, Member husband) {
        double r = rng.nextDouble();
        String own = wife.lastName;
        if (r < 0.45) {
            wife.lastName = husband.lastName;
        } else if (r < 0.6 && !own.equals(husband.lastName)) {
            wife.middleName = own;
            wife.lastName = husband.lastName;
        }
    }

    private boolean ageAtBirthFits(Member parent, long born) {
        double age = (born - parent.birthDay) / YEAR;
        return age >= MIN_AGE_AT_BIRTH && age <= MAX_AGE_AT_BIRTH;
    }

    private Member adult(Sex sex, long birthDay, boolean international) {
        Member m = new Member(sex, birthDay);
        m.firstNames = names.firstNames(sex, days.date(birthDay).getYear(), international);
        m.middleName = names.middleName();
        m.lastName = names.lastName(international);
        m.foreign = Draws.chance(rng, international ? FOREIGN_IF_INTERNATIONAL : FOREIGN_OTHERWISE);
        return m;
    }

    /** A child; its last name is set by the caller from the parents'. */
    private Member child(Sex sex, long birthDay, boolean international) {
        Member m = new Member(sex, birthDay);
        m.firstNames = names.firstNames(sex, days.date(birthDay).getYear(), international && Draws.chance(rng, 0.6));
        m.middleName = names.middleName();
        m.foreign = international && Draws.chance(rng, FOREIGN_CHILD_IF_INTERNATIONAL);
        return m;
    }

    private Sex randomSex() {
        return rng.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    }

    private static long youngest(List<Member> kids) {
        long youngest = Long.MIN_VALUE;
        for (Member k : kids) {
            youngest = Math.max(youngest, k.birthDay);
        }
        return youngest;
    }

    private long youngestMinor(List<Member> kids) {
        long youngest = Long.MIN_VALUE;
        for (Member k : kids) {
            if (days.isMinor(k.birthDay)) {
                youngest = Math.max(youngest, k.birthDay);
            }
        }
        return youngest;
    }

    private static Weighted<Integer> births(double... shares) {
        Weighted.Builder<Integer> b = Weighted.builder();
        for (int i = 0; i < shares.length; i++) {
            b.add(i + 1, shares[i]);
        }
        return b.build();
    }

    /** Ages in whole years from bands of {from, to, weight per year}. */
    private static Weighted<Integer> ages(double[][] bands) {
        Weighted.Builder<Integer> b = Weighted.builder();
        for (double[] band : bands) {
            for (int age = (int) band[0]; age <= (int) band[1]; age++) {
                b.add(age, band[2]);
            }
        }
        return b.build();
    }
}
