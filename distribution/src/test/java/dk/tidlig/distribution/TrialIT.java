// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Does the outreach help? The synthetic municipality's trial end to end on the real distribution: the lottery of offers
 * drawn by a score run under a basis that names it, the list worked through the real workflow (declining households erased),
 * the later outcome events delivered through the adapters' routes, and {@code bin/tidlig evaluate effect} measuring the
 * effect. The simulation knows the true effect.
 *
 * <p>What must hold exactly: the offered households' outcome rate, and the declined households' (found through their
 * suppression markers after their data were erased), equal what the simulation made. What holds in a sample: the estimate
 * lies near the true effect. The lottery's seed is random, so a check at the 95 % interval itself would fail one run in
 * twenty; the estimate must lie within 1.5 half-widths of the truth (about 3 standard errors), and the intervals' 95 %
 * coverage is tested on 200 simulated lotteries in EffectEstimatorTest.
 */
@Tag("long")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrialIT {

    static final Pattern CPR_LIKE = LauncherIT.CPR_LIKE;
    static final ObjectMapper JSON = new ObjectMapper();
    static Installation installation;

    @BeforeAll
    static void copyDistribution() throws Exception {
        installation = Installation.copy("trial-it");
    }

    @Test
    @Order(1)
    void withAnEffectTheEstimateFindsItAndTheDeclinedAreFollowedUp() throws Exception {
        JsonNode[] result = trial("0.8");
        JsonNode truth = result[0];
        JsonNode effect = result[1];
        for (int w = 0; w < 2; w++) {
            JsonNode t = truth.get("windows").get(w);
            JsonNode e = effect.get("windows").get(w);
            assertThat(t.get("true_itt").asDouble()).as("the help prevented outcomes").isLessThan(0);
            near(e, "itt", t.get("true_itt").asDouble());
            near(e, "cace", t.get("true_cace").asDouble());
        }
        // a real effect is found (the 24-month interval lies below 0 at this size and effect)
        assertThat(effect.get("windows").get(1).get("itt_ci").get(1).asDouble()).isLessThan(0);
    }

    @Test
    @Order(2)
    void withoutAnEffectTheEstimateFindsNone() throws Exception {
        JsonNode[] result = trial("0");
        JsonNode truth = result[0];
        JsonNode effect = result[1];
        for (int w = 0; w < 2; w++) {
            assertThat(truth.get("windows").get(w).get("true_itt").asDouble()).isZero();
            near(effect.get("windows").get(w), "itt", 0);
            near(effect.get("windows").get(w), "cace", 0);
        }
    }

    /** A trial demo with this effect, then bin/tidlig evaluate effect: {the truth, the estimate}, with the exact checks. */
    JsonNode[] trial(String trueEffect) throws Exception {
        Installation.Run demo = installation.tidlig("demo", "--trial", "--citizens", "30000", "--capacity", "200", "--effect", trueEffect,
                "--acceptance", "0.7");
        assertThat(demo.code()).as(demo.err() + demo.out()).isZero();
        assertThat(demo.out()).contains("Lottery of run 1: ").contains("200 offered help (the capacity)");
        assertThat(CPR_LIKE.matcher(demo.out() + demo.err()).find()).as("a CPR-shaped number in the demo's output").isFalse();
        JsonNode truth = JSON.readTree(Files.readString(installation.home.resolve("var/demo/trial-truth.json")));

        Installation.Run run = installation.tidlig("evaluate", "effect", "--demo");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().strip()).doesNotContain("\n");
        JsonNode effect = JSON.readTree(run.out());
        assertThat(effect.get("offered").asInt()).isEqualTo(200).isEqualTo(truth.get("offered").asInt());
        assertThat(effect.get("control").asInt()).isPositive();
        assertThat(effect.get("accepted").asInt()).isEqualTo(truth.get("accepted").asInt());
        assertThat(effect.get("declined").asInt()).isEqualTo(truth.get("declined").asInt()).isPositive();
        for (String key : new String[] {"itt", "itt_ci", "cace", "cace_ci"}) {
            assertThat(effect.get(key)).as(key).isNotNull();
        }
        for (int w = 0; w < 2; w++) {
            JsonNode t = truth.get("windows").get(w);
            JsonNode e = effect.get("windows").get(w);
            assertThat(e.get("months").asInt()).isEqualTo(t.get("months").asInt());
            assertThat(e.get("offered_rate").asDouble()).as("the offered households' outcomes as they turned out")
                    .isCloseTo(t.get("offered_rate").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(e.get("declined_outcome_rate").asDouble()).as("the declined households' outcomes, after their erasure")
                    .isCloseTo(t.get("declined_outcome_rate").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
        return new JsonNode[] {truth, effect};
    }

    /** The estimate lies within 1.5 half-widths of its 95 % interval of the value. */
    static void near(JsonNode window, String key, double value) {
        double estimate = window.get(key).asDouble();
        double low = window.get(key + "_ci").get(0).asDouble();
        double high = window.get(key + "_ci").get(1).asDouble();
        assertThat(low).isLessThanOrEqualTo(estimate);
        assertThat(high).isGreaterThanOrEqualTo(estimate);
        double halfWidth = (high - low) / 2;
        assertThat(Math.abs(estimate - value)).as("%s within %d months: %.4f (%.4f to %.4f) against %.4f", key, window.get("months").asInt(),
                estimate, low, high, value).isLessThanOrEqualTo(1.5 * halfWidth);
    }
}
