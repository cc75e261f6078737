// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.evidence.OutreachTrial.Household;
import dk.tidlig.evidence.Effect;

/**
 * The estimator on many simulated lotteries with a known effect: its 95 % intervals cover the true intention-to-treat and
 * complier effects about 95 % of the time, cover 0 about 95 % of the time when there is no effect, and find a real effect
 * more often than not at this size.
 */
class EffectEstimatorTest {

    static final LocalDate AS_OF = LocalDate.of(2024, 1, 1);
    static final LocalDate UNTIL = LocalDate.of(2026, 6, 1);
    static final double BASE = 0.25;
    static final double ACCEPTANCE = 0.7;

    /** One lottery: n households per arm; an accepting household's outcome is prevented with probability {@code prevented}. */
    static List<Household> trial(SplittableRandom rng, int n, double prevented) {
        List<Household> out = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            boolean offered = i < n;
            boolean outcome = rng.nextDouble() < BASE;
            String response = null;
            if (offered) {
                response = rng.nextDouble() < ACCEPTANCE ? "ACCEPTED" : "DECLINED";
                if (response.equals("ACCEPTED") && outcome && rng.nextDouble() < prevented) {
                    outcome = false;
                }
            }
            out.add(new Household(AS_OF, offered, null, offered ? AS_OF.plusDays(20) : null, response,
                    outcome ? AS_OF.plusDays(1 + rng.nextInt(300)) : null, 1 + rng.nextInt(3)));
        }
        return out;
    }

    @Test
    void intervalsCoverTheTrueEffectsAtTheirNominalRate() {
        double prevented = 0.5;
        double trueCace = -prevented * BASE;
        double trueItt = ACCEPTANCE * trueCace;
        SplittableRandom rng = new SplittableRandom(8);
        int runs = 200;
        int ittCovered = 0;
        int caceCovered = 0;
        int found = 0;
        for (int r = 0; r < runs; r++) {
            Effect.Window w = EffectEstimator.window(trial(rng, 300, prevented), UNTIL, 12, r);
            ittCovered += w.ittLow() <= trueItt && trueItt <= w.ittHigh() ? 1 : 0;
            caceCovered += w.caceLow() <= trueCace && trueCace <= w.caceHigh() ? 1 : 0;
            found += w.ittHigh() < 0 ? 1 : 0;
        }
        assertThat(ittCovered / (double) runs).isBetween(0.90, 0.99);
        assertThat(caceCovered / (double) runs).isBetween(0.89, 0.99);
        assertThat(found / (double) runs).as("power at 300 households per arm").isGreaterThan(0.5);
    }

    @Test
    void withoutAnEffectTheIntervalsCoverZeroAtTheirNominalRate() {
        SplittableRandom rng = new SplittableRandom(9);
        int runs = 200;
        int covered = 0;
        for (int r = 0; r < runs; r++) {
            Effect.Window w = EffectEstimator.window(trial(rng, 300, 0), UNTIL, 12, r);
            covered += w.ittLow() <= 0 && 0 <= w.ittHigh() && w.caceLow() <= 0 && 0 <= w.caceHigh() ? 1 : 0;
        }
        assertThat(covered / (double) runs).isBetween(0.90, 1.0);
    }

    @Test
    void countsAndFollowUpsFollowTheDataAndAnIncompleteFollowUpIsLeftOut() {
        List<Household> hs = List.of(
                new Household(AS_OF, true, null, AS_OF.plusDays(3), "ACCEPTED", null, 1),
                new Household(AS_OF, true, null, AS_OF.plusDays(3), "DECLINED", AS_OF.plusMonths(18), 2),
                new Household(AS_OF, true, null, null, null, AS_OF.plusMonths(2), 1),
                new Household(AS_OF, false, AS_OF.plusMonths(13), null, "ACCEPTED", AS_OF.plusMonths(6), 1),
                new Household(AS_OF, false, null, null, null, null, 1),
                new Household(UNTIL.minusMonths(1), false, null, null, null, null, 1));
        Effect e = EffectEstimator.estimate(hs, UNTIL, new int[] {12, 24}, 1);
        assertThat(e.offered()).isEqualTo(3);
        assertThat(e.control()).isEqualTo(3);
        assertThat(e.accepted()).isEqualTo(1);
        assertThat(e.declined()).isEqualTo(1);
        assertThat(e.notContacted()).isEqualTo(1);
        Effect.Window twelve = e.windows().get(0);
        assertThat(twelve.control()).as("the last lottery's follow-up is not complete").isEqualTo(2);
        assertThat(twelve.offeredRate()).isEqualTo(1 / 3.0);
        assertThat(twelve.controlRate()).isEqualTo(0.5);
        assertThat(twelve.crossovers()).isZero();
        assertThat(twelve.declinedRate()).as("the decliner's outcome came after 12 months").isEqualTo(0.0);
        Effect.Window two = e.windows().get(1);
        assertThat(two.crossovers()).isEqualTo(1);
        assertThat(two.compliance()).isEqualTo(1 / 3.0 - 0.5);
        assertThat(two.cace()).as("no complier effect when acceptance does not differ").isNull();
        assertThat(two.declinedRate()).isEqualTo(1.0);
    }
}
