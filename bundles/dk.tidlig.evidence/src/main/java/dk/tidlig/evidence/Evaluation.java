// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence;

import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one back-test of one model version: how well its scores rank the children who had the outcome, how
 * right its list is at the size it produced and at the outreach staff's capacity, how well calibrated it is, and how it
 * treats groups. Per child unless the figure says per family (the list is one offer per household: a family here).
 *
 * @param children                the eligible children
 * @param families                the households they live in (the offers a list is made of)
 * @param baseRate                the share of children with the outcome
 * @param auc                     area under the ROC curve of the children's family scores, with a 95 % interval from a
 *                                bootstrap over households
 * @param listSize                the families the model flags
 * @param precisionAtList         the share of flagged families where a child had the outcome
 * @param recallAtList            the share of families with an outcome that the list holds
 * @param capacity                the families the outreach staff can offer help to (configuration); the list cut there
 * @param flaggedPer1000Children  children in flagged families per 1,000 eligible children
 * @param brier                   Brier score of the chance of the outcome
 * @param ece                     expected calibration error over ten equal-size bins
 * @param calibration             "model" when the model states its chances, else how they were estimated
 * @param reliability             per bin (by chance, ten bins): the mean chance and the observed rate
 * @param groups                  per group: flag rate, error rates, precision, and the ratios to the reference group
 * @param roc                     points of the ROC curve (at most a few hundred)
 * @param byListSize              precision and recall if the list were cut at each size
 */
public record Evaluation(
        String model,
        String version,
        String digest,
        String provenance,
        LocalDate asOf,
        String outcome,
        String outcomeSource,
        String inputFingerprint,
        String legalBasisId,
        int children,
        int families,
        int childrenWithOutcome,
        double baseRate,
        double auc,
        double aucLow,
        double aucHigh,
        int listSize,
        double precisionAtList,
        double recallAtList,
        int capacity,
        double precisionAtCapacity,
        double recallAtCapacity,
        double flaggedPer1000Children,
        double brier,
        double ece,
        String calibration,
        List<Bin> reliability,
        List<GroupFigure> groups,
        List<Point> roc,
        List<ListPoint> byListSize) {

    /** A bin of the reliability diagram. */
    public record Bin(int n, double meanChance, double observedRate) {
    }

    /**
     * A group's figures. Ratios are to the reference group of the same kind (the largest, unless configured); null when
     * the reference's figure is zero. A group smaller than the least size shows its size only: its rates could point at
     * the few families in it, and are too uncertain to judge on.
     *
     * @param withinTolerance whether the flag-rate and false-positive ratios lie within the tolerance (0.8 to 1.25); null
     *                        when the group is too small to judge
     */
    /**
     * One group's figures. {@code fprRatioLow}/{@code fprRatioHigh}: the 95 % interval of the false-positive ratio over
     * bootstrap samples of households (null for the reference group, a group too small to judge, or an evaluation stored
     * before intervals were computed). {@code withinTolerance} follows the fairness audits' convention and judges the
     * point estimate; the interval says whether a ratio outside the tolerance could be chance.
     */
    public record GroupFigure(String group, String value, int n, Integer withOutcome, Double flagRate, Double fpr, Double fnr, Double precision,
            boolean reference, Double flagRateRatio, Double fprRatio, Double fnrRatio, Boolean withinTolerance, Double fprRatioLow,
            Double fprRatioHigh) {

        /** The disparity in false positives is not chance: the whole 95 % interval lies above 1 or below it. */
        public boolean fprDisparityClear() {
            return fprRatioLow != null && fprRatioHigh != null && (fprRatioLow > 1 || fprRatioHigh < 1);
        }
    }

    public record Point(double fpr, double tpr) {
    }

    public record ListPoint(int size, double precision, double recall) {
    }
}
