// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Sex;

/**
 * Everything a score run reads, pseudonymous, in a stable order (so a fingerprint over it is stable): the persons by
 * pseudonym, the relations and the events in the order the store reads them.
 *
 * <p>Held in columns of primitive arrays, not one object per row, so that a country's input fits in a few hundred MB:
 * a person is its pseudonym as two longs, its birthday as an epoch day, its sex and status as a byte each, its
 * municipality as a number in a table of the input's texts and its dwelling as a number in a table of the distinct
 * households (about 30 bytes where a {@link PersonFacts} with its pseudonym took about 130); a relation is 17 bytes,
 * an event about 35 with its record id as UTF-8 in one shared array. Persons are found by binary search; each
 * person's relations (by the person they are to), each person's events and each dwelling's persons are found in
 * indexes of int arrays built once. {@link #persons()}, {@link #relations()} and {@link #events()} show the rows as the
 * records below, made when asked for, so what reads them one at a time holds no more than the columns.
 *
 * <p>A relation or an event may name a person without a person row (a parent who never lived in the municipality):
 * such a person has an index after those with rows ({@link #personCount()} and up) and no facts.
 */
public final class ScoringInput {

    /**
     * @param sex              registered sex, or null
     * @param municipalityCode municipality of residence (from the address when known), or null
     * @param household        the household hash, or null when no address is known
     */
    public record PersonFacts(PersonId pid, LocalDate birthDate, Sex sex, PersonStatus status, String municipalityCode, byte[] household) {
    }

    public record RelationFacts(RelationType type, PersonId from, PersonId to, LocalDate start, LocalDate end) {
    }

    public record EventFacts(String sourceSystem, String sourceRecordId, PersonId subject, Indicator indicator, LocalDate start,
            LocalDate end) {
    }

    /** No day: a null date. */
    public static final int NO_DAY = Integer.MIN_VALUE;

    private static final Sex[] SEXES = Sex.values();
    private static final PersonStatus[] STATUSES = PersonStatus.values();
    private static final RelationType[] RELATION_TYPES = RelationType.values();
    private static final Indicator[] INDICATORS = Indicator.values();

    // persons: [0, persons) with facts, ordered by pseudonym; [persons, ids) named by relations or events only
    private final int persons;
    private final int ids;
    private final long[] hi;
    private final long[] lo;
    private final Map<PersonId, Integer> named;
    private final Directory directory;
    private final int[] birth;
    private final byte[] sex;
    private final byte[] status;
    private final short[] municipality;
    private final int[] dwelling;
    private final String[] texts;
    private final Households households;
    // relations, in the store's order, and by the person they are to
    private final int relationCount;
    private final byte[] relType;
    private final int[] relFrom;
    private final int[] relTo;
    private final int[] relStart;
    private final int[] relEnd;
    private final int[] relationsToStart;
    private final int[] relationsTo;
    // events, in the store's order, and by their subject
    private final int eventCount;
    private final short[] evSource;
    private final int[] evRecordEnd;
    private final byte[] evRecords;
    private final int[] evSubject;
    private final byte[] evIndicator;
    private final int[] evStart;
    private final int[] evEnd;
    private final int[] eventsOfStart;
    private final int[] eventsOf;
    // the persons registered at each dwelling
    private final int[] registeredStart;
    private final int[] registered;

    /** Takes the builder's arrays as they are (a copy trimmed to size would need both at once, at a country's size a GB more). */
    private ScoringInput(Builder b) {
        this.persons = b.persons;
        this.ids = b.persons + b.namedHi.size;
        if (b.namedHi.size > 0) {
            b.hi = Arrays.copyOf(b.hi, ids);
            b.lo = Arrays.copyOf(b.lo, ids);
            System.arraycopy(b.namedHi.values, 0, b.hi, persons, b.namedHi.size);
            System.arraycopy(b.namedLo.values, 0, b.lo, persons, b.namedLo.size);
        }
        this.hi = b.hi;
        this.lo = b.lo;
        this.named = b.named;
        this.directory = b.directory();
        this.birth = b.birth;
        this.sex = b.sex;
        this.status = b.status;
        this.municipality = b.municipality;
        this.dwelling = b.dwelling;
        this.texts = b.texts.toArray(String[]::new);
        this.households = b.households;
        this.relationCount = b.relationCount;
        this.relType = b.relType;
        this.relFrom = b.relFrom;
        this.relTo = b.relTo;
        this.relStart = b.relStart;
        this.relEnd = b.relEnd;
        this.eventCount = b.eventCount;
        this.evSource = b.evSource;
        this.evRecordEnd = b.evRecordEnd;
        this.evRecords = b.evRecords;
        this.evSubject = b.evSubject;
        this.evIndicator = b.evIndicator;
        this.evStart = b.evStart;
        this.evEnd = b.evEnd;
        this.relationsToStart = new int[ids + 1];
        this.relationsTo = group(relTo, relationCount, relationsToStart);
        this.eventsOfStart = new int[ids + 1];
        this.eventsOf = group(evSubject, eventCount, eventsOfStart);
        this.registeredStart = new int[households.size() + 1];
        this.registered = group(dwelling, persons, registeredStart);
    }

    /**
     * Groups the rows [0, n) by their key (a number below {@code start.length - 1}, or negative for none): afterwards the rows
     * with key k are {@code rows[start[k]] … rows[start[k + 1] - 1]}, in their own order.
     */
    private static int[] group(int[] key, int n, int[] start) {
        for (int i = 0; i < n; i++) {
            if (key[i] >= 0) {
                start[key[i] + 1]++;
            }
        }
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        int[] rows = new int[start[start.length - 1]];
        int[] next = Arrays.copyOf(start, start.length - 1);
        for (int i = 0; i < n; i++) {
            if (key[i] >= 0) {
                rows[next[key[i]]++] = i;
            }
        }
        return rows;
    }

    /** The input of the given rows, in any order of persons (they are ordered by pseudonym here). */
    public static ScoringInput of(List<PersonFacts> persons, List<RelationFacts> relations, List<EventFacts> events) {
        Builder b = new Builder();
        for (PersonFacts p : persons) {
            b.person(p.pid().bytes(), p.birthDate(), p.sex(), p.status(), p.municipalityCode(), p.household());
        }
        for (RelationFacts r : relations) {
            b.relation(r.type(), r.from().bytes(), r.to().bytes(), r.start(), r.end());
        }
        for (EventFacts e : events) {
            b.event(e.sourceSystem(), e.sourceRecordId(), e.subject().bytes(), e.indicator(), e.start(), e.end());
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- persons

    /** How many persons have facts (a person row): their indexes are 0 … personCount() - 1, in the order of their pseudonyms. */
    public int personCount() {
        return persons;
    }

    /** The persons with facts, by pseudonym; each element is made when it is read. */
    public List<PersonFacts> persons() {
        return new View<>(persons, this::person);
    }

    /** The facts of the person with this index, or null for a person named only by a relation or an event. */
    public PersonFacts person(int i) {
        if (i >= persons) {
            return null;
        }
        return new PersonFacts(pid(i), day(birth[i]), sex[i] == 0 ? null : SEXES[sex[i] - 1], status(i), municipalityCode(i), household(i));
    }

    /** The index of the person with this pseudonym, or -1 when the input does not name them. */
    public int indexOf(PersonId pid) {
        byte[] b = pid.bytes();
        int i = directory.find(hi, lo, word(b, 0), word(b, 8));
        if (i >= 0) {
            return i;
        }
        Integer n = named.get(pid);
        return n == null ? -1 : n;
    }

    public PersonId pid(int i) {
        byte[] b = new byte[16];
        put(b, 0, hi[i]);
        put(b, 8, lo[i]);
        return PersonId.of(b);
    }

    /** The first 8 bytes of the person's pseudonym, big-endian. */
    public long pidHigh(int i) {
        return hi[i];
    }

    /** The last 8 bytes of the person's pseudonym, big-endian. */
    public long pidLow(int i) {
        return lo[i];
    }

    /** How many persons the input names: those with facts, then those named only by a relation or an event. */
    public int personIndexCount() {
        return ids;
    }

    /** The birthday as an epoch day, or {@link #NO_DAY}. */
    public int birthDay(int i) {
        return i < persons ? birth[i] : NO_DAY;
    }

    public PersonStatus status(int i) {
        return i >= persons || status[i] == 0 ? null : STATUSES[status[i] - 1];
    }

    public Sex sex(int i) {
        return i >= persons || sex[i] == 0 ? null : SEXES[sex[i] - 1];
    }

    public String municipalityCode(int i) {
        return i >= persons || municipality[i] < 0 ? null : texts[municipality[i]];
    }

    public byte[] household(int i) {
        return i >= persons || dwelling[i] < 0 ? null : households.get(dwelling[i]);
    }

    // ---- dwellings

    /** How many distinct dwellings (households) the persons are registered at. */
    public int dwellingCount() {
        return households.size();
    }

    /** The number of the dwelling the person is registered at, or -1. */
    public int dwellingOf(int person) {
        return person >= persons ? -1 : dwelling[person];
    }

    /** How many persons are registered at the dwelling. */
    public int registeredCount(int dwelling) {
        return registeredStart[dwelling + 1] - registeredStart[dwelling];
    }

    /** The k-th person registered at the dwelling, in the order of their pseudonyms. */
    public int registered(int dwelling, int k) {
        return registered[registeredStart[dwelling] + k];
    }

    // ---- relations

    public int relationCount() {
        return relationCount;
    }

    /** The relations in the store's order; each element is made when it is read. */
    public List<RelationFacts> relations() {
        return new View<>(relationCount, this::relation);
    }

    public RelationFacts relation(int r) {
        return new RelationFacts(relationType(r), pid(relFrom[r]), pid(relTo[r]), day(relStart[r]), day(relEnd[r]));
    }

    public RelationType relationType(int r) {
        return RELATION_TYPES[relType[r]];
    }

    /** The index of the person the relation is from. */
    public int relationFrom(int r) {
        return relFrom[r];
    }

    /** The index of the person the relation is to. */
    public int relationTo(int r) {
        return relTo[r];
    }

    /** The first day of the relation as an epoch day, or {@link #NO_DAY}. */
    public int relationStart(int r) {
        return relStart[r];
    }

    /** The last day of the relation as an epoch day, or {@link #NO_DAY}. */
    public int relationEnd(int r) {
        return relEnd[r];
    }

    /** True when the relation holds on the day (open ends hold for ever). */
    public boolean relationActiveOn(int r, LocalDate day) {
        long d = day.toEpochDay();
        return (relStart[r] == NO_DAY || relStart[r] <= d) && (relEnd[r] == NO_DAY || relEnd[r] >= d);
    }

    /** How many relations are to the person. */
    public int relationsToCount(int person) {
        return relationsToStart[person + 1] - relationsToStart[person];
    }

    /** The k-th relation to the person, in the store's order. */
    public int relationToAt(int person, int k) {
        return relationsTo[relationsToStart[person] + k];
    }

    // ---- events

    public int eventCount() {
        return eventCount;
    }

    /** The events in the store's order; each element is made when it is read. */
    public List<EventFacts> events() {
        return new View<>(eventCount, this::event);
    }

    public EventFacts event(int e) {
        return new EventFacts(eventSource(e), eventRecordId(e), pid(evSubject[e]), eventIndicator(e), day(evStart[e]), day(evEnd[e]));
    }

    public String eventSource(int e) {
        return texts[evSource[e]];
    }

    public String eventRecordId(int e) {
        int from = e == 0 ? 0 : evRecordEnd[e - 1];
        return new String(evRecords, from, evRecordEnd[e] - from, StandardCharsets.UTF_8);
    }

    /** The length of the event's record id in UTF-8, in bytes. */
    public int eventRecordIdLength(int e) {
        return evRecordEnd[e] - (e == 0 ? 0 : evRecordEnd[e - 1]);
    }

    /**
     * Copies the event's record id, in UTF-8, into {@code to} from {@code at} ({@link #eventRecordIdLength} bytes): what
     * {@link #eventRecordId} decodes, without a string.
     */
    public void copyEventRecordId(int e, byte[] to, int at) {
        int from = e == 0 ? 0 : evRecordEnd[e - 1];
        System.arraycopy(evRecords, from, to, at, evRecordEnd[e] - from);
    }

    /** The index of the person the event is about. */
    public int eventSubject(int e) {
        return evSubject[e];
    }

    public Indicator eventIndicator(int e) {
        return INDICATORS[evIndicator[e]];
    }

    /** The event's day, or the first of its period, as an epoch day. */
    public int eventStart(int e) {
        return evStart[e];
    }

    /** The last day of the event's period as an epoch day, or {@link #NO_DAY}. */
    public int eventEnd(int e) {
        return evEnd[e];
    }

    /** The events about the person with this index, in the store's order. */
    public List<EventFacts> eventsOf(int person) {
        int from = eventsOfStart[person];
        int to = eventsOfStart[person + 1];
        if (from == to) {
            return List.of();
        }
        List<EventFacts> out = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            out.add(event(eventsOf[k]));
        }
        return out;
    }

    /** The events about the person, in the store's order; none for a person the input does not name. */
    public List<EventFacts> eventsOf(PersonId pid) {
        int i = indexOf(pid);
        return i < 0 ? List.of() : eventsOf(i);
    }

    // ---- the parts

    private static LocalDate day(int epochDay) {
        return epochDay == NO_DAY ? null : LocalDate.ofEpochDay(epochDay);
    }

    private static int epochDay(LocalDate day) {
        return day == null ? NO_DAY : Math.toIntExact(day.toEpochDay());
    }

    private static long word(byte[] b, int at) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = (v << 8) | (b[at + k] & 0xFF);
        }
        return v;
    }

    private static void put(byte[] b, int at, long v) {
        for (int k = 7; k >= 0; k--) {
            b[at + k] = (byte) v;
            v >>>= 8;
        }
    }

    /** The index of the pseudonym among those in [from, to), which are ordered, or -1. */
    private static int find(long[] hi, long[] lo, int from, int to, long h, long l) {
        int low = from;
        int high = to - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(hi[mid], lo[mid], h, l);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * Where the ordered pseudonyms with each leading run of bits begin, so that a look-up searches the few that share its
     * prefix rather than all of them: pseudonyms are keyed hashes, spread evenly, and with about one prefix per person a
     * look-up reads one or two places of the arrays, where a binary search over 5.9 million reads some 23 far apart (the
     * relations' and events' persons are looked up this way as they are read, about 20 million times at that size). Any
     * order of bits is still found, only more slowly.
     */
    static final class Directory {
        private final int shift;
        private final int[] start;

        /** Over the first n pseudonyms, which are ordered. */
        Directory(long[] hi, int n) {
            int bits = Math.max(1, Math.min(24, 31 - Integer.numberOfLeadingZeros(Math.max(1, n))));
            shift = 64 - bits;
            start = new int[(1 << bits) + 1];
            int k = 0;
            for (int prefix = 0; prefix < 1 << bits; prefix++) {
                while (k < n && (hi[k] >>> shift) < prefix) {
                    k++;
                }
                start[prefix] = k;
            }
            start[1 << bits] = n;
        }

        /** Where the pseudonyms with the same leading bits as one whose first half is {@code h} begin. */
        int first(long h) {
            return start[(int) (h >>> shift)];
        }

        /** The index of the pseudonym, or -1. */
        int find(long[] hi, long[] lo, long h, long l) {
            int prefix = (int) (h >>> shift);
            return ScoringInput.find(hi, lo, start[prefix], start[prefix + 1], h, l);
        }
    }

    /** Compares pseudonyms as unsigned bytes, as {@link PersonId#compareTo} and the database's keys do. */
    private static int compare(long h1, long l1, long h2, long l2) {
        int c = Long.compareUnsigned(h1, h2);
        return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    /** A read-only list whose elements are made when read. */
    private static final class View<T> extends AbstractList<T> implements RandomAccess {
        private final int size;
        private final java.util.function.IntFunction<T> element;

        View(int size, java.util.function.IntFunction<T> element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public T get(int index) {
            Objects.checkIndex(index, size);
            return element.apply(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /**
     * Distinct households, each numbered in the order first seen. A household is the 16 bytes of a keyed hash, held as its
     * two halves side by side, by number; a table of open addressing holds the numbers, so finding one reads the table's
     * slot and the two halves beside each other (at 5.9 million citizens every person's household is looked up once, at
     * random places of a table of some 2.7 million).
     */
    static final class Households {
        /** The households' high and low halves, by number: 2n and 2n + 1. */
        private long[] halves = new long[128];
        private int size;
        /** Number + 1 by slot, 0 for a free slot. */
        private int[] table = new int[128];

        int size() {
            return size;
        }

        byte[] get(int n) {
            byte[] b = new byte[16];
            put(b, 0, halves[2 * n]);
            put(b, 8, halves[2 * n + 1]);
            return b;
        }

        int intern(byte[] household) {
            if (household.length != 16) {
                throw new IllegalArgumentException("a household is the 16 bytes of a keyed hash, not " + household.length);
            }
            long h = word(household, 0);
            long l = word(household, 8);
            int mask = table.length - 1;
            int slot = slot(h, l) & mask;
            for (int t; (t = table[slot]) != 0; slot = (slot + 1) & mask) {
                if (halves[2 * t - 2] == h && halves[2 * t - 1] == l) {
                    return t - 1;
                }
            }
            if (2 * size == halves.length) {
                halves = Arrays.copyOf(halves, halves.length * 2);
            }
            halves[2 * size] = h;
            halves[2 * size + 1] = l;
            table[slot] = ++size;
            if (size * 2 > table.length) {
                rehash();
            }
            return size - 1;
        }

        /** The longest run of occupied slots (for tests: look-ups walk such runs). */
        int longestRun() {
            int longest = 0;
            int run = 0;
            for (int k = 0; k < 2 * table.length; k++) {
                run = table[k % table.length] != 0 ? run + 1 : 0;
                longest = Math.max(longest, Math.min(run, table.length));
            }
            return longest;
        }

        private void rehash() {
            table = new int[table.length * 2];
            int mask = table.length - 1;
            for (int n = 0; n < size; n++) {
                int slot = slot(halves[2 * n], halves[2 * n + 1]) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = n + 1;
            }
        }

        /**
         * Every bit of both halves moves the slot (the upper half folded onto the lower before the last multiplication,
         * whose upper bits depend on the lower bits alone): keyed hashes are random, but households alike but for a few
         * bits, wherever they lie, must not crowd into one run of slots.
         */
        private static int slot(long h, long l) {
            long x = h ^ (l * 0x9E3779B97F4A7C15L);
            x ^= x >>> 32;
            return (int) ((x * 0xBF58476D1CE4E5B9L) >>> 32);
        }
    }

    /** A growable array of longs. */
    private static final class Longs {
        long[] values = new long[16];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    /**
     * Relations read on their own, before the persons are known (on a thread of its own, say), and given to the builder
     * with {@link Builder#relations} once its persons are: the pseudonyms as their two halves and the days as epoch days
     * (about 41 bytes a relation).
     */
    public static final class Relations {
        private int n;
        private byte[] type = new byte[64];
        private long[] fromHi = new long[64];
        private long[] fromLo = new long[64];
        private long[] toHi = new long[64];
        private long[] toLo = new long[64];
        private int[] start = new int[64];
        private int[] end = new int[64];

        public Relations add(RelationType relationType, byte[] from, byte[] to, LocalDate startDay, LocalDate endDay) {
            if (n == type.length) {
                int size = Builder.grown(n);
                type = Arrays.copyOf(type, size);
                fromHi = Arrays.copyOf(fromHi, size);
                fromLo = Arrays.copyOf(fromLo, size);
                toHi = Arrays.copyOf(toHi, size);
                toLo = Arrays.copyOf(toLo, size);
                start = Arrays.copyOf(start, size);
                end = Arrays.copyOf(end, size);
            }
            type[n] = (byte) relationType.ordinal();
            fromHi[n] = word(from, 0);
            fromLo[n] = word(from, 8);
            toHi[n] = word(to, 0);
            toLo[n] = word(to, 8);
            start[n] = epochDay(startDay);
            end[n] = epochDay(endDay);
            n++;
            return this;
        }

        public int size() {
            return n;
        }
    }

    /**
     * Events read on their own, before the persons are known (on a thread of its own, say), and given to the builder with
     * {@link Builder#events} once its persons are: the record ids' UTF-8 bytes in one array, the pseudonyms as their two
     * halves, the days as epoch days.
     */
    public static final class Events {
        private int n;
        private final List<String> sources = new ArrayList<>();
        private short[] source = new short[64];
        private int[] recordEnd = new int[64];
        private byte[] records = new byte[1024];
        private long[] subjectHi = new long[64];
        private long[] subjectLo = new long[64];
        private byte[] indicator = new byte[64];
        private int[] start = new int[64];
        private int[] end = new int[64];

        /** An event whose record id is given as its UTF-8 bytes. */
        public Events add(String sourceSystem, byte[] recordId, byte[] subject, Indicator eventIndicator, LocalDate startDay, LocalDate endDay) {
            if (n == source.length) {
                int size = Builder.grown(n);
                source = Arrays.copyOf(source, size);
                recordEnd = Arrays.copyOf(recordEnd, size);
                subjectHi = Arrays.copyOf(subjectHi, size);
                subjectLo = Arrays.copyOf(subjectLo, size);
                indicator = Arrays.copyOf(indicator, size);
                start = Arrays.copyOf(start, size);
                end = Arrays.copyOf(end, size);
            }
            int s = sources.size() - 1; // the rows come by source system: the last one is nearly always it
            if (s < 0 || !sources.get(s).equals(sourceSystem)) {
                s = sources.indexOf(sourceSystem);
                if (s < 0) {
                    if (sources.size() == Short.MAX_VALUE) {
                        throw new IllegalStateException("more than " + Short.MAX_VALUE + " distinct source systems");
                    }
                    s = sources.size();
                    sources.add(sourceSystem);
                }
            }
            source[n] = (short) s;
            int used = n == 0 ? 0 : recordEnd[n - 1];
            if (used + recordId.length > records.length) {
                records = Arrays.copyOf(records, Math.max(Builder.grown(records.length), used + recordId.length));
            }
            System.arraycopy(recordId, 0, records, used, recordId.length);
            recordEnd[n] = used + recordId.length;
            subjectHi[n] = word(subject, 0);
            subjectLo[n] = word(subject, 8);
            indicator[n] = (byte) eventIndicator.ordinal();
            start[n] = epochDay(startDay);
            end[n] = epochDay(endDay);
            n++;
            return this;
        }

        public int size() {
            return n;
        }
    }

    /**
     * Builds an input row by row, as the store reads it: the persons first (best in the order of their pseudonyms, else
     * they are ordered when the first relation or event is added), then relations and events.
     */
    public static final class Builder {
        /** Pseudonyms whose places are fetched from memory together before they are looked up. */
        private static final int LOOK_UP_BLOCK = 512;
        private int persons;
        private long[] hi = new long[64];
        private long[] lo = new long[64];
        private int[] birth = new int[64];
        private byte[] sex = new byte[64];
        private byte[] status = new byte[64];
        private short[] municipality = new short[64];
        private int[] dwelling = new int[64];
        private boolean ordered = true;
        private boolean personsClosed;
        private Directory directory;
        private boolean built;
        private long fetched;
        private final Households households = new Households();
        private final List<String> texts = new ArrayList<>();
        private final Map<String, Short> textNumbers = new HashMap<>();
        private final Map<PersonId, Integer> named = new HashMap<>();
        private final Longs namedHi = new Longs();
        private final Longs namedLo = new Longs();

        private int relationCount;
        private byte[] relType = new byte[64];
        private int[] relFrom = new int[64];
        private int[] relTo = new int[64];
        private int[] relStart = new int[64];
        private int[] relEnd = new int[64];

        private int eventCount;
        private short[] evSource = new short[64];
        private int[] evRecordEnd = new int[64];
        private byte[] evRecords = new byte[1024];
        private int[] evSubject = new int[64];
        private byte[] evIndicator = new byte[64];
        private int[] evStart = new int[64];
        private int[] evEnd = new int[64];

        private Builder() {
        }

        public Builder person(byte[] pid, LocalDate birthDate, Sex sex, PersonStatus status, String municipalityCode, byte[] household) {
            if (personsClosed) {
                throw new IllegalStateException("persons are added before relations and events, and before the input is built");
            }
            if (persons == hi.length) {
                int n = grown(persons);
                hi = Arrays.copyOf(hi, n);
                lo = Arrays.copyOf(lo, n);
                birth = Arrays.copyOf(birth, n);
                this.sex = Arrays.copyOf(this.sex, n);
                this.status = Arrays.copyOf(this.status, n);
                municipality = Arrays.copyOf(municipality, n);
                dwelling = Arrays.copyOf(dwelling, n);
            }
            int i = persons++;
            hi[i] = word(pid, 0);
            lo[i] = word(pid, 8);
            if (i > 0 && compare(hi[i - 1], lo[i - 1], hi[i], lo[i]) >= 0) {
                ordered = false;
            }
            birth[i] = epochDay(birthDate);
            this.sex[i] = (byte) (sex == null ? 0 : sex.ordinal() + 1);
            this.status[i] = (byte) (status == null ? 0 : status.ordinal() + 1);
            municipality[i] = municipalityCode == null ? -1 : text(municipalityCode);
            dwelling[i] = household == null ? -1 : households.intern(household);
            return this;
        }

        public Builder relation(RelationType type, byte[] from, byte[] to, LocalDate start, LocalDate end) {
            return relation(type.ordinal(), word(from, 0), word(from, 8), word(to, 0), word(to, 8), epochDay(start), epochDay(end));
        }

        public Builder event(String sourceSystem, String sourceRecordId, byte[] subject, Indicator indicator, LocalDate start, LocalDate end) {
            byte[] record = sourceRecordId.getBytes(StandardCharsets.UTF_8);
            return event(text(sourceSystem), record, 0, record.length, word(subject, 0), word(subject, 8), indicator.ordinal(), epochDay(start),
                    epochDay(end));
        }

        /** The relations read apart from the persons (on another thread, say), in their order, after those added before. */
        public Builder relations(Relations read) {
            notBuilt();
            closePersons();
            reserveRelations(relationCount + read.n);
            int[] places = new int[LOOK_UP_BLOCK];
            for (int block = 0; block < read.n; block += LOOK_UP_BLOCK) {
                int end = Math.min(block + LOOK_UP_BLOCK, read.n);
                fetch(read.fromHi, block, end, places);
                fetch(read.toHi, block, end, places);
                for (int r = block; r < end; r++) {
                    relation(read.type[r], read.fromHi[r], read.fromLo[r], read.toHi[r], read.toLo[r], read.start[r], read.end[r]);
                }
            }
            return this;
        }

        /** The events read apart from the persons (on another thread, say), in their order, after those added before. */
        public Builder events(Events read) {
            notBuilt();
            closePersons();
            reserveEvents(eventCount + read.n);
            short[] sources = new short[read.sources.size()];
            for (int k = 0; k < sources.length; k++) {
                sources[k] = text(read.sources.get(k));
            }
            int[] places = new int[LOOK_UP_BLOCK];
            for (int block = 0; block < read.n; block += LOOK_UP_BLOCK) {
                int end = Math.min(block + LOOK_UP_BLOCK, read.n);
                fetch(read.subjectHi, block, end, places);
                for (int e = block; e < end; e++) {
                    int from = e == 0 ? 0 : read.recordEnd[e - 1];
                    event(sources[read.source[e]], read.records, from, read.recordEnd[e], read.subjectHi[e], read.subjectLo[e], read.indicator[e],
                            read.start[e], read.end[e]);
                }
            }
            return this;
        }

        /**
         * Brings into the processor's cache where the pseudonyms {@code from} to {@code to} (their first halves in
         * {@code qh}) are looked up, before {@link #index} looks them up one by one in the rows' order (which numbers the
         * persons named without a row). Their places in the directory, then in the persons' columns, are read in loops
         * without a branch on what they hold, so the processor fetches many from memory at once, where one look-up after
         * another waits for each: the pseudonyms lie anywhere among the persons.
         */
        private void fetch(long[] qh, int from, int to, int[] places) {
            Directory d = directory();
            if (persons == 0) {
                return;
            }
            for (int k = from; k < to; k++) {
                places[k - from] = d.first(qh[k]);
            }
            long read = 0;
            int last = persons - 1;
            for (int k = from; k < to; k++) {
                int at = Math.min(places[k - from], last);
                read += hi[at] ^ lo[at];
            }
            fetched += read; // kept, so that the reads are not left out as unused
        }

        private Builder relation(int type, long fromHi, long fromLo, long toHi, long toLo, int start, int end) {
            notBuilt();
            closePersons();
            reserveRelations(relationCount + 1);
            int r = relationCount++;
            relType[r] = (byte) type;
            relFrom[r] = index(fromHi, fromLo);
            relTo[r] = index(toHi, toLo);
            relStart[r] = start;
            relEnd[r] = end;
            return this;
        }

        private Builder event(short source, byte[] records, int from, int to, long subjectHi, long subjectLo, int indicator, int start, int end) {
            notBuilt();
            closePersons();
            reserveEvents(eventCount + 1);
            int e = eventCount++;
            evSource[e] = source;
            int used = e == 0 ? 0 : evRecordEnd[e - 1];
            int length = to - from;
            if (used + length > evRecords.length) {
                evRecords = Arrays.copyOf(evRecords, Math.max(grown(evRecords.length), used + length));
            }
            System.arraycopy(records, from, evRecords, used, length);
            evRecordEnd[e] = used + length;
            evSubject[e] = index(subjectHi, subjectLo);
            evIndicator[e] = (byte) indicator;
            evStart[e] = start;
            evEnd[e] = end;
            return this;
        }

        /** Room for this many relations: grown by half as much again, or to the number when more is needed at once. */
        private void reserveRelations(int needed) {
            if (needed > relType.length) {
                int n = Math.max(grown(relType.length), needed);
                relType = Arrays.copyOf(relType, n);
                relFrom = Arrays.copyOf(relFrom, n);
                relTo = Arrays.copyOf(relTo, n);
                relStart = Arrays.copyOf(relStart, n);
                relEnd = Arrays.copyOf(relEnd, n);
            }
        }

        private void reserveEvents(int needed) {
            if (needed > evSource.length) {
                int n = Math.max(grown(evSource.length), needed);
                evSource = Arrays.copyOf(evSource, n);
                evRecordEnd = Arrays.copyOf(evRecordEnd, n);
                evSubject = Arrays.copyOf(evSubject, n);
                evIndicator = Arrays.copyOf(evIndicator, n);
                evStart = Arrays.copyOf(evStart, n);
                evEnd = Arrays.copyOf(evEnd, n);
            }
        }

        /** The input; the builder is used up (the input holds its arrays). */
        public ScoringInput build() {
            notBuilt();
            closePersons();
            built = true;
            return new ScoringInput(this);
        }

        /** Half as much again: a country's arrays grow in steps that leave at most a third unused, and need 2.5 times only while one grows. */
        private static int grown(int size) {
            return Math.max(64, size + (size >> 1));
        }

        private short text(String text) {
            Short n = textNumbers.get(text);
            if (n == null) {
                if (texts.size() == Short.MAX_VALUE) {
                    throw new IllegalStateException("more than " + Short.MAX_VALUE + " distinct municipality codes and source systems");
                }
                n = (short) texts.size();
                texts.add(text);
                textNumbers.put(text, n);
            }
            return n;
        }

        private void notBuilt() {
            if (built) {
                throw new IllegalStateException("the input is built already");
            }
        }

        /** Orders the persons by pseudonym, if they were not added in that order. */
        private void closePersons() {
            if (personsClosed) {
                return;
            }
            personsClosed = true;
            if (ordered) {
                return;
            }
            Integer[] order = new Integer[persons];
            for (int i = 0; i < persons; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> compare(hi[a], lo[a], hi[b], lo[b]));
            long[] h = new long[persons];
            long[] l = new long[persons];
            int[] bi = new int[persons];
            byte[] se = new byte[persons];
            byte[] st = new byte[persons];
            short[] mu = new short[persons];
            int[] dw = new int[persons];
            for (int k = 0; k < persons; k++) {
                int i = order[k];
                if (k > 0 && compare(h[k - 1], l[k - 1], hi[i], lo[i]) == 0) {
                    throw new IllegalArgumentException("a person is given twice");
                }
                h[k] = hi[i];
                l[k] = lo[i];
                bi[k] = birth[i];
                se[k] = sex[i];
                st[k] = status[i];
                mu[k] = municipality[i];
                dw[k] = dwelling[i];
            }
            hi = h;
            lo = l;
            birth = bi;
            sex = se;
            status = st;
            municipality = mu;
            dwelling = dw;
        }

        /** The look-up of the persons' pseudonyms, made once they are all given and ordered. */
        private Directory directory() {
            closePersons();
            if (directory == null) {
                directory = new Directory(hi, persons);
            }
            return directory;
        }

        /** The index of a pseudonym: its person's, or a new one after the persons for a pseudonym without a person. */
        private int index(long h, long l) {
            int i = directory().find(hi, lo, h, l);
            if (i >= 0) {
                return i;
            }
            byte[] pid = new byte[16];
            put(pid, 0, h);
            put(pid, 8, l);
            return named.computeIfAbsent(PersonId.of(pid), k -> {
                namedHi.add(h);
                namedLo.add(l);
                return persons + namedHi.size - 1;
            });
        }
    }
}
