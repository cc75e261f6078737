// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.store.ConfigStateStore;
import dk.tidlig.store.Database;
import dk.tidlig.store.StoreException;

/** Configuration digests on MariaDB, one row per PID, "name=digest" lines. */
@Component(service = ConfigStateStore.class)
public class JdbcConfigStateStore implements ConfigStateStore {

    private final DataSource ds;

    @Activate
    public JdbcConfigStateStore(@Reference Database database) {
        this.ds = database.dataSource();
    }

    @Override
    public Map<String, String> read(String pid) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT digests FROM config_state WHERE pid=?")) {
            ps.setString(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    for (String line : rs.getString(1).split("\n")) {
                        int eq = line.lastIndexOf('=');
                        if (eq > 0) {
                            out.put(line.substring(0, eq), line.substring(eq + 1));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading a configuration's audited state", e);
        }
    }

    @Override
    public void save(String pid, Map<String, String> digests) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(digests).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO config_state (pid, digests, updated_at) "
                + "VALUES (?,?,?) ON DUPLICATE KEY UPDATE digests=VALUES(digests), updated_at=VALUES(updated_at)")) {
            ps.setString(1, pid);
            ps.setString(2, sb.toString());
            Sql.time(ps, 3, Instant.now());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("saving a configuration's audited state", e);
        }
    }
}
