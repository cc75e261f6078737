// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.camel.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the one {@link CamelContext} of tidlig. Adapter bundles publish their routes as
 * {@link RoutesBuilder} services; the routes are added when the adapter arrives and stopped and
 * removed when it leaves, so deploying or removing an adapter jar in {@code deploy/} takes effect
 * while the system runs. The context itself is published as a service for the commands that send
 * files to an adapter's route directly.
 */
@Component(immediate = true, configurationPid = CamelHost.PID)
@Designate(ocd = CamelHost.Config.class)
public class CamelHost {

    static final String PID = "dk.tidlig.camel";
    private static final Logger LOG = LoggerFactory.getLogger(CamelHost.class);

    @ObjectClassDefinition(name = "tidlig Camel host", description = "The CamelContext that runs every adapter's routes.")
    public @interface Config {
        @AttributeDefinition(name = "Context name", description = "Name of the CamelContext in logs.")
        String name() default "tidlig";

        @AttributeDefinition(name = "Shutdown timeout (seconds)",
                description = "How long a stopping route may take to finish the file it is reading before it is forced to stop.")
        int shutdownTimeoutSeconds() default 30;
    }

    private final DefaultCamelContext context;
    private final String name;
    private final ServiceRegistration<CamelContext> registration;
    private final Map<RoutesBuilder, List<String>> routesByBuilder = new IdentityHashMap<>();

    @Activate
    public CamelHost(BundleContext bundleContext, Config config) throws Exception {
        ClassLoader own = CamelHost.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(own);
        try {
            context = new DefaultCamelContext(false);
            context.setApplicationContextClassLoader(own);
            context.getCamelContextExtension().setName(config.name());
            name = config.name();
            context.setMessageHistory(false);
            context.setUseMDCLogging(false);
            context.disableJMX();
            // message bodies carry personal data: never put them into log lines
            context.getGlobalOptions().put("CamelLogDebugBodyMaxChars", "0");
            context.getShutdownStrategy().setTimeout(config.shutdownTimeoutSeconds());
            context.start();
        } finally {
            thread.setContextClassLoader(previous);
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", config.name());
        registration = bundleContext.registerService(CamelContext.class, context, props);
        LOG.info("Camel {} context '{}' started", context.getVersion(), config.name());
    }

    /**
     * A configuration change must not replace the context: every adapter's routes and every component
     * holding the context would be torn down. The shutdown timeout applies at once; a new name at the
     * next start.
     */
    @Modified
    void modified(Config config) {
        context.getShutdownStrategy().setTimeout(config.shutdownTimeoutSeconds());
        if (!config.name().equals(name)) {
            LOG.warn("The Camel context's new name '{}' takes effect when tidlig restarts", config.name());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addRoutes(RoutesBuilder builder, Map<String, Object> properties) {
        Set<String> before = routeIds();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CamelHost.class.getClassLoader());
        try {
            context.addRoutes(builder);
            List<String> added = new ArrayList<>(routeIds());
            added.removeAll(before);
            routesByBuilder.put(builder, added);
            LOG.info("Added routes {} from {}", added, origin(properties));
        } catch (Exception e) {
            LOG.error("Could not add the routes of {}: {}", origin(properties), e.getMessage(), e);
            // a half-added builder must not leave routes behind
            List<String> partial = new ArrayList<>(routeIds());
            partial.removeAll(before);
            remove(partial);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    synchronized void removeRoutes(RoutesBuilder builder, Map<String, Object> properties) {
        List<String> ids = routesByBuilder.remove(builder);
        if (ids != null) {
            remove(ids);
            LOG.info("Removed routes {} of {}", ids, origin(properties));
        }
    }

    private void remove(List<String> ids) {
        for (String id : ids) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not remove route {}: {}", id, e.getMessage());
            }
        }
    }

    private Set<String> routeIds() {
        return context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String origin(Map<String, Object> properties) {
        Object name = properties.get("component.name");
        return name == null ? "a RoutesBuilder service" : name.toString();
    }

    @Deactivate
    synchronized void stop() throws Exception {
        registration.unregister();
        context.stop();
        LOG.info("Camel context stopped");
    }
}
