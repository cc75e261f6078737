// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

/**
 * Thrown when an operation needs a legal basis in force and there is none. The message is English, for the command line,
 * the API and the logs, and says which file to fix; {@link #reason()} lets a page say why in the user's language.
 */
public class LegalBasisException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the legal basis refused. */
    public enum Reason {
        /** No basis is configured. */
        NONE_CONFIGURED,
        /** The basis lacks a title, a reference or an in-force date. */
        INCOMPLETE,
        /** The basis covers synthetic test data only, outside the demo's own home. */
        SYNTHETIC_ONLY,
        /** A date of the basis is not yyyy-MM-dd. */
        BAD_DATE,
        /** The basis is not in force today. */
        NOT_IN_FORCE,
        /** Offers are to be drawn by lottery, and the basis does not name one. */
        LOTTERY_NOT_NAMED,
        /** Another reason: the message says it. */
        OTHER
    }

    private final Reason reason;

    public LegalBasisException(String message) {
        this(Reason.OTHER, message);
    }

    public LegalBasisException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
