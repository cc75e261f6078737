package dk.tidlig.core.internal.ingest;

import java.time.LocalDate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.adapter.AdapterDescriptor;
import dk.tidlig.adapter.DeliveredFile;
import dk.tidlig.adapter.FileIngest;
import dk.tidlig.adapter.FileOrigin;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.IngestStore;

/**
 * The shared ingest pipeline every adapter feeds: validate, pseudonymise, store idempotently in
 * batches, quarantine what is invalid, and record each delivery's outcome.
 */
@Component(service = IngestService.class, configurationPid = "dk.tidlig.retention")
public class IngestPipeline implements IngestService {

    /** Lines per batch (one transaction). */
    static final int BATCH_LINES = 500;

    /** The retention's setting the pipeline needs: events past it are not stored again. */
    public @interface Retention {
        int eventRetentionMonths() default 60;
    }

    private final IngestStore store;
    private final KeyRing keys;
    private final RecordValidator validator;
    private final DeliveryArchive archive;
    private volatile int eventRetentionMonths;

    @Activate
    public IngestPipeline(@Reference IngestStore store, @Reference KeyRing keys, @Reference RecordValidator validator,
            @Reference DeliveryArchive archive, Retention retention) {
        this(store, keys, validator, archive, retention.eventRetentionMonths());
    }

    /** Outside OSGi, with the archive of deliveries and the events' retention in months. */
    public IngestPipeline(IngestStore store, KeyRing keys, RecordValidator validator, DeliveryArchive archive, int eventRetentionMonths) {
        this.store = store;
        this.keys = keys;
        this.validator = validator;
        this.archive = archive;
        this.eventRetentionMonths = eventRetentionMonths;
    }

    @Modified
    void modified(Retention retention) {
        eventRetentionMonths = retention.eventRetentionMonths();
    }

    @Override
    public FileIngest begin(AdapterDescriptor adapter, String municipalityCode, FileOrigin origin) {
        String tenant = municipalityCode.strip().replaceFirst("^0", "");
        String name = CprNumbers.mask(origin.fileName());
        long fileId = store.beginFile(tenant, adapter.id(), adapter.sourceSystem(), name, origin.sha256(), origin.size());
        return new FileIngestSession(store, keys, validator, adapter, tenant, name, fileId, BATCH_LINES,
                LocalDate.now().minusMonths(Math.max(1, eventRetentionMonths)), origin.archiveId() == null ? null : archive, origin.archiveId());
    }

    @Override
    public DeliveredFile receive(AdapterDescriptor adapter, String municipalityCode, java.nio.file.Path file, String name) throws java.io.IOException {
        return archive.receive(municipalityCode.strip().replaceFirst("^0", ""), adapter.id(), file, name);
    }
}
