// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.schoolabsence.internal;

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
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.model.Indicator;
import dk.tidlig.adapter.schoolabsence.internal.mapping.SchoolAbsenceMapper;
import dk.tidlig.adapter.schoolabsence.internal.mapping.SchoolAbsenceWriter;

/** The school absence adapter: its descriptor, settings, mapper and writer. */
@Component(service = SourceAdapter.class, configurationPid = SchoolAbsenceAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + SchoolAbsenceAdapter.ID)
@Designate(ocd = SchoolAbsenceAdapter.Config.class)
public class SchoolAbsenceAdapter implements SourceAdapter {

    public static final String ID = "schoolabsence";
    public static final String PID = "dk.tidlig.adapter.schoolabsence";

    /** What the adapter is, for the legal-basis gate and the data inventory: say what it reads and why. */
    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Skolesystem",
            "Skolens kvartalsopgørelse af elevfravær (semikolonsepareret): dage med sygdom, lovligt og ulovligt fravær",
            Set.of(Indicator.CHILD_SCHOOL_ABSENCE),
            Set.of(DataCategory.EDUCATION),
            "Registrere kvartaler med ulovligt skolefravær på mindst 15 % som indikator i scoringsmodellen.");

    /** The adapter's own settings; the inbox's are the platform's, the same for every adapter (see InboxSettings). */
    @ObjectClassDefinition(name = "tidlig adapter: school absence",
            description = "Reads the school's quarterly absence statistics and takes the quarters with much unlawful absence.")
    public @interface Config {
        @AttributeDefinition(name = "Unlawful absence threshold (%)",
                description = "Share of a quarter's school days of unlawful absence that makes the quarter an indicator. "
                        + "15 is the rules' threshold at which the school must notify the municipality.")
        int unlawfulThresholdPercent() default 15;
    }

    private final int thresholdPercent;

    @Activate
    public SchoolAbsenceAdapter(Config config) {
        this(config.unlawfulThresholdPercent());
    }

    public SchoolAbsenceAdapter(int thresholdPercent) {
        this.thresholdPercent = thresholdPercent;
    }

    /** With the rules' threshold of 15 %. */
    public SchoolAbsenceAdapter() {
        this(15);
    }

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public LineMapper newMapper() {
        return new SchoolAbsenceMapper(thresholdPercent);
    }

    @Override
    public ExportWriter exportWriter() {
        return new SchoolAbsenceWriter();
    }
}
