// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

/** Thrown when an operation needs a legal basis in force and there is none. */
public class LegalBasisException extends Exception {
    private static final long serialVersionUID = 1L;

    public LegalBasisException(String message) {
        super(message);
    }
}
