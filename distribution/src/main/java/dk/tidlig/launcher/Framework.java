// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** Boots Apache Felix with tidlig's bundles. */
final class Framework {

    private final org.osgi.framework.launch.Framework felix;

    private Framework(org.osgi.framework.launch.Framework felix) {
        this.felix = felix;
    }

    /**
     * Starts the framework, installs the listed bundles with their start levels and starts them.
     *
     * @param commandLine when not null, published for the core's command runner together with the exit hook
     */
    static Framework start(Map<String, String> properties, BundleList bundles, String[] commandLine, IntConsumer exit)
            throws BundleException, IOException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        org.osgi.framework.launch.Framework felix = factory.newFramework(properties);
        felix.init();
        BundleContext context = felix.getBundleContext();
        if (commandLine != null) {
            Dictionary<String, Object> line = new Hashtable<>();
            line.put("tidlig.role", "command-line");
            context.registerService(Supplier.class, () -> commandLine.clone(), line);
            Dictionary<String, Object> hook = new Hashtable<>();
            hook.put("tidlig.role", "exit");
            context.registerService(IntConsumer.class, exit, hook);
        }
        List<Bundle> installed = new ArrayList<>();
        for (BundleList.Entry e : bundles.entries()) {
            // by reference: Felix reads the jar where it lies in bundle/ instead of copying it into its cache for every command
            Bundle b = context.installBundle("reference:" + e.file().toUri());
            b.adapt(BundleStartLevel.class).setStartLevel(e.startLevel());
            installed.add(b);
        }
        felix.start();
        List<String> problems = new ArrayList<>();
        for (Bundle b : installed) {
            if (b.getHeaders().get("Fragment-Host") == null) {
                try {
                    b.start();
                } catch (BundleException ex) {
                    problems.add(b.getSymbolicName() + ": " + ex.getMessage());
                }
            }
        }
        int level = Integer.parseInt(properties.getOrDefault("org.osgi.framework.startlevel.beginning", "1"));
        felix.adapt(FrameworkStartLevel.class).setStartLevel(level);
        if (!problems.isEmpty()) {
            throw new BundleException("bundles did not start:\n  " + String.join("\n  ", problems));
        }
        return new Framework(felix);
    }

    void stop() {
        try {
            felix.stop();
            felix.waitForStop(30_000);
        } catch (BundleException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Blocks until the framework stops (Ctrl+C, or a shutdown). */
    void awaitStop() throws InterruptedException {
        felix.waitForStop(0);
    }
}
