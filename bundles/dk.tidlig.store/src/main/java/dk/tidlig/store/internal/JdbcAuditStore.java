// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.store.AuditRecord;
import dk.tidlig.store.AuditStore;
import dk.tidlig.store.Database;
import dk.tidlig.store.StoreException;

/** The audit trail on MariaDB: one chain for the whole database, appended under a row lock (store_lock). */
@Component(service = AuditStore.class)
public class JdbcAuditStore implements AuditStore {

    private static final String LOCK = "audit-chain";
    private final DataSource ds;

    @Activate
    public JdbcAuditStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public AuditRecord append(AuditRecord draft, Function<AuditRecord, String> hasher) {
        return appendAll(java.util.List.of(draft), hasher).get(0);
    }

    @Override
    public java.util.List<AuditRecord> appendAll(java.util.List<AuditRecord> drafts, Function<AuditRecord, String> hasher) {
        if (drafts.isEmpty()) {
            return java.util.List.of();
        }
        return underChainLock("appending " + drafts.size() + " entries to the audit trail", (c, head) -> {
            long seq = head == null ? 1 : head.seq() + 1;
            String prev = head == null ? AuditRecord.GENESIS : head.hash();
            java.util.List<AuditRecord> out = new java.util.ArrayList<>(drafts.size());
            for (AuditRecord draft : drafts) {
                AuditRecord placed = new AuditRecord(seq++, draft.tenant(), draft.at().truncatedTo(ChronoUnit.MILLIS), draft.actor(), draft.role(),
                        draft.action(), draft.subject(), draft.detail(), draft.keyGeneration(), prev, null);
                AuditRecord entry = placed.withHash(hasher.apply(placed));
                out.add(entry);
                prev = entry.hash();
            }
            // one statement for the group (a group commit holds at most GroupCommit's 200): never a batch, see RowLock.begin
            try (PreparedStatement ps = c.prepareStatement(ENTRIES.sql(out.size()))) {
                int i = 1;
                for (AuditRecord entry : out) {
                    ps.setLong(i++, entry.seq());
                    ps.setString(i++, entry.tenant());
                    Sql.time(ps, i++, entry.at());
                    ps.setString(i++, entry.actor());
                    ps.setString(i++, entry.role());
                    ps.setString(i++, entry.action());
                    ps.setString(i++, entry.subject());
                    ps.setString(i++, entry.detail());
                    ps.setInt(i++, entry.keyGeneration());
                    ps.setString(i++, entry.prevHash());
                    ps.setString(i++, entry.hash());
                }
                ps.executeUpdate();
            }
            return out;
        });
    }

    @Override
    public java.util.Optional<Start> start() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq, prev_hash, purged_before, key_gen, mac FROM audit_start WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Start(rs.getLong("seq"), rs.getString("prev_hash"), Sql.time(rs, "purged_before"), rs.getInt("key_gen"),
                    rs.getString("mac")));
        } catch (SQLException e) {
            throw new StoreException("reading the audit trail's start", e);
        }
    }

    @Override
    public java.util.Map<String, Long> purgeBefore(Instant cut, int keyGeneration, Function<Start, String> mac) {
        // under the chain's lock the start moves; what lies before it is deleted after, outside the lock (appends only
        // touch the newest entry, which a purge never deletes)
        underChainLock("purging the audit trail", (c, head) -> {
            // the newest entry older than the cut, never the newest of all: appends continue from it
            long last = 0;
            String lastHash = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_entry WHERE at < ? AND seq < (SELECT MAX(seq) FROM "
                    + "audit_entry) ORDER BY seq DESC LIMIT 1")) {
                Sql.time(ps, 1, cut);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        last = rs.getLong(1);
                        lastHash = rs.getString(2);
                    }
                }
            }
            java.util.Optional<Start> before = start();
            if (lastHash != null && (before.isEmpty() || before.get().seq() <= last)) {
                Start draft = new Start(last + 1, lastHash, cut.truncatedTo(ChronoUnit.MILLIS), keyGeneration, null);
                Start start = new Start(draft.seq(), draft.prevHash(), draft.purgedBefore(), keyGeneration, mac.apply(draft));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_start (id, seq, prev_hash, purged_before, key_gen, mac) "
                        + "VALUES (1,?,?,?,?,?) ON DUPLICATE KEY UPDATE seq=VALUE(seq), prev_hash=VALUE(prev_hash), "
                        + "purged_before=VALUE(purged_before), key_gen=VALUE(key_gen), mac=VALUE(mac)")) {
                    ps.setLong(1, start.seq());
                    ps.setString(2, start.prevHash());
                    Sql.time(ps, 3, start.purgedBefore());
                    ps.setInt(4, start.keyGeneration());
                    ps.setString(5, start.mac());
                    ps.executeUpdate();
                }
            }
            return null;
        });
        // everything before the start: what this purge cut, and what a purge stopped half-way left
        try (Connection c = ds.getConnection()) {
            long from = start().map(Start::seq).orElse(1L);
            java.util.Map<String, Long> deleted = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant, COUNT(*) FROM audit_entry WHERE seq < ? GROUP BY tenant")) {
                ps.setLong(1, from);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deleted.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_entry WHERE seq < ? ORDER BY seq LIMIT 10000")) {
                ps.setLong(1, from);
                while (ps.executeUpdate() > 0) {
                    // in batches, so that no statement holds the whole purge
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw new StoreException("purging the audit trail", e);
        }
    }

    @Override
    public void forEach(Consumer<AuditRecord> each) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM audit_entry ORDER BY seq")) {
            ps.setFetchSize(5_000); // streamed: the trail grows without bound
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the audit trail", e);
        }
    }

    @Override
    public List<String> actorsWithManySubjectsInAnHour(String tenant, List<String> actions, Instant since, int atLeast) {
        String marks = String.join(",", java.util.Collections.nCopies(actions.size(), "?"));
        String sql = "SELECT DISTINCT actor FROM (SELECT actor, FLOOR(UNIX_TIMESTAMP(at) / 3600) AS hour, COUNT(DISTINCT subject) AS n"
                + " FROM audit_entry WHERE tenant=? AND at>=? AND action IN (" + marks + ") GROUP BY actor, hour HAVING n >= ?) busy ORDER BY actor";
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            ps.setTimestamp(i++, java.sql.Timestamp.from(since));
            for (String a : actions) {
                ps.setString(i++, a);
            }
            ps.setInt(i, atLeast);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("counting the audit trail's busy actors", e);
        }
    }

    @Override
    public List<AuditRecord> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_entry WHERE tenant=?");
        List<Object> params = new ArrayList<>(List.of(q.tenant()));
        if (q.action() != null) {
            sql.append(" AND action=?");
            params.add(q.action());
        }
        if (q.actor() != null) {
            sql.append(" AND actor=?");
            params.add(q.actor());
        }
        if (q.subject() != null) {
            sql.append(" AND subject=?");
            params.add(q.subject());
        }
        if (q.from() != null) {
            sql.append(" AND at>=?");
            params.add(java.sql.Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at<?");
            params.add(java.sql.Timestamp.from(q.to()));
        }
        if (q.beforeSeq() != null) {
            sql.append(" AND seq<?");
            params.add(q.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(q.limit());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<AuditRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("searching the audit trail", e);
        }
    }

    private static AuditRecord row(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong("seq"), rs.getString("tenant"), Sql.time(rs, "at"), rs.getString("actor"), rs.getString("role"),
                rs.getString("action"), rs.getString("subject"), rs.getString("detail"), rs.getInt("key_gen"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** Work on the chain that no other writer may interleave with. */
    private interface ChainWork<T> {
        /** @param head the chain's newest entry as the lock was taken, or null while the chain is empty */
        T run(Connection c, Head head) throws SQLException;
    }

    /** The chain's newest entry. */
    private record Head(long seq, String hash) {
    }

    /** Read with the lock, for appends (a purge, which has no use for it, reads it too: one round trip all the same). */
    private static final String HEAD = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";

    private static final MultiRow ENTRIES = new MultiRow("INSERT INTO audit_entry (seq, tenant, at, actor, role, action, subject, detail, "
            + "key_gen, prev_hash, hash) VALUES", "(?,?,?,?,?,?,?,?,?,?,?)", "");

    /**
     * Appends of this process wait for each other here, before they take a connection: otherwise every request that
     * audits would hold one of the pool's few connections while it waits for the chain's lock, and under load the
     * rest of the application would find no connection at all.
     */
    private final java.util.concurrent.locks.ReentrantLock appending = new java.util.concurrent.locks.ReentrantLock(true);

    private <T> T underChainLock(String what, ChainWork<T> work) {
        try {
            if (!appending.tryLock(90, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new StoreException("the audit trail was busy for more than 90 s (" + what + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the audit trail (" + what + ")");
        }
        try {
            return underRowLock(what, work);
        } finally {
            appending.unlock();
        }
    }

    /**
     * Runs the work in one transaction that holds the chain's row lock ({@link RowLock}): appends and purges are serialised,
     * within this process by a lock of its own first, across processes and database nodes by the row. A transaction that
     * loses a conflict (a deadlock, a lock wait timeout, or on a Galera cluster another node's commit) is rolled back
     * whole and run again.
     */
    private <T> T underRowLock(String what, ChainWork<T> work) {
        try (Connection c = ds.getConnection()) {
            for (int attempt = 1;; attempt++) {
                try {
                    // the transaction, the lock and the chain's head in one round trip, the entries in a second, the commit
                    // in a third: each is a wait for the server, which a delivery may be keeping busy while a user waits
                    Head head = RowLock.begin(c, LOCK, HEAD, rs -> rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null);
                    T result = work.run(c, head);
                    RowLock.commit(c);
                    return result;
                } catch (Throwable e) {
                    if (!RowLock.rollback(c, ds, e) || e instanceof Error || attempt >= JdbcIngestStore.MAX_ATTEMPTS
                            || !JdbcIngestStore.isDeadlockOrLockTimeout(e)) {
                        throw e;
                    }
                    JdbcIngestStore.pause(attempt);
                }
            }
        } catch (SQLException e) {
            throw new StoreException(what, e);
        }
    }
}
