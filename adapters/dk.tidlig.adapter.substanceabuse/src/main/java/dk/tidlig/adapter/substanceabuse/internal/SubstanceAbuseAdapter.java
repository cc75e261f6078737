// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.substanceabuse.internal.mapping.SubstanceAbuseMapper;
import dk.tidlig.adapter.substanceabuse.internal.mapping.SubstanceAbuseWriter;
import dk.tidlig.model.Indicator;

/** The substance-abuse treatment adapter (the municipality's treatment system): its descriptor, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = SubstanceAbuseAdapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SourceAdapter.ADAPTER_ID + "=" + SubstanceAbuseAdapter.ID)
public class SubstanceAbuseAdapter implements SourceAdapter {

    public static final String ID = "substanceabuse";
    public static final String PID = "dk.tidlig.adapter.substanceabuse";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Misbrugsbehandling",
            "Misbrugsbehandlingens udtræk af behandlingsforløb (semikolonsepareret): start, slut, behandlingstype, hovedstof "
                    + "og lovgrundlag",
            Set.of(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT),
            Set.of(DataCategory.SUBSTANCE_ABUSE, DataCategory.HEALTH),
            "Registrere forældres forløb i alkohol- og stofmisbrugsbehandling som indikator i scoringsmodellen; annullerede "
                    + "forløb fjernes igen, og anonym behandling (serviceloven § 101 a) læses aldrig.");

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new SubstanceAbuseMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new SubstanceAbuseWriter();
    }
}
