// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.PersonId;
import dk.tidlig.store.Database;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.Sealed;
import dk.tidlig.store.StoreException;

/** The identity vault on MariaDB. */
@Component(service = IdentityVaultStore.class)
public class JdbcIdentityVaultStore implements IdentityVaultStore {

    private final DataSource ds;

    @Activate
    public JdbcIdentityVaultStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public Map<IdentityKind, Sealed> read(String tenant, PersonId pid) {
        Map<IdentityKind, Sealed> out = new EnumMap<>(IdentityKind.class);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT kind, key_id, iv, ciphertext FROM identity_vault WHERE tenant=? AND pid=?")) {
            ps.setString(1, tenant);
            ps.setBytes(2, pid.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(IdentityKind.valueOf(rs.getString(1)), new Sealed(rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the identity vault", e);
        }
        return out;
    }

    @Override
    public Map<PersonId, Sealed> read(String tenant, java.util.Collection<PersonId> pids, IdentityKind kind) {
        Map<PersonId, Sealed> out = new java.util.HashMap<>();
        java.util.List<PersonId> all = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(pids));
        try (Connection c = ds.getConnection()) {
            for (java.util.List<PersonId> part : Sql.parts(all)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pid, key_id, iv, ciphertext FROM identity_vault WHERE tenant=? AND kind=? "
                        + "AND pid IN (" + Sql.placeholders(part.size()) + ")")) {
                    ps.setString(1, tenant);
                    ps.setString(2, kind.name());
                    for (int i = 0; i < part.size(); i++) {
                        ps.setBytes(i + 3, part.get(i).bytes());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(Sql.pid(rs, "pid"), new Sealed(rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the identity vault", e);
        }
        return out;
    }
}
