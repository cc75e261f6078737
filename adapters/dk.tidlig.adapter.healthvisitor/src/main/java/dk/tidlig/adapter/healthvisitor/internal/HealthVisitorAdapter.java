package dk.tidlig.adapter.healthvisitor.internal;

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
import dk.tidlig.adapter.healthvisitor.internal.mapping.VisitMapper;
import dk.tidlig.adapter.healthvisitor.internal.mapping.VisitWriter;
import dk.tidlig.adapter.route.InboxRouteBuilder;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.model.Indicator;

/** The health visitor adapter: its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = HealthVisitorAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + HealthVisitorAdapter.ID)
@Designate(ocd = HealthVisitorAdapter.Config.class)
public class HealthVisitorAdapter extends InboxRouteBuilder {

    public static final String ID = "healthvisitor";
    public static final String PID = "dk.tidlig.adapter.healthvisitor";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Sundhedspleje",
            "Sundhedsplejens besøgsliste (semikolonsepareret): udeblivelser fra konsultationer og hjemmebesøg hvor ingen var hjemme",
            Set.of(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW),
            Set.of(DataCategory.HEALTH),
            "Registrere børns udeblivelser fra sundhedsplejen som indikator i scoringsmodellen.");

    @ObjectClassDefinition(name = "tidlig adapter: health visitor",
            description = "Reads the health visitors' visit list and takes the missed visits.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/healthvisitor";

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
    public HealthVisitorAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest);
    }

    public HealthVisitorAdapter(InboxSettings settings, IngestService ingest) {
        super(DESCRIPTOR, settings, ingest);
    }

    @Override
    protected LineMapper newMapper() {
        return new VisitMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new VisitWriter();
    }
}
