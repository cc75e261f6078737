// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/** Legal sex as registered in CPR (the 10th digit of the number, or record 001's KOEN field). */
public enum Sex {
    FEMALE("K"), MALE("M");

    private final String cprCode;

    Sex(String cprCode) {
        this.cprCode = cprCode;
    }

    /** The CPR extract's code: K (kvinde) or M (mand). */
    public String cprCode() {
        return cprCode;
    }

    public static Sex fromCprCode(String code) {
        for (Sex s : values()) {
            if (s.cprCode.equalsIgnoreCase(code.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sex code '" + code.strip() + "' (expected K or M)");
    }
}
