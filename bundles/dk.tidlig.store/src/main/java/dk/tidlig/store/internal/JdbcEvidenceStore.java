// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.Database;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.Row;
import dk.tidlig.store.StoreException;

/** {@link EvidenceStore} on MariaDB. */
@Component(service = EvidenceStore.class)
public class JdbcEvidenceStore implements EvidenceStore {

    private final DataSource ds;

    @Activate
    public JdbcEvidenceStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant) {
        return attributes(tenant, pid -> true);
    }

    @Override
    public Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant, Set<PersonId> persons) {
        return attributes(tenant, persons::contains);
    }

    /**
     * The attributes of the persons wanted, each value one object however many persons share it (a district or a
     * citizenship group is shared by thousands): read for a whole municipality, they were a third of an evaluation's heap.
     */
    private Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant, java.util.function.Predicate<PersonId> wanted) {
        Map<PersonId, Map<Row.Attribute, String>> out = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT pid, name, value FROM person_attribute WHERE tenant=?")) {
            ps.setString(1, tenant);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PersonId pid = Sql.pid(rs, "pid");
                    if (wanted.test(pid)) {
                        out.computeIfAbsent(pid, k -> new EnumMap<>(Row.Attribute.class)).put(Row.Attribute.valueOf(rs.getString(2)),
                                values.computeIfAbsent(rs.getString(3), v -> v));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading persons' attributes", e);
        }
    }

    @Override
    public Map<PersonId, LocalDate> firstEvents(String tenant, Set<Indicator> indicators, LocalDate from, LocalDate to) {
        Map<PersonId, LocalDate> out = new HashMap<>();
        if (indicators.isEmpty()) {
            return out;
        }
        String in = indicators.stream().map(i -> "'" + i.name() + "'").collect(Collectors.joining(","));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT subject_pid, MIN(start_date) FROM risk_event e "
                + "WHERE tenant=? AND indicator IN (" + in + ") AND start_date BETWEEN ? AND ? "
                + "AND NOT EXISTS (SELECT 1 FROM disputed_event d WHERE d.tenant = e.tenant AND d.source_system = e.source_system "
                + "AND d.source_record_id = e.source_record_id) GROUP BY subject_pid")) {
            ps.setString(1, tenant);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(Sql.pid(rs, "subject_pid"), rs.getObject(2, LocalDate.class));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the outcomes", e);
        }
    }

    @Override
    public EvaluationRow saveEvaluation(EvaluationRow r) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO model_evaluation (tenant, model_id, model_version, "
                + "model_digest, as_of, outcome, outcome_source, created_at, created_by, figures, report_dir) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, r.tenant());
            ps.setString(2, r.modelId());
            ps.setString(3, r.modelVersion());
            ps.setString(4, r.modelDigest());
            ps.setObject(5, r.asOf());
            ps.setString(6, r.outcome());
            ps.setString(7, r.outcomeSource());
            Sql.time(ps, 8, r.createdAt());
            ps.setString(9, r.createdBy());
            ps.setString(10, r.figures());
            Sql.string(ps, 11, r.reportDir());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new EvaluationRow(keys.getLong(1), r.tenant(), r.modelId(), r.modelVersion(), r.modelDigest(), r.asOf(), r.outcome(),
                        r.outcomeSource(), r.createdAt(), r.createdBy(), r.figures(), r.reportDir());
            }
        } catch (SQLException e) {
            throw new StoreException("storing an evaluation", e);
        }
    }

    private static final String EVALUATION_COLUMNS = "id, tenant, model_id, model_version, model_digest, as_of, outcome, outcome_source, "
            + "created_at, created_by, figures, report_dir";

    @Override
    public List<EvaluationRow> evaluations(String tenant, int limit) {
        return queryEvaluations("SELECT " + EVALUATION_COLUMNS + " FROM model_evaluation WHERE tenant=? ORDER BY created_at DESC, id DESC LIMIT "
                + Math.max(1, limit), tenant);
    }

    @Override
    public java.util.Optional<EvaluationRow> evaluation(String tenant, long id) {
        return queryEvaluations("SELECT " + EVALUATION_COLUMNS + " FROM model_evaluation WHERE tenant=? AND id=?", tenant, id).stream().findFirst();
    }

    private List<EvaluationRow> queryEvaluations(String sql, Object... args) {
        List<EvaluationRow> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EvaluationRow(rs.getLong("id"), rs.getString("tenant"), rs.getString("model_id"), rs.getString("model_version"),
                            rs.getString("model_digest"), rs.getObject("as_of", LocalDate.class), rs.getString("outcome"), rs.getString("outcome_source"),
                            Sql.time(rs, "created_at"), rs.getString("created_by"), rs.getString("figures"), rs.getString("report_dir")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading evaluations", e);
        }
    }

    private static final String ACTIVATION_COLUMNS = "id, tenant, model_id, model_version, model_digest, evaluation_id, justification, requested_by, "
            + "requested_at, decided_by, decided_at, state";

    @Override
    public ActivationRow requestActivation(ActivationRow r) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO model_activation (tenant, model_id, "
                + "model_version, model_digest, evaluation_id, justification, requested_by, requested_at, state) VALUES (?,?,?,?,?,?,?,?,?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, r.tenant());
            ps.setString(2, r.modelId());
            ps.setString(3, r.modelVersion());
            ps.setString(4, r.modelDigest());
            ps.setLong(5, r.evaluationId());
            Sql.string(ps, 6, r.justification());
            ps.setString(7, r.requestedBy());
            Sql.time(ps, 8, r.requestedAt());
            ps.setString(9, ActivationState.REQUESTED.name());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return activation(r.tenant(), keys.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw new StoreException("recording an activation request", e);
        }
    }

    @Override
    public java.util.Optional<ActivationRow> decide(String tenant, long id, ActivationState state, String by, java.time.Instant at) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (state == ActivationState.ACTIVE) {
                    try (PreparedStatement ps = c.prepareStatement("UPDATE model_activation SET state='SUPERSEDED' WHERE tenant=? AND state='ACTIVE' "
                            + "AND EXISTS (SELECT 1 FROM (SELECT id FROM model_activation WHERE tenant=? AND id=? AND state='REQUESTED') requested)")) {
                        ps.setString(1, tenant);
                        ps.setString(2, tenant);
                        ps.setLong(3, id);
                        ps.executeUpdate();
                    }
                }
                int changed;
                try (PreparedStatement ps = c.prepareStatement("UPDATE model_activation SET state=?, decided_by=?, decided_at=? WHERE tenant=? AND id=? "
                        + "AND state='REQUESTED'")) {
                    ps.setString(1, state.name());
                    ps.setString(2, by);
                    Sql.time(ps, 3, at);
                    ps.setString(4, tenant);
                    ps.setLong(5, id);
                    changed = ps.executeUpdate();
                }
                c.commit();
                return changed == 0 ? java.util.Optional.empty() : activation(tenant, id);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("deciding an activation", e);
        }
    }

    @Override
    public java.util.Optional<ActivationRow> activation(String tenant, long id) {
        return queryActivations("SELECT " + ACTIVATION_COLUMNS + " FROM model_activation WHERE tenant=? AND id=?", tenant, id).stream().findFirst();
    }

    @Override
    public java.util.Optional<ActivationRow> active(String tenant) {
        return queryActivations("SELECT " + ACTIVATION_COLUMNS + " FROM model_activation WHERE tenant=? AND state='ACTIVE' ORDER BY decided_at DESC, "
                + "id DESC LIMIT 1", tenant).stream().findFirst();
    }

    @Override
    public List<ActivationRow> activations(String tenant, int limit) {
        return queryActivations("SELECT " + ACTIVATION_COLUMNS + " FROM model_activation WHERE tenant=? ORDER BY requested_at DESC, id DESC LIMIT "
                + Math.max(1, limit), tenant);
    }

    private List<ActivationRow> queryActivations(String sql, Object... args) {
        List<ActivationRow> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ActivationRow(rs.getLong("id"), rs.getString("tenant"), rs.getString("model_id"), rs.getString("model_version"),
                            rs.getString("model_digest"), rs.getLong("evaluation_id"), rs.getString("justification"), rs.getString("requested_by"),
                            Sql.time(rs, "requested_at"), rs.getString("decided_by"), Sql.time(rs, "decided_at"),
                            ActivationState.valueOf(rs.getString("state"))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading activations", e);
        }
    }
}
