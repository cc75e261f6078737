// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;

/** Persistence of scoring: the input it reads, the runs and explained results it writes. */
@ProviderType
public interface ScoreStore {

    /**
     * Reads the input of a run as it was known on {@code asOf}: all persons of the tenant with the household they lived
     * in that day (their current one if they had moved in, else an earlier one), the relations, and the events that
     * overlap the window [windowStart, asOf] and were registered by then (where the source says when), except those
     * marked as disputed or wrong. So a back-test as of a past day on history delivered today uses what was known then.
     */
    ScoringInput load(String tenant, LocalDate windowStart, LocalDate asOf);

    /** Stores a run with its family scores and contributions; returns the run with its id. Each family is its own offer. */
    default ScoreRun save(ScoreRun run, List<FamilyScore> scores) {
        return save(run, scores, java.util.Map.of());
    }

    /**
     * Stores a run with its family scores and contributions; returns the run with its id.
     *
     * @param offers per family id, the household offer it belongs to (siblings in one household share one); a family
     *               not in the map is its own offer
     */
    ScoreRun save(ScoreRun run, List<FamilyScore> scores, java.util.Map<String, String> offers);

    /**
     * The run's household offers with a flagged family, highest first (by the highest score among their families; ties by
     * offer id), at most {@code limit}. A family stored without an offer is an offer of its own, by its family id.
     */
    List<String> flaggedOffers(long runId, int limit);

    /**
     * How many families each household offer of a run holds, flagged or not (a family stored without an offer is an offer
     * of its own): one query for the whole run, where counting {@link #offer} by offer would read every family.
     */
    java.util.Map<String, Integer> familiesPerOffer(long runId);

    /** The families of one offer in a run, highest score first, with their contributions and adults. */
    List<FamilyScore> offer(long runId, String offerId);

    /**
     * The families of several offers of a run at once (a few queries, however many offers), in the order of the ids
     * given; each offer's families highest score first. Offers without scored families are left out.
     */
    java.util.Map<String, List<FamilyScore>> offers(long runId, List<String> offerIds);

    /** The offer a family belongs to in a run (its own family id when none was stored), or empty when it was not scored. */
    Optional<String> offerOf(long runId, String familyId);

    Optional<ScoreRun> latestRun(String tenant);

    /**
     * A run's figures for statistics, read as one stream into primitive arrays: each scored family's points and number of
     * distinct indicators, and for the flagged families how many have each indicator.
     */
    record RunFigures(int[] scores, int[] indicators, java.util.Map<dk.tidlig.model.Indicator, Integer> flaggedPerIndicator) {
    }

    RunFigures figures(long runId);

    Optional<ScoreRun> run(long id);

    /** A run's family scores, highest first (ties by family id), with their contributions. */
    List<FamilyScore> results(long runId, boolean flaggedOnly, int limit);

    /**
     * A flagged family's place on the run's list (1 for the highest score; ties by family id), or empty when
     * the family is not flagged in the run.
     */
    java.util.OptionalInt flaggedRank(long runId, String familyId);

    /** One family's score in a run, with its contributions and adults. */
    Optional<FamilyScore> family(long runId, String familyId);

    /** A family's appearance in a run. */
    record Appearance(long runId, LocalDate asOf, String modelId, String modelVersion, int score, boolean flagged) {
    }

    /** Every run of the tenant in which the family was scored, newest first. */
    List<Appearance> history(String tenant, String familyId);
}
