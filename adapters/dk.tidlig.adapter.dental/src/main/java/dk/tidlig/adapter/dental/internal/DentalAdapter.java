package dk.tidlig.adapter.dental.internal;

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
import dk.tidlig.adapter.dental.internal.mapping.DentalMapper;
import dk.tidlig.adapter.dental.internal.mapping.DentalWriter;
import dk.tidlig.adapter.route.InboxRouteBuilder;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.model.Indicator;

/** The municipal dental care adapter: its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = DentalAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + DentalAdapter.ID)
@Designate(ocd = DentalAdapter.Config.class)
public class DentalAdapter extends InboxRouteBuilder {

    public static final String ID = "dental";
    public static final String PID = "dk.tidlig.adapter.dental";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Kommunal tandpleje",
            "Den kommunale tandplejes aftaleudtræk (semikolonsepareret): børns udeblivelser",
            Set.of(Indicator.CHILD_DENTAL_NO_SHOW),
            Set.of(DataCategory.HEALTH),
            "Registrere børns udeblivelser fra den kommunale tandpleje som indikator i scoringsmodellen.");

    @ObjectClassDefinition(name = "tidlig adapter: municipal dental care",
            description = "Reads the municipal dental care's appointment export and takes the children's no-shows.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/dental";

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
    public DentalAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest);
    }

    public DentalAdapter(InboxSettings settings, IngestService ingest) {
        super(DESCRIPTOR, settings, ingest);
    }

    @Override
    protected LineMapper newMapper() {
        return new DentalMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new DentalWriter();
    }
}
