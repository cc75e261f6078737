// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.access.SignedInSessions;
import dk.tidlig.core.access.Users;
import dk.tidlig.core.access.Users.Account;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;

/**
 * Local users: {@code bin/tidlig users add <name> <role> [--municipality NNN]} creates one and prints a
 * generated password once; {@code users reset-password <name>} gives an existing one a new password (ending its
 * sessions); {@code users role <name> <role>}; {@code users disable <name>} and {@code users enable <name>};
 * {@code users list}. {@code add} never touches an existing user: a disabled user stays disabled until enabled on
 * purpose. Every change is audited.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=users")
public class UsersCommand implements TidligCommand {

    private static final String ROLES = "outreach_worker, team_lead, analyst, administrator, auditor, data_protection_officer";

    private final Users users;
    private final AuditTrail audit;
    private final Tenant tenant;
    private final SignedInSessions sessions;

    @Activate
    public UsersCommand(@Reference Users users, @Reference AuditTrail audit, @Reference Tenant tenant, @Reference SignedInSessions sessions) {
        this.users = users;
        this.audit = audit;
        this.tenant = tenant;
        this.sessions = sessions;
    }

    @Override
    public String usage() {
        return "users add <name> <role> [--municipality NNN] | users reset-password <name> | users role <name> <role> | users disable <name> | "
                + "users enable <name> | users list | users end-sessions [<name>]   (roles: " + ROLES + ")";
    }

    @Override
    public int execute(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say add, reset-password, role, disable, enable or list");
        }
        String municipality = tenant.municipalityCode();
        int municipalityAt = args.indexOf("--municipality");
        if (municipalityAt >= 0) {
            if (municipalityAt + 1 >= args.size() || !args.get(municipalityAt + 1).matches("[1-9]\\d{2}")) {
                throw new IllegalArgumentException("--municipality takes a three-digit municipality code");
            }
            municipality = args.get(municipalityAt + 1);
        }
        switch (args.get(0)) {
            case "add" -> {
                if (args.size() < 3) {
                    throw new IllegalArgumentException("users add needs a name and a role");
                }
                String name = Users.userName(args.get(1));
                Role role = role(args.get(2));
                String password = users.add(municipality, name, role);
                audit.record(Actor.system(municipality), Action.CONFIG_CHANGE, "user " + name, "local user added with role " + role);
                printPassword(out, name, role, municipality, password);
                return 0;
            }
            case "reset-password" -> {
                Account u = existing(args);
                String password = users.resetPassword(u.username());
                audit.record(Actor.system(u.tenant()), Action.CONFIG_CHANGE, "user " + u.username(), "password reset; the user's sessions end");
                printPassword(out, u.username(), u.role(), u.tenant(), password);
                if (u.disabled()) {
                    out.println("The user stays disabled until 'users enable " + u.username() + "'.");
                }
                return 0;
            }
            case "role" -> {
                Account u = existing(args);
                if (args.size() < 3) {
                    throw new IllegalArgumentException("users role needs a name and a role");
                }
                Role role = role(args.get(2));
                users.changeRole(u.username(), role);
                audit.record(Actor.system(u.tenant()), Action.CONFIG_CHANGE, "user " + u.username(), "role changed from " + u.role() + " to " + role
                        + "; the user's sessions end");
                out.println("User " + u.username() + " now has the role " + role.englishLabel().toLowerCase(Locale.ROOT) + ".");
                return 0;
            }
            case "disable", "enable" -> {
                boolean disable = args.get(0).equals("disable");
                Account u = users.setDisabled(existing(args).username(), disable);
                audit.record(Actor.system(u.tenant()), Action.CONFIG_CHANGE, "user " + u.username(), "local user " + (disable ? "disabled" : "enabled"));
                out.println("User " + u.username() + " is " + (disable ? "disabled" : "enabled") + ".");
                return 0;
            }
            case "list" -> {
                for (Account u : users.list(municipality)) {
                    out.println(u.username() + "\t" + u.role().name() + (u.disabled() ? "\tdisabled" : ""));
                }
                return 0;
            }
            case "end-sessions" -> {
                // SSO users too: their provider decides only at the next sign-in, so this is how an operator ends theirs now
                String name = args.size() < 2 ? null : Users.userName(args.get(1));
                int n = sessions.removeFor(name);
                audit.record(Actor.system(tenant.municipalityCode()), Action.CONFIG_CHANGE, name == null ? "all sessions" : "user " + name,
                        n + " signed-in session" + (n == 1 ? "" : "s") + " ended");
                out.println("Ended " + n + " session" + (n == 1 ? "" : "s") + (name == null ? " of all users." : " of " + name + "."));
                return 0;
            }
            default -> throw new IllegalArgumentException("say add, reset-password, role, disable, enable, list or end-sessions");
        }
    }

    private Account existing(List<String> args) {
        String name = Users.userName(args.size() < 2 ? "" : args.get(1));
        return users.find(name).orElseThrow(() -> new IllegalArgumentException("no user " + name));
    }

    private static void printPassword(PrintStream out, String name, Role role, String municipality, String password) {
        out.println("User " + name + " (" + role.englishLabel().toLowerCase(Locale.ROOT) + ", municipality " + municipality + ") has the password: "
                + password);
        out.println("Give it to the user in person; it is not shown again.");
    }

    static Role role(String role) {
        try {
            Role r = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
            if (r == Role.SYSTEM) {
                throw new IllegalArgumentException("no user has the system role");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the role is one of " + ROLES);
        }
    }
}
