// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.InboxSettings;
import dk.tidlig.adapter.IngestService;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.adapter.route.AdapterRouteBuilder;

/**
 * The platform's side of every adapter: for each {@link SourceAdapter} service it reads the inbox settings from the
 * service's properties (the adapter's configuration) over the descriptor's defaults, builds the adapter's routes and
 * publishes them as a {@link RoutesBuilder} (which the Camel host adds to the one context) and as its
 * {@link AdapterInbox}. When the adapter leaves, or its configuration changes, they go with it.
 */
@Component(immediate = true)
public final class AdapterRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterRoutes.class);

    private final BundleContext context;
    private final IngestService ingest;
    private final Map<SourceAdapter, ServiceRegistration<?>> registrations = new IdentityHashMap<>();
    private boolean active = true;

    /**
     * Reads an adapter's private settings (a leading dot: kept out of its service properties), such as an SFTP key's
     * passphrase. A constructor reference, so that it is there before the first adapter is bound.
     */
    private final org.osgi.service.cm.ConfigurationAdmin configurations;

    @Activate
    public AdapterRoutes(BundleContext context, @Reference IngestService ingest, @Reference org.osgi.service.cm.ConfigurationAdmin configurations) {
        this.context = context;
        this.ingest = ingest;
        this.configurations = configurations;
    }

    /**
     * The adapter's settings: its service properties, which hold its configuration's public properties, and its
     * configuration's private ones ({@code .sftpKeyPassword}), read from ConfigAdmin so that no secret is a service property.
     */
    private Map<String, Object> settings(Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        org.osgi.service.cm.ConfigurationAdmin admin = configurations;
        if (pid == null || admin == null) {
            return properties;
        }
        try {
            String filter = "(service.pid=" + pid.toString().replaceAll("([\\\\()*])", "\\\\$1") + ")";
            org.osgi.service.cm.Configuration[] found = admin.listConfigurations(filter);
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return properties;
            }
            Map<String, Object> all = new java.util.HashMap<>(properties);
            Dictionary<String, Object> config = found[0].getProperties();
            for (String key : java.util.Collections.list(config.keys())) {
                if (key.equals("." + InboxSettings.SFTP_KEY_PASSWORD)) {
                    all.put(key, config.get(key));
                }
            }
            return all;
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("The private settings of {} could not be read: {}", pid, e.getMessage());
            return properties;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addAdapter(SourceAdapter adapter, Map<String, Object> properties) {
        if (!active) {
            return;
        }
        String id = adapter.descriptor().id();
        AdapterRouteBuilder routes;
        try {
            routes = new AdapterRouteBuilder(adapter, InboxSettings.from(adapter.descriptor(), settings(properties), context::getProperty), ingest);
        } catch (IllegalArgumentException e) {
            LOG.error("Adapter {} has no routes: {} (fix its configuration, {})", id, e.getMessage(), configurationFile(properties));
            return;
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SourceAdapter.ADAPTER_ID, id);
        props.put("component.name", "adapter " + id);
        registrations.put(adapter, context.registerService(new String[] {RoutesBuilder.class.getName(), AdapterInbox.class.getName()}, routes,
                props));
    }

    /**
     * The adapter's properties changed: its routes are rebuilt only when its inbox settings did, so that a delivery in
     * progress is not stopped for nothing; settings that are now wrong leave it without routes, and the log says why.
     */
    synchronized void updatedAdapter(SourceAdapter adapter, Map<String, Object> properties) {
        ServiceRegistration<?> r = registrations.get(adapter);
        if (r != null) {
            try {
                Object current = context.getService(r.getReference());
                boolean same = current instanceof AdapterRouteBuilder b
                        && b.settings().equals(InboxSettings.from(adapter.descriptor(), settings(properties), context::getProperty));
                context.ungetService(r.getReference());
                if (same) {
                    return;
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // wrong settings now, or the registration went: rebuilt below, which logs the reason
            }
        }
        removeAdapter(adapter);
        addAdapter(adapter, properties);
    }

    synchronized void removeAdapter(SourceAdapter adapter) {
        ServiceRegistration<?> r = registrations.remove(adapter);
        if (r != null) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with this bundle
            }
        }
    }

    @Deactivate
    synchronized void stop() {
        active = false;
        for (SourceAdapter a : new java.util.ArrayList<>(registrations.keySet())) {
            removeAdapter(a);
        }
    }

    private static String configurationFile(Map<String, Object> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            return String.valueOf(file).replaceFirst("^file:", "");
        }
        Object pid = properties.get("service.pid");
        return pid == null ? "its configuration" : "configuration " + pid;
    }
}
