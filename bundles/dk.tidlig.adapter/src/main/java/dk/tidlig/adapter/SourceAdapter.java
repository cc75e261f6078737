package dk.tidlig.adapter;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Published by every adapter bundle as an OSGi service, next to its Camel routes. The core reads it
 * for the legal-basis gate, the data inventory and the commands; the synthetic municipality uses its
 * writer.
 *
 * <p>Contract: the adapter's routes include one that accepts a whole file (body {@code java.io.File},
 * header {@code CamelFileName}) at {@link #ingestEndpoint(String)} and answers with a
 * {@link FileOutcome}. {@code bin/tidlig import} sends files there.
 */
@ConsumerType
public interface SourceAdapter {

    /** Property set on the service: the adapter id. */
    String ADAPTER_ID = "tidlig.adapter.id";

    AdapterDescriptor descriptor();

    /** The folder the adapter polls for files. */
    Path inbox();

    /** Writes synthetic data in this adapter's export format. */
    ExportWriter exportWriter();

    /** The Camel endpoint that ingests one file through the adapter's route. */
    static String ingestEndpoint(String adapterId) {
        return "direct:" + adapterId + "-ingest";
    }
}
