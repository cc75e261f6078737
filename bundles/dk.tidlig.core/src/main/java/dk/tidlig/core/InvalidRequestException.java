// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * A request the user can mend: what is wrong, in English for the command line, the API and the logs
 * ({@link #getMessage()}), and as a {@link Problem} with its values, which the web application shows in the user's
 * language ({@code core.problem.<NAME>} in its texts). Values never hold personal data.
 */
public class InvalidRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What can be wrong with a request; each with its English text ({@link MessageFormat}, the values as {0}, {1}, …). */
    public enum Problem {
        PURPOSE_MISSING("state the purpose of opening the family"),
        DECLINE_BY_TRANSITION("a decline is recorded with decline(), which erases the family"),
        ASSIGNEE_MALFORMED("assign to a user name (letters, digits and . _ @ -)"),
        ASSIGNEE_NOT_A_WORKER("assign to one of the municipality''s outreach workers"),
        CONTACT_INCOMPLETE("a contact has a day and a channel"),
        CONTACT_DAY("a contact''s day is within the past year, not in the future"),
        NOTE_TOO_LONG("a note is at most {0} characters"),
        NOTE_HOLDS_CPR("a note must not hold a CPR number: the case''s page shows who the family is"),
        DECLINE_REASON_MISSING("choose the reason the family gave from the list"),
        DISPUTE_REASON_MISSING("choose why the data point is marked from the list"),
        IDENTITY_CHECK_MISSING("state how the requester''s identity was checked"),
        REFERENCE_FORMAT("the request reference must be the registered request''s number in the municipality''s format ({0})"),
        CPR_INVALID("{0}"),
        REFERENCE_OTHER_PERSON("the request reference {0} is registered for another person"),
        NOTHING_TO_REVIEW("there is no unreviewed access report with this reference that someone else produced"),
        NO_SUCH_MODEL("there is no valid model ''{0}'' in config/"),
        MODEL_NOT_EVALUATED("{0}"),
        EVALUATION_TOO_OLD("the newest evaluation of this version is {0} days old: evaluate it again first"),
        MINIMUM_MISSED("the evaluation misses a minimum ({0}): state why the model may run all the same (at least 20 characters), for the data "
                + "protection officer to decide on"),
        JUSTIFICATION_INVALID("the justification must be at most {0} characters and hold no CPR number"),
        MODEL_GONE("the model ''{0}'' is no longer in config/"),
        MODEL_CHANGED("the model file was changed after the request (the version asked for is no longer what it says): refuse this request; the "
                + "changed model must be evaluated and asked for anew"),
        ACTIVATION_NOT_PENDING("activation {0} is not awaiting a decision"),
        NO_SUCH_ACTIVATION("no activation {0}"),
        REFUSAL_REASON_INVALID("state why the request is refused (at most {0} characters, no CPR number)"),
        READING_REASON_INVALID("say why the line is read: 3 to 200 characters, never a CPR number"),
        NO_SUCH_LINE("there is no quarantined line {0} in municipality {1}"),
        NO_SUCH_DELIVERY("there is no delivery {0} in municipality {1}"),
        CORRECTION_OTHER_ADAPTER("delivery {0} came through adapter {1}, not {2}: a correction is delivered through the same adapter"),
        CORRECTION_NOT_LATER("delivery {0} is not later than delivery {1}"),
        CORRECTION_NOT_COMPLETED("delivery {0} has not completed ({1})"),
        CORRECTION_QUARANTINED("delivery {0} kept {1} lines aside itself: correct those first");

        private final String english;

        Problem(String english) {
            this.english = english;
        }

        /** The English text with the values filled in. */
        public String english(Object... values) {
            return new MessageFormat(english, Locale.ROOT).format(values);
        }
    }

    private final Problem problem;
    private final transient Object[] values;

    public InvalidRequestException(Problem problem, Object... values) {
        super(problem.english(values));
        this.problem = problem;
        this.values = values.clone();
    }

    public Problem problem() {
        return problem;
    }

    /** The values the problem's text names, as given (numbers stay numbers, for the language's own format). */
    public Object[] values() {
        return values.clone();
    }
}
