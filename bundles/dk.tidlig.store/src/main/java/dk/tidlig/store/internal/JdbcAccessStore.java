// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.PersonId;
import dk.tidlig.store.AccessStore;
import dk.tidlig.store.Database;
import dk.tidlig.store.StoreException;

/** The access report's reads on MariaDB. */
@Component(service = AccessStore.class)
public class JdbcAccessStore implements AccessStore {

    private final DataSource ds;

    @Activate
    public JdbcAccessStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof PersonId p ? p.bytes() : params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading " + what + " for an access report", e);
        }
    }

    @Override
    public AccessRequest register(String tenant, String reference, String personRef, String identityCheck, String user, Instant at) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO access_request (tenant, reference, person_ref, identity_check, requested_by, "
                    + "requested_at) VALUES (?,?,?,?,?,?) ON DUPLICATE KEY UPDATE reports = reports + IF(person_ref = VALUES(person_ref), 1, 0)")) {
                ps.setString(1, tenant);
                ps.setString(2, reference);
                ps.setString(3, personRef);
                ps.setString(4, identityCheck);
                ps.setString(5, user);
                Sql.time(ps, 6, at);
                ps.executeUpdate();
            }
            AccessRequest r = requests(c, "WHERE tenant=? AND reference=?", tenant, reference).get(0);
            if (!r.personRef().equals(personRef)) {
                throw new StoreException("the request reference " + reference + " is registered for another person");
            }
            return r;
        } catch (SQLException e) {
            throw new StoreException("registering an access request", e);
        }
    }

    @Override
    public int reportsBy(String tenant, String user, Instant since) {
        return query("access requests", "SELECT COUNT(*) FROM access_request WHERE tenant=? AND requested_by=? AND requested_at>=?",
                rs -> rs.getInt(1), tenant, user, java.sql.Timestamp.from(since)).get(0);
    }

    @Override
    public List<AccessRequest> unreviewed(String tenant) {
        try (Connection c = ds.getConnection()) {
            return requests(c, "WHERE tenant=? AND reviewed_at IS NULL ORDER BY requested_at", tenant);
        } catch (SQLException e) {
            throw new StoreException("reading access requests", e);
        }
    }

    @Override
    public boolean review(String tenant, String reference, String reviewer, Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE access_request SET reviewed_by=?, reviewed_at=? "
                + "WHERE tenant=? AND reference=? AND reviewed_at IS NULL AND requested_by <> ?")) {
            ps.setString(1, reviewer);
            Sql.time(ps, 2, at);
            ps.setString(3, tenant);
            ps.setString(4, reference);
            ps.setString(5, reviewer);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("recording the review of an access request", e);
        }
    }

    private static List<AccessRequest> requests(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reference, person_ref, identity_check, requested_by, requested_at, reports, "
                + "reviewed_by, reviewed_at FROM access_request " + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<AccessRequest> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AccessRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.time(rs, "requested_at"),
                            rs.getInt(6), rs.getString(7), Sql.time(rs, "reviewed_at")));
                }
            }
            return out;
        }
    }

    @Override
    public Optional<Registered> registered(String tenant, PersonId person) {
        return query("registered facts", "SELECT p.birth_date, p.sex, p.status, COALESCE(r.municipality_code, p.municipality_code), "
                + "r.household IS NOT NULL, p.updated_at FROM person p LEFT JOIN residence r ON r.tenant = p.tenant AND r.pid = p.pid "
                + "WHERE p.tenant=? AND p.pid=?", rs -> new Registered(Sql.date(rs, "birth_date"), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), Sql.time(rs, "updated_at")), tenant, person).stream().findFirst();
    }

    @Override
    public List<Relation> relations(String tenant, PersonId person) {
        return query("relations", "SELECT type, from_pid = ?, start_date, end_date, source_system FROM relation "
                + "WHERE tenant=? AND (from_pid=? OR to_pid=?) ORDER BY type, start_date", rs -> new Relation(rs.getString(1), rs.getBoolean(2),
                        Sql.date(rs, "start_date"), Sql.date(rs, "end_date"), rs.getString(5)), person, tenant, person, person);
    }

    @Override
    public List<Event> events(String tenant, PersonId person) {
        Map<String, List<String>> details = new LinkedHashMap<>();
        query("detail codes", "SELECT d.source_system, d.source_record_id, d.code_system, d.code FROM risk_event_detail d JOIN risk_event e "
                + "ON e.tenant = d.tenant AND e.source_system = d.source_system AND e.source_record_id = d.source_record_id "
                + "WHERE e.tenant=? AND e.subject_pid=? ORDER BY d.seq", rs -> details.computeIfAbsent(rs.getString(1) + "\u001f" + rs.getString(2),
                        k -> new ArrayList<>()).add(rs.getString(3) + " " + rs.getString(4)), tenant, person);
        return query("events", "SELECT e.source_system, e.source_record_id, e.indicator, e.start_date, e.end_date, e.received_at, d.kind "
                + "FROM risk_event e LEFT JOIN disputed_event d ON d.tenant = e.tenant AND d.source_system = e.source_system "
                + "AND d.source_record_id = e.source_record_id WHERE e.tenant=? AND e.subject_pid=? ORDER BY e.start_date, e.source_system",
                rs -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), Sql.date(rs, "start_date"), Sql.date(rs, "end_date"),
                        Sql.time(rs, "received_at"), details.getOrDefault(rs.getString(1) + "\u001f" + rs.getString(2), List.of()), rs.getString(7)),
                tenant, person);
    }

    @Override
    public List<Appearance> appearances(String tenant, PersonId person) {
        String select = "SELECT r.id, r.as_of, r.model_id, r.model_version, f.family_id, %s, f.score, f.flagged, c.state, f.offer_id "
                + "FROM family_score f JOIN score_run r ON r.id = f.run_id LEFT JOIN outreach_case c ON c.tenant = r.tenant AND c.family_id = f.family_id ";
        RowMapper<Appearance> map = rs -> new Appearance(rs.getLong(1), Sql.date(rs, "as_of"), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getInt(7), rs.getBoolean(8), rs.getString(9), rs.getString(10));
        List<Appearance> out = new ArrayList<>();
        out.addAll(query("score results", String.format(select, "'CHILD'") + "WHERE r.tenant=? AND f.child_pid=?", map, tenant, person));
        out.addAll(query("score results", String.format(select, "m.role") + "JOIN family_member m ON m.run_id = f.run_id AND m.family_id = f.family_id "
                + "WHERE r.tenant=? AND m.person_pid=?", map, tenant, person));
        out.sort((a, b) -> Long.compare(b.runId(), a.runId()));
        return out;
    }

    @Override
    public long quarantinedLines(String tenant) {
        return query("quarantine", "SELECT COUNT(*) FROM quarantine WHERE tenant=?", rs -> rs.getLong(1), tenant).get(0);
    }
}
