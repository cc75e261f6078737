package dk.tidlig.adapter.employment.internal;

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
import dk.tidlig.adapter.employment.internal.mapping.EmploymentMapper;
import dk.tidlig.adapter.employment.internal.mapping.EmploymentWriter;
import dk.tidlig.adapter.employment.internal.mapping.SocioCodes;
import dk.tidlig.adapter.route.InboxRouteBuilder;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.model.Indicator;

/** The employment and benefits adapter: its routes, configuration and descriptor. */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = EmploymentAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + EmploymentAdapter.ID)
@Designate(ocd = EmploymentAdapter.Config.class)
public class EmploymentAdapter extends InboxRouteBuilder {

    public static final String ID = "employment";
    public static final String PID = "dk.tidlig.adapter.employment";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Jobcenter",
            "Jobcentrets udtræk af forløb (semikolonsepareret) med Danmarks Statistiks socioøkonomiske koder: ledighed og overførselsindkomst",
            Set.of(Indicator.PARENT_UNEMPLOYED, Indicator.PARENT_TRANSFER_INCOME),
            Set.of(DataCategory.EMPLOYMENT_AND_BENEFITS),
            "Registrere forældres perioder med ledighed og overførselsindkomst som indikatorer i scoringsmodellen.");

    @ObjectClassDefinition(name = "tidlig adapter: employment and benefits",
            description = "Reads the job centre's export of periods and takes the periods of unemployment and of transfer income.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; relative to the distribution folder.")
        String inbox() default "inbox/employment";

        @AttributeDefinition(name = "Encoding", description = "Character set of the export: ISO-8859-1 or UTF-8 (a byte-order mark is allowed).")
        String encoding() default "ISO-8859-1";

        @AttributeDefinition(name = "File names", description = "Regular expression for the file names to read.")
        String include() default ".*\\.csv";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the inbox is looked at.")
        long pollIntervalMs() default 5000;

        @AttributeDefinition(name = "Unchanged for (ms)",
                description = "A file is read only when it has not changed for this long, so a file still being written is never read.")
        long readLockMinAgeMs() default 10000;

        @AttributeDefinition(name = "Municipality code", description = "The municipality (tenant) the export belongs to, e.g. 159.")
        String municipalityCode();

        @AttributeDefinition(name = "Unemployment codes", description = "Socio-economic codes of unemployment periods, comma-separated.")
        String unemploymentCodes() default "200";

        @AttributeDefinition(name = "Transfer-income codes",
                description = "Socio-economic codes of transfer-income periods, comma-separated. Whether a benefit counts is a municipal decision.")
        String transferIncomeCodes() default "318,319,411";
    }

    private final SocioCodes codes;

    @Activate
    public EmploymentAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest, SocioCodes.parse(config.unemploymentCodes(), config.transferIncomeCodes()));
    }

    public EmploymentAdapter(InboxSettings settings, IngestService ingest, SocioCodes codes) {
        super(DESCRIPTOR, settings, ingest);
        this.codes = codes;
    }

    /** With the default code tables. */
    public EmploymentAdapter(InboxSettings settings, IngestService ingest) {
        this(settings, ingest, SocioCodes.parse("200", "318,319,411"));
    }

    @Override
    protected LineMapper newMapper() {
        return new EmploymentMapper(codes);
    }

    @Override
    public ExportWriter exportWriter() {
        return new EmploymentWriter();
    }
}
