package dk.tidlig.adapter.schoolabsence.internal;

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
import dk.tidlig.adapter.schoolabsence.internal.mapping.SchoolAbsenceMapper;
import dk.tidlig.adapter.schoolabsence.internal.mapping.SchoolAbsenceWriter;

/** The school absence adapter: its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = SchoolAbsenceAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + SchoolAbsenceAdapter.ID)
@Designate(ocd = SchoolAbsenceAdapter.Config.class)
public class SchoolAbsenceAdapter extends InboxRouteBuilder {

    public static final String ID = "schoolabsence";
    public static final String PID = "dk.tidlig.adapter.schoolabsence";

    /** What the adapter is, for the legal-basis gate and the data inventory: say what it reads and why. */
    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Skolesystem",
            "Skolens kvartalsopgørelse af elevfravær (semikolonsepareret): dage med sygdom, lovligt og ulovligt fravær",
            Set.of(Indicator.CHILD_SCHOOL_ABSENCE),
            Set.of(DataCategory.EDUCATION),
            "Registrere kvartaler med ulovligt skolefravær på mindst 15 % som indikator i scoringsmodellen.");

    /** The settings every file adapter has (see InboxSettings.KEYS); add the adapter's own below them. */
    @ObjectClassDefinition(name = "tidlig adapter: school absence",
            description = "Reads the school's quarterly absence statistics and takes the quarters with much unlawful absence.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/schoolabsence";

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

        @AttributeDefinition(name = "Unlawful absence threshold (%)",
                description = "Share of a quarter's school days of unlawful absence that makes the quarter an indicator. "
                        + "15 is the rules' threshold at which the school must notify the municipality.")
        int unlawfulThresholdPercent() default 15;
    }

    private final int thresholdPercent;

    @Activate
    public SchoolAbsenceAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest, config.unlawfulThresholdPercent());
    }

    public SchoolAbsenceAdapter(InboxSettings settings, IngestService ingest, int thresholdPercent) {
        super(DESCRIPTOR, settings, ingest);
        this.thresholdPercent = thresholdPercent;
    }

    /** With the rules' threshold of 15 %. */
    public SchoolAbsenceAdapter(InboxSettings settings, IngestService ingest) {
        this(settings, ingest, 15);
    }

    @Override
    protected LineMapper newMapper() {
        return new SchoolAbsenceMapper(thresholdPercent);
    }

    @Override
    public ExportWriter exportWriter() {
        return new SchoolAbsenceWriter();
    }
}
