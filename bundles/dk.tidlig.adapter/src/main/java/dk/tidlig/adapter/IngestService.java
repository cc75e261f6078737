package dk.tidlig.adapter;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The shared ingest pipeline, provided by the core: validate, pseudonymise, store idempotently, or
 * quarantine. Adapters never store anything themselves.
 */
@ProviderType
public interface IngestService {

    /**
     * Starts the ingest of one delivered file.
     *
     * @param adapter          the adapter reading it
     * @param municipalityCode the municipality (tenant) the data belongs to
     * @param origin           the file
     */
    FileIngest begin(AdapterDescriptor adapter, String municipalityCode, FileOrigin origin);
}
