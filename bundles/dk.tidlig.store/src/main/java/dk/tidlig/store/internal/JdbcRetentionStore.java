package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.Indicator;
import dk.tidlig.store.Database;
import dk.tidlig.store.RetentionStore;
import dk.tidlig.store.StoreException;

/** Retention on MariaDB: deletes in batches, so that a large purge never holds long locks. */
@Component(service = RetentionStore.class)
public class JdbcRetentionStore implements RetentionStore {

    private static final int BATCH = 5_000;
    /**
     * Past retention: ended before the day, or a dated event (not a period) that happened before it. A
     * period without an end is still going on and is kept, however long ago it began.
     */
    private static final String PAST = "tenant=? AND (end_date < ? OR (end_date IS NULL AND start_date < ? AND indicator IN ("
            + Arrays.stream(Indicator.values()).filter(i -> !i.isPeriod()).map(i -> "'" + i.name() + "'").collect(Collectors.joining(",")) + ")))";
    private final DataSource ds;

    @Activate
    public JdbcRetentionStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public int purgeEvents(String tenant, LocalDate endedBefore) {
        int total = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement details = c.prepareStatement("DELETE d FROM risk_event_detail d JOIN (SELECT tenant, source_system, source_record_id "
                    + "FROM risk_event WHERE " + PAST + " ORDER BY id LIMIT " + BATCH + ") e "
                    + "ON d.tenant = e.tenant AND d.source_system = e.source_system AND d.source_record_id = e.source_record_id");
                    PreparedStatement events = c.prepareStatement("DELETE FROM risk_event WHERE " + PAST + " ORDER BY id LIMIT " + BATCH)) {
                int n;
                do {
                    for (PreparedStatement ps : new PreparedStatement[] {details, events}) {
                        ps.setString(1, tenant);
                        ps.setObject(2, endedBefore);
                        ps.setObject(3, endedBefore);
                    }
                    details.executeUpdate();
                    n = events.executeUpdate();
                    c.commit();
                    total += n;
                } while (n == BATCH);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException("purging events past their retention", e);
        }
    }
}
