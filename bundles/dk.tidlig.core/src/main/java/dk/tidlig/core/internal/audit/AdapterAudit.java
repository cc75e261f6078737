// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.store.ConfigStateStore;

/**
 * Audits deploying and removing an adapter (a bundle dropped into or taken out of deploy/): once per change, with
 * the adapter's id and bundle version, compared with the adapters last audited (kept with the configuration
 * state), so that restarts are not changes. An adapter removed while tidlig was stopped is audited by the server
 * once FileInstall has had time to install what deploy/ holds; short commands leave that to the server.
 */
@Component(immediate = true)
public class AdapterAudit {

    /** The key under which the audited adapters are kept with the configuration state. */
    static final String STATE = "tidlig.adapters";
    private static final Logger LOG = LoggerFactory.getLogger(AdapterAudit.class);
    /** How long after start the server compares: FileInstall polls deploy/ every second and starts what it finds. */
    static final long SETTLE_SECONDS = 90;

    private final BundleContext context;
    private final ConfigStateStore states;
    private final AuditTrail audit;
    private final Tenant tenant;
    private final Map<String, String> deployed = new HashMap<>();
    private final ScheduledExecutorService timer;

    @Activate
    public AdapterAudit(BundleContext context, @Reference ConfigStateStore states, @Reference AuditTrail audit, @Reference Tenant tenant) {
        this.context = context;
        this.states = states;
        this.audit = audit;
        this.tenant = tenant;
        String mode = context.getProperty("tidlig.mode");
        if ("server".equals(mode) || "demo".equals(mode)) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "tidlig-adapter-audit"));
            timer.schedule(this::removedWhileStopped, SETTLE_SECONDS, TimeUnit.SECONDS);
        } else {
            timer = null;
        }
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bind(SourceAdapter adapter, ServiceReference<SourceAdapter> ref) {
        String id = adapter.descriptor().id();
        String version = ref.getBundle() == null ? "?" : ref.getBundle().getVersion().toString();
        deployed.put(id, version);
        try {
            Map<String, String> known = new TreeMap<>(states.read(STATE));
            if (!version.equals(known.get(id))) {
                audit.record(Actor.system(tenant.municipalityCode()), Action.ADAPTER_DEPLOYED, "adapter " + id,
                        "version " + version + (known.containsKey(id) ? " (was " + known.get(id) + ")" : "") + " deployed");
                known.put(id, version);
                states.save(STATE, known);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not audit the deployment of adapter {}: {}", id, e.getMessage());
        }
    }

    synchronized void unbind(SourceAdapter adapter, ServiceReference<SourceAdapter> ref) {
        String id = adapter.descriptor().id();
        deployed.remove(id);
        Bundle system = context.getBundle(0);
        if (system.getState() == Bundle.STOPPING || context.getBundle().getState() == Bundle.STOPPING) {
            return; // tidlig is stopping: the adapter stays deployed
        }
        removed(id);
    }

    /** Adapters audited as deployed that are not here once the server has settled were removed while it was stopped. */
    synchronized void removedWhileStopped() {
        try {
            for (String id : states.read(STATE).keySet()) {
                if (!deployed.containsKey(id)) {
                    removed(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Could not compare the deployed adapters with those last audited: {}", e.getMessage());
        }
    }

    private void removed(String id) {
        try {
            Map<String, String> known = new TreeMap<>(states.read(STATE));
            if (known.remove(id) != null) {
                audit.record(Actor.system(tenant.municipalityCode()), Action.ADAPTER_REMOVED, "adapter " + id, "removed from deploy/");
                states.save(STATE, known);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not audit the removal of adapter {}: {}", id, e.getMessage());
        }
    }
}
