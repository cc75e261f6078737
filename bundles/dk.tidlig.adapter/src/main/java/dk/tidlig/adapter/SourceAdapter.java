// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What an adapter bundle publishes as an OSGi service: its descriptor, how its files are read, and a writer of
 * synthetic data in its format. The platform does the rest for every adapter alike: it reads the inbox settings
 * from the adapter's configuration ({@link InboxSettings}, with the descriptor's defaults), builds the inbox and
 * ingest routes in the one Camel context, seals each delivery into the archive, checks the encoding, counts every
 * line and ends the delivery; the core reads the descriptor for the legal-basis gate, the data inventory and the
 * commands.
 *
 * <p>An adapter reads its files one of two ways: line by line through a {@link LineMapper} (every delimited or
 * fixed-width export), or whole through a {@link DocumentReader} (documents such as FHIR Bundles). It overrides
 * exactly one of {@link #newMapper()} and {@link #documentReader()}.
 *
 * <p>The service is registered with the adapter's configuration as its properties (what Declarative Services does
 * by default); the platform takes the inbox settings from there. A file sent to {@link #ingestEndpoint(String)}
 * (body {@code java.io.File}, header {@code CamelFileName}) is ingested through the adapter's route and answered
 * with a {@link FileOutcome}; {@code bin/tidlig import} sends files there.
 */
@ConsumerType
public interface SourceAdapter {

    /** Property set on the service: the adapter id. */
    String ADAPTER_ID = "tidlig.adapter.id";

    /**
     * Header of a file sent to {@link #ingestEndpoint(String)}: who or what delivered it, in words that identify no
     * citizen ("inbox", "import by OS user ops"), as the operator's list of deliveries shows it.
     */
    String DELIVERED_BY = "tidlig.deliveredBy";

    AdapterDescriptor descriptor();

    /** Writes synthetic data in this adapter's export format. */
    ExportWriter exportWriter();

    /** A fresh mapper for one file of lines; null for an adapter that reads whole documents. */
    default LineMapper newMapper() {
        return null;
    }

    /** The reader of one delivered document; null for an adapter that reads lines. */
    default DocumentReader documentReader() {
        return null;
    }

    /** The Camel endpoint that ingests one file through the adapter's route. */
    static String ingestEndpoint(String adapterId) {
        return "direct:" + adapterId + "-ingest";
    }
}
