package dk.tidlig.adapter.fhir.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.Exchange;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.route.Inbox;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.IngestFailedException;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.fhir.internal.mapping.FhirMapper;
import dk.tidlig.adapter.fhir.internal.mapping.PatientIndex;
import dk.tidlig.adapter.fhir.internal.read.Delivery;
import dk.tidlig.adapter.fhir.internal.read.Item;
import dk.tidlig.adapter.fhir.internal.read.ResourceParser;
import dk.tidlig.adapter.fhir.internal.read.ResourceParser.Parsed;
import dk.tidlig.adapter.route.InboxSettings;
import dk.tidlig.adapter.text.EncodingCheck;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.SourceRecord;

/**
 * The ingest of one delivered file, as the {@code fhir-ingest} route's processor: the body is the file,
 * the reply its {@link FileOutcome}.
 *
 * <ol>
 * <li>Scan: SHA-256 and encoding; a file in the wrong encoding is refused before anything is stored.</li>
 * <li>Open the delivery by its file name; a file that is not JSON, XML or NDJSON of FHIR resources is
 * refused.</li>
 * <li>First pass: collect the delivery's Patients, so that references can be resolved whatever the
 * order of the resources.</li>
 * <li>Second pass: each resource is one "line" of the ingest (position: the NDJSON line or the Bundle entry
 * index), reported exactly once: accepted with its records, quarantined with a reason, or skipped.</li>
 * <li>Complete. If storing fails, the ingest fails and the file can be delivered again.</li>
 * </ol>
 */
final class FhirIngest {

    private static final Logger LOG = LoggerFactory.getLogger(FhirIngest.class);

    private final AdapterDescriptor descriptor;
    private final InboxSettings settings;
    private final IngestService ingest;
    private final ResourceParser parser;
    private final FhirMapper mapper;
    private final ClassLoader hapiLoader;

    FhirIngest(AdapterDescriptor descriptor, InboxSettings settings, IngestService ingest, ResourceParser parser, FhirMapper mapper,
            ClassLoader hapiLoader) {
        this.descriptor = descriptor;
        this.settings = settings;
        this.ingest = ingest;
        this.parser = parser;
        this.mapper = mapper;
        this.hapiLoader = hapiLoader;
    }

    /** The route's processor. */
    void process(Exchange exchange) throws IOException {
        FileOutcome outcome = ingest(Inbox.delivered(exchange));
        exchange.getIn().setBody(outcome);
        LOG.info("{}: {} {}: {} resources, {} accepted, {} duplicates, {} quarantined, {} skipped", descriptor.id(),
                CprNumbers.mask(outcome.fileName()), outcome.status().name().toLowerCase(), outcome.lines(), outcome.accepted(),
                outcome.duplicates(), outcome.quarantined(), outcome.skipped());
    }

    FileOutcome ingest(Path path, String name) throws IOException {
        return ingest(DeliveredFile.of(path, name));
    }

    FileOutcome ingest(DeliveredFile file) throws IOException {
        EncodingCheck.Result scan;
        try (java.io.InputStream in = file.open()) {
            scan = EncodingCheck.scan(in, settings.charset());
        }
        FileIngest session = ingest.begin(descriptor, settings.municipalityCode(), new FileOrigin(file.name(), scan.sha256(), scan.size(),
                file.archiveId()));
        if (scan.problem().isPresent()) {
            return session.reject(scan.problem().get());
        }
        // HAPI FHIR finds its model through class loaders: give it this bundle's
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(hapiLoader);
        try {
            Delivery delivery;
            try {
                delivery = Delivery.open(file, settings.charset());
            } catch (FileFormatException e) {
                LOG.warn("{}: refused a file: {}", descriptor.id(), e.getMessage());
                return session.reject(e.getMessage());
            }
            PatientIndex patients = new PatientIndex();
            delivery.forEach(item -> index(item, patients));
            delivery.forEach(item -> map(item, patients, session));
            return session.complete();
        } catch (IngestFailedException e) {
            return session.fail(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("{}: a file could not be read to its end ({})", descriptor.id(), e.getClass().getName());
            return session.fail("the file could not be read to its end");
        } catch (RuntimeException e) {
            LOG.warn("{}: ingest broke off ({})", descriptor.id(), e.getClass().getName());
            return session.fail("the adapter broke off while reading the file; the server's log names the cause");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** First pass: the Patients, so that references to them can be resolved. */
    private void index(Item item, PatientIndex patients) {
        if (item.problem() == null && "Patient".equals(item.resourceType())) {
            try {
                Parsed parsed = parser.parse(item);
                if (parsed.resource() instanceof Patient) {
                    patients.add(item.fullUrl(), (Patient) parsed.resource());
                }
            } catch (RuntimeException e) {
                // the second pass meets it again and quarantines it
            }
        }
    }

    /** Second pass: reports the item exactly once. Storage failures propagate and fail the file. */
    private void map(Item item, PatientIndex patients, FileIngest session) {
        String text = item.text();
        List<SourceRecord> records = List.of();
        String reason = null;
        try {
            if (item.problem() != null) {
                reason = item.problem();
            } else if (item.deleteUrl() != null) {
                records = mapper.deleted(item.deleteUrl());
            } else if (item.resourceType() != null && FhirMapper.TYPES.contains(item.resourceType())) {
                Parsed parsed = parser.parse(item);
                if (item.xml() && parsed.resource() != null && parsed.problem() == null) {
                    text = parser.json(parsed.resource());
                }
                if (parsed.problem() != null) {
                    reason = parsed.problem();
                } else {
                    records = mapper.map(parsed.resource(), patients);
                }
            }
        } catch (RecordException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            // an adapter bug must not take the file down, nor leak the resource into a log
            LOG.warn("{}: could not map the resource at position {} ({})", descriptor.id(), item.position(), e.getClass().getName());
            reason = "the adapter could not map this resource (" + e.getClass().getSimpleName() + ")";
        }
        Line line = new Line(item.position(), text);
        if (reason != null) {
            session.reject(line, reason);
        } else if (records.isEmpty()) {
            session.skip(line);
        } else {
            session.accept(line, records);
        }
    }
}
