// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.InboxDefaults;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.cpr.internal.mapping.CprExtractMapper;
import dk.tidlig.adapter.cpr.internal.mapping.CprExtractWriter;
import dk.tidlig.model.Indicator;

/** The CPR extract adapter: its descriptor, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = CprAdapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SourceAdapter.ADAPTER_ID + "=" + CprAdapter.ID)
public class CprAdapter implements SourceAdapter {

    public static final String ID = "cpr";
    public static final String PID = "dk.tidlig.adapter.cpr";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "CPR",
            "CPR-kontorets udtræk (U12170-P, poster P12170): personer, adresser, navne, civilstand, børn, forældre og forældremyndighed",
            Set.of(Indicator.PARENTS_SEPARATION),
            Set.of(DataCategory.IDENTITY, DataCategory.FAMILY_RELATIONS),
            "Afgøre hvilke børn der er i målgruppen og hvilke voksne der hører til barnets familie (forældremyndighed, husstand), "
                    + "og genidentificere en udpeget familie til opsøgende arbejde.",
            InboxDefaults.of(ID, "U12170-P.*").withEncoding("ISO-8859-1"));

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new CprExtractMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new CprExtractWriter();
    }
}
