// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

/** What an identity-vault entry holds. */
public enum IdentityKind {
    CPR, NAME, ADDRESS
}
