// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.evidence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;


/** Configuration PID {@code dk.tidlig.evidence}, with the outreach capacity from {@code dk.tidlig.outreach}. */
@ObjectClassDefinition(name = "tidlig evidence", description = "How models are evaluated, and what an evaluation must show before a model may run.")
public @interface EvidenceConfig {

    String PID = "dk.tidlig.evidence";
    String OUTREACH_PID = "dk.tidlig.outreach";

    @AttributeDefinition(description = "What a model is judged on: indicators, comma-separated.")
    String outcomeIndicators() default "CHILD_PREVENTIVE_MEASURE, CHILD_PLACEMENT, CHILD_NOTIFICATION";

    @AttributeDefinition(description = "The follow-up after the reference day, in months.")
    int outcomeMonths() default 24;

    int bootstrapResamples() default 1000;

    double toleranceLow() default 0.8;

    double toleranceHigh() default 1.25;

    int leastGroupSize() default 30;

    @AttributeDefinition(description = "kind=value, comma-separated: the reference group where it is not the largest.")
    String referenceGroups() default "citizenship=DANISH";

    String reportsFolder() default "var/evidence";

    int maxEvaluationAgeDays() default 180;

    double minAuc() default 0.6;

    double minPrecisionAtCapacity() default 0.2;

    boolean groupsWithinTolerance() default true;

    @AttributeDefinition(description = "bin/tidlig model fit: a learned model flags a family at a chance of the outcome at least this many "
            + "times the base rate.")
    double fitRiskMultiple() default 2.0;

    /** From {@code dk.tidlig.outreach}. */
    int capacityPerMonth() default 12;
}
