// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.employment.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.InboxDefaults;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.employment.internal.mapping.EmploymentMapper;
import dk.tidlig.adapter.employment.internal.mapping.EmploymentWriter;
import dk.tidlig.adapter.employment.internal.mapping.SocioCodes;
import dk.tidlig.model.Indicator;

/** The employment and benefits adapter: its descriptor, settings, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = EmploymentAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + EmploymentAdapter.ID)
@Designate(ocd = EmploymentAdapter.Config.class)
public class EmploymentAdapter implements SourceAdapter {

    public static final String ID = "employment";
    public static final String PID = "dk.tidlig.adapter.employment";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Jobcenter",
            "Jobcentrets udtræk af forløb (semikolonsepareret) med Danmarks Statistiks socioøkonomiske koder: ledighed og overførselsindkomst",
            Set.of(Indicator.PARENT_UNEMPLOYED, Indicator.PARENT_TRANSFER_INCOME),
            Set.of(DataCategory.EMPLOYMENT_AND_BENEFITS),
            "Registrere forældres perioder med ledighed og overførselsindkomst som indikatorer i scoringsmodellen.",
            InboxDefaults.of(ID, ".*\\.csv").withEncoding("ISO-8859-1"));

    /** The adapter's own settings; the inbox's are the platform's, the same for every adapter (see InboxSettings). */
    @ObjectClassDefinition(name = "tidlig adapter: employment and benefits",
            description = "Reads the job centre's export of periods and takes the periods of unemployment and of transfer income.")
    public @interface Config {
        @AttributeDefinition(name = "Unemployment codes", description = "Socio-economic codes of unemployment periods, comma-separated.")
        String unemploymentCodes() default "200";

        @AttributeDefinition(name = "Transfer-income codes",
                description = "Socio-economic codes of transfer-income periods, comma-separated. Whether a benefit counts is a municipal decision.")
        String transferIncomeCodes() default "318,319,411";
    }

    private final SocioCodes codes;

    @Activate
    public EmploymentAdapter(Config config) {
        this(SocioCodes.parse(config.unemploymentCodes(), config.transferIncomeCodes()));
    }

    public EmploymentAdapter(SocioCodes codes) {
        this.codes = codes;
    }

    /** With the default code tables. */
    public EmploymentAdapter() {
        this(SocioCodes.parse("200", "318,319,411"));
    }

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new EmploymentMapper(codes);
    }

    @Override
    public ExportWriter exportWriter() {
        return new EmploymentWriter();
    }
}
