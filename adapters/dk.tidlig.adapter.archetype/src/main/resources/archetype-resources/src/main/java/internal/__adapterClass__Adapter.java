// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package ${package}.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.model.Indicator;
import ${package}.internal.mapping.${adapterClass}Mapper;
import ${package}.internal.mapping.${adapterClass}Writer;

/**
 * The ${sourceSystem} adapter: its descriptor, mapper and writer. The platform builds its inbox and ingest routes
 * from the descriptor and the inbox settings in its configuration (see dk.tidlig.adapter.InboxSettings). Settings of
 * its own would go in a {@code @interface Config} with {@code @Designate} and an {@code @Activate} constructor taking it.
 */
@Component(service = SourceAdapter.class, configurationPid = ${adapterClass}Adapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SourceAdapter.ADAPTER_ID + "=" + ${adapterClass}Adapter.ID)
public class ${adapterClass}Adapter implements SourceAdapter {

    public static final String ID = "${adapterId}";
    public static final String PID = "dk.tidlig.adapter.${adapterId}";

    /**
     * What the adapter is, for the legal-basis gate and the data inventory: say what it reads and why. Its inbox
     * is inbox/${adapterId}, with *.csv files in UTF-8, unless a further argument (InboxDefaults) says otherwise.
     */
    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "${sourceSystem}",
            "${sourceSystem}: udtræk (semikolonsepareret)",
            Set.of(Indicator.${indicator}),
            Set.of(DataCategory.${dataCategory}),
            "Registrere ${indicator} som indikator i scoringsmodellen.");

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new ${adapterClass}Mapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new ${adapterClass}Writer();
    }
}
