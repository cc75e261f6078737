// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/**
 * A person's status in CPR, grouped by what it means for tidlig: only {@link #RESIDENT} persons are
 * scored. The CPR office's two-digit codes are kept alongside.
 */
public enum PersonStatus {
    /** 01, 03, 05, 07: resident (with or without special address, in Denmark or Greenland). */
    RESIDENT,
    /** 20, 30, 50, 60: not active in CPR (inactive, annulled, deleted, changed number). */
    INACTIVE,
    /** 70: disappeared. */
    DISAPPEARED,
    /** 80: emigrated. */
    EMIGRATED,
    /** 90: dead. */
    DEAD;

    /**
     * @throws IllegalArgumentException for a code the CPR office does not use
     */
    public static PersonStatus fromCprCode(int code) {
        switch (code) {
            case 1: case 3: case 5: case 7:
                return RESIDENT;
            case 20: case 30: case 50: case 60:
                return INACTIVE;
            case 70:
                return DISAPPEARED;
            case 80:
                return EMIGRATED;
            case 90:
                return DEAD;
            default:
                throw new IllegalArgumentException("unknown CPR status code " + code);
        }
    }

    /** The principal CPR code of this status, used when writing extracts. */
    public int cprCode() {
        switch (this) {
            case RESIDENT: return 1;
            case INACTIVE: return 20;
            case DISAPPEARED: return 70;
            case EMIGRATED: return 80;
            default: return 90;
        }
    }
}
