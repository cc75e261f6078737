// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.DeployedAdapters;
import dk.tidlig.core.CommandArguments;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.SourceFreshness;

/**
 * {@code bin/tidlig deliveries [--adapter ID] [--limit N] [--municipality NNN]}: one JSON line per delivery, newest first,
 * with its status, counts, duration, who or what delivered it, and for a running one its progress, rate and time left.
 * {@code deliveries sources}: one line per adapter with when its source last delivered and whether it is overdue.
 * Nothing in it identifies a citizen.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=deliveries")
public class DeliveriesCommand implements TidligCommand {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Operations operations;
    private final Tenant tenant;
    private final org.osgi.framework.BundleContext context;

    /** The deployed adapters' inboxes: the sources are listed once those configured and in deploy/ are there. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<AdapterInbox> inboxes = List.of();

    @Activate
    public DeliveriesCommand(org.osgi.framework.BundleContext context, @Reference Operations operations, @Reference Tenant tenant) {
        this.context = context;
        this.operations = operations;
        this.tenant = tenant;
    }

    /**
     * Waits, at most a minute, until every adapter with its bundle in deploy/ and its configuration in place runs: a
     * command starts its own framework, and FileInstall deploys the adapters while the command starts (a source
     * missing from the list was a race in LauncherIT).
     */
    private void awaitAdapters() throws InterruptedException {
        DeployedAdapters.awaitExpected(() -> inboxes.stream().map(i -> i.adapter().descriptor().id()).toList(),
                DeployedAdapters.expected(context), 60_000);
    }

    @Override
    public String usage() {
        return "deliveries [--adapter ID] [--limit N] [--municipality NNN] | deliveries sources [--municipality NNN]";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        boolean sources = !args.isEmpty() && args.get(0).equals("sources");
        CommandArguments a = new CommandArguments(sources ? args.subList(1, args.size()) : args,
                sources ? Set.of("--municipality") : Set.of("--adapter", "--limit", "--municipality"), Set.of());
        Actor actor = Actor.system(municipality(a, tenant));
        Instant now = Instant.now();
        if (sources) {
            awaitAdapters();
            for (SourceFreshness f : operations.freshness(actor)) {
                out.println(JSON.writeValueAsString(source(f, now)));
            }
            return 0;
        }
        for (Delivery d : operations.deliveries(actor, a.text("--adapter", null), a.number("--limit", 100, 1, 10_000))) {
            out.println(line(d, now));
        }
        return 0;
    }

    /** The municipality a command acts in: {@code --municipality}, or the installation's own. */
    static String municipality(CommandArguments a, Tenant tenant) {
        String m = a.text("--municipality", tenant.municipalityCode()).strip().replaceFirst("^0", "");
        if (!m.matches("[1-9]\\d{2}")) {
            throw new IllegalArgumentException("--municipality takes a three-digit municipality code");
        }
        return m;
    }

    static String line(Delivery d, Instant now) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivery", d.id());
        m.put("adapter", d.adapterId());
        m.put("file", d.fileName());
        m.put("status", d.status().name().toLowerCase(Locale.ROOT));
        m.put("bytes", d.bytes());
        m.put("lines", d.lines());
        m.put("accepted", d.accepted());
        m.put("duplicates", d.duplicates());
        m.put("quarantined", d.quarantined());
        m.put("skipped", d.skipped());
        m.put("started", d.startedAt().toString());
        if (d.finishedAt() != null) {
            m.put("finished", d.finishedAt().toString());
        }
        m.put("seconds", d.duration(now).toMillis() / 1000.0);
        if (d.deliveredBy() != null) {
            m.put("delivered_by", d.deliveredBy());
        }
        if (d.status() == Delivery.Status.RUNNING || d.status() == Delivery.Status.INTERRUPTED) {
            m.put("progress", Math.round(d.progress() * 1000) / 1000.0);
            m.put("last_line", d.linesDone());
            d.linesPerSecond(now).ifPresent(r -> m.put("lines_per_second", Math.round(r)));
            d.timeLeft(now).ifPresent(t -> m.put("seconds_left", t.toSeconds()));
        }
        if (d.reason() != null) {
            m.put("reason", d.reason());
        }
        return JSON.writeValueAsString(m);
    }

    static Map<String, Object> source(SourceFreshness f, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("adapter", f.adapterId());
        m.put("source", f.sourceSystem());
        m.put("interval", f.interval() == null ? null : f.intervalText());
        m.put("last_delivery", f.lastCompleted() == null ? null : f.lastCompleted().toString());
        f.age(now).ifPresent(age -> m.put("days_since", Math.round(age.toHours() / 2.4) / 10.0));
        m.put("overdue", f.overdue(now));
        return m;
    }
}
