// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The invented streets of the synthetic municipality, with their four-digit street codes and postal
 * districts, and the dwellings on them. Street names are made of everyday words ("Egevej",
 * "Lille Mølleparken"); postal districts are the real ones for Gladsaxe (159), otherwise invented
 * from the municipality code.
 *
 * <p>Dwellings are handed out one at a time: a household picks a random street and gets the next free
 * dwelling on it, either a house or the next flat of a block of flats. No dwelling is handed out
 * twice.
 */
final class StreetMap {

    private static final String[] QUALIFIERS = {"", "Nørre ", "Søndre ", "Øster ", "Vester ", "Gamle ", "Lille ", "Store "};
    private static final String[] STEMS = {"Ege", "Birke", "Bøge", "Ahorn", "Elme", "Aske", "Pile", "Hassel", "Røn", "Lærke", "Vibe",
        "Svale", "Due", "Stære", "Drossel", "Kastanje", "Valnød", "Hylde", "Rose", "Lilje", "Tulipan", "Kløver", "Mose", "Mølle", "Kirke",
        "Skole", "Strand", "Dal", "Skov", "Sø", "Bro", "Kilde", "Sol", "Mark", "Lyng", "Hede", "Grønne", "Solbær", "Hindbær", "Kornblomst",
        "Valmue", "Hvede", "Byg", "Rug", "Havre", "Smede", "Præste", "Ager", "Bregne", "Syren", "Jasmin", "Nælde", "Gran", "Fyrre", "Lind",
        "Fiskers", "Bonde", "Hjorte", "Rådyr", "Fasan"};
    private static final String[] ENDINGS = {"vej", "gade", "allé", "parken", "vænget", "toften", "haven", "stien", "bakken", "høj",
        "gården", "lund", "engen", "krogen"};
    private static final String[] CITY_STEMS = {"Ny", "Sten", "Has", "Ros", "Kirke", "Hvid", "Bro", "Lyng", "Hol", "Val", "Ege", "Mose",
        "Tor", "Sol", "Bøge", "Ask"};
    private static final String[] CITY_ENDINGS = {"by", "rup", "strup", "løse", "sted", "holm", "bjerg", "lev", "inge", "købing", "ager",
        "lunde"};
    private static final String[] TWO_DOORS = {"tv", "th"};
    private static final String[] THREE_DOORS = {"tv", "mf", "th"};
    /** Share of buildings that are blocks of flats; with about 11 flats a block, half of all dwellings are flats. */
    private static final double BLOCK_SHARE = 0.085;
    private static final int CITIZENS_PER_STREET = 150;

    private final String[] names;
    private final String[] codes;
    private final int[] district;
    private final String[] postalCodes;
    private final String[] cities;

    // the state of each street: last house number used, and the block of flats being filled
    private final int[] houseNumber;
    private final int[] capacity;
    private final int[] used;
    private final int[] doors;

    StreetMap(String municipalityCode, int citizens, SplittableRandom rng) {
        int all = QUALIFIERS.length * STEMS.length * ENDINGS.length;
        int n = (int) Math.max(8, Math.min(all, (citizens + CITIZENS_PER_STREET - 1L) / CITIZENS_PER_STREET));
        this.names = pickNames(n, rng);
        this.codes = pickCodes(n, rng);
        this.district = new int[n];
        List<String[]> districts = districts(municipalityCode, citizens);
        this.postalCodes = new String[districts.size()];
        this.cities = new String[districts.size()];
        for (int i = 0; i < districts.size(); i++) {
            postalCodes[i] = districts.get(i)[0];
            cities[i] = districts.get(i)[1];
        }
        boolean gladsaxe = municipalityCode.equals("159");
        for (int s = 0; s < n; s++) {
            // Gladsaxe: about two thirds of the streets in Søborg, the rest in Bagsværd
            district[s] = gladsaxe ? (s < n * 2 / 3 ? 0 : 1) : (int) ((long) s * postalCodes.length / n);
        }
        this.houseNumber = new int[n];
        this.capacity = new int[n];
        this.used = new int[n];
        this.doors = new int[n];
    }

    int streets() {
        return names.length;
    }

    /** The next free dwelling on a random street. */
    Dwelling allocate(SplittableRandom rng) {
        int s = rng.nextInt(names.length);
        if (used[s] >= capacity[s]) {
            houseNumber[s] += rng.nextInt(5) == 0 ? 2 : 1; // an occasional gap in the numbering
            if (Draws.chance(rng, BLOCK_SHARE)) {
                doors[s] = 2 + rng.nextInt(2);
                capacity[s] = (4 + rng.nextInt(3)) * doors[s]; // ground floor and 3-5 floors above
            } else {
                doors[s] = 0;
                capacity[s] = 1;
            }
            used[s] = 0;
        }
        int k = used[s]++;
        String number = Integer.toString(houseNumber[s]);
        String postal = postalCodes[district[s]];
        String city = cities[district[s]];
        if (doors[s] == 0) {
            return new Dwelling(codes[s], number, null, null, names[s] + " " + number, postal, city);
        }
        int floor = k / doors[s];
        String door = (doors[s] == 2 ? TWO_DOORS : THREE_DOORS)[k % doors[s]];
        String floorCode = floor == 0 ? "st" : Integer.toString(floor);
        String written = names[s] + " " + number + ", " + (floor == 0 ? "st." : floor + ".") + " " + door;
        return new Dwelling(codes[s], number, floorCode, door, written, postal, city);
    }

    /** Distinct street names: plain names first, names with a qualifier ("Lille …") only for large municipalities. */
    private static String[] pickNames(int n, SplittableRandom rng) {
        int plain = STEMS.length * ENDINGS.length;
        int[] order = new int[QUALIFIERS.length * plain];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        shuffle(order, 0, plain, rng);
        shuffle(order, plain, order.length, rng);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int c = order[i];
            int qualifier = c / plain;
            int stem = c % plain / ENDINGS.length;
            int ending = c % ENDINGS.length;
            out[i] = QUALIFIERS[qualifier] + STEMS[stem] + ENDINGS[ending];
        }
        return out;
    }

    /** n distinct street codes between 0001 and 9999, ascending (selection sampling). */
    private static String[] pickCodes(int n, SplittableRandom rng) {
        String[] out = new String[n];
        int chosen = 0;
        for (int code = 1; code <= 9999 && chosen < n; code++) {
            int left = 9999 - code + 1;
            if (rng.nextInt(left) < n - chosen) {
                out[chosen++] = String.format("%04d", code);
            }
        }
        return out;
    }

    private static List<String[]> districts(String municipalityCode, int citizens) {
        List<String[]> out = new ArrayList<>();
        if (municipalityCode.equals("159")) {
            out.add(new String[] {"2860", "Søborg"});
            out.add(new String[] {"2880", "Bagsværd"});
            return out;
        }
        int code = Integer.parseInt(municipalityCode);
        int k = Math.max(1, Math.min(9, 1 + citizens / 60_000));
        int base = 1000 + (code * 7919 % 850) * 10;
        for (int i = 0; i < k; i++) {
            String city = CITY_STEMS[(code * 13 + i * 7) % CITY_STEMS.length] + CITY_ENDINGS[(code * 5 + i * 5) % CITY_ENDINGS.length];
            out.add(new String[] {Integer.toString(base + i * 10), city});
        }
        return out;
    }

    private static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
