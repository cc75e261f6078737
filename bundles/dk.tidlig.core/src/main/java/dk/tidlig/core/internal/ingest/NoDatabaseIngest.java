// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.IngestService;

/**
 * For a command that runs without a database ({@code bin/tidlig generate}: the launcher sets the framework property
 * {@value #PROPERTY}={@code none} and leaves the database's configuration out): an ingest service that refuses
 * everything, so that the adapters come up and can write their formats while nothing can be stored. Where a database
 * is configured, this registers nothing and the real pipeline serves.
 */
@Component(immediate = true, service = {}) // registered by hand, and only without a database
public class NoDatabaseIngest implements IngestService {

    /** Framework property: "none" for a command that runs without a database. */
    public static final String PROPERTY = "tidlig.database";
    static final String REFUSAL = "this command runs without a database and stores nothing";

    private ServiceRegistration<IngestService> registration;

    @Activate
    void activate(BundleContext context) {
        if ("none".equals(context.getProperty(PROPERTY))) {
            registration = context.registerService(IngestService.class, this, null);
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    @Override
    public FileIngest begin(AdapterDescriptor adapter, String municipalityCode, FileOrigin origin) {
        throw new IllegalStateException(REFUSAL);
    }

    @Override
    public DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, Path file, String name) throws IOException {
        throw new IOException(REFUSAL + ": the file stays where it is");
    }

    @Override
    public DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.io.InputStream content, String name) throws IOException {
        throw new IOException(REFUSAL + ": the file stays where it is");
    }
}
