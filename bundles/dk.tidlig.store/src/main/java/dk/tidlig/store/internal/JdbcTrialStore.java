// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.store.Database;
import dk.tidlig.store.StoreException;
import dk.tidlig.store.TrialStore;

/** The wait-list lottery on MariaDB. */
@Component(service = TrialStore.class)
public class JdbcTrialStore implements TrialStore {

    private static final String COLUMNS = "id, tenant, run_id, as_of, offer_id, arm, draw_rank, children, wait_until, listed_run, offered_on, "
            + "response, outcome_day";

    private final DataSource ds;

    @Activate
    public JdbcTrialStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public void saveDraw(Draw d, List<Allocation> allocated, Collection<Long> offeredAfterWait) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_draw (run_id, tenant, as_of, seed, eligible, offered, wait_listed, "
                        + "after_wait, legal_basis, drawn_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                    ps.setLong(1, d.runId());
                    ps.setString(2, d.tenant());
                    Sql.date(ps, 3, d.asOf());
                    ps.setBytes(4, d.seed());
                    ps.setInt(5, d.eligible());
                    ps.setInt(6, d.offered());
                    ps.setInt(7, d.waitListed());
                    ps.setInt(8, d.afterWait());
                    ps.setString(9, d.legalBasis());
                    Sql.time(ps, 10, d.drawnAt());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO trial_allocation (tenant, run_id, as_of, offer_id, arm, draw_rank, "
                        + "children, wait_until, listed_run) VALUES (?,?,?,?,?,?,?,?,?)")) {
                    for (Allocation a : allocated) {
                        ps.setString(1, a.tenant());
                        ps.setLong(2, a.runId());
                        Sql.date(ps, 3, a.asOf());
                        ps.setString(4, a.offerId());
                        ps.setString(5, a.arm().name());
                        ps.setInt(6, a.rank());
                        ps.setInt(7, a.children());
                        Sql.date(ps, 8, a.waitUntil());
                        if (a.listedRun() == null) {
                            ps.setNull(9, Types.BIGINT);
                        } else {
                            ps.setLong(9, a.listedRun());
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial_allocation SET listed_run=? WHERE id=? AND listed_run IS NULL")) {
                    for (long id : offeredAfterWait) {
                        ps.setLong(1, d.runId());
                        ps.setLong(2, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("recording a run's lottery", e);
        }
    }

    @Override
    public Optional<Draw> draw(long runId) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT run_id, tenant, as_of, seed, eligible, offered, "
                + "wait_listed, after_wait, legal_basis, drawn_at FROM trial_draw WHERE run_id=?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Draw(rs.getLong(1), rs.getString(2), Sql.date(rs, "as_of"), rs.getBytes(4), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getInt(8), rs.getString(9), Sql.time(rs, "drawn_at")));
            }
        } catch (SQLException e) {
            throw new StoreException("reading a run's lottery", e);
        }
    }

    @Override
    public Map<String, Allocation> allocations(String tenant, Collection<String> offerIds) {
        Map<String, Allocation> out = new HashMap<>();
        List<String> ids = new ArrayList<>(offerIds);
        for (List<String> part : Sql.parts(ids, 500)) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM trial_allocation "
                    + "WHERE tenant=? AND offer_id IN (" + Sql.placeholders(part.size()) + ")")) {
                ps.setString(1, tenant);
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 2, part.get(i));
                }
                for (Allocation a : read(ps)) {
                    out.put(a.offerId(), a);
                }
            } catch (SQLException e) {
                throw new StoreException("reading households' places in the trial", e);
            }
        }
        return out;
    }

    @Override
    public List<Allocation> allocations(String tenant) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM trial_allocation "
                + "WHERE tenant=? ORDER BY run_id, id")) {
            ps.setString(1, tenant);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("reading the trial", e);
        }
    }

    @Override
    public List<String> listedOffers(long runId) {
        // offered after the wait first (they waited), then the lottery's own offers in its order
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT offer_id FROM trial_allocation WHERE listed_run=? "
                + "AND offer_id IS NOT NULL ORDER BY run_id <> listed_run DESC, run_id, draw_rank")) {
            ps.setLong(1, runId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading a run's offers", e);
        }
    }

    @Override
    public void offered(String tenant, String offerId, LocalDate day) {
        update("UPDATE trial_allocation SET offered_on = COALESCE(offered_on, ?) WHERE tenant=? AND offer_id=?", day, tenant, offerId);
    }

    @Override
    public void answered(String tenant, String offerId, String response) {
        if (!response.equals("ACCEPTED") && !response.equals("NO_ANSWER")) {
            throw new IllegalArgumentException("an answer is ACCEPTED or NO_ANSWER; a decline is recorded with declined()");
        }
        // an acceptance stands; a household that did not answer may accept later
        update("UPDATE trial_allocation SET response=? WHERE tenant=? AND offer_id=? AND (response IS NULL OR response='NO_ANSWER')", response,
                tenant, offerId);
    }

    @Override
    public OptionalLong declined(String tenant, String offerId, LocalDate outcomeDay) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM trial_allocation WHERE tenant=? AND offer_id=? FOR UPDATE")) {
                    ps.setString(1, tenant);
                    ps.setString(2, offerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.commit();
                            return OptionalLong.empty();
                        }
                        id = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE trial_allocation SET response='DECLINED', offer_id=NULL, draw_rank=NULL, "
                        + "outcome_day=? WHERE id=?")) {
                    Sql.date(ps, 1, outcomeDay);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                c.commit();
                return OptionalLong.of(id);
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("recording a decline in the trial", e);
        }
    }

    @Override
    public void outcomeObserved(long allocationId, LocalDate day) {
        update("UPDATE trial_allocation SET outcome_day = LEAST(COALESCE(outcome_day, ?), ?) WHERE id=? AND response='DECLINED'", day, day,
                allocationId);
    }

    @Override
    public Map<String, Long> followedMarkers(String tenant) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT marker, allocation_id FROM suppression "
                + "WHERE tenant=? AND allocation_id IS NOT NULL")) {
            ps.setString(1, tenant);
            Map<String, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(java.util.HexFormat.of().formatHex(rs.getBytes(1)), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading the follow-up of declined households", e);
        }
    }

    private List<Allocation> read(PreparedStatement ps) throws SQLException {
        List<Allocation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int rank = rs.getInt("draw_rank");
                Integer r = rs.wasNull() ? null : rank;
                long listed = rs.getLong("listed_run");
                Long l = rs.wasNull() ? null : listed;
                out.add(new Allocation(rs.getLong("id"), rs.getString("tenant"), rs.getLong("run_id"), Sql.date(rs, "as_of"), rs.getString("offer_id"),
                        Arm.valueOf(rs.getString("arm")), r, rs.getInt("children"), Sql.date(rs, "wait_until"), l, Sql.date(rs, "offered_on"),
                        rs.getString("response"), Sql.date(rs, "outcome_day")));
            }
        }
        return out;
    }

    private void update(String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording a household's part in the trial", e);
        }
    }
}
