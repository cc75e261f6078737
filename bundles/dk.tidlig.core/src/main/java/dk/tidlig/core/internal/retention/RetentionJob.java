// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.retention;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.ingest.DeliveryArchive;
import dk.tidlig.store.RetentionStore;

/**
 * Deletes data about people past its retention, in every table that holds any and for every municipality of the
 * installation: on a schedule while tidlig runs, and on demand with {@code bin/tidlig retention purge}. Every purge
 * is audited per municipality with the number of rows per table, also one that found nothing.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=retention", configurationPid = RetentionJob.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RetentionJob.Config.class)
public class RetentionJob implements TidligCommand {

    public static final String PID = "dk.tidlig.retention";

    @ObjectClassDefinition(name = "tidlig retention", description = "How long data about people is kept. Each period is a MUNICIPAL DECISION, "
            + "to be set with the data protection officer; the data inventory shows them.")
    public @interface Config {
        @AttributeDefinition(name = "Events (months)", description = "Risk events that ended longer ago than this are deleted, and not stored "
                + "again when an old file is delivered again. It must not be shorter than the scoring window.")
        int eventRetentionMonths() default 60;

        @AttributeDefinition(name = "No longer delivered (months)", description = "Persons, addresses, relations, names and CPR numbers that no "
                + "delivery has held for this long are deleted (people who moved away, relations and names that ended), with the events of "
                + "persons of whom nothing else is left. Longer than the longest interval between two full CPR extracts.")
        int notDeliveredMonths() default 6;

        @AttributeDefinition(name = "Score runs (months)", description = "Score runs older than this are deleted with their explained results; "
                + "the newest run is always kept.")
        int scoreRunRetentionMonths() default 36;

        @AttributeDefinition(name = "Closed cases (months)", description = "Outreach cases closed longer ago than this are deleted with their "
                + "history (a declined family's case is erased at once).")
        int closedCaseRetentionMonths() default 24;

        @AttributeDefinition(name = "Quarantine (days)", description = "Quarantined lines (kept sealed) are deleted after this many days.")
        int quarantineRetentionDays() default 90;

        @AttributeDefinition(name = "Access requests (months)", description = "The register of citizens' access requests is kept this long.")
        int accessRequestRetentionMonths() default 60;

        @AttributeDefinition(name = "Audit trail (months)", description = "Audit entries older than this are deleted, from the oldest; the "
                + "chain still verifies from the first entry kept. Long enough for complaints, inspections and the Danish Data Protection "
                + "Agency's questions about who saw what.")
        int auditRetentionMonths() default 60;

        @AttributeDefinition(name = "Interval (hours)", description = "How often the purge runs while tidlig runs; 0 runs it only on demand.")
        int intervalHours() default 24;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionStore store;
    private final dk.tidlig.store.OnceStore once;
    private final DeliveryArchive archive;
    private final AuditTrail audit;
    private final Config config;
    private final ScheduledExecutorService timer;

    @Activate
    public RetentionJob(@Reference RetentionStore store, @Reference dk.tidlig.store.OnceStore once, @Reference DeliveryArchive archive,
            @Reference AuditTrail audit, Config config) {
        this.store = store;
        this.once = once;
        this.archive = archive;
        this.audit = audit;
        this.config = config;
        for (int period : new int[] {config.eventRetentionMonths(), config.notDeliveredMonths(), config.scoreRunRetentionMonths(),
                config.closedCaseRetentionMonths(), config.quarantineRetentionDays(), config.accessRequestRetentionMonths(),
                config.auditRetentionMonths()}) {
            if (period < 1) {
                throw new IllegalArgumentException("every retention period in config/" + PID + ".cfg must be at least 1");
            }
        }
        if (config.intervalHours() > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tidlig-retention"));
            timer.scheduleWithFixedDelay(this::scheduled, 10, TimeUnit.HOURS.toMinutes(config.intervalHours()), TimeUnit.MINUTES);
        } else {
            timer = null;
        }
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void scheduled() {
        try {
            scheduled(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.error("The retention purge failed; it runs again at the next interval: {}", e.getMessage());
        }
    }

    /**
     * The scheduled purge at {@code now}: the database's part once in each interval, by whichever node comes first (two
     * nodes on one database do not both run it); each node's own archive of sealed deliveries, on each node.
     *
     * @return whether this node ran the database's part
     */
    boolean scheduled(java.time.Instant now) {
        long interval = TimeUnit.HOURS.toMillis(Math.max(1, config.intervalHours()));
        long slot = now.toEpochMilli() / interval;
        byte[] id;
        try {
            id = java.security.MessageDigest.getInstance("SHA-256").digest(("retention " + interval + " " + slot).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        LocalDate today = now.atZone(java.time.ZoneId.systemDefault()).toLocalDate();
        if (once.useOnce(id, java.time.Instant.ofEpochMilli((slot + 2) * interval))) {
            try {
                purge(today);
            } catch (RuntimeException e) {
                // failed: the interval's purge is not done, and whichever node comes next may do it
                once.forget(id);
                throw e;
            }
            return true;
        }
        try {
            Map<String, Integer> sealed = archive.purge(today);
            LOG.info("Retention: another node purged the database in this interval; {} sealed deliveries deleted from this node's archive",
                    sealed.values().stream().mapToInt(Integer::intValue).sum());
        } catch (java.io.IOException e) {
            LOG.error("The archive of deliveries could not be purged: {}", e.getMessage());
        }
        return false;
    }

    /** The cut-offs of a purge on the day. */
    RetentionStore.Policy policy(LocalDate today) {
        return new RetentionStore.Policy(today.minusMonths(config.eventRetentionMonths()), today.minusMonths(config.notDeliveredMonths()),
                today.minusMonths(config.scoreRunRetentionMonths()), today.minusMonths(config.closedCaseRetentionMonths()),
                today.minusDays(config.quarantineRetentionDays()), today.minusMonths(config.accessRequestRetentionMonths()), today);
    }

    /** Purges every municipality's data past its retention on the day; returns what was deleted, per municipality and table. */
    Map<String, Map<String, Integer>> purge(LocalDate today) {
        RetentionStore.Policy policy = policy(today);
        Map<String, Map<String, Integer>> all = new java.util.TreeMap<>();
        Map<String, Integer> sealed;
        try {
            sealed = archive.purge(today);
        } catch (java.io.IOException e) {
            LOG.error("The archive of deliveries could not be purged: {}", e.getMessage());
            sealed = Map.of();
        }
        java.util.Set<String> tenants = new java.util.TreeSet<>(store.tenants());
        tenants.addAll(sealed.keySet());
        for (String tenant : tenants) {
            Map<String, Integer> purged = new java.util.LinkedHashMap<>(store.purge(tenant, policy));
            if (sealed.containsKey(tenant)) {
                purged.put("sealed deliveries", sealed.get(tenant));
            }
            all.put(tenant, purged);
            audit.record(Actor.system(tenant), Action.PURGE, "retention", describe(purged) + " (events ended before " + policy.eventsEndedBefore()
                    + ", not delivered since " + policy.notDeliveredSince() + ")");
            LOG.info("Retention in municipality {}: {}", tenant, describe(purged));
        }
        // one chain for the installation: its oldest entries go once, and each municipality's trail says how many of its own
        if (!tenants.isEmpty()) {
            Map<String, Long> entries = audit.purgeBefore(today.minusMonths(config.auditRetentionMonths()).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant());
            entries.forEach((tenant, n) -> all.computeIfAbsent(tenant, t -> new java.util.LinkedHashMap<>()).put("audit_entry",
                    (int) Math.min(Integer.MAX_VALUE, n)));
            if (!entries.isEmpty()) {
                LOG.info("Retention of the audit trail: {} entries older than {} months deleted", entries.values().stream().mapToLong(Long::longValue)
                        .sum(), config.auditRetentionMonths());
            }
        }
        return all;
    }

    static String describe(Map<String, Integer> purged) {
        if (purged.isEmpty()) {
            return "nothing past its retention";
        }
        return purged.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + " deleted";
    }

    @Override
    public String usage() {
        return "retention purge";
    }

    @Override
    public int execute(List<String> args, PrintStream out) {
        if (!args.equals(List.of("purge"))) {
            throw new IllegalArgumentException("the only retention command is 'purge'");
        }
        Map<String, Map<String, Integer>> purged = purge(LocalDate.now());
        if (purged.isEmpty()) {
            out.println("No data held yet.");
        }
        purged.forEach((tenant, rows) -> out.println("Municipality " + tenant + ": " + describe(rows) + "."));
        return 0;
    }
}
