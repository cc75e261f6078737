package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
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

    final List<PersonRecord> persons;
    final List<NameRecord> names;
    final List<AddressRecord> addresses;
    final List<RelationRecord> relations;
    final List<FamilyTruth> truth;

    /** @param municipality the municipality code as CPR writes it, with a leading zero ("0159") */
    RecordAssembler(int citizens, String municipality, SplittableRandom rng, Days days, CprAllocator cprs, StreetMap streets,
            EventGenerator events) {
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
    }

    int personCount() {
        return persons.size();
    }

    void add(FamilyPlan plan) {
        for (Household h : plan.households) {
            Dwelling d = streets.allocate(rng);
            for (Member m : h.members) {
                LocalDate born = days.date(m.birthDay);
                m.cpr = cprs.next(born, m.sex);
                persons.add(new PersonRecord(m.cpr, m.sex, born, m.status, municipality));
                names.add(new NameRecord(m.cpr, m.firstNames, m.middleName, m.lastName));
                addresses.add(new AddressRecord(m.cpr, municipality, d.streetCode(), d.houseNumber(), d.floor(), d.door(), days.date(m.since),
                        d.written(), d.postalCode(), d.city()));
            }
        }
        for (FamilyPlan.Bond b : plan.bonds) {
            relations.add(new RelationRecord(b.type(), b.from().cpr, b.to().cpr, days.date(b.start()),
                    b.end() == FamilyPlan.NONE ? null : days.date(b.end())));
        }
        for (Household h : plan.households) {
            for (Member m : h.members) {
                if (m.status == PersonStatus.RESIDENT) {
                    events.person(m.cpr, m.birthDay, h.risk);
                }
            }
        }
        if (plan.separationDay != FamilyPlan.NONE) {
            for (Member parent : plan.separatedParents) {
                events.separation(parent.cpr, plan.separationDay);
            }
        }
        for (Household h : plan.households) {
            for (Member m : h.members) {
                if (days.isMinor(m.birthDay)) {
                    truth.add(LatentRisk.truth(m.cpr, h, rng));
                }
            }
        }
    }
}
