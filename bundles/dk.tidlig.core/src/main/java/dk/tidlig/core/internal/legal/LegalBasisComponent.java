// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.legal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.LegalBasisException.Reason;
import dk.tidlig.core.LegalBasisGate;

/**
 * The legal basis from configuration PID {@code dk.tidlig.legalbasis}. Without one, or outside its
 * dates, scoring and re-identification refuse to run.
 *
 * <p>The gate exists only once config/dk.tidlig.legalbasis.cfg has been read (the distribution ships it,
 * with an empty id): otherwise a command that starts right away could be refused by a gate that had not
 * yet seen the basis FileInstall was about to deliver.
 */
@Component(service = LegalBasisGate.class, configurationPid = LegalBasisComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LegalBasisComponent.Config.class)
public class LegalBasisComponent implements LegalBasisGate {

    static final String PID = "dk.tidlig.legalbasis";

    @ObjectClassDefinition(name = "tidlig legal basis",
            description = "The legal basis under which the municipality scores families and re-identifies them for outreach, "
                    + "e.g. an executive order under Databeskyttelsesloven § 5, stk. 3. Without one in force, tidlig refuses.")
    public @interface Config {
        @AttributeDefinition(name = "Id", description = "Short id recorded with every score run, e.g. BEK-2026-123.", required = false)
        String id() default "";

        @AttributeDefinition(name = "Title", description = "The basis in words.", required = false)
        String title() default "";

        @AttributeDefinition(name = "Reference", description = "Where it is published: the executive order's number and date, a URL.",
                required = false)
        String reference() default "";

        @AttributeDefinition(name = "In force from", description = "First day it applies, yyyy-MM-dd.", required = false)
        String inForceFrom() default "";

        @AttributeDefinition(name = "In force until", description = "Last day it applies, yyyy-MM-dd; empty while it lasts.", required = false)
        String inForceUntil() default "";

        @AttributeDefinition(name = "Synthetic test data only",
                description = "True for the demo's basis: it covers invented persons only and is shown as such everywhere.")
        boolean syntheticDataOnly() default false;

        @AttributeDefinition(name = "Names a lottery of offers",
                description = "True only when the basis itself names a recorded lottery among the eligible households for the order of "
                        + "offers (a wait-list design, to measure whether the outreach helps). Without it, offerOrder = LOTTERY in "
                        + "dk.tidlig.outreach is refused.")
        boolean namesLottery() default false;
    }

    /** Framework property set by the launcher when it runs the demo, or a command against the demo's home (var/demo). */
    public static final String DEMO_PROPERTY = "tidlig.demo";

    private final Clock clock;
    private final boolean demoHome;
    private volatile Optional<LegalBasis> basis;
    private volatile String configurationProblem;
    private volatile Reason configurationReason;

    @Activate
    public LegalBasisComponent(BundleContext context, Config config) {
        this(config, Clock.systemDefaultZone(), "true".equals(context.getProperty(DEMO_PROPERTY)));
    }

    /** Outside the demo's home, on the system clock. */
    public LegalBasisComponent(Config config) {
        this(config, Clock.systemDefaultZone(), false);
    }

    /** Outside the demo's home. */
    public LegalBasisComponent(Config config, Clock clock) {
        this(config, clock, false);
    }

    /**
     * @param demoHome true when running in the demo's own home, the only place a basis for synthetic test data holds
     */
    public LegalBasisComponent(Config config, Clock clock, boolean demoHome) {
        this.clock = clock;
        this.demoHome = demoHome;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        configurationProblem = null;
        configurationReason = null;
        basis = Optional.empty();
        if (config.id().isBlank()) {
            return;
        }
        if (config.title().isBlank() || config.reference().isBlank() || config.inForceFrom().isBlank()) {
            configurationProblem = "the legal basis '" + config.id() + "' lacks a title, a reference or an in-force date";
            configurationReason = Reason.INCOMPLETE;
            return;
        }
        try {
            LocalDate from = LocalDate.parse(config.inForceFrom().strip());
            LocalDate until = config.inForceUntil().isBlank() ? null : LocalDate.parse(config.inForceUntil().strip());
            basis = Optional.of(new LegalBasis(config.id().strip(), config.title().strip(), config.reference().strip(), from, until,
                    config.syntheticDataOnly(), config.namesLottery()));
            if (config.syntheticDataOnly() && !demoHome) {
                // a copy of the demo's basis in a real installation must not let it score or re-identify real people
                configurationProblem = "the legal basis '" + config.id() + "' covers synthetic test data only, and holds only in the demo's "
                        + "own home (bin/tidlig demo, or a command with --demo)";
                configurationReason = Reason.SYNTHETIC_ONLY;
            }
        } catch (DateTimeParseException e) {
            configurationProblem = "the legal basis '" + config.id() + "' has a date that is not yyyy-MM-dd";
            configurationReason = Reason.BAD_DATE;
        }
    }

    @Override
    public Optional<LegalBasis> configured() {
        return basis;
    }

    @Override
    public LegalBasis require(String operation) throws LegalBasisException {
        String where = " Configure it in config/" + PID + ".cfg (see the README, \"Legal basis\").";
        if (configurationProblem != null) {
            throw new LegalBasisException(configurationReason, operation + " refused: " + configurationProblem + "." + where);
        }
        LegalBasis b = basis.orElseThrow(() -> new LegalBasisException(Reason.NONE_CONFIGURED, operation + " refused: no legal basis is configured." + where));
        LocalDate today = LocalDate.now(clock);
        if (!b.inForceOn(today)) {
            throw new LegalBasisException(Reason.NOT_IN_FORCE, operation + " refused: the legal basis '" + b.id() + "' is not in force on " + today
                    + " (it applies from " + b.inForceFrom() + (b.inForceUntil() == null ? "" : " until " + b.inForceUntil()) + ")." + where);
        }
        return b;
    }
}
