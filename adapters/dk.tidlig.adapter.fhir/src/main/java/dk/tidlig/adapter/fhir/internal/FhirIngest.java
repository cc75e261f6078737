// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;

import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.DocumentReader;
import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.RecordSink;
import dk.tidlig.adapter.fhir.internal.mapping.FhirMapper;
import dk.tidlig.adapter.fhir.internal.mapping.PatientIndex;
import dk.tidlig.adapter.fhir.internal.read.Delivery;
import dk.tidlig.adapter.fhir.internal.read.Item;
import dk.tidlig.adapter.fhir.internal.read.ResourceParser;
import dk.tidlig.adapter.fhir.internal.read.ResourceParser.Parsed;
import dk.tidlig.model.SourceRecord;

/**
 * The FHIR adapter's {@link DocumentReader}: the platform's ingest route has checked the file's encoding and opened
 * its delivery; this reads the document.
 *
 * <ol>
 * <li>Open the delivery by its file name; a file that is not JSON, XML or NDJSON of FHIR resources is
 * refused.</li>
 * <li>First pass: collect the delivery's Patients, so that references can be resolved whatever the
 * order of the resources.</li>
 * <li>Second pass: each resource is one "line" of the ingest (position: the NDJSON line or the Bundle entry
 * index), reported exactly once: accepted with its records, quarantined with a reason, or skipped.</li>
 * </ol>
 * The platform completes the delivery; if storing fails, the delivery fails and the file can be delivered again.
 */
final class FhirIngest implements DocumentReader {

    private static final Logger LOG = LoggerFactory.getLogger(FhirIngest.class);

    private final AdapterDescriptor descriptor;
    private final ResourceParser parser;
    private final FhirMapper mapper;
    private final ClassLoader hapiLoader;

    FhirIngest(AdapterDescriptor descriptor, ResourceParser parser, FhirMapper mapper, ClassLoader hapiLoader) {
        this.descriptor = descriptor;
        this.parser = parser;
        this.mapper = mapper;
        this.hapiLoader = hapiLoader;
    }

    @Override
    public void read(DeliveredFile file, Charset charset, RecordSink session) throws FileFormatException, IOException {
        // HAPI FHIR finds its model through class loaders: give it this bundle's
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(hapiLoader);
        try {
            Delivery delivery = Delivery.open(file, charset);
            PatientIndex patients = new PatientIndex();
            delivery.forEach(item -> index(item, patients));
            delivery.forEach(item -> map(item, patients, session));
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
    private void map(Item item, PatientIndex patients, RecordSink session) {
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
