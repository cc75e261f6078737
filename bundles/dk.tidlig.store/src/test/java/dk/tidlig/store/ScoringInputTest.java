// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;
import dk.tidlig.store.ScoringInput.EventFacts;
import dk.tidlig.store.ScoringInput.PersonFacts;
import dk.tidlig.store.ScoringInput.RelationFacts;

/** The scoring input in columns gives back exactly the rows it was given, and finds them by person and by dwelling. */
class ScoringInputTest {

    /**
     * Households are numbered in the order first seen and found again wherever their bits lie: random ones (as keyed
     * hashes are), ones alike in all but two bytes at the top or the bottom of either half, each seen several times in
     * random order, through the table's growth; the numbers and bytes are those a map of the households gives, and
     * households alike but for their top bytes do not crowd into one run of the table's slots.
     */
    @Test
    void householdsAreNumberedInTheOrderFirstSeenWhereverTheirBitsDiffer() {
        Random random = new Random(2026_12_07);
        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            byte[] h = new byte[16];
            if (i % 5 == 0) {
                random.nextBytes(h);
            } else {
                int at = new int[] {0, 14, 6, 8}[i % 5 - 1]; // alike but for two bytes at the top or the bottom of either half
                h[at] = (byte) i;
                h[at + 1] = (byte) (i >>> 8);
            }
            distinct.add(h);
        }
        List<byte[]> seen = new ArrayList<>();
        for (byte[] h : distinct) {
            for (int k = random.nextInt(4); k >= 0; k--) {
                seen.add(h.clone());
            }
        }
        Collections.shuffle(seen, random);
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        ScoringInput.Households households = new ScoringInput.Households();
        for (byte[] h : seen) {
            int n = expected.computeIfAbsent(Arrays.toString(h), k -> expected.size());
            assertThat(households.intern(h)).isEqualTo(n);
        }
        assertThat(households.size()).isEqualTo(expected.size()).isEqualTo(new HashSet<>(distinct.stream().map(Arrays::toString).toList()).size());
        List<String> inOrder = new ArrayList<>(expected.keySet());
        for (int n = 0; n < households.size(); n++) {
            assertThat(Arrays.toString(households.get(n))).isEqualTo(inOrder.get(n));
        }
        assertThatThrownBy(() -> households.intern(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        // 5,000 households alike but for the top two bytes of their high half fill a table of 16,384 slots without
        // crowding: their slots are spread, not all within a short run
        ScoringInput.Households alike = new ScoringInput.Households();
        for (int i = 0; i < 5_000; i++) {
            alike.intern(alikeButForTheTop(i));
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(alike.intern(alikeButForTheTop(i))).isEqualTo(i);
        }
        assertThat(alike.longestRun()).as("the longest run of occupied slots").isLessThan(100);
    }

    /** A household of zeros but for the number in the top two bytes of its high half. */
    private static byte[] alikeButForTheTop(int i) {
        byte[] h = new byte[16];
        h[0] = (byte) (i >>> 8);
        h[1] = (byte) i;
        return h;
    }

    private static PersonId pid(Random random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return PersonId.of(b);
    }

    private static LocalDate day(Random random) {
        return random.nextInt(10) == 0 ? null : LocalDate.of(1950, 1, 1).plusDays(random.nextInt(80 * 365));
    }

    @Test
    void randomRowsComeBackAsGivenAndAreFoundByPersonAndDwelling() {
        Random random = new Random(2018);
        List<byte[]> dwellings = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] d = new byte[16];
            random.nextBytes(d);
            dwellings.add(d);
        }
        List<PersonFacts> persons = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] household = random.nextInt(8) == 0 ? null : dwellings.get(random.nextInt(dwellings.size())).clone();
            persons.add(new PersonFacts(pid(random), day(random), random.nextInt(5) == 0 ? null : Sex.values()[random.nextInt(Sex.values().length)],
                    random.nextInt(7) == 0 ? null : PersonStatus.values()[random.nextInt(PersonStatus.values().length)],
                    random.nextInt(6) == 0 ? null : random.nextBoolean() ? "159" : "851", household));
        }
        List<PersonId> strangers = List.of(pid(random), pid(random), pid(random)); // named by relations and events, without a row
        List<PersonId> anyone = new ArrayList<>(persons.stream().map(PersonFacts::pid).toList());
        anyone.addAll(strangers);
        List<RelationFacts> relations = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            relations.add(new RelationFacts(RelationType.values()[random.nextInt(RelationType.values().length)], anyone.get(random.nextInt(anyone.size())),
                    anyone.get(random.nextInt(anyone.size())), day(random), day(random)));
        }
        List<EventFacts> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            LocalDate start = day(random);
            events.add(new EventFacts(random.nextBoolean() ? "dental" : "fhir", (random.nextBoolean() ? "Æblegård-" : "R") + i,
                    anyone.get(random.nextInt(anyone.size())), Indicator.values()[random.nextInt(Indicator.values().length)],
                    start == null ? LocalDate.of(2020, 1, 1) : start, day(random)));
        }
        List<PersonFacts> shuffled = new ArrayList<>(persons);
        Collections.shuffle(shuffled, random);

        ScoringInput input = ScoringInput.of(shuffled, relations, events);

        List<PersonFacts> byPid = new ArrayList<>(persons);
        byPid.sort(java.util.Comparator.comparing(PersonFacts::pid));
        assertThat(input.personCount()).isEqualTo(2000);
        assertThat(input.personIndexCount()).isEqualTo(2003);
        for (int i = 0; i < byPid.size(); i++) {
            PersonFacts expected = byPid.get(i);
            PersonFacts actual = input.persons().get(i);
            assertThat(actual.pid()).isEqualTo(expected.pid());
            assertThat(actual.birthDate()).isEqualTo(expected.birthDate());
            assertThat(actual.sex()).isEqualTo(expected.sex());
            assertThat(actual.status()).isEqualTo(expected.status());
            assertThat(actual.municipalityCode()).isEqualTo(expected.municipalityCode());
            assertThat(actual.household()).isEqualTo(expected.household());
            assertThat(input.indexOf(expected.pid())).isEqualTo(i);
        }
        assertThat(input.relations()).as("relations in the order given").isEqualTo(relations);
        assertThat(input.events()).as("events in the order given, record ids in UTF-8").isEqualTo(events);

        for (PersonId stranger : strangers) {
            int i = input.indexOf(stranger);
            assertThat(i).as("a person without a row has an index after those with one").isGreaterThanOrEqualTo(2000);
            assertThat(input.pid(i)).isEqualTo(stranger);
            assertThat(input.person(i)).isNull();
            assertThat(input.status(i)).isNull();
            assertThat(input.dwellingOf(i)).isEqualTo(-1);
        }
        assertThat(input.indexOf(pid(random))).as("nobody the input names").isEqualTo(-1);
        assertThat(input.eventsOf(pid(random))).isEmpty();

        // each person's relations (by whom they are to) and events, in the order given
        for (PersonId who : anyone) {
            int i = input.indexOf(who);
            List<RelationFacts> to = new ArrayList<>();
            for (int k = 0; k < input.relationsToCount(i); k++) {
                int r = input.relationToAt(i, k);
                assertThat(input.relationTo(r)).isEqualTo(i);
                to.add(input.relation(r));
            }
            assertThat(to).isEqualTo(relations.stream().filter(r -> r.to().equals(who)).toList());
            assertThat(input.eventsOf(who)).isEqualTo(events.stream().filter(e -> e.subject().equals(who)).toList());
        }

        // each dwelling's persons, and only theirs
        Map<String, Set<PersonId>> expectedAt = new HashMap<>();
        persons.stream().filter(p -> p.household() != null)
                .forEach(p -> expectedAt.computeIfAbsent(Arrays.toString(p.household()), k -> new HashSet<>()).add(p.pid()));
        assertThat(input.dwellingCount()).isEqualTo(expectedAt.size());
        for (int d = 0; d < input.dwellingCount(); d++) {
            Set<PersonId> at = new HashSet<>();
            String key = null;
            for (int k = 0; k < input.registeredCount(d); k++) {
                int p = input.registered(d, k);
                assertThat(input.dwellingOf(p)).isEqualTo(d);
                key = Arrays.toString(input.household(p));
                at.add(input.pid(p));
            }
            assertThat(at).isEqualTo(expectedAt.get(key));
        }

        // relations hold on the days between their ends, open ends for ever
        for (int r = 0; r < 200; r++) {
            RelationFacts f = relations.get(r);
            LocalDate on = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(80 * 365));
            boolean holds = (f.start() == null || !f.start().isAfter(on)) && (f.end() == null || !f.end().isBefore(on));
            assertThat(input.relationActiveOn(r, on)).isEqualTo(holds);
        }
    }

    /**
     * Relations and events read apart from the persons (as the store reads them, on connections of their own) and added
     * in blocks give the input that adding them row by row gives: the same persons at the same indices, those named
     * only by a relation or an event numbered in the order they are first named, across the blocks' edges.
     */
    @Test
    void relationsAndEventsAddedInBlocksGiveTheInputOfRowByRow() {
        Random random = new Random(1733);
        List<PersonFacts> persons = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            persons.add(new PersonFacts(pid(random), day(random), Sex.FEMALE, PersonStatus.RESIDENT, "159", null));
        }
        persons.sort(java.util.Comparator.comparing(PersonFacts::pid));
        List<PersonId> anyone = new ArrayList<>(persons.stream().map(PersonFacts::pid).toList());
        for (int i = 0; i < 60; i++) {
            anyone.add(pid(random)); // named without a row
        }
        List<RelationFacts> relations = new ArrayList<>();
        List<EventFacts> events = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            relations.add(new RelationFacts(RelationType.values()[random.nextInt(RelationType.values().length)], anyone.get(random.nextInt(anyone.size())),
                    anyone.get(random.nextInt(anyone.size())), day(random), day(random)));
            events.add(new EventFacts(random.nextBoolean() ? "dental" : "fhir", (random.nextBoolean() ? "Æblegård-" : "R") + i,
                    anyone.get(random.nextInt(anyone.size())), Indicator.values()[random.nextInt(Indicator.values().length)], LocalDate.of(2020, 1, 1),
                    day(random)));
        }
        ScoringInput rowByRow = ScoringInput.of(persons, relations, events);

        ScoringInput.Builder b = ScoringInput.builder();
        for (PersonFacts p : persons) {
            b.person(p.pid().bytes(), p.birthDate(), p.sex(), p.status(), p.municipalityCode(), p.household());
        }
        ScoringInput.Relations r = new ScoringInput.Relations();
        relations.forEach(f -> r.add(f.type(), f.from().bytes(), f.to().bytes(), f.start(), f.end()));
        ScoringInput.Events e = new ScoringInput.Events();
        events.forEach(f -> e.add(f.sourceSystem(), f.sourceRecordId().getBytes(java.nio.charset.StandardCharsets.UTF_8), f.subject().bytes(), f.indicator(),
                f.start(), f.end()));
        ScoringInput inBlocks = b.relations(r).events(e).build();

        assertThat(inBlocks.personIndexCount()).isEqualTo(rowByRow.personIndexCount()).isEqualTo(2060);
        for (int i = 0; i < rowByRow.personIndexCount(); i++) {
            assertThat(inBlocks.pid(i)).as("index %d", i).isEqualTo(rowByRow.pid(i));
        }
        assertThat(inBlocks.relations()).isEqualTo(relations);
        assertThat(inBlocks.events()).isEqualTo(events);
        for (int k = 0; k < events.size(); k++) {
            assertThat(inBlocks.relationFrom(k)).isEqualTo(rowByRow.relationFrom(k));
            assertThat(inBlocks.eventSubject(k)).isEqualTo(rowByRow.eventSubject(k));
            byte[] copied = new byte[inBlocks.eventRecordIdLength(k) + 2];
            inBlocks.copyEventRecordId(k, copied, 1);
            assertThat(Arrays.copyOfRange(copied, 1, copied.length - 1)).isEqualTo(events.get(k).sourceRecordId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * The look-up by leading bits finds every pseudonym at its place and no other, however they are spread: evenly, all
     * with the same leading bytes, at the ends of the range (signed and unsigned order differ there), few or none.
     */
    @Test
    void theDirectoryFindsEveryPseudonymWhereverItsBitsLie() {
        Random random = new Random(1996);
        for (int n : new int[] {0, 1, 2, 3, 17, 4096, 50_000}) {
            for (String spread : List.of("even", "one prefix", "ends")) {
                long[][] pids = new long[n][];
                for (int i = 0; i < n; i++) {
                    long h = switch (spread) {
                        case "even" -> random.nextLong();
                        case "one prefix" -> 0x7F3A_0000_0000_0000L | random.nextInt(1 << 20);
                        default -> random.nextBoolean() ? random.nextInt(1000) : -1L - random.nextInt(1000);
                    };
                    pids[i] = new long[] {h, random.nextLong()};
                }
                Arrays.sort(pids, (a, b) -> {
                    int c = Long.compareUnsigned(a[0], b[0]);
                    return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
                });
                long[] hi = new long[n];
                long[] lo = new long[n];
                for (int i = 0; i < n; i++) {
                    hi[i] = pids[i][0];
                    lo[i] = pids[i][1];
                }
                ScoringInput.Directory directory = new ScoringInput.Directory(hi, n);
                for (int i = 0; i < n; i++) {
                    int found = directory.find(hi, lo, hi[i], lo[i]);
                    assertThat(hi[found] == hi[i] && lo[found] == lo[i]).as("%s of %d: the %dth", spread, n, i).isTrue();
                    int other = directory.find(hi, lo, hi[i], lo[i] ^ 1);
                    assertThat(other < 0 || hi[other] == hi[i] && lo[other] == (lo[i] ^ 1)).as("a pseudonym one bit away").isTrue();
                }
                assertThat(directory.find(hi, lo, 0L, 0L)).isIn(-1, 0);
                assertThat(directory.find(hi, lo, -1L, -1L)).isIn(-1, n - 1);
                assertThat(directory.find(hi, lo, random.nextLong(), random.nextLong())).isEqualTo(-1);
            }
        }
    }

    @Test
    void aPersonGivenTwiceIsRefusedAndPersonsComeBeforeRelations() {
        PersonId p = PersonId.of(new byte[16]);
        PersonFacts once = new PersonFacts(p, null, null, null, null, null);
        byte[] other = new byte[16];
        other[0] = 1;
        assertThatThrownBy(() -> ScoringInput.of(List.of(new PersonFacts(PersonId.of(other), null, null, null, null, null), once, once), List.of(),
                List.of())).isInstanceOf(IllegalArgumentException.class);
        ScoringInput.Builder b = ScoringInput.builder().person(p.bytes(), null, null, null, null, null);
        b.relation(RelationType.MOTHER_OF, p.bytes(), p.bytes(), null, null);
        assertThatThrownBy(() -> b.person(other, null, null, null, null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyInputIsEmpty() {
        ScoringInput input = ScoringInput.builder().build();
        assertThat(input.persons()).isEmpty();
        assertThat(input.relations()).isEmpty();
        assertThat(input.events()).isEmpty();
        assertThat(input.dwellingCount()).isZero();
    }
}
