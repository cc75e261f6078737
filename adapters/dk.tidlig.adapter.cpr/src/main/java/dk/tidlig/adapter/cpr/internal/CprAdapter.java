package dk.tidlig.adapter.cpr.internal;

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
import dk.tidlig.adapter.cpr.internal.mapping.CprExtractMapper;
import dk.tidlig.adapter.cpr.internal.mapping.CprExtractWriter;
import dk.tidlig.adapter.route.InboxRouteBuilder;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.model.Indicator;

/** The CPR extract adapter: its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = CprAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + CprAdapter.ID)
@Designate(ocd = CprAdapter.Config.class)
public class CprAdapter extends InboxRouteBuilder {

    public static final String ID = "cpr";
    public static final String PID = "dk.tidlig.adapter.cpr";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "CPR",
            "CPR-kontorets udtræk (U12170-P, poster P12170): personer, adresser, navne, civilstand, børn, forældre og forældremyndighed",
            Set.of(Indicator.PARENTS_SEPARATION),
            Set.of(DataCategory.IDENTITY, DataCategory.FAMILY_RELATIONS),
            "Afgøre hvilke børn der er i målgruppen og hvilke voksne der hører til barnets familie (forældremyndighed, husstand), "
                    + "og genidentificere en udpeget familie til opsøgende arbejde.");

    @ObjectClassDefinition(name = "tidlig adapter: CPR extract",
            description = "Reads the CPR office's extract of the municipality's residents (fixed-width records P12170).")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the extract is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/cpr";

        @AttributeDefinition(name = "Encoding", description = "Character set of the extract. The CPR office writes ISO-8859-1.")
        String encoding() default "ISO-8859-1";

        @AttributeDefinition(name = "File names", description = "Regular expression for the file names to read.")
        String include() default "U12170-P.*";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the inbox is looked at.")
        long pollIntervalMs() default 5000;

        @AttributeDefinition(name = "Unchanged for (ms)",
                description = "A file is read only when it has not changed for this long, so a file still being written is never read.")
        long readLockMinAgeMs() default 10000;

        @AttributeDefinition(name = "Municipality code", description = "The municipality (tenant) the extract belongs to, e.g. 159.")
        String municipalityCode();
    }

    @Activate
    public CprAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest);
    }

    public CprAdapter(InboxSettings settings, IngestService ingest) {
        super(DESCRIPTOR, settings, ingest);
    }

    @Override
    protected LineMapper newMapper() {
        return new CprExtractMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new CprExtractWriter();
    }
}
