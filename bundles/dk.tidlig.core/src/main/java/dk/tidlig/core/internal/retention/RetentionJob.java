package dk.tidlig.core.internal.retention;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.store.RetentionStore;

/**
 * Purges risk events past the configured retention: on a schedule while tidlig runs, and on demand with
 * {@code bin/tidlig retention purge}. Every purge is audited, also one that found nothing.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=retention", configurationPid = RetentionJob.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RetentionJob.Config.class)
public class RetentionJob implements TidligCommand {

    public static final String PID = "dk.tidlig.retention";

    @ObjectClassDefinition(name = "tidlig retention", description = "How long risk events are kept.")
    public @interface Config {
        @AttributeDefinition(name = "Event retention (months)", description = "Events that ended longer ago than this are deleted. "
                + "A MUNICIPAL DECISION, to be set with the data protection officer; it must not be shorter than the scoring window.")
        int eventRetentionMonths() default 60;

        @AttributeDefinition(name = "Interval (hours)", description = "How often the purge runs while tidlig runs; 0 runs it only on demand.")
        int intervalHours() default 24;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionStore store;
    private final AuditTrail audit;
    private final Tenant tenant;
    private final int months;
    private final ScheduledExecutorService timer;

    @Activate
    public RetentionJob(@Reference RetentionStore store, @Reference AuditTrail audit, @Reference Tenant tenant, Config config) {
        this.store = store;
        this.audit = audit;
        this.tenant = tenant;
        this.months = config.eventRetentionMonths();
        if (months < 1) {
            throw new IllegalArgumentException("eventRetentionMonths must be at least 1");
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
            purge(LocalDate.now());
        } catch (RuntimeException e) {
            LOG.error("The retention purge failed; it runs again at the next interval", e);
        }
    }

    /** Purges the municipality's events that ended before {@code today} minus the retention. */
    int purge(LocalDate today) {
        LocalDate cutoff = today.minusMonths(months);
        int n = store.purgeEvents(tenant.municipalityCode(), cutoff);
        audit.record(Actor.system(tenant.municipalityCode()), Action.PURGE, "risk events", n + " events that ended before " + cutoff
                + " deleted (retention " + months + " months)");
        LOG.info("Retention: {} events that ended before {} deleted", n, cutoff);
        return n;
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
        LocalDate today = LocalDate.now();
        int n = purge(today);
        out.println(n + " events that ended before " + today.minusMonths(months) + " deleted (retention " + months + " months).");
        return 0;
    }
}
