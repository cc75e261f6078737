// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.time.LocalDate;
import java.util.SplittableRandom;

import dk.tidlig.model.Sex;

/**
 * Hands out unique synthetic CPR numbers that obey the CPR office's rules — the birth date exists,
 * the 7th digit fits the century, the last digit is odd for men and even for women — and that
 * deliberately fail the modulus-11 check, as MedCom's national test numbers do, so that they are
 * recognisably synthetic.
 *
 * <p>For each century rule and sex the admissible four-digit serial numbers are shuffled once; the
 * persons born on one day then take the serials of that order one after another from a starting point
 * that differs from day to day, skipping those that would pass modulus 11. Uniqueness follows from the
 * per-day counter.
 */
final class CprAllocator {

    private static final int[] WEIGHTS = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};

    /** 7th digits allowed per century rule, see {@link #rule(int)}. */
    private static final int[][] SEVENTH_DIGITS = {
        {5, 6, 7, 8},          // 1858-1899
        {0, 1, 2, 3},          // 1900-1936
        {0, 1, 2, 3, 4, 9},    // 1937-1999
        {4, 5, 6, 7, 8, 9},    // 2000-2036
        {5, 6, 7, 8},          // 2037-2057
    };

    /** Shuffled serials per rule and sex: index {@code rule * 2 + sexIndex}. */
    private final int[][] serials = new int[SEVENTH_DIGITS.length * 2][];
    private final long firstDay;
    /** How many positions of the serial order are used up, per day and sex. */
    private final short[] next;
    /** Mixed with the day to find where in the serial order that day starts. */
    private final long salt;

    CprAllocator(SplittableRandom rng, long firstDay, long lastDay) {
        this.firstDay = firstDay;
        this.next = new short[(int) (lastDay - firstDay + 1) * 2];
        this.salt = rng.nextLong();
        for (int rule = 0; rule < SEVENTH_DIGITS.length; rule++) {
            for (int sexIndex = 0; sexIndex < 2; sexIndex++) {
                serials[rule * 2 + sexIndex] = shuffledSerials(SEVENTH_DIGITS[rule], sexIndex == 1, rng);
            }
        }
    }

    /**
     * A new number for a person born on {@code birth} of sex {@code sex}.
     *
     * @throws IllegalStateException when more persons are born on one day than the rules allow
     */
    String next(LocalDate birth, Sex sex) {
        int year = birth.getYear();
        int sexIndex = sex == Sex.MALE ? 1 : 0;
        int[] order = serials[rule(year) * 2 + sexIndex];
        int slot = (int) (birth.toEpochDay() - firstDay) * 2 + sexIndex;
        int dateSum = 4 * (birth.getDayOfMonth() / 10) + 3 * (birth.getDayOfMonth() % 10)
                + 2 * (birth.getMonthValue() / 10) + 7 * (birth.getMonthValue() % 10)
                + 6 * (year % 100 / 10) + 5 * (year % 10);
        int offset = offset(slot, order.length);
        for (int position = next[slot]; position < order.length; position++) {
            int serial = order[(offset + position) % order.length];
            int sum = dateSum + WEIGHTS[6] * (serial / 1000) + WEIGHTS[7] * (serial / 100 % 10) + WEIGHTS[8] * (serial / 10 % 10)
                    + WEIGHTS[9] * (serial % 10);
            if (sum % 11 != 0) {
                next[slot] = (short) (position + 1);
                return format(birth, serial);
            }
        }
        throw new IllegalStateException("too many synthetic persons born on one day: " + birth + " (" + sex + ", " + order.length + " serials)");
    }

    /** A well-mixed starting point in the serial order for a day and sex (SplitMix64 finaliser). */
    private int offset(int slot, int length) {
        long z = salt + slot * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) length);
    }

    private static int rule(int year) {
        if (year < 1858 || year > 2057) {
            throw new IllegalArgumentException("no CPR century rule for birth year " + year);
        }
        if (year < 1900) {
            return 0;
        }
        if (year < 1937) {
            return 1;
        }
        if (year < 2000) {
            return 2;
        }
        return year < 2037 ? 3 : 4;
    }

    private static int[] shuffledSerials(int[] seventhDigits, boolean male, SplittableRandom rng) {
        int[] out = new int[seventhDigits.length * 500];
        int n = 0;
        for (int seventh : seventhDigits) {
            for (int rest = 0; rest < 1000; rest++) {
                if ((rest % 2 == 1) == male) {
                    out[n++] = seventh * 1000 + rest;
                }
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    private static String format(LocalDate birth, int serial) {
        char[] c = new char[10];
        put(c, 0, birth.getDayOfMonth());
        put(c, 2, birth.getMonthValue());
        put(c, 4, birth.getYear() % 100);
        put(c, 6, serial / 100);
        put(c, 8, serial % 100);
        return new String(c);
    }

    private static void put(char[] c, int at, int twoDigits) {
        c[at] = (char) ('0' + twoDigits / 10);
        c[at + 1] = (char) ('0' + twoDigits % 10);
    }
}
