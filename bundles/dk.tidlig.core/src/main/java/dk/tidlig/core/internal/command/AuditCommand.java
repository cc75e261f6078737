// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Problem;
import dk.tidlig.core.audit.AuditTrail.Verification;

/**
 * {@code bin/tidlig audit verify}: checks the whole audit trail and names every entry that was altered,
 * inserted or removed. Exit code 0 when the chain is intact, 4 when it is not.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=audit")
public class AuditCommand implements TidligCommand {

    /** Exit code for a broken chain. */
    static final int BROKEN = 4;

    private final AuditTrail audit;

    @Activate
    public AuditCommand(@Reference AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public String usage() {
        return "audit verify";
    }

    @Override
    public int execute(List<String> args, PrintStream out) {
        if (!args.equals(List.of("verify"))) {
            throw new IllegalArgumentException("the only audit command is 'verify'");
        }
        Verification v = audit.verify();
        if (v.intact()) {
            out.println("The audit trail is intact: " + v.entries() + " entries, last hash " + v.lastHash() + ".");
            return 0;
        }
        out.println("The audit trail has been tampered with (" + v.entries() + " entries read):");
        for (Problem p : v.problems()) {
            out.println("  " + p.description());
        }
        return BROKEN;
    }
}
