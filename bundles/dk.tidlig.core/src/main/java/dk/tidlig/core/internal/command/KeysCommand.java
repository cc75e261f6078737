// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.crypto.KeyPurpose;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.internal.crypto.Rekeyer;
import dk.tidlig.model.Polling;
import dk.tidlig.store.KeyGenerationStore;

/**
 * {@code bin/tidlig keys init}: creates the key file named in config/dk.tidlig.keys.cfg, if there is none.
 * {@code keys rotate audit|vault}: replaces the audit chain's key or the active vault key, leaving every other
 * key as it is (the key file is rewritten in place, readable by its owner only; restart tidlig afterwards).
 * {@code keys rekey pseudonym|household|family}: replaces the pseudonym, household or family-id key and carries the database over to it,
 * one municipality at a time (see {@link Rekeyer}). Only this needs the database: the others run without one.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=keys", configurationPid = KeyRing.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class KeysCommand implements TidligCommand {

    /** How long {@code rekey} waits for the database and the audit trail to come up. */
    private static final Duration DATABASE_WAIT = Duration.ofSeconds(60);

    private final Path file;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile KeyGenerationStore generations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrail audit;

    @Activate
    public KeysCommand(BundleContext context, KeyRing.Config config) {
        this.file = KeyRing.file(context, config);
    }

    @Override
    public String usage() {
        return "keys init | keys rotate audit|vault | keys rekey pseudonym|household|family";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.size() == 2 && args.get(0).equals("rotate")) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("there is no key file at " + file + " to rotate");
            }
            out.println("Rotated in " + file + ": " + KeyRing.rotate(file, args.get(1)) + ". Restart tidlig to use it.");
            return 0;
        }
        if (args.size() == 2 && args.get(0).equals("rekey")) {
            return rekey(args.get(1), out);
        }
        if (args.size() != 1 || !args.get(0).equals("init")) {
            throw new IllegalArgumentException("say 'keys init', 'keys rotate audit|vault' or 'keys rekey pseudonym|household|family'");
        }
        if (Files.exists(file)) {
            out.println("A key file already exists at " + file + "; it was left as it is.");
            return 1;
        }
        KeyRing.create(file);
        out.println("Created " + file + " (readable by its owner only). Keep a copy in a safe place, apart from the database backups.");
        return 0;
    }

    private int rekey(String what, PrintStream out) throws Exception {
        KeyPurpose purpose = switch (what) {
            case "pseudonym" -> KeyPurpose.PSEUDONYM;
            case "family" -> KeyPurpose.FAMILY;
            case "household" -> KeyPurpose.HOUSEHOLD;
            default -> throw new IllegalArgumentException("only the pseudonym, household and family-id keys are rekeyed: "
                    + "'keys rekey pseudonym|household|family'");
        };
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("there is no key file at " + file + " to rekey");
        }
        KeyGenerationStore store = Polling.until(() -> generations, s -> s != null, DATABASE_WAIT);
        AuditTrail trail = Polling.until(() -> audit, s -> s != null, DATABASE_WAIT);
        if (store == null || trail == null) {
            throw new Refused(3, "the database did not come up within " + DATABASE_WAIT.toSeconds() + " s; check config/dk.tidlig.database.cfg");
        }
        Rekeyer rekeyer = new Rekeyer(file, store);
        Rekeyer.Plan plan = rekeyer.plan(purpose);
        if (plan.raised()) {
            out.println("The " + what + " key in " + file + " is now generation " + plan.generation() + ", from a secret of its own.");
        } else {
            out.println("Continuing the rekeying to generation " + plan.generation() + " of the " + what + " key that did not finish.");
        }
        for (String tenant : plan.tenants()) {
            // on record before it starts, so that a process that dies after the commit leaves the trail saying it began
            trail.record(Actor.system(tenant), Action.KEYS_REKEYED, what + " key", "carrying the municipality's rows over to generation "
                    + plan.generation() + " of the " + what + " key, by OS user " + OsUser.name());
            Map<String, Integer> changed = rekeyer.rekey(purpose, tenant, plan.generation());
            String rows = new TreeMap<>(changed).entrySet().stream().filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
            trail.record(Actor.system(tenant), Action.KEYS_REKEYED, what + " key", "the municipality's rows carried over to generation "
                    + plan.generation() + " of the " + what + " key by OS user " + OsUser.name() + (rows.isEmpty() ? "" : "; " + rows));
            out.println("Municipality " + tenant + ": held under generation " + plan.generation() + (rows.isEmpty() ? "" : " (" + rows + ")") + ".");
        }
        out.println("Done. Copy " + file + " to every other node, then start tidlig: a node with the older key file refuses to ingest, "
                + "score or look up a person.");
        return 0;
    }
}
