// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/** What {@code toString()} prints instead of personal data. */
final class Masked {
    static final String CPR = "******-****";
    static final String TEXT = "***";

    private Masked() {
    }
}
