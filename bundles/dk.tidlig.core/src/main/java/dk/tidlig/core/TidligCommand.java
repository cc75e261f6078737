// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.io.PrintStream;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A command of {@code bin/tidlig}, published as a service with the property {@link #NAME}. The
 * launcher boots the framework, the core runs the named command with the remaining arguments, and the
 * process exits with the command's code.
 *
 * <p>Output is for people and scripts: it never contains a CPR number, a name or an address.
 */
@ConsumerType
public interface TidligCommand {

    /** Service property: the command's name, e.g. "import". */
    String NAME = "tidlig.command";

    /** Returned by a command after which tidlig keeps running (the demo without --once). */
    int KEEP_RUNNING = -1;

    /** One line of usage, e.g. "import &lt;adapter-id&gt; &lt;file&gt;…". */
    String usage();

    /**
     * Runs the command.
     *
     * @return the exit code, or {@link #KEEP_RUNNING}
     * @throws IllegalArgumentException for wrong arguments; its message is shown with the usage
     * @throws Refused when the command will not do what was asked; its message is shown alone
     */
    int execute(List<String> args, PrintStream out) throws Exception;

    /**
     * The command refuses, for a reason the operator can act on (no legal basis, a broken audit chain): the message,
     * one line saying what and why and which file to fix, goes to standard error, and the process exits with the code.
     */
    final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final int code;

        /** @param code the exit code, 3 or higher (1 is a failure, 2 wrong use) */
        public Refused(int code, String message) {
            super(message);
            if (code < 3) {
                throw new IllegalArgumentException("exit codes 1 and 2 mean failure and wrong use");
            }
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
