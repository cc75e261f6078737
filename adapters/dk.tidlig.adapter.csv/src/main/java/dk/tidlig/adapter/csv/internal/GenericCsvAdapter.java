package dk.tidlig.adapter.csv.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.csv.internal.mapping.CsvMapping;
import dk.tidlig.adapter.csv.internal.mapping.GenericCsvMapper;
import dk.tidlig.adapter.csv.internal.mapping.GenericCsvWriter;
import dk.tidlig.adapter.route.InboxRouteBuilder;
import dk.tidlig.adapter.route.InboxSettings;

/**
 * The generic CSV adapter: one instance per mapping, each a factory configuration
 * {@code config/dk.tidlig.adapter.csv-<name>.cfg} that names the adapter, its source system, its columns,
 * date format, delimiter, encoding and code table. Every instance is an adapter of its own, with its own id,
 * inbox and routes.
 */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = GenericCsvAdapter.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GenericCsvAdapter.Config.class, factory = true)
public class GenericCsvAdapter extends InboxRouteBuilder {

    public static final String FACTORY_PID = "dk.tidlig.adapter.csv";

    /**
     * The fixed settings of a mapping. Its code table is given as keys {@code code.<value> = <INDICATOR>}
     * or {@code code.<value> = NONE}, which metatype cannot describe; see the README.
     */
    @ObjectClassDefinition(name = "tidlig adapter: generic CSV mapping",
            description = "Reads a delimited export through a mapping: which columns hold the CPR number, the dates, the record id and "
                    + "the code, and which codes give which indicator.")
    public @interface Config {
        @AttributeDefinition(name = "Adapter id", description = "csv- and a short name, e.g. csv-aktiv; names the routes and the inbox.")
        String adapterId();

        @AttributeDefinition(name = "Source system", description = "The system the export comes from, as shown in explanations.")
        String sourceSystem();

        @AttributeDefinition(name = "Purpose", description = "Why the data is processed, for the data inventory.")
        String purpose();

        @AttributeDefinition(name = "Data categories", description = "Comma-separated: IDENTITY, FAMILY_RELATIONS, HEALTH, SUBSTANCE_ABUSE, "
                + "SOCIAL_CASES, EMPLOYMENT_AND_BENEFITS, EDUCATION.")
        String dataCategories();

        @AttributeDefinition(name = "Indicator", description = "The indicator every row gives, when there is no code column.", required = false)
        String indicator();

        @AttributeDefinition(name = "Delimiter", description = "The field delimiter: ; , | or \\t.")
        String delimiter() default ";";

        @AttributeDefinition(name = "Date format", description = "Pattern of the dates, e.g. dd-MM-yyyy, yyyy-MM-dd, dd.MM.yyyy.")
        String dateFormat() default "dd-MM-yyyy";

        @AttributeDefinition(name = "CPR column", description = "Header of the column with the CPR number.")
        String column_cpr();

        @AttributeDefinition(name = "Date column", description = "Header of the column with the date, or the start of a period.")
        String column_start();

        @AttributeDefinition(name = "End date column", description = "Header of the column with the end of a period, if any.", required = false)
        String column_end();

        @AttributeDefinition(name = "Id column", description = "Header of the column with the record's id in the source system.")
        String column_id();

        @AttributeDefinition(name = "Code column", description = "Header of the column whose value decides the indicator through the code table.",
                required = false)
        String column_code();

        @AttributeDefinition(name = "Unknown codes", description = "QUARANTINE or SKIP a row whose code is not in the code table.")
        String unknownCodes() default "QUARANTINE";

        @AttributeDefinition(name = "Inbox", description = "Folder the export is delivered to; default inbox/<adapter id>.", required = false)
        String inbox();

        @AttributeDefinition(name = "Encoding", description = "UTF-8 (a byte-order mark is allowed), ISO-8859-1 or windows-1252.")
        String encoding() default "UTF-8";

        @AttributeDefinition(name = "File names", description = "Regular expression for the file names to read.")
        String include() default ".*\\.csv";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the inbox is looked at.")
        long pollIntervalMs() default 5000;

        @AttributeDefinition(name = "Unchanged for (ms)", description = "A file is read only when it has not changed for this long.")
        long readLockMinAgeMs() default 10000;

        @AttributeDefinition(name = "Municipality code", description = "The municipality (tenant) the export belongs to.")
        String municipalityCode();
    }

    private final CsvMapping mapping;

    @Activate
    public GenericCsvAdapter(BundleContext context, Map<String, Object> properties, @Reference IngestService ingest) {
        this(CsvMapping.parse(properties), settings(properties, context), ingest);
    }

    public GenericCsvAdapter(CsvMapping mapping, InboxSettings settings, IngestService ingest) {
        super(mapping.descriptor(), settings, ingest);
        this.mapping = mapping;
    }

    /** The inbox settings, with the defaults every adapter has (a factory configuration has no metatype defaults). */
    static InboxSettings settings(Map<String, Object> properties, BundleContext context) {
        Map<String, Object> s = new HashMap<>(Map.of("encoding", "UTF-8", "include", ".*\\.csv", "pollIntervalMs", 5000L, "readLockMinAgeMs",
                10_000L));
        Object id = properties.get("adapterId");
        s.put("inbox", "inbox/" + id);
        for (String key : InboxSettings.KEYS) {
            Object v = properties.get(key);
            if (v != null && !v.toString().isBlank()) {
                s.put(key, v);
            }
        }
        return InboxSettings.from(s, context::getProperty);
    }

    @Override
    protected LineMapper newMapper() {
        return new GenericCsvMapper(mapping);
    }

    @Override
    public ExportWriter exportWriter() {
        return new GenericCsvWriter(mapping, settings().charset());
    }
}
