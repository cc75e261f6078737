// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The wait-list lottery that may decide the order of offers, and each household's place in it: which arm, when it was
 * offered help, what it answered, and for a household that declined the day of its first outcome (its data is erased).
 */
@ProviderType
public interface TrialStore {

    /** Offered by the lottery's run, or wait-listed. */
    enum Arm {
        OFFER, WAIT
    }

    /**
     * One run's lottery.
     *
     * @param seed      the random seed the order was drawn with (32 bytes): the draw can be redone from it and the run's
     *                  eligible offers
     * @param eligible  flagged households that were not in the trial before
     * @param offered   of these, offered by this run's list
     * @param waitListed of these, wait-listed
     * @param afterWait households wait-listed by an earlier run whose wait had ended, offered by this run's list first
     */
    record Draw(long runId, String tenant, LocalDate asOf, byte[] seed, int eligible, int offered, int waitListed, int afterWait,
            String legalBasis, Instant drawnAt) {
        @Override
        public String toString() {
            return "Draw[run " + runId + ", " + eligible + " eligible, " + offered + " offered, " + waitListed + " wait-listed]";
        }
    }

    /**
     * A household's place in the trial.
     *
     * @param offerId    the household offer ("H-..."), null after a decline
     * @param rank       its place in the lottery's order (0 first), null after a decline
     * @param waitUntil  for the wait-listed: the last day of the wait
     * @param listedRun  the run whose list offered it: the lottery's own run in the OFFER arm, a later one for a household
     *                   offered after its wait; null while not offered
     * @param offeredOn  the day the outreach staff first contacted it
     * @param response   ACCEPTED, DECLINED or NO_ANSWER, null before an answer
     * @param outcomeDay for a household that declined: the first day after asOf one of its children had an outcome, as far
     *                   as known (recorded at the decline and by later follow-up); null otherwise
     */
    record Allocation(long id, String tenant, long runId, LocalDate asOf, String offerId, Arm arm, Integer rank, int children,
            LocalDate waitUntil, Long listedRun, LocalDate offeredOn, String response, LocalDate outcomeDay) {
    }

    /** Stores a run's lottery with the households it allocated, and marks the wait-listed households it now offers. */
    void saveDraw(Draw draw, List<Allocation> allocated, Collection<Long> offeredAfterWait);

    Optional<Draw> draw(long runId);

    /** The households already in the trial among these offers, by offer id. */
    Map<String, Allocation> allocations(String tenant, Collection<String> offerIds);

    /** Every allocation of the municipality, oldest lottery first. */
    List<Allocation> allocations(String tenant);

    /** The offers a lottery run's list holds, in the order they are offered. */
    List<String> listedOffers(long runId);

    /** The first contact with the household: the offer is made on this day (a later contact keeps the first day). */
    void offered(String tenant, String offerId, LocalDate day);

    /** The household's answer, ACCEPTED or NO_ANSWER; a decline is {@link #declined}. */
    void answered(String tenant, String offerId, String response);

    /**
     * The household declined: the answer and the first outcome known so far are kept, the household id and its place in
     * the draw are set to null.
     *
     * @return the allocation's id, when the household was in the trial
     */
    OptionalLong declined(String tenant, String offerId, LocalDate outcomeDay);

    /** A later outcome of a household that declined, found through a suppression marker: the earliest day is kept. */
    void outcomeObserved(long allocationId, LocalDate day);

    /** The suppression markers (hex) that follow up a declined household in the trial, with its allocation id. */
    Map<String, Long> followedMarkers(String tenant);
}
