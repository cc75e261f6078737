// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.evidence;

import java.time.LocalDate;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.LegalBasisException;

/**
 * The households of the wait-list lottery (offers drawn by lottery, {@code offerOrder = LOTTERY}) with what happened
 * after it, for measuring whether the outreach helps. Nothing in it names a household.
 */
@ProviderType
public interface OutreachTrial {

    /**
     * One household in the trial.
     *
     * @param asOf             the day of the lottery that first drew it (the score run's reference day)
     * @param offered          drawn to be offered help now; false: wait-listed
     * @param offeredAfterWait for a wait-listed household that a later list offered help after its wait: that list's day
     * @param offeredOn        the day the outreach staff first contacted it, or null
     * @param response         ACCEPTED, DECLINED or NO_ANSWER, or null before an answer
     * @param firstOutcome     the first day after {@code asOf} that one of its children had an outcome, up to the day asked
     *                         for; null when none did (for a household that declined: as far as its follow-up reaches)
     * @param children         its eligible children
     */
    record Household(LocalDate asOf, boolean offered, LocalDate offeredAfterWait, LocalDate offeredOn, String response, LocalDate firstOutcome,
            int children) {
    }

    /**
     * The municipality's trial with outcomes observed up to {@code until}. Declined households' outcomes are found through
     * their children's suppression markers (which match only with a child's CPR number) and kept with the household's
     * place in the trial. A household whose score run retention has purged ({@code scoreRunRetentionMonths}) is left out:
     * which children it held is no longer known, so neither is its outcome.
     *
     * @throws LegalBasisException when no legal basis is in force
     */
    List<Household> households(String tenant, OutcomeDefinition outcome, LocalDate until) throws LegalBasisException;
}
