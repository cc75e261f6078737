// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.crypto.KeyPurpose;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.store.ConfigStateStore;

/**
 * Audits every change of tidlig's configuration (a file in config/ edited, added or removed, or a
 * change through ConfigAdmin): once per change, with the PID and the names of the properties that
 * changed — never their values, which may be passwords. Compares keyed digests of the values with those
 * last audited, so that restarts and unchanged re-deliveries of a file are not changes.
 */
@Component(immediate = true)
public class ConfigurationAudit implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationAudit.class);
    private static final HexFormat HEX = HexFormat.of();
    /** Properties ConfigAdmin and FileInstall add themselves. */
    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid", "service.bundleLocation", "felix.fileinstall.filename");

    private final ConfigurationAdmin admin;
    private final ConfigStateStore states;
    private final AuditTrail audit;
    private final KeyRing keys;
    private final Tenant tenant;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "tidlig-config-audit"));

    @Activate
    public ConfigurationAudit(@Reference ConfigurationAdmin admin, @Reference ConfigStateStore states, @Reference AuditTrail audit,
            @Reference KeyRing keys, @Reference Tenant tenant) {
        this.admin = admin;
        this.states = states;
        this.audit = audit;
        this.keys = keys;
        this.tenant = tenant;
        // what changed while tidlig was not running (or before this component started)
        worker.execute(() -> {
            try {
                Configuration[] all = admin.listConfigurations("(service.pid=dk.tidlig*)");
                for (Configuration c : all == null ? new Configuration[0] : all) {
                    check(c.getPid());
                }
            } catch (IOException | org.osgi.framework.InvalidSyntaxException | RuntimeException e) {
                LOG.error("Could not audit the configuration at start", e);
            }
        });
    }

    /**
     * Finishes the checks already queued (the stores are still there: DS deactivates this component before
     * the services it uses), so that a change is never audited without its state being saved, or the
     * other way round, when a short command stops the framework.
     */
    @Deactivate
    void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)) {
            LOG.warn("Configuration audit did not finish within 20 s; unaudited changes are found at the next start");
            worker.shutdownNow();
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (pid != null && pid.startsWith("dk.tidlig") && !worker.isShutdown()) {
            worker.execute(() -> {
                try {
                    check(pid);
                } catch (RuntimeException e) {
                    LOG.error("Could not audit a configuration change of {}", pid, e);
                }
            });
        }
    }

    void check(String pid) {
        Map<String, String> now = digests(pid);
        Map<String, String> before = states.read(pid);
        if (now.equals(before)) {
            return;
        }
        Set<String> changed = new TreeSet<>();
        Set<String> names = new TreeSet<>(now.keySet());
        names.addAll(before.keySet());
        for (String n : names) {
            if (!java.util.Objects.equals(now.get(n), before.get(n))) {
                changed.add(n);
            }
        }
        String what = now.isEmpty() ? "removed" : before.isEmpty() ? "configured: " + String.join(", ", changed) : "changed: " + String.join(", ", changed);
        String subject = pid.length() <= 64 ? pid : pid.substring(0, 61) + "...";
        audit.record(Actor.system(tenant.municipalityCode()), Action.CONFIG_CHANGE, subject, what);
        states.save(pid, now);
    }

    private Map<String, String> digests(String pid) {
        Map<String, String> out = new TreeMap<>();
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + pid.replaceAll("([\\\\()*])", "\\\\$1") + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return out;
            }
            Dictionary<String, Object> props = found[0].getProperties();
            for (String key : Collections.list(props.keys())) {
                if (!BOOKKEEPING.contains(key)) {
                    Object v = props.get(key);
                    String value = v instanceof Object[] a ? String.join("\u001f", java.util.Arrays.stream(a).map(String::valueOf).toList()) : String.valueOf(v);
                    out.put(key, HEX.formatHex(keys.hmac(KeyPurpose.CONFIG, pid, key, value)).substring(0, 32));
                }
            }
            return out;
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException("could not read configuration " + pid, e);
        }
    }
}
