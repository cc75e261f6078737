package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.PersonId;
import dk.tidlig.store.Database;
import dk.tidlig.store.OutreachStore;
import dk.tidlig.store.StoreException;

/** Outreach cases, suppressions, disputes and erasure on MariaDB. */
@Component(service = OutreachStore.class)
public class JdbcOutreachStore implements OutreachStore {

    private final DataSource ds;

    @Activate
    public JdbcOutreachStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public Optional<CaseRow> findCase(String tenant, String familyId) {
        return cases(tenant, List.of(familyId)).values().stream().findFirst();
    }

    @Override
    public Map<String, CaseRow> cases(String tenant, Collection<String> familyIds) {
        Map<String, CaseRow> out = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(familyIds));
        try (Connection c = ds.getConnection()) {
            for (int from = 0; from < ids.size(); from += 1000) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 1000));
                try (PreparedStatement ps = c.prepareStatement("SELECT family_id, state, assigned_to, updated_at, updated_by, version FROM outreach_case "
                        + "WHERE tenant=? AND family_id IN (" + Sql.placeholders(part.size()) + ")")) {
                    ps.setString(1, tenant);
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 2, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, "updated_at"),
                                    rs.getString(5), rs.getInt(6)));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading outreach cases", e);
        }
    }

    @Override
    public CaseRow transition(String tenant, String familyId, int expectedVersion, String state, String assignedTo, String actor, Instant at) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                int changed;
                if (expectedVersion == 0) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO outreach_case (tenant, family_id, state, assigned_to, updated_at, "
                            + "updated_by, version) VALUES (?,?,?,?,?,?,1)")) {
                        changed = step(ps, tenant, familyId, state, assignedTo, at, actor);
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE outreach_case SET state=?, assigned_to=?, updated_at=?, updated_by=?, "
                            + "version=version+1 WHERE tenant=? AND family_id=? AND version=?")) {
                        ps.setString(1, state);
                        ps.setString(2, assignedTo);
                        Sql.time(ps, 3, at);
                        ps.setString(4, actor);
                        ps.setString(5, tenant);
                        ps.setString(6, familyId);
                        ps.setInt(7, expectedVersion);
                        changed = ps.executeUpdate();
                    }
                }
                if (changed != 1) {
                    throw new ConflictException("the family's outreach case was changed by someone else; reload it and try again");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outreach_step (tenant, family_id, state, assigned_to, at, actor) "
                        + "VALUES (?,?,?,?,?,?)")) {
                    step(ps, tenant, familyId, state, assignedTo, at, actor);
                }
                c.commit();
                return new CaseRow(familyId, state, assignedTo, at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), actor, expectedVersion + 1);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("changing an outreach case", e);
        }
    }

    /** Binds a case's new state in the column order of outreach_case and outreach_step, and executes. */
    private static int step(PreparedStatement ps, String tenant, String familyId, String state, String assignedTo, Instant at, String actor)
            throws SQLException {
        ps.setString(1, tenant);
        ps.setString(2, familyId);
        ps.setString(3, state);
        ps.setString(4, assignedTo);
        Sql.time(ps, 5, at);
        ps.setString(6, actor);
        return ps.executeUpdate();
    }

    @Override
    public List<StepRow> steps(String tenant, String familyId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT state, assigned_to, at, actor FROM outreach_step "
                + "WHERE tenant=? AND family_id=? ORDER BY id")) {
            ps.setString(1, tenant);
            ps.setString(2, familyId);
            List<StepRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StepRow(rs.getString(1), rs.getString(2), Sql.time(rs, "at"), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading an outreach case's steps", e);
        }
    }

    @Override
    public void suppress(String tenant, Collection<PersonId> persons, LocalDate until) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO suppression (tenant, pid, until) VALUES (?,?,?) "
                + "ON DUPLICATE KEY UPDATE until = GREATEST(until, VALUES(until))")) {
            for (PersonId p : persons) {
                ps.setString(1, tenant);
                ps.setBytes(2, p.bytes());
                ps.setObject(3, until);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("recording a suppression", e);
        }
    }

    @Override
    public Set<PersonId> suppressed(String tenant, LocalDate day) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pid FROM suppression WHERE tenant=? AND until >= ?")) {
            ps.setString(1, tenant);
            ps.setObject(2, day);
            Set<PersonId> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Sql.pid(rs, "pid"));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading suppressions", e);
        }
    }

    @Override
    public void dispute(String tenant, String sourceSystem, String sourceRecordId, String kind, String actor, Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO disputed_event (tenant, source_system, "
                + "source_record_id, kind, marked_at, marked_by) VALUES (?,?,?,?,?,?) ON DUPLICATE KEY UPDATE kind=VALUES(kind), "
                + "marked_at=VALUES(marked_at), marked_by=VALUES(marked_by)")) {
            ps.setString(1, tenant);
            ps.setString(2, sourceSystem);
            ps.setString(3, sourceRecordId);
            ps.setString(4, kind);
            Sql.time(ps, 5, at);
            ps.setString(6, actor);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("marking a data point", e);
        }
    }

    @Override
    public List<DisputeRow> disputes(String tenant) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT source_system, source_record_id, kind, marked_at, "
                + "marked_by FROM disputed_event WHERE tenant=? ORDER BY source_system, source_record_id")) {
            ps.setString(1, tenant);
            List<DisputeRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DisputeRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, "marked_at"), rs.getString(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading disputed data points", e);
        }
    }

    @Override
    public Erasure erase(String tenant, Collection<PersonId> persons) {
        if (persons.isEmpty()) {
            return new Erasure(0, 0, 0);
        }
        String in = "(" + Sql.placeholders(persons.size()) + ")";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                // every family these persons belong to, in any run of the tenant
                Set<String> families = new HashSet<>();
                for (String sql : List.of(
                        "SELECT f.family_id FROM family_score f JOIN score_run r ON r.id = f.run_id WHERE r.tenant=? AND f.child_pid IN " + in,
                        "SELECT m.family_id FROM family_member m JOIN score_run r ON r.id = m.run_id WHERE r.tenant=? AND m.person_pid IN " + in,
                        "SELECT k.family_id FROM score_contribution k JOIN score_run r ON r.id = k.run_id WHERE r.tenant=? AND k.person_pid IN " + in)) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        bind(ps, tenant, persons);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                families.add(rs.getString(1));
                            }
                        }
                    }
                }
                int scores = 0;
                int cases = 0;
                if (!families.isEmpty()) {
                    String fin = "(" + Sql.placeholders(families.size()) + ")";
                    try (PreparedStatement ps = c.prepareStatement("DELETE f FROM family_score f JOIN score_run r ON r.id = f.run_id "
                            + "WHERE r.tenant=? AND f.family_id IN " + fin)) {
                        bind(ps, tenant, families);
                        scores = ps.executeUpdate(); // contributions and members go with them (ON DELETE CASCADE)
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM outreach_step WHERE tenant=? AND family_id IN " + fin)) {
                        bind(ps, tenant, families);
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM outreach_case WHERE tenant=? AND family_id IN " + fin)) {
                        bind(ps, tenant, families);
                        cases = ps.executeUpdate();
                    }
                }
                // the marks on the persons' data points name who marked them: they go with the family
                try (PreparedStatement ps = c.prepareStatement("DELETE d FROM disputed_event d JOIN risk_event e ON e.tenant = d.tenant "
                        + "AND e.source_system = d.source_system AND e.source_record_id = d.source_record_id WHERE d.tenant=? AND e.subject_pid IN " + in)) {
                    bind(ps, tenant, persons);
                    ps.executeUpdate();
                }
                int identities;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM identity_vault WHERE tenant=? AND pid IN " + in)) {
                    bind(ps, tenant, persons);
                    identities = ps.executeUpdate();
                }
                c.commit();
                return new Erasure(scores, identities, cases);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("erasing a family", e);
        }
    }

    private static void bind(PreparedStatement ps, String tenant, Collection<?> values) throws SQLException {
        ps.setString(1, tenant);
        int i = 2;
        for (Object v : values) {
            if (v instanceof PersonId p) {
                ps.setBytes(i++, p.bytes());
            } else {
                ps.setString(i++, (String) v);
            }
        }
    }
}
