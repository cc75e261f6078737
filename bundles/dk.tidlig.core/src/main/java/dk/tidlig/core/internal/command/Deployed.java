// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.DeployedAdapters;
import dk.tidlig.adapter.SourceAdapter;

/** Finds deployed adapters and waits until their ingest route runs. */
public final class Deployed {

    private Deployed() {
    }

    /** The adapters deployed now. */
    public static List<SourceAdapter> adapters(BundleContext context) {
        List<SourceAdapter> out = new ArrayList<>();
        try {
            for (ServiceReference<SourceAdapter> ref : context.getServiceReferences(SourceAdapter.class, null)) {
                SourceAdapter a = context.getService(ref);
                if (a != null) {
                    out.add(a);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        out.sort((a, b) -> a.descriptor().id().compareTo(b.descriptor().id()));
        return out;
    }

    /** The inbox the platform runs for the adapter, if its routes were built. */
    public static Optional<AdapterInbox> inbox(BundleContext context, String adapterId) {
        try {
            for (ServiceReference<AdapterInbox> ref : context.getServiceReferences(AdapterInbox.class,
                    "(" + SourceAdapter.ADAPTER_ID + "=" + adapterId + ")")) {
                AdapterInbox inbox = context.getService(ref);
                if (inbox != null) {
                    return Optional.of(inbox);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not an adapter id: " + adapterId);
        }
        return Optional.empty();
    }

    /**
     * Waits until the adapter is deployed and its ingest route is started.
     *
     * @throws IllegalArgumentException naming the deployed adapters when it does not appear in time
     */
    public static SourceAdapter await(BundleContext context, CamelContext camel, String adapterId, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        // an adapter that is neither deployed nor coming (no jar and configuration of its name) is refused once the adapters
        // that are coming have come and stayed a few seconds, not after the whole wait
        java.util.Set<String> expected = DeployedAdapters.expected(context);
        java.util.Set<String> last = java.util.Set.of();
        long changed = System.currentTimeMillis();
        while (true) {
            List<SourceAdapter> deployed = adapters(context);
            Optional<SourceAdapter> adapter = deployed.stream().filter(a -> a.descriptor().id().equals(adapterId)).findFirst();
            Route route = camel.getRoute(adapterId + "-ingest");
            if (adapter.isPresent() && route != null
                    && camel.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started) {
                return adapter.get();
            }
            long now = System.currentTimeMillis();
            TreeSet<String> present = new TreeSet<>();
            deployed.forEach(a -> present.add(a.descriptor().id()));
            if (!present.equals(last)) {
                last = present;
                changed = now;
            }
            boolean notComing = adapter.isEmpty() && !expected.contains(adapterId) && !present.isEmpty() && present.containsAll(expected)
                    && now - changed >= DeployedAdapters.QUIET_MS;
            if (now > deadline || notComing) {
                TreeSet<String> ids = new TreeSet<>();
                adapters(context).forEach(a -> ids.add(a.descriptor().id()));
                if (adapter.isPresent()) {
                    throw new IllegalArgumentException("the adapter '" + adapterId + "' is deployed, but its routes did not start: "
                            + "the log names the setting of its configuration to fix");
                }
                throw new IllegalArgumentException("no adapter '" + adapterId + "' is deployed (deployed: "
                        + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ")");
            }
            Thread.sleep(100);
        }
    }
}
