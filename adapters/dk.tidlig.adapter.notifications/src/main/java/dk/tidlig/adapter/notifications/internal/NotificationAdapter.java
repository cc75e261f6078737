package dk.tidlig.adapter.notifications.internal;

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
import dk.tidlig.adapter.notifications.internal.mapping.ChildCaseMapper;
import dk.tidlig.adapter.notifications.internal.mapping.NotificationWriter;
import dk.tidlig.model.Indicator;

/** The children's notifications adapter (the children's case system): its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = NotificationAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + NotificationAdapter.ID)
@Designate(ocd = NotificationAdapter.Config.class)
public class NotificationAdapter extends InboxRouteBuilder {

    public static final String ID = "notifications";
    public static final String PID = "dk.tidlig.adapter.notifications";

    /** What the adapter is, for the legal-basis gate and the data inventory: say what it reads and why. */
    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Børne- og ungesag",
            "Børne- og ungesagssystemets udtræk af modtagne underretninger om børn (modtagelsesdato, KLE-nummer, underretter, status) "
                    + "og af bevilgede foranstaltninger efter Barnets Lov (forebyggende indsats, anbringelse; periode og paragraf), "
                    + "semikolonseparerede",
            Set.of(Indicator.CHILD_NOTIFICATION, Indicator.CHILD_PREVENTIVE_MEASURE, Indicator.CHILD_PLACEMENT),
            Set.of(DataCategory.SOCIAL_CASES),
            "Registrere modtagne underretninger om børn (KLE-gruppe 27.24, særlig støtte til børn og unge) som indikator i "
                    + "scoringsmodellen, og bevilgede foranstaltninger som det udfald, modellen evalueres på; annullerede rækker fjernes igen.");

    /** The settings every file adapter has (see InboxSettings.KEYS); this adapter has none of its own. */
    @ObjectClassDefinition(name = "tidlig adapter: children's notifications",
            description = "Reads the children's case system's export of notifications received about children.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/notifications";

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
    public NotificationAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest);
    }

    public NotificationAdapter(InboxSettings settings, IngestService ingest) {
        super(DESCRIPTOR, settings, ingest);
    }

    @Override
    protected LineMapper newMapper() {
        return new ChildCaseMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new NotificationWriter();
    }
}
