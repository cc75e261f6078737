package dk.tidlig.core.internal.outreach;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dk.tidlig.outreach}. */
@ObjectClassDefinition(name = "tidlig outreach", description = "The worklist and what a decline means.")
public @interface OutreachConfig {

    String PID = "dk.tidlig.outreach";

    @AttributeDefinition(name = "Suppression (months)", description = "How long a family that declined is kept off the lists. "
            + "A MUNICIPAL DECISION.")
    int suppressionMonths() default 24;

    @AttributeDefinition(name = "Capacity (families a month)", description = "How many families the outreach staff can offer help to in a "
            + "month: the worklist shows this many of the latest run's flagged families, highest score first (and every case still being "
            + "worked), and evaluations judge a model's list at this size. A MUNICIPAL DECISION.")
    int capacityPerMonth() default 12;
}
