package dk.tidlig.adapter.substanceabuse.internal;

import java.util.Set;

import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.route.InboxRouteBuilder;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.adapter.substanceabuse.internal.mapping.SubstanceAbuseMapper;
import dk.tidlig.adapter.substanceabuse.internal.mapping.SubstanceAbuseWriter;
import dk.tidlig.model.Indicator;

/** The substance-abuse treatment adapter (the municipality's treatment system): its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = SubstanceAbuseAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + SubstanceAbuseAdapter.ID)
@Designate(ocd = SubstanceAbuseAdapter.Config.class)
public class SubstanceAbuseAdapter extends InboxRouteBuilder {

    public static final String ID = "substanceabuse";
    public static final String PID = "dk.tidlig.adapter.substanceabuse";

    /** What the adapter is, for the legal-basis gate and the data inventory: say what it reads and why. */
    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Misbrugsbehandling",
            "Misbrugsbehandlingens udtræk af behandlingsforløb (semikolonsepareret): start, slut, behandlingstype, hovedstof "
                    + "og lovgrundlag",
            Set.of(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT),
            Set.of(DataCategory.SUBSTANCE_ABUSE, DataCategory.HEALTH),
            "Registrere forældres forløb i alkohol- og stofmisbrugsbehandling som indikator i scoringsmodellen; annullerede "
                    + "forløb fjernes igen, og anonym behandling (serviceloven § 101 a) læses aldrig.");

    /** The settings every file adapter has (see InboxSettings.KEYS); this adapter has none of its own. */
    @ObjectClassDefinition(name = "tidlig adapter: substance-abuse treatment",
            description = "Reads the municipal substance-abuse treatment system's export of treatment episodes.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/substanceabuse";

        @AttributeDefinition(name = "Encoding", description = "Character set of the export: UTF-8 (a byte-order mark is allowed) or ISO-8859-1.")
        String encoding() default "UTF-8";

        @AttributeDefinition(name = "File names", description = "Regular expression for the file names to read.")
        String include() default ".*\\.csv";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the inbox is looked at.")
        long pollIntervalMs() default 5000;

        @AttributeDefinition(name = "Unchanged for (ms)",
                description = "A file is read only when it has not changed for this long, so a file still being written is never read.")
        long readLockMinAgeMs() default 10000;

        @AttributeDefinition(name = "Municipality code", description = "The municipality (tenant) the export belongs to, e.g. 159.")
        String municipalityCode();
    }

    @Activate
    public SubstanceAbuseAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest);
    }

    public SubstanceAbuseAdapter(InboxSettings settings, IngestService ingest) {
        super(DESCRIPTOR, settings, ingest);
    }

    @Override
    protected LineMapper newMapper() {
        return new SubstanceAbuseMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new SubstanceAbuseWriter();
    }
}
