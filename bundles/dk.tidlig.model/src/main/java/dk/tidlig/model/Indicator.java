// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/**
 * The indicator catalogue: everything a risk event can be about. Which indicators count, and with how
 * many points, is decided by a scoring model in configuration, never here.
 */
public enum Indicator {
    PARENT_UNEMPLOYED(Subject.PARENT, true, "Forælders ledighed", "Parent's unemployment"),
    PARENT_TRANSFER_INCOME(Subject.PARENT, true, "Forælder på overførselsindkomst", "Parent on transfer income"),
    PARENT_PSYCHIATRIC_ILLNESS(Subject.PARENT, false, "Forælders psykiatriske diagnose", "Parent's psychiatric diagnosis"),
    PARENT_SUBSTANCE_ABUSE_TREATMENT(Subject.PARENT, true, "Forælder i misbrugsbehandling", "Parent in substance-abuse treatment"),
    PARENTS_SEPARATION(Subject.PARENT, false, "Forældres skilsmisse eller separation", "Parents' divorce or separation"),
    CHILD_DENTAL_NO_SHOW(Subject.CHILD, false, "Udeblivelse fra kommunal tandpleje", "No-show at municipal dental care"),
    CHILD_HEALTH_VISITOR_NO_SHOW(Subject.CHILD, false, "Udeblivelse fra sundhedspleje", "No-show at the health visitor"),
    MISSED_DOCTOR_APPOINTMENT(Subject.ANY, false, "Udeblivelse fra lægeaftale", "Missed doctor's appointment"),
    CHILD_NOTIFICATION(Subject.CHILD, false, "Underretning om barnet", "Notification about the child"),
    CHILD_SCHOOL_ABSENCE(Subject.CHILD, true, "Ulovligt skolefravær (mindst 15 % i et kvartal)", "Unlawful school absence (15 % or more in a quarter)"),
    FAMILY_FREQUENT_MOVES(Subject.ANY, false, "Hyppige flytninger", "Frequent moves"),
    CHILD_PREVENTIVE_MEASURE(Subject.CHILD, true, "Forebyggende indsats for barnet (Barnets Lov § 32)", "Preventive measure for the child (Barnets Lov § 32)"),
    CHILD_PLACEMENT(Subject.CHILD, true, "Anbringelse uden for hjemmet (Barnets Lov §§ 43, 47)", "Placement outside the home (Barnets Lov §§ 43, 47)");

    private final Subject subject;
    private final boolean period;
    private final String danish;
    private final String english;

    Indicator(Subject subject, boolean period, String danish, String english) {
        this.subject = subject;
        this.period = period;
        this.danish = danish;
        this.english = english;
    }

    /** Whom in the family this indicator is about. */
    public Subject subject() {
        return subject;
    }

    /** True when events of this indicator span a period (start and end), false for a dated occurrence. */
    public boolean isPeriod() {
        return period;
    }

    public String danishLabel() {
        return danish;
    }

    public String englishLabel() {
        return english;
    }
}
