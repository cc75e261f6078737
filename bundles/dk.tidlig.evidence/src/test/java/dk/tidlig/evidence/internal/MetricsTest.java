// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dk.tidlig.core.evidence.BacktestData;
import dk.tidlig.core.evidence.ChildCase;
import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.core.scoring.ModelParser;
import dk.tidlig.core.scoring.PointModel;
import dk.tidlig.evidence.Evaluation;
import dk.tidlig.evidence.Evaluation.GroupFigure;

/** The figures on hand-made back-tests whose answers are known. */
class MetricsTest {

    static final LocalDate DAY = LocalDate.of(2024, 6, 30);

    static PointModel model() {
        Map<String, Object> m = new HashMap<>();
        m.put("model.id", "test");
        m.put("model.version", "1");
        m.put("model.title", "test");
        m.put("flag.threshold", "1000");
        m.put("flag.threshold.provenance", "MUNICIPAL_DECISION");
        m.put("flag.minIndicators", "1");
        m.put("window.months", "36");
        m.put("window.months.provenance", "MUNICIPAL_DECISION");
        m.put("eligible.ageMin", "0");
        m.put("eligible.ageMax", "6");
        m.put("indicator.CHILD_NOTIFICATION.points", "1000");
        m.put("indicator.CHILD_NOTIFICATION.basis", "PER_EVENT");
        m.put("indicator.CHILD_NOTIFICATION.provenance", "MUNICIPAL_DECISION");
        return ModelParser.parse(m);
    }

    static ChildCase child(String id, String household, int points, boolean outcome, Map<String, String> groups) {
        return new ChildCase(id, household, 3, points, points >= 1000, Map.of(), Map.of(), groups, outcome ? DAY.plusMonths(3) : null);
    }

    static BacktestData data(List<ChildCase> children) {
        return new BacktestData(model(), "159", DAY, OutcomeDefinition.DEFAULT, "database", "f".repeat(64), "TEST", children);
    }

    static Metrics.Settings settings(int capacity) {
        return new Metrics.Settings(capacity, 200, 7L, 0.8, 1.25, 3, Map.of());
    }

    @Test
    void theAucOfCountsAtEachScoreIsExactlyTheAucOfTheSample() {
        // the bootstrap counts each resample's children at each distinct score instead of sorting them: the same figure to the bit
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(3000);
            int spread = 1 + random.nextInt(round % 2 == 0 ? 20 : 20_000);
            int[] points = new int[n];
            boolean[] outcome = new boolean[n];
            for (int i = 0; i < n; i++) {
                points[i] = random.nextInt(spread);
                outcome[i] = random.nextInt(round % 3 == 0 ? 50 : 5) == 0;
            }
            int[] distinct = java.util.Arrays.stream(points).distinct().sorted().toArray();
            long[] positives = new long[distinct.length];
            long[] negatives = new long[distinct.length];
            for (int i = 0; i < n; i++) {
                int v = java.util.Arrays.binarySearch(distinct, points[i]);
                if (outcome[i]) {
                    positives[v]++;
                } else {
                    negatives[v]++;
                }
            }
            assertThat(Metrics.auc(positives, negatives)).as("round %d", round).isEqualTo(Metrics.auc(points, outcome));
        }
    }

    @Test
    void aucIsTheShareOfPairsRankedRightWithTiesCountedHalf() {
        // positives 30, 20, 10; negatives 20, 0: pairs (30>20, 30>0, 20=20 half, 20>0, 10<20, 10>0) = 4.5 of 6
        assertThat(Metrics.auc(new int[] {30, 20, 10, 20, 0}, new boolean[] {true, true, true, false, false})).isEqualTo(0.75);
        assertThat(Metrics.auc(new int[] {1, 2, 3}, new boolean[] {false, false, false})).isEqualTo(0.5);
        assertThat(Metrics.auc(new int[] {5, 5, 5, 5}, new boolean[] {true, false, true, false})).isEqualTo(0.5);
    }

    @Test
    void theListIsOneOfferPerHouseholdAndItsPrecisionAndRecallAreCountedSo() {
        List<ChildCase> c = List.of(
                child("a1", "A", 3000, true, Map.of()), child("a2", "A", 0, false, Map.of()),   // one offer, flagged, outcome
                child("b1", "B", 2000, false, Map.of()),                                      // flagged, no outcome
                child("c1", "C", 500, true, Map.of()),                                        // not flagged, outcome
                child("d1", "D", 0, false, Map.of()), child("e1", "E", 0, false, Map.of()));
        Evaluation e = Metrics.evaluate(data(c), settings(1));
        assertThat(e.children()).isEqualTo(6);
        assertThat(e.families()).isEqualTo(5);
        assertThat(e.listSize()).isEqualTo(2);
        assertThat(e.precisionAtList()).isEqualTo(0.5);
        assertThat(e.recallAtList()).isEqualTo(0.5);
        assertThat(e.flaggedPer1000Children()).as("three children in flagged households of six").isEqualTo(500.0);
        assertThat(e.precisionAtCapacity()).as("the top household").isEqualTo(1.0);
        assertThat(e.recallAtCapacity()).isEqualTo(0.5);
        assertThat(e.baseRate()).isEqualTo(2 / 6.0);
    }

    @Test
    void aCutAmongEqualScoresCountsTheTiedHouseholdsInProportion() {
        List<ChildCase> c = List.of(child("a", "A", 1000, true, Map.of()), child("b", "B", 1000, false, Map.of()),
                child("c", "C", 1000, false, Map.of()), child("d", "D", 1000, true, Map.of()), child("e", "E", 0, false, Map.of()));
        // capacity 2 cuts into four tied households, two with the outcome: expected hits 2 × 2/4 = 1
        Evaluation e = Metrics.evaluate(data(c), settings(2));
        assertThat(e.precisionAtCapacity()).isEqualTo(0.5);
        assertThat(e.recallAtCapacity()).isEqualTo(0.5);
    }

    @Test
    void theIntervalHoldsTheAucAndNarrowsWithMoreData() {
        Random r = new Random(1);
        List<ChildCase> small = new ArrayList<>();
        List<ChildCase> large = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            boolean outcome = r.nextDouble() < 0.15;
            int points = (int) Math.round(Math.max(0, (outcome ? 1200 : 600) + 500 * r.nextGaussian()));
            ChildCase c = child("c" + i, "h" + i, points, outcome, Map.of());
            large.add(c);
            if (i < 400) {
                small.add(c);
            }
        }
        Evaluation s = Metrics.evaluate(data(small), settings(10));
        Evaluation l = Metrics.evaluate(data(large), settings(10));
        assertThat(l.aucLow()).isLessThan(l.auc());
        assertThat(l.aucHigh()).isGreaterThan(l.auc());
        assertThat(l.aucHigh() - l.aucLow()).isLessThan(s.aucHigh() - s.aucLow());
        // two normal scores 1.2 standard deviations apart (truncated at 0): about 0.8
        assertThat(l.auc()).isCloseTo(0.79, within(0.04));
        assertThat(l.calibration()).startsWith("cross-fitted");
        assertThat(l.ece()).as("a cross-fitted curve is well calibrated").isLessThan(0.03);
        assertThat(l.reliability()).hasSize(10);
    }

    @Test
    void theFalsePositiveRatiosIntervalTellsAClearDisparityFromChance() {
        // 1,000 households per group: OTHER is flagged three times as often without cause (a clear disparity); SAME is
        // flagged 3 % more often than the reference by the luck of three children (inside the interval of chance)
        List<ChildCase> c = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            c.add(child("d" + i, "hd" + i, i % 10 == 0 ? 2000 : 0, false, Map.of("citizenship", "DANISH")));
            c.add(child("o" + i, "ho" + i, i % 10 < 3 ? 2000 : 0, false, Map.of("citizenship", "OTHER")));
            c.add(child("s" + i, "hs" + i, i % 10 == 0 || i % 400 == 1 ? 2000 : 0, false, Map.of("citizenship", "SAME")));
        }
        for (int i = 0; i < 100; i++) {
            c.add(child("p" + i, "hp" + i, 2000, true, Map.of("citizenship", "DANISH")));
        }
        Evaluation e = Metrics.evaluate(data(c), new Metrics.Settings(10, 400, 11L, 0.8, 1.25, 30, Map.of("citizenship", "DANISH")));
        GroupFigure other = e.groups().stream().filter(g -> g.value().equals("OTHER")).findFirst().orElseThrow();
        GroupFigure same = e.groups().stream().filter(g -> g.value().equals("SAME")).findFirst().orElseThrow();
        assertThat(other.fprRatio()).isCloseTo(3.0, within(1e-9));
        assertThat(other.fprRatioLow()).isGreaterThan(2.0);
        assertThat(other.fprRatioHigh()).isLessThan(4.5).isGreaterThan(3.0);
        assertThat(other.fprDisparityClear()).isTrue();
        assertThat(same.fprRatio()).isCloseTo(1.03, within(1e-9));
        assertThat(same.fprRatioLow()).isLessThan(1.0);
        assertThat(same.fprRatioHigh()).isGreaterThan(1.03);
        assertThat(same.fprDisparityClear()).isFalse();
        // the same data and seed give the same interval
        Evaluation again = Metrics.evaluate(data(c), new Metrics.Settings(10, 400, 11L, 0.8, 1.25, 30, Map.of("citizenship", "DANISH")));
        assertThat(again.groups()).isEqualTo(e.groups());
    }

    @Test
    void aGroupFlaggedMoreOftenWithoutCauseIsOutsideTheToleranceAndSmallGroupsShowTheirSizeOnly() {
        List<ChildCase> c = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // the same outcomes in both groups, but group OTHER is flagged twice as often among those without the outcome
            boolean outcome = i % 10 == 0;
            c.add(child("d" + i, "hd" + i, outcome || i % 10 == 1 ? 2000 : 0, outcome, Map.of("citizenship", "DANISH")));
            c.add(child("o" + i, "ho" + i, outcome || i % 10 == 1 || i % 10 == 2 ? 2000 : 0, outcome, Map.of("citizenship", "OTHER")));
        }
        c.add(child("u1", "hu1", 2000, false, Map.of("citizenship", "UNKNOWN")));
        Evaluation e = Metrics.evaluate(data(c), new Metrics.Settings(10, 50, 7L, 0.8, 1.25, 30, Map.of("citizenship", "DANISH")));
        GroupFigure danish = e.groups().stream().filter(g -> g.value().equals("DANISH")).findFirst().orElseThrow();
        GroupFigure other = e.groups().stream().filter(g -> g.value().equals("OTHER")).findFirst().orElseThrow();
        GroupFigure unknown = e.groups().stream().filter(g -> g.value().equals("UNKNOWN")).findFirst().orElseThrow();
        assertThat(danish.reference()).isTrue();
        assertThat(danish.fpr()).isCloseTo(10 / 90.0, within(1e-9));
        assertThat(other.fpr()).isCloseTo(20 / 90.0, within(1e-9));
        assertThat(other.fprRatio()).isCloseTo(2.0, within(1e-9));
        assertThat(other.fnrRatio()).as("no false negatives in the reference group").isNull();
        assertThat(other.withinTolerance()).isFalse();
        assertThat(other.fprRatioLow()).as("the 95 % interval holds the ratio").isLessThan(2.0);
        assertThat(other.fprRatioHigh()).isGreaterThan(2.0);
        assertThat(danish.fprRatioLow()).as("the reference group has no interval to itself").isNull();
        assertThat(unknown.fprRatioLow()).isNull();
        assertThat(unknown.n()).isOne();
        assertThat(unknown.fpr()).as("a group of one shows its size only").isNull();
        assertThat(unknown.withinTolerance()).isNull();
    }
}
