// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.access;

/**
 * What a user may do. Only outreach workers and team leads ever see who a family is; analysts see
 * pseudonymous results, administrators the system but no personal data, auditors the audit trail; the data
 * protection officer produces citizens' access reports, each reviewed by a second person.
 */
public enum Role {
    OUTREACH_WORKER("Opsøgende medarbejder", "Outreach worker"),
    TEAM_LEAD("Teamleder", "Team lead"),
    ANALYST("Analytiker", "Analyst"),
    ADMINISTRATOR("Administrator", "Administrator"),
    AUDITOR("Revisor", "Auditor"),
    DATA_PROTECTION_OFFICER("Databeskyttelsesrådgiver", "Data protection officer"),
    /** Scheduled work and commands run by the operator, never a signed-in user. */
    SYSTEM("System", "System");

    private final String danish;
    private final String english;

    Role(String danish, String english) {
        this.danish = danish;
        this.english = english;
    }

    /** May open a family and see its identities. */
    public boolean mayReidentify() {
        return this == OUTREACH_WORKER || this == TEAM_LEAD;
    }

    /** May see the pseudonymous worklist and explanations. */
    public boolean maySeeWorklist() {
        return this == OUTREACH_WORKER || this == TEAM_LEAD || this == ANALYST;
    }

    /** May read the audit trail. */
    public boolean mayReadAudit() {
        return this == AUDITOR;
    }

    /** May produce a citizen's access report (GDPR art. 15). */
    public boolean mayProduceAccessReports() {
        return this == DATA_PROTECTION_OFFICER;
    }

    /** May review the access reports another produced (the second pair of eyes). */
    public boolean mayReviewAccessReports() {
        return this == TEAM_LEAD || this == AUDITOR;
    }

    public String danishLabel() {
        return danish;
    }

    public String englishLabel() {
        return english;
    }
}
