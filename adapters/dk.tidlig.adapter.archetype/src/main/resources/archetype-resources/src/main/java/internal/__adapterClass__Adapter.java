package ${package}.internal;

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
import dk.tidlig.model.Indicator;
import ${package}.internal.mapping.${adapterClass}Mapper;
import ${package}.internal.mapping.${adapterClass}Writer;

/** The ${sourceSystem} adapter: its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = ${adapterClass}Adapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + ${adapterClass}Adapter.ID)
@Designate(ocd = ${adapterClass}Adapter.Config.class)
public class ${adapterClass}Adapter extends InboxRouteBuilder {

    public static final String ID = "${adapterId}";
    public static final String PID = "dk.tidlig.adapter.${adapterId}";

    /** What the adapter is, for the legal-basis gate and the data inventory: say what it reads and why. */
    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "${sourceSystem}",
            "${sourceSystem}: udtræk (semikolonsepareret)",
            Set.of(Indicator.${indicator}),
            Set.of(DataCategory.${dataCategory}),
            "Registrere ${indicator} som indikator i scoringsmodellen.");

    /** The settings every file adapter has (see InboxSettings.KEYS); add the adapter's own below them. */
    @ObjectClassDefinition(name = "tidlig adapter: ${sourceSystem}", description = "Reads the export of ${sourceSystem}.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/${adapterId}";

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
    public ${adapterClass}Adapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest);
    }

    public ${adapterClass}Adapter(InboxSettings settings, IngestService ingest) {
        super(DESCRIPTOR, settings, ingest);
    }

    @Override
    protected LineMapper newMapper() {
        return new ${adapterClass}Mapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new ${adapterClass}Writer();
    }
}
