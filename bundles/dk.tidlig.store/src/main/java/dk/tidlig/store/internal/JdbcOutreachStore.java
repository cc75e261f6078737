// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
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
import dk.tidlig.store.Sealed;
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
    public List<CaseRow> openCases(String tenant) {
        return tenantCases(tenant, " AND state NOT IN ('CLOSED', 'DECLINED') ORDER BY updated_at", "reading open outreach cases", List.of());
    }

    @Override
    public List<CaseRow> allCases(String tenant) {
        return tenantCases(tenant, "", "reading outreach cases", List.of());
    }

    @Override
    public List<CaseRow> openCasesAnd(String tenant, Collection<String> familyIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(familyIds));
        if (ids.size() > Sql.PART) {
            // a list longer than one IN (...) list: the open cases, then the others in parts
            List<CaseRow> out = new ArrayList<>(openCases(tenant));
            cases(tenant, ids).values().stream().filter(c -> !OPEN_STATE.test(c.state())).sorted(java.util.Comparator.comparing(CaseRow::updatedAt))
                    .forEach(out::add);
            return out;
        }
        return tenantCases(tenant, " AND (state NOT IN ('CLOSED', 'DECLINED')" + (ids.isEmpty() ? "" : " OR family_id IN ("
                + Sql.placeholders(ids.size()) + ")") + ") ORDER BY state IN ('CLOSED', 'DECLINED'), updated_at", "reading outreach cases", ids);
    }

    private static final java.util.function.Predicate<String> OPEN_STATE = state -> !state.equals("CLOSED") && !state.equals("DECLINED");

    /**
     * The tenant's cases, with a further condition and order on the query and the values of its placeholders; what
     * failed named in the error.
     */
    private List<CaseRow> tenantCases(String tenant, String conditionAndOrder, String what, List<String> values) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT family_id, state, assigned_to, updated_at, updated_by, "
                + "version FROM outreach_case WHERE tenant=?" + conditionAndOrder)) {
            ps.setString(1, tenant);
            for (int i = 0; i < values.size(); i++) {
                ps.setString(i + 2, values.get(i));
            }
            List<CaseRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(caseRow(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }

    private static CaseRow caseRow(ResultSet rs) throws SQLException {
        return new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, "updated_at"), rs.getString(5), rs.getInt(6));
    }

    @Override
    public Map<String, CaseRow> cases(String tenant, Collection<String> familyIds) {
        Map<String, CaseRow> out = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(familyIds));
        try (Connection c = ds.getConnection()) {
            for (List<String> part : Sql.parts(ids)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT family_id, state, assigned_to, updated_at, updated_by, version FROM outreach_case "
                        + "WHERE tenant=? AND family_id IN (" + Sql.placeholders(part.size()) + ")")) {
                    ps.setString(1, tenant);
                    for (int i = 0; i < part.size(); i++) {
                        ps.setString(i + 2, part.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), caseRow(rs));
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
    public List<TenantStep> stepsSince(String tenant, Instant since) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT family_id, state, assigned_to, at FROM outreach_step "
                + "WHERE tenant=? AND at >= ? ORDER BY at, id")) {
            ps.setString(1, tenant);
            Sql.time(ps, 2, since);
            List<TenantStep> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TenantStep(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, "at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading outreach steps", e);
        }
    }

    @Override
    public Map<String, LocalDate> firstFlagged(String tenant, Collection<String> familyIds) {
        Map<String, LocalDate> out = new java.util.HashMap<>();
        List<String> ids = new ArrayList<>(familyIds);
        for (List<String> part : Sql.parts(ids)) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT f.family_id, MIN(r.as_of) FROM family_score f "
                    + "JOIN score_run r ON r.id = f.run_id WHERE r.tenant=? AND f.flagged AND f.family_id IN (" + Sql.placeholders(part.size()) + ") "
                    + "GROUP BY f.family_id")) {
                ps.setString(1, tenant);
                int i = 2;
                for (String id : part) {
                    ps.setString(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("reading when families were first flagged", e);
            }
        }
        return out;
    }

    @Override
    public CaseRow transition(String tenant, String familyId, int expectedVersion, String state, String assignedTo, String actor, Instant at) {
        return transition(tenant, familyId, expectedVersion, state, assignedTo, actor, at, null);
    }

    @Override
    public CaseRow transition(String tenant, String familyId, int expectedVersion, String state, String assignedTo, String actor, Instant at,
            Contact contact) {
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
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outreach_step (tenant, family_id, state, assigned_to, at, actor, "
                        + "contact_date, channel, note_key, note_iv, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                    Sql.date(ps, 7, contact == null ? null : contact.date());
                    ps.setString(8, contact == null ? null : contact.channel());
                    Sealed note = contact == null ? null : contact.note();
                    ps.setString(9, note == null ? null : note.keyId());
                    ps.setBytes(10, note == null ? null : note.iv());
                    ps.setBytes(11, note == null ? null : note.ciphertext());
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
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT state, assigned_to, at, actor, contact_date, channel, "
                + "note_key, note_iv, note FROM outreach_step WHERE tenant=? AND family_id=? ORDER BY id")) {
            ps.setString(1, tenant);
            ps.setString(2, familyId);
            List<StepRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Contact contact = rs.getString("channel") == null ? null : new Contact(Sql.date(rs, "contact_date"), rs.getString("channel"),
                            rs.getString("note_key") == null ? null : new Sealed(rs.getString("note_key"), rs.getBytes("note_iv"), rs.getBytes("note")));
                    out.add(new StepRow(rs.getString(1), rs.getString(2), Sql.time(rs, "at"), rs.getString(4), contact));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading an outreach case's steps", e);
        }
    }

    @Override
    public FamilyReference reference(String tenant, String familyId, String reference, byte[] secret) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO family_reference (tenant, family_id, reference, secret, created_at) "
                    + "VALUES (?,?,?,?,?)")) {
                ps.setString(1, tenant);
                ps.setString(2, familyId);
                ps.setString(3, reference);
                ps.setBytes(4, secret);
                Sql.time(ps, 5, Instant.now());
                ps.executeUpdate();
            }
            return references(c, tenant, "family_id", List.of(familyId)).values().stream().findFirst()
                    .orElseThrow(() -> new StoreException("a family's audit reference could not be recorded"));
        } catch (SQLException e) {
            throw new StoreException("recording a family's audit reference", e);
        }
    }

    @Override
    public Map<String, FamilyReference> byReference(String tenant, Collection<String> references) {
        try (Connection c = ds.getConnection()) {
            Map<String, FamilyReference> out = new HashMap<>();
            references(c, tenant, "reference", references).values().forEach(r -> out.put(r.reference(), r));
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading families' audit references", e);
        }
    }

    @Override
    public Optional<FamilyReference> referenceOf(String tenant, String familyId) {
        try (Connection c = ds.getConnection()) {
            return references(c, tenant, "family_id", List.of(familyId)).values().stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("reading a family's audit reference", e);
        }
    }

    /** References by family id, where {@code column} is one of the values. */
    private static Map<String, FamilyReference> references(Connection c, String tenant, String column, Collection<String> values) throws SQLException {
        Map<String, FamilyReference> out = new HashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(values));
        for (List<String> part : Sql.parts(all)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT family_id, reference, secret FROM family_reference WHERE tenant=? AND " + column
                    + " IN (" + Sql.placeholders(part.size()) + ")")) {
                bind(ps, tenant, part);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new FamilyReference(rs.getString(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void suppress(String tenant, Collection<byte[]> markers, LocalDate until) {
        suppress(tenant, markers, until, null);
    }

    @Override
    public void suppress(String tenant, Collection<byte[]> markers, LocalDate until, Long trialAllocation) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO suppression (tenant, marker, until, allocation_id) "
                + "VALUES (?,?,?,?) ON DUPLICATE KEY UPDATE until = GREATEST(until, VALUES(until)), "
                + "allocation_id = COALESCE(VALUES(allocation_id), allocation_id)")) {
            for (byte[] m : markers) {
                ps.setString(1, tenant);
                ps.setBytes(2, m);
                ps.setObject(3, until);
                if (trialAllocation == null) {
                    ps.setNull(4, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(4, trialAllocation);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("recording a suppression", e);
        }
    }

    @Override
    public Set<String> suppressionMarkers(String tenant, LocalDate day) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT marker FROM suppression WHERE tenant=? AND until >= ?")) {
            ps.setString(1, tenant);
            ps.setObject(2, day);
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(java.util.HexFormat.of().formatHex(rs.getBytes(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading suppressions", e);
        }
    }

    @Override
    public void dispute(String tenant, String sourceSystem, String sourceRecordId, String kind, String actor, Instant at) {
        dispute(tenant, sourceSystem, sourceRecordId, kind, null, actor, at);
    }

    @Override
    public void dispute(String tenant, String sourceSystem, String sourceRecordId, String kind, String reason, String actor, Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO disputed_event (tenant, source_system, "
                + "source_record_id, kind, marked_at, marked_by, reason) VALUES (?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE kind=VALUES(kind), "
                + "marked_at=VALUES(marked_at), marked_by=VALUES(marked_by), reason=VALUES(reason)")) {
            ps.setString(1, tenant);
            ps.setString(2, sourceSystem);
            ps.setString(3, sourceRecordId);
            ps.setString(4, kind);
            Sql.time(ps, 5, at);
            ps.setString(6, actor);
            ps.setString(7, reason);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("marking a data point", e);
        }
    }

    @Override
    public boolean withdrawDispute(String tenant, String sourceSystem, String sourceRecordId) {
        try (Connection c = ds.getConnection()) {
            return update(c, "DELETE FROM disputed_event WHERE tenant=? AND source_system=? AND source_record_id=?", tenant, sourceSystem,
                    sourceRecordId) > 0;
        } catch (SQLException e) {
            throw new StoreException("withdrawing a data point's mark", e);
        }
    }

    @Override
    public void startWorking(String tenant, String user, String familyId, String purpose, Instant openedAt, Instant expiresAt, long runId) {
        try (Connection c = ds.getConnection()) {
            update(c, "DELETE FROM case_session WHERE tenant=? AND expires_at < ?", tenant, java.sql.Timestamp.from(openedAt));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO case_session (tenant, username, family_id, purpose, opened_at, expires_at, "
                    + "run_id) VALUES (?,?,?,?,?,?,?) ON DUPLICATE KEY UPDATE purpose=VALUES(purpose), opened_at=VALUES(opened_at), "
                    + "expires_at=VALUES(expires_at), run_id=VALUES(run_id)")) {
                ps.setString(1, tenant);
                ps.setString(2, user);
                ps.setString(3, familyId);
                ps.setString(4, purpose);
                Sql.time(ps, 5, openedAt);
                Sql.time(ps, 6, expiresAt);
                ps.setLong(7, runId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("starting work on a case", e);
        }
    }

    @Override
    public Optional<WorkingSession> working(String tenant, String user, String familyId, Instant now) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT purpose, opened_at, expires_at, run_id FROM case_session "
                + "WHERE tenant=? AND username=? AND family_id=? AND expires_at > ?")) {
            ps.setString(1, tenant);
            ps.setString(2, user);
            ps.setString(3, familyId);
            Sql.time(ps, 4, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new WorkingSession(familyId, user, rs.getString(1), Sql.time(rs, "opened_at"), Sql.time(rs, "expires_at"),
                        rs.getLong(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading work on a case", e);
        }
    }

    @Override
    public int stopWorking(String tenant, String user, String familyId) {
        try (Connection c = ds.getConnection()) {
            return familyId == null ? update(c, "DELETE FROM case_session WHERE tenant=? AND username=?", tenant, user)
                    : update(c, "DELETE FROM case_session WHERE tenant=? AND username=? AND family_id=?", tenant, user, familyId);
        } catch (SQLException e) {
            throw new StoreException("ending work on a case", e);
        }
    }

    @Override
    public List<DisputeRow> disputes(String tenant) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT source_system, source_record_id, kind, marked_at, "
                + "marked_by, reason FROM disputed_event WHERE tenant=? ORDER BY source_system, source_record_id")) {
            ps.setString(1, tenant);
            List<DisputeRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DisputeRow(rs.getString(1), rs.getString(2), rs.getString(3), Sql.time(rs, "marked_at"), rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading disputed data points", e);
        }
    }

    @Override
    public Erasure erase(String tenant, String familyId, Collection<PersonId> persons) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                // the marks on data points that contributed to this family and to no other family of the tenant
                int disputes = update(c, "DELETE d FROM disputed_event d WHERE d.tenant=? AND EXISTS (SELECT 1 FROM score_contribution k "
                        + "JOIN score_run r ON r.id = k.run_id WHERE r.tenant = d.tenant AND k.family_id=? AND k.source_system = d.source_system "
                        + "AND k.source_record_id = d.source_record_id) AND NOT EXISTS (SELECT 1 FROM score_contribution k JOIN score_run r "
                        + "ON r.id = k.run_id WHERE r.tenant = d.tenant AND k.family_id <> ? AND k.source_system = d.source_system "
                        + "AND k.source_record_id = d.source_record_id)", tenant, familyId, familyId);
                // contributions and members go with the scores (ON DELETE CASCADE)
                int scores = update(c, "DELETE f FROM family_score f JOIN score_run r ON r.id = f.run_id WHERE r.tenant=? AND f.family_id=?",
                        tenant, familyId);
                int steps = update(c, "DELETE FROM outreach_step WHERE tenant=? AND family_id=?", tenant, familyId);
                update(c, "DELETE FROM case_session WHERE tenant=? AND family_id=?", tenant, familyId);
                update(c, "DELETE FROM outreach_case WHERE tenant=? AND family_id=?", tenant, familyId);
                boolean reference = update(c, "DELETE FROM family_reference WHERE tenant=? AND family_id=?", tenant, familyId) > 0;
                int identities = 0;
                for (PersonId p : new LinkedHashSet<>(persons)) {
                    if (belongsToAnotherFamily(c, tenant, p)) {
                        continue;
                    }
                    // the entries hold their own content hashes: gone, they are no longer held, and the next delivery stores them again
                    identities += update(c, "DELETE FROM identity_vault WHERE tenant=? AND pid=?", tenant, p);
                    // the sealed dwellings too (an address, in the key file holder's reach): the next delivery keeps them again
                    for (String table : List.of("residence", "residence_history")) {
                        update(c, "UPDATE " + table + " SET dwelling_key=NULL, dwelling_iv=NULL, dwelling=NULL, content_hash=NULL WHERE tenant=? AND pid=?",
                                tenant, p);
                    }
                }
                c.commit();
                return new Erasure(scores, steps, disputes, identities, reference);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("erasing a family", e);
        }
    }

    private static boolean belongsToAnotherFamily(Connection c, String tenant, PersonId p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM family_score f JOIN score_run r ON r.id = f.run_id "
                + "WHERE r.tenant=? AND f.child_pid=?) OR EXISTS (SELECT 1 FROM family_member m JOIN score_run r ON r.id = m.run_id "
                + "WHERE r.tenant=? AND m.person_pid=?)")) {
            ps.setString(1, tenant);
            ps.setBytes(2, p.bytes());
            ps.setString(3, tenant);
            ps.setBytes(4, p.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i] instanceof PersonId p ? p.bytes() : params[i]);
            }
            return ps.executeUpdate();
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
