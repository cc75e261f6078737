// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.Indicator;
import dk.tidlig.store.Database;
import dk.tidlig.store.RetentionStore;
import dk.tidlig.store.StoreException;

/**
 * Retention on MariaDB: every table that holds data about people, in batches of a few thousand rows with a
 * commit each, so that a large purge never holds long locks and a purge that is interrupted is simply continued by
 * the next.
 */
@Component(service = RetentionStore.class)
public class JdbcRetentionStore implements RetentionStore {

    private static final int BATCH = 5_000;
    /**
     * Past retention: ended before the day, or a dated event (not a period) that happened before it. A period without
     * an end is still going on and is kept, however long ago it began.
     */
    private static final String PAST = "tenant=? AND (end_date < ? OR (end_date IS NULL AND start_date < ? AND indicator IN ("
            + Arrays.stream(Indicator.values()).filter(i -> !i.isPeriod()).map(i -> "'" + i.name() + "'").collect(Collectors.joining(",")) + ")))";

    private final DataSource ds;

    @Activate
    public JdbcRetentionStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public Set<String> tenants() {
        Set<String> out = new TreeSet<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT tenant FROM ingest_file UNION SELECT tenant FROM score_run "
                + "UNION SELECT tenant FROM outreach_case UNION SELECT tenant FROM suppression UNION SELECT tenant FROM access_request "
                + "UNION SELECT tenant FROM trial_allocation");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("listing the municipalities", e);
        }
    }

    @Override
    public Map<String, Integer> purge(String tenant, Policy p) {
        Map<String, Integer> purged = new LinkedHashMap<>();
        // the parts of score runs never stored whole (their process died while storing them): no query reaches them, and
        // what they name goes with the retention as everything else does
        JdbcScoreStore.removeAbandonedPartsOrWarn(ds);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                events(c, tenant, PAST, new Object[] {tenant, p.eventsEndedBefore(), p.eventsEndedBefore()}, purged);
                notDelivered(c, tenant, p.notDeliveredSince(), purged);
                // the events of persons of whom nothing else is left: no person, no residence, no vault entry
                events(c, tenant, "tenant=? AND NOT EXISTS (SELECT 1 FROM person p WHERE p.tenant = risk_event.tenant AND p.pid = risk_event.subject_pid) "
                        + "AND NOT EXISTS (SELECT 1 FROM identity_vault v WHERE v.tenant = risk_event.tenant AND v.pid = risk_event.subject_pid)",
                        new Object[] {tenant}, purged);
                add(purged, "score_run", batched(c, "DELETE FROM score_run WHERE tenant=? AND started_at < ? AND id < (SELECT m FROM (SELECT MAX(id) m "
                        + "FROM score_run WHERE tenant=?) newest) LIMIT " + BATCH, tenant, p.runsStartedBefore(), tenant));
                // a household in the outreach trial whose run is gone: its place stays for the effect, without the household's id
                add(purged, "trial_allocation", batched(c, "UPDATE trial_allocation SET offer_id = NULL, draw_rank = NULL WHERE tenant=? "
                        + "AND offer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM score_run r WHERE r.id = trial_allocation.run_id) LIMIT " + BATCH, tenant));
                add(purged, "outreach_step", batched(c, "DELETE s FROM outreach_step s JOIN outreach_case k ON k.tenant = s.tenant AND k.family_id = s.family_id "
                        + "WHERE s.tenant=? AND k.state = 'CLOSED' AND k.updated_at < ?", tenant, p.casesClosedBefore()));
                add(purged, "outreach_case", batched(c, "DELETE FROM outreach_case WHERE tenant=? AND state = 'CLOSED' AND updated_at < ? LIMIT " + BATCH,
                        tenant, p.casesClosedBefore()));
                // a family no longer scored in any run and without a case: its audit entries need no link to it any more
                add(purged, "family_reference", batched(c, "DELETE FROM family_reference WHERE tenant=? AND NOT EXISTS (SELECT 1 FROM family_score f "
                        + "JOIN score_run r ON r.id = f.run_id WHERE r.tenant = family_reference.tenant AND f.family_id = family_reference.family_id) "
                        + "AND NOT EXISTS (SELECT 1 FROM outreach_case k WHERE k.tenant = family_reference.tenant AND k.family_id = family_reference.family_id) "
                        + "LIMIT " + BATCH, tenant));
                // working sessions on cases that have expired (each lasts half an hour or so; a new opening also tidies)
                add(purged, "case_session", batched(c, "DELETE FROM case_session WHERE tenant=? AND expires_at < ? LIMIT " + BATCH, tenant,
                        java.sql.Timestamp.from(p.today().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())));
                add(purged, "suppression", batched(c, "DELETE FROM suppression WHERE tenant=? AND until < ? LIMIT " + BATCH, tenant, p.today()));
                add(purged, "quarantine", batched(c, "DELETE FROM quarantine WHERE tenant=? AND created_at < ? LIMIT " + BATCH, tenant,
                        p.quarantinedBefore()));
                add(purged, "access_request", batched(c, "DELETE FROM access_request WHERE tenant=? AND requested_at < ? LIMIT " + BATCH, tenant,
                        p.requestsBefore()));
                // marks on data points that are gone
                add(purged, "disputed_event", batched(c, "DELETE FROM disputed_event WHERE tenant=? AND NOT EXISTS (SELECT 1 FROM risk_event e "
                        + "WHERE e.tenant = disputed_event.tenant AND e.source_system = disputed_event.source_system "
                        + "AND e.source_record_id = disputed_event.source_record_id) LIMIT " + BATCH, tenant));
                c.commit();
                return purged;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("purging data past its retention", e);
        }
    }

    /** Deletes the events matching the condition, with their details and marks, batch by batch. */
    private static void events(Connection c, String tenant, String where, Object[] params, Map<String, Integer> purged) throws SQLException {
        while (true) {
            List<Object[]> batch = rows(c, "SELECT id, source_system, source_record_id FROM risk_event WHERE " + where + " ORDER BY id LIMIT " + BATCH,
                    params);
            if (batch.isEmpty()) {
                return;
            }
            List<Object[]> ids = batch.stream().map(e -> new Object[] {e[0]}).toList();
            List<Object[]> records = batch.stream().map(e -> new Object[] {e[1], e[2]}).toList();
            add(purged, "risk_event", deleteIn(c, "risk_event", tenant, "(id)", ids));
            add(purged, "risk_event_detail", deleteIn(c, "risk_event_detail", tenant, "(source_system, source_record_id)", records));
            add(purged, "disputed_event", deleteIn(c, "disputed_event", tenant, "(source_system, source_record_id)", records));
            c.commit();
        }
    }

    /**
     * Vault entries, attributes, earlier and current residences, relations and persons that no delivery has held since the day
     * (each row holds its own content hash: deleted, it is no longer held, and its next delivery stores it again).
     */
    private static void notDelivered(Connection c, String tenant, LocalDate since, Map<String, Integer> purged) throws SQLException {
        notDelivered(c, tenant, since, "identity_vault", List.of("pid", "kind"), BATCH, purged);
        notDelivered(c, tenant, since, "person_attribute", List.of("pid", "name"), BATCH, purged);
        notDelivered(c, tenant, since, "residence_history", List.of("pid", "from_key"), BATCH, purged);
        notDelivered(c, tenant, since, "residence", List.of("pid"), BATCH, purged);
        notDelivered(c, tenant, since, "person", List.of("pid"), BATCH, purged);
        notDelivered(c, tenant, since, "relation", List.of("type", "from_pid", "to_pid", "start_key"), BATCH, purged);
    }

    /**
     * Deletes a table's rows that no delivery has held since the day, found in one pass over the municipality's rows in the
     * order of the primary key (the tenant and these columns): each batch goes on after the last key of the one before, so
     * the rows kept are read once, not again for every batch. There is no index by the day seen: every delivered row would
     * have to be written into it once more, at a random place, and moved there each day it is delivered again.
     */
    static int notDelivered(Connection c, String tenant, LocalDate since, String table, List<String> key, int batch,
            Map<String, Integer> purged) throws SQLException {
        String columns = String.join(", ", key);
        String first = "SELECT " + columns + " FROM " + table + " WHERE tenant=? AND seen_on < ? ORDER BY " + columns + " LIMIT " + batch;
        String next = "SELECT " + columns + " FROM " + table + " WHERE tenant=? AND seen_on < ? AND (" + after(key) + ") ORDER BY " + columns
                + " LIMIT " + batch;
        int deleted = 0;
        Object[] last = null;
        while (true) {
            List<Object[]> rows;
            if (last == null) {
                rows = rows(c, first, tenant, since);
            } else {
                Object[] params = new Object[2 + key.size() * (key.size() + 1) / 2];
                params[0] = tenant;
                params[1] = since;
                int i = 2;
                for (int k = 0; k < key.size(); k++) {
                    for (int j = 0; j <= k; j++) {
                        params[i++] = last[j];
                    }
                }
                rows = rows(c, next, params);
            }
            if (rows.isEmpty()) {
                return deleted;
            }
            last = rows.get(rows.size() - 1);
            int n = deleteIn(c, table, tenant, "(" + columns + ")", rows);
            add(purged, table, n);
            deleted += n;
            c.commit();
            if (rows.size() < batch) {
                return deleted;
            }
        }
    }

    /**
     * The keys after a given one, in the primary key's order, as a condition the optimiser reads as ranges of the key:
     * {@code a > ? OR (a = ? AND b > ?) OR …}, its parameters the given key's first column, then its first two, and so on.
     */
    static String after(List<String> key) {
        List<String> terms = new ArrayList<>();
        for (int k = 0; k < key.size(); k++) {
            StringBuilder t = new StringBuilder("(");
            for (int j = 0; j < k; j++) {
                t.append(key.get(j)).append(" = ? AND ");
            }
            terms.add(t.append(key.get(k)).append(" > ?)").toString());
        }
        return String.join(" OR ", terms);
    }

    /** DELETE FROM table WHERE tenant=? AND columns IN (tuples), in parts; returns how many rows went. */
    private static int deleteIn(Connection c, String table, String tenant, String columns, List<Object[]> tuples) throws SQLException {
        int total = 0;
        for (List<Object[]> part : Sql.parts(tuples)) {
            String one = "(" + Sql.placeholders(part.get(0).length) + ")";
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant=? AND " + columns + " IN (" + one
                    + ("," + one).repeat(part.size() - 1) + ")")) {
                ps.setString(1, tenant);
                int i = 2;
                for (Object[] t : part) {
                    for (Object v : t) {
                        ps.setObject(i++, v);
                    }
                }
                total += ps.executeUpdate();
            }
        }
        return total;
    }

    /** Runs a DELETE … LIMIT until it deletes nothing, committing after each. */
    private static int batched(Connection c, String sql, Object... params) throws SQLException {
        int total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n;
            do {
                bind(ps, params);
                n = ps.executeUpdate();
                c.commit();
                total += n;
            } while (n > 0 && sql.contains(" LIMIT "));
        }
        return total;
    }

    private static List<Object[]> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static void add(Map<String, Integer> purged, String table, int n) {
        if (n > 0) {
            purged.merge(table, n, Integer::sum);
        }
    }
}
