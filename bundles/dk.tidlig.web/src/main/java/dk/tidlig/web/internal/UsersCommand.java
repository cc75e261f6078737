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
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.UserStore;
import dk.tidlig.store.UserStore.UserRow;

/**
 * {@code bin/tidlig users add <name> <role> [--municipality NNN]} creates a local user (or gives an
 * existing one a new role and password) and prints a generated password once; {@code users disable
 * <name>}; {@code users list}. Changes are audited as configuration changes.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=users")
public class UsersCommand implements TidligCommand {

    private final UserStore users;
    private final AuditTrail audit;
    private final Tenant tenant;

    @Activate
    public UsersCommand(@Reference UserStore users, @Reference AuditTrail audit, @Reference Tenant tenant) {
        this.users = users;
        this.audit = audit;
        this.tenant = tenant;
    }

    @Override
    public String usage() {
        return "users add <name> <outreach_worker|team_lead|analyst|administrator|auditor> [--municipality NNN] | users disable <name> | users list";
    }

    @Override
    public int execute(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say add, disable or list");
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
                String name = name(args.get(1));
                Role role = role(args.get(2));
                String target = municipality;
                users.find(name).filter(u -> !u.tenant().equals(target)).ifPresent(u -> {
                    throw new IllegalArgumentException("the user name " + name + " belongs to another municipality; choose another name");
                });
                String password = Passwords.generate();
                users.save(new UserRow(municipality, name, role.name(), Passwords.hash(password.toCharArray()), false));
                audit.record(Actor.system(municipality), Action.CONFIG_CHANGE, "user " + name, "local user saved with role " + role);
                out.println("User " + name + " (" + role.englishLabel().toLowerCase(Locale.ROOT) + ", municipality " + municipality
                        + ") has the password: " + password);
                out.println("Give it to the user in person; it is not shown again.");
                return 0;
            }
            case "disable" -> {
                String name = name(args.size() < 2 ? "" : args.get(1));
                UserRow u = users.find(name).orElseThrow(() -> new IllegalArgumentException("no user " + name));
                users.save(new UserRow(u.tenant(), u.username(), u.role(), u.passwordHash(), true));
                audit.record(Actor.system(u.tenant()), Action.CONFIG_CHANGE, "user " + name, "local user disabled");
                out.println("User " + name + " is disabled.");
                return 0;
            }
            case "list" -> {
                for (UserRow u : users.list(municipality)) {
                    out.println(u.username() + "\t" + u.role() + (u.disabled() ? "\tdisabled" : ""));
                }
                return 0;
            }
            default -> throw new IllegalArgumentException("say add, disable or list");
        }
    }

    static String name(String name) {
        String n = name.strip();
        if (!n.matches("[A-Za-z0-9._@-]{2,64}") || CprNumbers.containsCprLike(n)) {
            throw new IllegalArgumentException("a user name is 2-64 letters, digits and . _ @ -, and never a CPR number");
        }
        return n;
    }

    static Role role(String role) {
        try {
            Role r = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
            if (r == Role.SYSTEM) {
                throw new IllegalArgumentException("no user has the system role");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the role is one of outreach_worker, team_lead, analyst, administrator, auditor");
        }
    }
}
