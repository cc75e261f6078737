// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model.score;

/** A person's place in a scored family, as shown in an explanation. */
public enum FamilyRole {
    CHILD("barnet", "the child"),
    MOTHER("mor", "mother"),
    FATHER("far", "father"),
    CUSTODY_HOLDER("indehaver af forældremyndighed", "custody holder"),
    HOUSEHOLD_ADULT("voksen i husstanden", "adult in the household");

    private final String danish;
    private final String english;

    FamilyRole(String danish, String english) {
        this.danish = danish;
        this.english = english;
    }

    public String danishLabel() {
        return danish;
    }

    public String englishLabel() {
        return english;
    }

    /** True for the roles that count as "a parent" for indicators about parents. */
    public boolean isAdult() {
        return this != CHILD;
    }
}
