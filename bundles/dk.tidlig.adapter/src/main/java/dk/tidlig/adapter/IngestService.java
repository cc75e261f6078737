// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
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

    /**
     * Receives a file from an adapter's inbox: seals it with the vault key into the installation's archive of
     * deliveries and returns the sealed copy to read it from. The caller then deletes the clear-text file. The copy
     * is kept for a short, configured re-processing period (longer when the file is refused, with the reason beside
     * it), then purged by the retention job; only an administrator's audited command opens it.
     *
     * @throws IOException when it could not be sealed: the file must then stay where it is
     */
    DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.nio.file.Path file, String name) throws java.io.IOException;

    /**
     * Receives a file that is streamed from elsewhere (an SFTP inbox): seals the stream's content into the archive of
     * deliveries as it is read, so no clear-text copy is ever written to local disk. The caller closes the stream.
     *
     * @throws IOException when it could not be sealed (nothing is kept then): the file must stay where it is
     * @since 2.2
     */
    DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.io.InputStream content, String name) throws java.io.IOException;
}
