// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.notifications.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.notifications.internal.mapping.ChildCaseMapper;
import dk.tidlig.adapter.notifications.internal.mapping.NotificationWriter;
import dk.tidlig.model.Indicator;

/** The children's notifications adapter (the children's case system): its descriptor, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = NotificationAdapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = SourceAdapter.ADAPTER_ID + "=" + NotificationAdapter.ID)
public class NotificationAdapter implements SourceAdapter {

    public static final String ID = "notifications";
    public static final String PID = "dk.tidlig.adapter.notifications";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Børne- og ungesag",
            "Børne- og ungesagssystemets udtræk af modtagne underretninger om børn (modtagelsesdato, KLE-nummer, underretter, status) "
                    + "og af bevilgede foranstaltninger efter Barnets Lov (forebyggende indsats, anbringelse; periode og paragraf), "
                    + "semikolonseparerede",
            Set.of(Indicator.CHILD_NOTIFICATION, Indicator.CHILD_PREVENTIVE_MEASURE, Indicator.CHILD_PLACEMENT),
            Set.of(DataCategory.SOCIAL_CASES),
            "Registrere modtagne underretninger om børn (KLE-gruppe 27.24, særlig støtte til børn og unge) som indikator i "
                    + "scoringsmodellen, og bevilgede foranstaltninger som det udfald, modellen evalueres på; annullerede rækker fjernes igen.");

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new ChildCaseMapper();
    }

    @Override
    public ExportWriter exportWriter() {
        return new NotificationWriter();
    }
}
