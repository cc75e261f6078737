// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

/** Whom an indicator is about, within a family. */
public enum Subject {
    /** The child whose family is scored. */
    CHILD,
    /** An adult of the family: a custody holder or an adult in the same household. */
    PARENT,
    /** Either. */
    ANY
}
