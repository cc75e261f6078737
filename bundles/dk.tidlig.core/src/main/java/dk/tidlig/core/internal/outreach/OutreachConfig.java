// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
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

    @AttributeDefinition(name = "Order of offers", description = "RANKED: the households with the most points are offered help first. "
            + "LOTTERY: a recorded lottery among the flagged households decides who is offered help this month and who is wait-listed "
            + "(waitListMonths), so that the effect of the outreach can be measured (bin/tidlig evaluate effect); only when the legal basis "
            + "names it (namesLottery in dk.tidlig.legalbasis). A MUNICIPAL DECISION.")
    String offerOrder() default "RANKED";

    @AttributeDefinition(name = "Wait-list (months)", description = "With the lottery: how long a wait-listed household waits before a later "
            + "run's list offers it help (before any household the lottery draws anew). The effect is measured within this time.")
    int waitListMonths() default 12;

    @AttributeDefinition(name = "Working session on a case (minutes)", description = "How long a case's page stays open after a worker "
            + "opened the family with a purpose (audited once): assign, contact, outcome and close happen on it without opening the family again.")
    int caseSessionMinutes() default 30;
}
