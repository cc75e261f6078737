// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.store.Database;
import dk.tidlig.store.ProcessRegistry;
import dk.tidlig.store.StoreException;

/** This process on record in {@code tidlig_process} while it runs, its word renewed every 20 seconds, and gone when it stops. */
@Component(service = ProcessRegistry.class, immediate = true)
public class JdbcProcessRegistry implements ProcessRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcProcessRegistry.class);
    private static final long EVERY_SECONDS = 20;

    private final DataSource ds;
    private final String id;
    private final ScheduledExecutorService heartbeat;

    @Activate
    public JdbcProcessRegistry(@Reference Database database, BundleContext context) {
        this(database, context == null ? null : context.getProperty("tidlig.mode"));
    }

    /** Outside OSGi: on record as a process of this mode (server, demo, command). */
    public JdbcProcessRegistry(Database database, String mode) {
        this.ds = database.dataSource();
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        this.id = HexFormat.of().formatHex(b);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO tidlig_process (id, host, os_pid, mode, "
                + "started_at, seen_at) VALUES (?,?,?,?,NOW(3),NOW(3))")) {
            ps.setString(1, id);
            ps.setString(2, host.length() > 255 ? host.substring(0, 255) : host);
            ps.setLong(3, ProcessHandle.current().pid());
            ps.setString(4, mode == null ? "unknown" : mode);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Putting this process on record", e);
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidlig-process-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    private void beat() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE tidlig_process SET seen_at=NOW(3) WHERE id=?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not renew this process's record in the database: {}", e.getMessage());
        }
    }

    @Deactivate
    public void close() {
        heartbeat.shutdownNow();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM tidlig_process WHERE id=? OR seen_at < NOW(3) "
                + "- INTERVAL 1 DAY")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not take this process off the record: {}", e.getMessage());
        }
    }

    @Override
    public List<Process> others() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT host, os_pid, mode, started_at, seen_at FROM tidlig_process "
                + "WHERE id <> ? AND seen_at > NOW(3) - INTERVAL " + GONE_AFTER.toSeconds() + " SECOND ORDER BY started_at")) {
            ps.setString(1, id);
            List<Process> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Process(rs.getString(1), rs.getLong(2), rs.getString(3), Sql.time(rs, "started_at"), Sql.time(rs, "seen_at")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Reading the processes on record", e);
        }
    }
}
