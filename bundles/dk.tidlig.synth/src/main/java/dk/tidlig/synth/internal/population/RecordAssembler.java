// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.RelationRecord;

/**
 * Turns planned families into common-model records: gives every member a CPR number, writes person,
 * name and address records household by household (one dwelling per household), the relations, the
 * members' risk events, and one truth row per child under 18.
 */
final class RecordAssembler {

    private final String municipality;
    private final SplittableRandom rng;
    private final Days days;
    private final CprAllocator cprs;
    private final StreetMap streets;
    private final EventGenerator events;
    private final EventLog log;

    final List<PersonRecord> persons;
    final List<NameRecord> names;
    final List<AddressRecord> addresses;
    final List<RelationRecord> relations;
    final List<FamilyTruth> truth;
    final List<CitizenshipRecord> citizenships;
    final List<PreviousAddressRecord> previousAddresses;
    /** Country codes of the CPR office for other countries than Denmark, for foreign citizens. */
    private static final String[] OTHER_COUNTRIES = {"5110", "5120", "5130", "5150", "5170", "5180", "5245", "5280", "5353", "5474", "5515", "5775"};

    /** @param municipality the municipality code as CPR writes it, with a leading zero ("0159") */
    RecordAssembler(int citizens, String municipality, SplittableRandom rng, Days days, CprAllocator cprs, StreetMap streets,
            EventGenerator events, EventLog log) {
        this.log = log;
        this.municipality = municipality;
        this.rng = rng;
        this.days = days;
        this.cprs = cprs;
        this.streets = streets;
        this.events = events;
        this.persons = new ArrayList<>(citizens);
        this.names = new ArrayList<>(citizens);
        this.addresses = new ArrayList<>(citizens);
        this.relations = new ArrayList<>(citizens);
        this.truth = new ArrayList<>(citizens / 4);
        this.citizenships = new ArrayList<>(citizens);
        this.previousAddresses = new ArrayList<>(citizens / 8);
    }

    int personCount() {
        return persons.size();
    }

    void add(FamilyPlan plan) {
        Dwelling[] dwellings = new Dwelling[plan.households.size()];
        for (int i = 0; i < dwellings.length; i++) {
            Household h = plan.households.get(i);
            Dwelling d = streets.allocate(rng);
            dwellings[i] = d;
            for (Member m : h.members) {
                LocalDate born = days.date(m.birthDay);
                m.cpr = cprs.next(born, m.sex);
                persons.add(new PersonRecord(m.cpr, m.sex, born, m.status, municipality));
                names.add(new NameRecord(m.cpr, m.firstNames, m.middleName, m.lastName));
                addresses.add(new AddressRecord(m.cpr, municipality, d.streetCode(), d.houseNumber(), d.floor(), d.door(), days.date(m.since),
                        d.written(), d.postalCode(), d.city()));
                citizenships.add(new CitizenshipRecord(m.cpr, m.foreign ? OTHER_COUNTRIES[rng.nextInt(OTHER_COUNTRIES.length)]
                        : CitizenshipRecord.DENMARK, born));
            }
        }
        previousAddresses(plan, dwellings);
        for (FamilyPlan.Bond b : plan.bonds) {
            relations.add(new RelationRecord(b.type(), b.from().cpr, b.to().cpr, days.date(b.start()),
                    b.end() == FamilyPlan.NONE ? null : days.date(b.end())));
        }
        for (Household h : plan.households) {
            for (Member m : h.members) {
                if (m.status == PersonStatus.RESIDENT) {
                    events.person(m.cpr, m.birthDay, h.risk, m.foreign);
                }
            }
        }
        if (plan.separationDay != FamilyPlan.NONE) {
            for (Member parent : plan.separatedParents) {
                events.separation(parent.cpr, plan.separationDay);
            }
        }
        for (Household h : plan.households) {
            boolean foreignAdult = h.members.stream().anyMatch(m -> m.foreign && !days.isMinor(m.birthDay));
            for (Member m : h.members) {
                if (days.isMinor(m.birthDay)) {
                    truth.add(LatentRisk.truth(m.cpr, h, rng, log.outcomes(m.cpr), foreignAdult));
                }
            }
        }
    }

    /**
     * The addresses the members lived at before, within the history (CPR record 023): a parent who moved out after a
     * separation lived at the family's home until then; the members of a household that moved in within the history
     * lived together at another dwelling before (those born by then).
     */
    private void previousAddresses(FamilyPlan plan, Dwelling[] dwellings) {
        long historyFrom = days.windowFirstDay();
        Household home = plan.households.get(0);
        for (int i = 0; i < dwellings.length; i++) {
            Household h = plan.households.get(i);
            Dwelling earlier = null;
            long earlierFrom = 0;
            for (Member m : h.members) {
                if (m.since <= historyFrom || m.since <= m.birthDay) {
                    continue; // lived here since before the history, or since birth
                }
                if (i > 0 && plan.separationDay != FamilyPlan.NONE && plan.separatedParents.contains(m) && home.since < m.since) {
                    previous(m, dwellings[0], Math.max(home.since, m.birthDay), m.since);
                    continue;
                }
                if (earlier == null) {
                    earlier = streets.allocate(rng);
                    earlierFrom = m.since - 365 - rng.nextInt(8 * 365);
                }
                previous(m, earlier, Math.max(earlierFrom, m.birthDay), m.since);
            }
        }
    }

    private void previous(Member m, Dwelling d, long from, long until) {
        if (until <= from) {
            return;
        }
        previousAddresses.add(new PreviousAddressRecord(m.cpr, municipality, d.streetCode(), d.houseNumber(), d.floor(), d.door(), days.date(from),
                days.date(until)));
    }
}
