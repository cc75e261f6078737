// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.RiskEvent;

/**
 * Generates a consistent synthetic Danish municipality in the common model, for demos, tests and
 * benchmarks. Pure computation: no I/O, no OSGi. The output depends only on the arguments: one
 * {@link SplittableRandom} is seeded once and every step runs in a fixed order.
 *
 * <p>What it makes: households like Denmark's (see {@link HouseholdPlanner}) at invented addresses
 * ({@link StreetMap}), persons with synthetic CPR numbers that are valid by the CPR office's rules but
 * fail modulus 11 ({@link CprAllocator}), parent, custody and spouse relations, and seven years of risk
 * events whose rates rise with each family's latent risk ({@link EventGenerator}, {@link LatentRisk}).
 * Noise as in real deliveries: recent moves, recent separations (the father at another address), and
 * about 1 % of events delivered twice. Breaking records per format is left to the export writers,
 * which get {@code brokenShare} unchanged.
 *
 * <p>Output order: persons, names and addresses household by household (adults first, then children
 * from the eldest), relations family by family, events by day.
 */
public final class PopulationGenerator {

    /** Share of events delivered a second time, with the same source record id and content. */
    static final double DUPLICATE_SHARE = 0.01;

    private PopulationGenerator() {
    }

    /**
     * @param citizens         number of persons to generate (exactly)
     * @param seed             the seed; the same arguments give the same population
     * @param referenceDate    the day the exports are taken; all event dates are on or before it
     * @param municipalityCode the municipality, three digits ("159" Gladsaxe), a leading zero allowed
     * @param brokenShare      share of records (0..1) each export writer should break; passed through
     */
    public static Population generate(int citizens, long seed, LocalDate referenceDate, String municipalityCode, double brokenShare) {
        Population[] whole = new Population[1];
        try {
            generate(citizens, seed, referenceDate, municipalityCode, brokenShare, Math.max(1, citizens), (index, part) -> whole[0] = part);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // the consumer above does no I/O
        }
        return whole[0];
    }

    /** What is done with each part of a population generated in parts: written out, typically, and then let go. */
    @FunctionalInterface
    public interface Parts {
        /** @param index the part's number, from 0 */
        void accept(int index, Population part) throws java.io.IOException;
    }

    /**
     * Generates a population in parts of about {@code partCitizens} persons each (whole households; the last part holds
     * the rest), handing each to {@code parts} before the next is made, so that memory holds one part, not the whole
     * population: Denmark's 5.9 million citizens in the heap of a municipality's. The parts together are one population:
     * every CPR number, dwelling and source record id is unique across them (the intended duplicate deliveries aside),
     * relations and events stay within the part that holds the household, and each part's events are in date order. The
     * same arguments give the same parts; a single part ({@code partCitizens >= citizens}) is {@link #generate(int, long,
     * LocalDate, String, double)}'s population.
     */
    public static void generate(int citizens, long seed, LocalDate referenceDate, String municipalityCode, double brokenShare, int partCitizens,
            Parts parts) throws java.io.IOException {
        Objects.requireNonNull(referenceDate, "referenceDate");
        if (citizens < 0) {
            throw new IllegalArgumentException("citizens must not be negative");
        }
        if (!(brokenShare >= 0 && brokenShare <= 1)) {
            throw new IllegalArgumentException("brokenShare must lie between 0 and 1");
        }
        if (partCitizens < 1) {
            throw new IllegalArgumentException("a part holds at least one citizen");
        }
        String code = normalise(municipalityCode);
        SplittableRandom rng = new SplittableRandom(seed);
        Days days = new Days(referenceDate);
        StreetMap streets = new StreetMap(code, citizens, rng);
        CprAllocator cprs = new CprAllocator(rng, referenceDate.minusYears(100).toEpochDay(), days.referenceDay());
        HouseholdPlanner planner = new HouseholdPlanner(rng, days, new NameBook(rng));
        SourceIds ids = EventLog.sourceIds(days);
        int size = Math.min(citizens, partCitizens);
        int made = 0;
        int index = 0;
        while (made < citizens || index == 0) {
            EventLog log = new EventLog(size);
            RecordAssembler out = new RecordAssembler(size, "0" + code, rng, days, cprs, streets, new EventGenerator(rng, days, log), log);
            while (made + out.personCount() < citizens && out.personCount() < partCitizens) {
                FamilyPlan plan = planner.next();
                if (plan.persons() > citizens - made - out.personCount()) {
                    plan = planner.single(); // fill up to exactly the number asked for
                }
                out.add(plan);
            }
            made += out.personCount();
            List<RiskEvent> riskEvents = log.finish(days, rng, DUPLICATE_SHARE, ids);
            SyntheticData data = new SyntheticData(code, referenceDate, Collections.unmodifiableList(out.persons),
                    Collections.unmodifiableList(out.names), Collections.unmodifiableList(out.addresses),
                    Collections.unmodifiableList(out.relations), Collections.unmodifiableList(riskEvents), brokenShare,
                    Collections.unmodifiableList(out.citizenships), Collections.unmodifiableList(out.previousAddresses));
            parts.accept(index++, new Population(data, Collections.unmodifiableList(out.truth)));
        }
    }

    /** "159" or "0159" to "159". */
    static String normalise(String municipalityCode) {
        if (municipalityCode == null || !municipalityCode.strip().matches("0?[1-9]\\d{2}")) {
            throw new IllegalArgumentException("municipality code must be three digits, e.g. 159");
        }
        String s = municipalityCode.strip();
        return s.length() == 4 ? s.substring(1) : s;
    }
}
