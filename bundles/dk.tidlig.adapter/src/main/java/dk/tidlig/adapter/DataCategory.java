// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

/**
 * Categories of personal data an adapter touches, for the legal-basis gate and the data inventory of
 * the municipality's impact assessment. {@link #isSpecialCategory()} marks data under GDPR art. 9 or
 * the Danish Data Protection Act's rules on purely private matters.
 */
public enum DataCategory {
    IDENTITY("CPR-nummer, navn og adresse", "CPR number, name and address", false),
    FAMILY_RELATIONS("Familierelationer, forældremyndighed og husstand", "Family relations, custody and household", false),
    HEALTH("Helbredsoplysninger (udeblivelser, diagnoser)", "Health data (no-shows, diagnoses)", true),
    SUBSTANCE_ABUSE("Misbrugsbehandling", "Substance-abuse treatment", true),
    SOCIAL_CASES("Sociale forhold (underretninger)", "Social matters (notifications)", true),
    EMPLOYMENT_AND_BENEFITS("Beskæftigelse og offentlige ydelser", "Employment and public benefits", false),
    EDUCATION("Skolefravær", "School absence", false);

    private final String danish;
    private final String english;
    private final boolean special;

    DataCategory(String danish, String english, boolean special) {
        this.danish = danish;
        this.english = english;
        this.special = special;
    }

    public String danishLabel() {
        return danish;
    }

    public String englishLabel() {
        return english;
    }

    /** Special-category or purely private data (GDPR art. 9, Databeskyttelsesloven § 8). */
    public boolean isSpecialCategory() {
        return special;
    }
}
