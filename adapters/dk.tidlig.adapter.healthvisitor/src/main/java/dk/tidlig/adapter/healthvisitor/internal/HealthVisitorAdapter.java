// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.healthvisitor.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.healthvisitor.internal.mapping.VisitMapper;
import dk.tidlig.adapter.healthvisitor.internal.mapping.VisitWriter;
import dk.tidlig.model.Indicator;

/** The health visitor adapter: its descriptor, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = HealthVisitorAdapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SourceAdapter.ADAPTER_ID + "=" + HealthVisitorAdapter.ID)
public class HealthVisitorAdapter implements SourceAdapter {

    public static final String ID = "healthvisitor";
    public static final String PID = "dk.tidlig.adapter.healthvisitor";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Sundhedspleje",
            "Sundhedsplejens besøgsliste (semikolonsepareret): udeblivelser fra konsultationer og hjemmebesøg hvor ingen var hjemme",
            Set.of(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW),
            Set.of(DataCategory.HEALTH),
            "Registrere børns udeblivelser fra sundhedsplejen som indikator i scoringsmodellen.");

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new VisitMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new VisitWriter();
    }
}
