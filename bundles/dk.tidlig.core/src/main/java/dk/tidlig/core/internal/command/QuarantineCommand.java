// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.QuarantinedLine;

/**
 * {@code bin/tidlig quarantine}: the lines of deliveries kept aside. {@code list [--delivery ID] [--open] [--limit N]}: one
 * JSON line per line (delivery, line number, reason, whether corrected), never its content; {@code show <id> --reason TEXT}:
 * the line's content for the operator, audited with the reason and the operating-system user; {@code resolve <delivery>
 * --by <delivery>}: a later delivery of the corrected lines resolves the delivery's open lines, audited.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=quarantine")
public class QuarantineCommand implements TidligCommand {

    private final Operations operations;
    private final Tenant tenant;

    @Activate
    public QuarantineCommand(@Reference Operations operations, @Reference Tenant tenant) {
        this.operations = operations;
        this.tenant = tenant;
    }

    @Override
    public String usage() {
        return "quarantine list [--delivery ID] [--open] [--limit N] | quarantine show <id> --reason TEXT | quarantine resolve <delivery> --by <delivery>"
                + " (each with [--municipality NNN])";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say list, show or resolve");
        }
        switch (args.get(0)) {
            case "list" -> {
                CommandArguments a = new CommandArguments(args.subList(1, args.size()), Set.of("--delivery", "--limit", "--municipality"), Set.of("--open"));
                Actor actor = Actor.system(DeliveriesCommand.municipality(a, tenant));
                Long delivery = a.has("--delivery") ? id(a.text("--delivery", null), "--delivery") : null;
                for (QuarantinedLine q : operations.quarantine(actor, delivery, a.flag("--open"), a.number("--limit", 1000, 1, 100_000))) {
                    out.println(DeliveriesCommand.JSON.writeValueAsString(json(q)));
                }
                return 0;
            }
            case "show" -> {
                long id = args.size() > 1 ? id(args.get(1), "show") : id(null, "show");
                CommandArguments a = new CommandArguments(args.subList(2, args.size()), Set.of("--reason", "--municipality"), Set.of());
                String reason = a.text("--reason", null);
                if (reason == null) {
                    throw new IllegalArgumentException("say why you read the line (--reason TEXT): it goes into the audit trail");
                }
                Actor actor = new Actor("os:" + OsUser.name(), dk.tidlig.core.access.Role.SYSTEM, DeliveriesCommand.municipality(a, tenant));
                out.println(operations.openQuarantinedLine(actor, id, reason));
                return 0;
            }
            case "resolve" -> {
                long delivery = args.size() > 1 ? id(args.get(1), "resolve") : id(null, "resolve");
                CommandArguments a = new CommandArguments(args.subList(2, args.size()), Set.of("--by", "--municipality"), Set.of());
                if (!a.has("--by")) {
                    throw new IllegalArgumentException("name the delivery of the corrected lines (--by ID)");
                }
                Actor actor = new Actor("os:" + OsUser.name(), dk.tidlig.core.access.Role.SYSTEM, DeliveriesCommand.municipality(a, tenant));
                int n = operations.resolveQuarantine(actor, delivery, id(a.text("--by", null), "--by"));
                out.println("{\"delivery\":" + delivery + ",\"resolved\":" + n + "}");
                return 0;
            }
            default -> throw new IllegalArgumentException("say list, show or resolve");
        }
    }

    private static long id(String s, String what) {
        if (s == null || !s.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(what + " takes an id, as 'deliveries' or 'quarantine list' shows it");
        }
        return Long.parseLong(s);
    }

    static Map<String, Object> json(QuarantinedLine q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("delivery", q.deliveryId());
        m.put("adapter", q.adapterId());
        m.put("line", q.line());
        m.put("reason", q.reason());
        m.put("quarantined", q.quarantinedAt().toString());
        if (q.resolvedBy() != null) {
            m.put("resolved_by", q.resolvedBy());
        }
        return m;
    }
}
