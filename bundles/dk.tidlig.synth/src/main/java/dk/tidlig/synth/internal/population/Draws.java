// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.population;

import java.util.SplittableRandom;

/**
 * The few random draws the generator needs, written out here (rather than taken from the JDK's
 * default methods) so that the output for a seed does not change with the Java version.
 */
final class Draws {

    private Draws() {
    }

    /** A standard normal draw (Box–Muller, one value per call). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble(); // (0, 1]
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    static boolean chance(SplittableRandom rng, double p) {
        return rng.nextDouble() < p;
    }

    /** A Poisson draw by Knuth's multiplication method; meant for small means. */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double product = rng.nextDouble();
        while (product > limit) {
            k++;
            product *= rng.nextDouble();
        }
        return k;
    }

    /** An exponential draw with the given mean. */
    static double exponential(SplittableRandom rng, double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    /** A uniform day between {@code from} and {@code to}, both inclusive ({@code from <= to}). */
    static long day(SplittableRandom rng, long from, long to) {
        return from + rng.nextLong(to - from + 1);
    }

    static double clamp(double x, double min, double max) {
        return Math.max(min, Math.min(max, x));
    }

    /**
     * {@code x} kept within {@code [min, max]} by mirroring at the bound it passed, not by stopping there: an age drawn
     * this way has no point mass at a bound, so no day gets the birth of everyone whose draw fell beyond it (a clamped
     * age of exactly 18.2 made one birthday of thousands in a city of a million, more than the CPR numbers of a day).
     */
    static double reflect(double x, double min, double max) {
        double y = x < min ? min + (min - x) : x > max ? max - (x - max) : x;
        return clamp(y, min, max);
    }

    static double logistic(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
