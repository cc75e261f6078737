// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.store.Database;
import dk.tidlig.store.SessionStore;
import dk.tidlig.store.StoreException;

/** Sessions in MariaDB (table app_session). */
@Component(service = {SessionStore.class, dk.tidlig.store.OnceStore.class})
public class JdbcSessionStore implements SessionStore, dk.tidlig.store.OnceStore {

    private final DataSource ds;

    @Activate
    public JdbcSessionStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public void insert(SessionRow s) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO app_session (id_hash, tenant, username, role, "
                + "csrf, credential, language, started_at, last_used_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
            ps.setBytes(1, s.idHash());
            ps.setString(2, s.tenant());
            ps.setString(3, s.username());
            ps.setString(4, s.role());
            ps.setString(5, s.csrf());
            Sql.string(ps, 6, s.credential());
            ps.setString(7, s.language());
            Sql.time(ps, 8, s.startedAt());
            Sql.time(ps, 9, s.lastUsedAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("storing a session", e);
        }
    }

    @Override
    public Optional<SessionRow> find(byte[] idHash) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM app_session WHERE id_hash=?")) {
            ps.setBytes(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SessionRow(rs.getBytes("id_hash"), rs.getString("tenant"), rs.getString("username"), rs.getString("role"),
                        rs.getString("csrf"), rs.getString("credential"), rs.getString("language"), Sql.time(rs, "started_at"),
                        Sql.time(rs, "last_used_at")));
            }
        } catch (SQLException e) {
            throw new StoreException("reading a session", e);
        }
    }

    @Override
    public void touch(byte[] idHash, Instant lastUsedAt, String language) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE app_session SET last_used_at=GREATEST(last_used_at, ?), language=? WHERE id_hash=?")) {
            Sql.time(ps, 1, lastUsedAt);
            ps.setString(2, language);
            ps.setBytes(3, idHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording a session's use", e);
        }
    }

    @Override
    public void delete(byte[] idHash) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM app_session WHERE id_hash=?")) {
            ps.setBytes(1, idHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("ending a session", e);
        }
    }

    @Override
    public int deleteFor(String username) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(username == null ? "DELETE FROM app_session"
                : "DELETE FROM app_session WHERE username=?")) {
            if (username != null) {
                ps.setString(1, username);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("ending sessions", e);
        }
    }

    @Override
    public int deleteExpired(Instant lastUsedBefore, Instant startedBefore) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM app_session WHERE last_used_at < ? OR started_at < ?")) {
            Sql.time(ps, 1, lastUsedBefore);
            Sql.time(ps, 2, startedBefore);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("ending expired sessions", e);
        }
    }

    @Override
    public boolean useOnce(byte[] idHash, Instant expiresAt) {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM used_once WHERE expires_at < NOW(3)")) {
                ps.executeUpdate();
            } catch (SQLException e) {
                // tidying only (another node may be at it): the use is recorded all the same
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO used_once (id_hash, expires_at) VALUES (?, ?)")) {
                ps.setBytes(1, idHash);
                Sql.time(ps, 2, expiresAt);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StoreException("recording what may happen once", e);
        }
    }

    @Override
    public void forget(byte[] idHash) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM used_once WHERE id_hash = ?")) {
            ps.setBytes(1, idHash);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("forgetting what may happen once", e);
        }
    }
}
