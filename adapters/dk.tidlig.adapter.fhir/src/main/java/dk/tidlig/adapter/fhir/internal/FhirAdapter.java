// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ca.uhn.fhir.context.FhirContext;
import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.DocumentReader;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.InboxDefaults;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.fhir.internal.mapping.FhirMapper;
import dk.tidlig.adapter.fhir.internal.mapping.FhirWriter;
import dk.tidlig.adapter.fhir.internal.mapping.ServiceTypes;
import dk.tidlig.adapter.fhir.internal.read.ResourceParser;
import dk.tidlig.model.Indicator;

/**
 * The FHIR R4 adapter: its descriptor, settings, reader and writer. A FHIR Bundle is one document, not a sequence
 * of lines, so the adapter gives a {@link DocumentReader} instead of a line mapper; the platform's routes (inbox,
 * archive, encoding check, the delivery's outcome) are the same as every adapter's.
 */
@Component(service = SourceAdapter.class, configurationPid = FhirAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + FhirAdapter.ID)
@Designate(ocd = FhirAdapter.Config.class)
public class FhirAdapter implements SourceAdapter {

    public static final String ID = "fhir";
    public static final String PID = "dk.tidlig.adapter.fhir";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Regionens sundhedsdata (FHIR)",
            "FHIR R4-ressourcer efter HL7 Danmarks DK-core (Bundles i JSON eller XML, bulk-eksport i NDJSON): patienter, "
                    + "pårørende, udeblivelser fra aftaler og psykiatriske diagnoser og misbrugsdiagnoser",
            Set.of(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, Indicator.CHILD_DENTAL_NO_SHOW,
                    Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, Indicator.MISSED_DOCTOR_APPOINTMENT),
            Set.of(DataCategory.IDENTITY, DataCategory.FAMILY_RELATIONS, DataCategory.HEALTH, DataCategory.SUBSTANCE_ABUSE),
            "Registrere forældres psykiatriske diagnoser og misbrugsdiagnoser og udeblivelser fra tandpleje, sundhedspleje og læge "
                    + "som indikatorer i scoringsmodellen, og knytte patienter til deres familie.",
            InboxDefaults.of(ID, "(?i).*\\.(json|xml|ndjson)"));

    /** The adapter's own settings; the inbox's are the platform's, the same for every adapter (see InboxSettings). */
    @ObjectClassDefinition(name = "tidlig adapter: FHIR R4 (DK-core)",
            description = "Reads FHIR R4 resources in HL7 Denmark's DK-core profiles: Bundles in JSON or XML and bulk-export NDJSON.")
    public @interface Config {
        @AttributeDefinition(name = "Dental care service types",
                description = "Appointment service types (system|code, comma-separated) whose no-shows are no-shows at the municipal dental care.")
        String dentalServiceTypes() default ServiceTypes.DEFAULT_DENTAL;

        @AttributeDefinition(name = "Health visitor service types",
                description = "Appointment service types (system|code, comma-separated) whose no-shows are no-shows at the health visitor.")
        String healthVisitorServiceTypes() default ServiceTypes.DEFAULT_HEALTH_VISITOR;

        @AttributeDefinition(name = "Doctor service types",
                description = "Appointment service types (system|code, comma-separated) whose no-shows are missed doctor's appointments.")
        String doctorServiceTypes() default ServiceTypes.DEFAULT_DOCTOR;
    }

    private final FhirContext context;
    private final FhirIngest reader;

    @Activate
    public FhirAdapter(Config config) {
        this(ServiceTypes.parse(config.dentalServiceTypes(), config.healthVisitorServiceTypes(), config.doctorServiceTypes()));
    }

    /** With the default service-type table. */
    public FhirAdapter() {
        this(ServiceTypes.defaults());
    }

    public FhirAdapter(ServiceTypes serviceTypes) {
        ClassLoader own = FhirAdapter.class.getClassLoader();
        this.context = newContext(own);
        this.reader = new FhirIngest(DESCRIPTOR, new ResourceParser(context), new FhirMapper(serviceTypes), own);
    }

    /**
     * One FHIR context per activation. HAPI loads its version's structure classes and property files
     * through class loaders, among them the thread's context class loader: inside OSGi that must be this
     * bundle's, whose class path holds the embedded HAPI jars.
     */
    static FhirContext newContext(ClassLoader own) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        try {
            return FhirContext.forR4();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Override
    public AdapterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public DocumentReader documentReader() {
        return reader;
    }

    @Override
    public ExportWriter exportWriter() {
        return new FhirWriter(context);
    }
}
