// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.csv.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.csv.internal.mapping.CsvMapping;
import dk.tidlig.adapter.csv.internal.mapping.GenericCsvMapper;
import dk.tidlig.adapter.csv.internal.mapping.GenericCsvWriter;

/**
 * The generic CSV adapter: one instance per mapping, each a factory configuration
 * {@code config/dk.tidlig.adapter.csv-<name>.cfg} that names the adapter, its source system, its columns,
 * date format, delimiter, encoding and code table. Every instance is an adapter of its own, with its own id,
 * inbox and routes.
 */
@Component(service = SourceAdapter.class, configurationPid = GenericCsvAdapter.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GenericCsvAdapter.Config.class, factory = true)
public class GenericCsvAdapter implements SourceAdapter {

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

    }

    private final CsvMapping mapping;
    private final Charset charset;

    @Activate
    public GenericCsvAdapter(Map<String, Object> properties) {
        this(CsvMapping.parse(properties), charset(properties));
    }

    /**
     * @param charset the encoding the synthetic files are written in: the one the configuration names for the inbox
     */
    public GenericCsvAdapter(CsvMapping mapping, Charset charset) {
        this.mapping = mapping;
        this.charset = charset;
    }

    /** The inbox's encoding: the synthetic export is written in it. A wrong name is the platform's to report; UTF-8 meanwhile. */
    private static Charset charset(Map<String, Object> properties) {
        Object name = properties.get(InboxSettings.ENCODING);
        try {
            return name == null || name.toString().isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name.toString().strip());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public AdapterDescriptor descriptor() {
        return mapping.descriptor();
    }

    @Override
    public LineMapper newMapper() {
        return new GenericCsvMapper(mapping);
    }

    @Override
    public ExportWriter exportWriter() {
        return new GenericCsvWriter(mapping, charset);
    }
}
