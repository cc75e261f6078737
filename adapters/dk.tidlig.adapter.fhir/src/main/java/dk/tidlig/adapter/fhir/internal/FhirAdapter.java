package dk.tidlig.adapter.fhir.internal;

import java.nio.file.Path;
import java.util.Set;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ca.uhn.fhir.context.FhirContext;
import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DataCategory;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.fhir.internal.mapping.FhirMapper;
import dk.tidlig.adapter.fhir.internal.mapping.FhirWriter;
import dk.tidlig.adapter.fhir.internal.mapping.ServiceTypes;
import dk.tidlig.adapter.fhir.internal.read.ResourceParser;
import dk.tidlig.adapter.route.Inbox;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.model.Indicator;

/**
 * The FHIR R4 adapter: its routes, configuration and descriptor. A FHIR Bundle is one document, not a
 * sequence of lines, so the adapter has its own ingest route instead of the line route of
 * {@code InboxRouteBuilder}; the inbox route and the contract of {@link SourceAdapter#ingestEndpoint} are
 * the same.
 *
 * <pre>
 * fhir-inbox:  the shared inbox route (see dk.tidlig.adapter.route.Inbox): sealed into the archive, then deleted
 * fhir-ingest: direct:fhir-ingest (also what bin/tidlig import sends to): body the sealed copy or a java.io.File, reply FileOutcome
 * </pre>
 */
@Component(service = {RoutesBuilder.class, SourceAdapter.class}, configurationPid = FhirAdapter.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = SourceAdapter.ADAPTER_ID + "=" + FhirAdapter.ID)
@Designate(ocd = FhirAdapter.Config.class)
public class FhirAdapter extends RouteBuilder implements SourceAdapter {

    public static final String ID = "fhir";
    public static final String PID = "dk.tidlig.adapter.fhir";

    public static final AdapterDescriptor DESCRIPTOR = new AdapterDescriptor(ID, "Regionens sundhedsdata (FHIR)",
            "FHIR R4-ressourcer efter HL7 Danmarks DK-core (Bundles i JSON eller XML, bulk-eksport i NDJSON): patienter, "
                    + "pårørende, udeblivelser fra aftaler og psykiatriske diagnoser og misbrugsdiagnoser",
            Set.of(Indicator.PARENT_PSYCHIATRIC_ILLNESS, Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, Indicator.CHILD_DENTAL_NO_SHOW,
                    Indicator.CHILD_HEALTH_VISITOR_NO_SHOW, Indicator.MISSED_DOCTOR_APPOINTMENT),
            Set.of(DataCategory.IDENTITY, DataCategory.FAMILY_RELATIONS, DataCategory.HEALTH, DataCategory.SUBSTANCE_ABUSE),
            "Registrere forældres psykiatriske diagnoser og misbrugsdiagnoser og udeblivelser fra tandpleje, sundhedspleje og læge "
                    + "som indikatorer i scoringsmodellen, og knytte patienter til deres familie.");

    @ObjectClassDefinition(name = "tidlig adapter: FHIR R4 (DK-core)",
            description = "Reads FHIR R4 resources in HL7 Denmark's DK-core profiles: Bundles in JSON or XML and bulk-export NDJSON.")
    public @interface Config {
        @AttributeDefinition(name = "Inbox", description = "Folder the files are delivered to; relative to the distribution folder.")
        String inbox() default "inbox/fhir";

        @AttributeDefinition(name = "Encoding", description = "Character set of the files. FHIR's JSON and XML are UTF-8 (a byte-order mark is allowed).")
        String encoding() default "UTF-8";

        @AttributeDefinition(name = "File names",
                description = "Regular expression for the file names to read: .json and .xml are Bundles, .ndjson bulk export.")
        String include() default "(?i).*\\.(json|xml|ndjson)";

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the inbox is looked at.")
        long pollIntervalMs() default 5000;

        @AttributeDefinition(name = "Unchanged for (ms)",
                description = "A file is read only when it has not changed for this long, so a file still being written is never read.")
        long readLockMinAgeMs() default 10000;

        @AttributeDefinition(name = "Municipality code", description = "The municipality (tenant) the files belong to, e.g. 159.")
        String municipalityCode();

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

    private final InboxSettings settings;
    private final FhirContext context;
    private final FhirIngest ingest;
    private final IngestService ingestService;

    @Activate
    public FhirAdapter(BundleContext context, Config config, @Reference IngestService ingest) {
        this(InboxSettings.of(config, context::getProperty), ingest,
                ServiceTypes.parse(config.dentalServiceTypes(), config.healthVisitorServiceTypes(), config.doctorServiceTypes()));
    }

    /** With the default service-type table. */
    public FhirAdapter(InboxSettings settings, IngestService ingest) {
        this(settings, ingest, ServiceTypes.defaults());
    }

    public FhirAdapter(InboxSettings settings, IngestService ingest, ServiceTypes serviceTypes) {
        this.settings = settings;
        ClassLoader own = FhirAdapter.class.getClassLoader();
        this.context = newContext(own);
        this.ingest = new FhirIngest(DESCRIPTOR, settings, ingest, new ResourceParser(context), new FhirMapper(serviceTypes), own);
        this.ingestService = ingest;
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
    public Path inbox() {
        return settings.inbox();
    }

    @Override
    public ExportWriter exportWriter() {
        return new FhirWriter(context);
    }

    @Override
    public void configure() {
        // message bodies hold personal data: never log them or their history
        errorHandler(defaultErrorHandler().logExhaustedMessageHistory(false).logExhaustedMessageBody(false)
                .logRetryAttempted(false).maximumRedeliveries(0));

        new Inbox(DESCRIPTOR, settings, ingestService).addRoute(this);

        from(SourceAdapter.ingestEndpoint(ID))
                .routeId(ID + "-ingest")
                .process(ingest::process);
    }

}
