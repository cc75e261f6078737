// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.evidence.Backtest.TruthEvent;
import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.core.scoring.PointModel;

/**
 * Evaluates model versions by back-test, stores the figures, writes the reports, and audits each evaluation.
 */
@ProviderType
public interface EvidenceService {

    /**
     * One evaluation of one or more model versions on the same back-test.
     *
     * @param ids       the stored evaluations, one per model, in the order evaluated
     * @param reportDir the folder holding report.html, report.css and report.pdf
     */
    record Result(List<Evaluation> evaluations, List<Long> ids, Path reportDir) {
    }

    /** A stored evaluation: its id, when and by whom it was made, the figures, and where its report is. */
    record Stored(long id, String tenant, java.time.Instant created, String createdBy, Evaluation evaluation, Path reportDir) {
    }

    /** The outcome the configuration judges models on. */
    OutcomeDefinition outcome();

    /** The reference day taken when none is given: the latest day with a whole follow-up behind it. */
    LocalDate defaultAsOf();

    /**
     * @param modelIds the models to evaluate side by side; empty for the one configuration names active, or all
     * @param asOf     the reference day, or null for {@link #defaultAsOf()}
     * @param truth    outcomes from a truth file (synthetic data only), or null for the database
     * @param out      the folder for the report, or null for the configured folder
     * @param export   a folder for the pseudonymous evaluation data an outside researcher reproduces the figures from, or null
     */
    Result evaluate(Actor actor, String tenant, List<String> modelIds, LocalDate asOf, Map<String, List<TruthEvent>> truth, Path out, Path export)
            throws LegalBasisException;

    /**
     * A model learned from the municipality's own history ({@code bin/tidlig model fit}), and its evaluation beside the
     * reference model's.
     *
     * @param model        the learned model, valid, not yet in configuration
     * @param modelFile    its model file ({@code .cfg}), to be written to the configuration folder
     * @param trainedAsOf  the reference day it was fitted as of: one follow-up before the evaluation's
     * @param children     children it was fitted on (both halves)
     * @param lambda       the L2 penalty chosen
     * @param leftOut      indicators without points, and why
     * @param warnings     what an analyst should know before relying on it
     * @param evaluation   the reference model and the learned one evaluated side by side, out of time
     */
    record Fit(PointModel model, String modelFile, LocalDate trainedAsOf, int children, double lambda, Map<String, String> leftOut,
            List<String> warnings, Result evaluation) {
    }

    /**
     * Learns a scorecard: back-tests the reference model one follow-up before {@code asOf} and fits points per indicator to
     * the outcomes that followed; then evaluates the reference and the learned model as of {@code asOf}, on outcomes the
     * fit never saw. Audited; nothing is written to configuration.
     *
     * @param referenceId the model whose counting (window, ages, bases, caps) the learned one takes over; null for the one
     *                    configuration names, else the first valid one
     * @param id          the learned model's id
     * @param asOf        the evaluation's reference day, or null for {@link #defaultAsOf()}
     */
    Fit fit(Actor actor, String tenant, String referenceId, String id, LocalDate asOf, Map<String, List<TruthEvent>> truth, Path out)
            throws LegalBasisException;

    /** The municipality's evaluations, newest first. */
    List<Stored> evaluations(String tenant, int limit);

    Optional<Stored> evaluation(String tenant, long id);

    /**
     * A file of an evaluation's report ({@code report.html} or {@code report.pdf}), when the report lies in the configured
     * reports folder (one written elsewhere with {@code --out} is not served).
     */
    Optional<Path> reportFile(String tenant, long id, String name);

    /** The ids of the valid models in configuration. */
    List<String> models();

    /** The style sheet of the reports. */
    String reportStyleSheet();

    /**
     * One of an evaluation's charts, as the report draws it.
     *
     * @param id  {@code roc}, {@code list} (precision and recall by the list's length), {@code reliability} or {@code groups}
     *            (each group's false-positive ratio against the tolerance band)
     * @param svg the chart, its styling in presentation attributes (no {@code style} attribute), to stand inline in a page
     */
    record Chart(String id, String svg) {
    }

    /** An evaluation's charts, in the report's order, drawn with the configured tolerance band. */
    List<Chart> charts(Evaluation evaluation);

    /**
     * Does the outreach help? The households of the wait-list lottery compared by arm, within 12 and 24 months after the
     * lottery, for those whose follow-up is complete on {@code until}. Audited.
     *
     * @param until the day outcomes are observed up to, or null for today
     * @throws IllegalStateException when no household has been in a lottery
     */
    Effect effect(Actor actor, String tenant, LocalDate until) throws LegalBasisException;
}
