// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.store.Database;
import dk.tidlig.store.StoreException;
import dk.tidlig.store.UserStore;

/** Local users on MariaDB. */
@Component(service = UserStore.class)
public class JdbcUserStore implements UserStore {

    private final DataSource ds;

    @Activate
    public JdbcUserStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public Optional<UserRow> find(String username) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, username, role, password_hash, disabled FROM app_user WHERE username=?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading a user", e);
        }
    }

    @Override
    public void save(UserRow user) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (tenant, username, role, password_hash, "
                + "disabled, created_at) VALUES (?,?,?,?,?,?) ON DUPLICATE KEY UPDATE tenant=VALUES(tenant), role=VALUES(role), "
                + "password_hash=VALUES(password_hash), disabled=VALUES(disabled)")) {
            ps.setString(1, user.tenant());
            ps.setString(2, user.username());
            ps.setString(3, user.role());
            ps.setString(4, user.passwordHash());
            ps.setBoolean(5, user.disabled());
            Sql.time(ps, 6, Instant.now());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("saving a user", e);
        }
    }

    @Override
    public List<UserRow> list(String tenant) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, username, role, password_hash, disabled FROM app_user WHERE tenant=? ORDER BY username")) {
            ps.setString(1, tenant);
            List<UserRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("listing users", e);
        }
    }

    @Override
    public Optional<SsoIdentity> ssoIdentity(String issuer, String subject) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT issuer, subject, username, tenant FROM sso_identity WHERE issuer=? AND subject=?")) {
            ps.setString(1, issuer);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SsoIdentity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading an SSO identity", e);
        }
    }

    @Override
    public boolean bind(SsoIdentity identity) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT IGNORE INTO sso_identity (issuer, subject, username, tenant, first_seen) VALUES (?,?,?,?,?)")) {
            ps.setString(1, identity.issuer());
            ps.setString(2, identity.subject());
            ps.setString(3, identity.username());
            ps.setString(4, identity.tenant());
            Sql.time(ps, 5, Instant.now());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("binding an SSO identity", e);
        }
        return ssoIdentity(identity.issuer(), identity.subject()).map(i -> i.username().equals(identity.username())).orElse(false);
    }

    @Override
    public void signedIn(String issuer, String subject, String role, Instant at) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sso_identity SET role=?, last_seen=? WHERE issuer=? AND subject=?")) {
            ps.setString(1, role);
            Sql.time(ps, 2, at);
            ps.setString(3, issuer);
            ps.setString(4, subject);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording an SSO sign-in", e);
        }
    }

    @Override
    public List<SsoUserRow> ssoUsers(String tenant, Instant since) {
        List<SsoUserRow> out = new java.util.ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, role, last_seen FROM sso_identity WHERE tenant=? AND last_seen >= ? ORDER BY username")) {
            ps.setString(1, tenant);
            Sql.time(ps, 2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SsoUserRow(rs.getString(1), rs.getString(2), Sql.time(rs, "last_seen")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("listing SSO users", e);
        }
        return out;
    }

    private static UserRow row(ResultSet rs) throws SQLException {
        return new UserRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5));
    }
}
