// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence;

import java.time.LocalDate;
import java.util.List;

/**
 * Does the outreach help? The wait-list lottery's households compared by the arm the lottery put them in (intention to
 * treat), and the effect of accepted help among those who accept when offered (the complier average causal effect,
 * intention to treat divided by the difference in acceptance between the arms). Effects are differences in the share of
 * households with an outcome: negative means fewer outcomes with the offer.
 *
 * @param until        outcomes observed up to this day
 * @param households   households in the trial
 * @param offered      drawn to be offered help
 * @param control      wait-listed
 * @param accepted     offered households that accepted
 * @param declined     offered households that declined (erased; followed up through their suppression markers)
 * @param noAnswer     offered households that were contacted and did not answer
 * @param notContacted offered households never contacted
 * @param windows      the figures within each follow-up (12 and 24 months), for households whose follow-up is complete
 */
public record Effect(LocalDate until, int households, int offered, int control, int accepted, int declined, int noAnswer, int notContacted,
        List<Window> windows) {

    public Effect {
        windows = List.copyOf(windows);
    }

    /**
     * The figures within one follow-up.
     *
     * @param offered               offered households with the whole follow-up behind them
     * @param control               wait-listed ones
     * @param offeredRate           share of the offered with an outcome
     * @param controlRate           share of the wait-listed with an outcome
     * @param itt                   offeredRate - controlRate, with a 95 % bootstrap interval (households resampled within arms)
     * @param compliance            share accepting among the offered minus among the wait-listed (offered after the wait within
     *                              the follow-up)
     * @param cace                  itt / compliance, with its interval; null when hardly anyone accepted
     * @param declinedRate          share with an outcome among the offered households that declined; null when none declined
     * @param controlWithoutOutcome share of the wait-listed (flagged) households with no outcome: flagged, not at risk
     * @param crossovers            wait-listed households offered help within the follow-up (after their wait)
     */
    public record Window(int months, int offered, int control, double offeredRate, double controlRate, double itt, double ittLow, double ittHigh,
            double compliance, Double cace, Double caceLow, Double caceHigh, int declinedN, Double declinedRate, double controlWithoutOutcome,
            int crossovers) {
    }
}
