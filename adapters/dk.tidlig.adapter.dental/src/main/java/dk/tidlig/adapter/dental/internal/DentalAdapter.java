// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.dental.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.dental.internal.mapping.DentalMapper;
import dk.tidlig.adapter.dental.internal.mapping.DentalWriter;
import dk.tidlig.model.Indicator;

/** The municipal dental care adapter: its descriptor, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = DentalAdapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SourceAdapter.ADAPTER_ID + "=" + DentalAdapter.ID)
public class DentalAdapter implements SourceAdapter {

    public static final String ID = "dental";
    public static final String PID = "dk.tidlig.adapter.dental";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Kommunal tandpleje",
            "Den kommunale tandplejes aftaleudtræk (semikolonsepareret): børns udeblivelser",
            Set.of(Indicator.CHILD_DENTAL_NO_SHOW),
            Set.of(DataCategory.HEALTH),
            "Registrere børns udeblivelser fra den kommunale tandpleje som indikator i scoringsmodellen.");

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new DentalMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new DentalWriter();
    }
}
