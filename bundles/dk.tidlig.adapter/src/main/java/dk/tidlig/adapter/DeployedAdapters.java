// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Waits for the adapters FileInstall deploys from deploy/ when the framework starts: until every adapter that has both
 * its jar in deploy/ and its configuration in the configuration folder is there (FHIR's takes seconds longer than the
 * rest), and the set has not changed for a few seconds.
 */
public final class DeployedAdapters {

    /** How long the set of deployed adapters stays the same before it counts as complete. */
    public static final long QUIET_MS = 3000;
    private static final long MAX_MS = 90_000;

    private DeployedAdapters() {
    }

    /**
     * The ids of the adapters that will come: dk.tidlig.adapter.&lt;id&gt;.jar in deploy/ with
     * dk.tidlig.adapter.&lt;id&gt;.cfg in the configuration folder (framework properties tidlig.home and tidlig.config).
     */
    public static Set<String> expected(org.osgi.framework.BundleContext context) {
        Set<String> ids = new TreeSet<>();
        String home = context.getProperty("tidlig.home");
        String config = context.getProperty("tidlig.config");
        if (home == null || config == null) {
            return ids;
        }
        java.nio.file.Path deploy = java.nio.file.Path.of(home, "deploy");
        try (var cfgs = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of(config), "dk.tidlig.adapter.*.cfg")) {
            for (java.nio.file.Path cfg : cfgs) {
                String name = cfg.getFileName().toString();
                String id = name.substring("dk.tidlig.adapter.".length(), name.length() - ".cfg".length());
                if (java.nio.file.Files.exists(deploy.resolve("dk.tidlig.adapter." + id + ".jar"))) {
                    ids.add(id);
                }
            }
        } catch (java.io.IOException e) {
            // no folder to read: the quiet period alone decides
        }
        return ids;
    }

    /**
     * Waits until every expected adapter runs, at most {@code maxMs}, without the quiet period: for a command that
     * only reads about the sources (e.g. {@code deliveries sources}) and delivers nothing.
     *
     * @param running the ids of the adapters that run now, asked again every 200 ms
     * @return whether all of them run
     */
    public static boolean awaitExpected(Supplier<? extends java.util.Collection<String>> running, Set<String> expected, long maxMs)
            throws InterruptedException {
        boolean all = dk.tidlig.model.Polling.until(running, r -> r.containsAll(expected), java.time.Duration.ofMillis(maxMs)).containsAll(expected);
        if (Thread.interrupted()) { // as Thread.sleep would: the exception, the flag cleared
            throw new InterruptedException("waiting for the adapters");
        }
        return all;
    }

    /** The deployed adapters, once the set has not changed for a few seconds. */
    public static List<SourceAdapter> awaitStable(Supplier<List<SourceAdapter>> adapters, PrintStream out) throws InterruptedException {
        return awaitStable(adapters, Set.of(), out);
    }

    /** The deployed adapters, once the expected ones are among them and the set has not changed for a few seconds. */
    public static List<SourceAdapter> awaitStable(Supplier<List<SourceAdapter>> adapters, Set<String> expected, PrintStream out)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        long changed = start;
        Set<String> last = new TreeSet<>();
        while (true) {
            Set<String> now = new TreeSet<>();
            adapters.get().forEach(a -> now.add(a.descriptor().id()));
            long t = System.currentTimeMillis();
            if (!now.equals(last)) {
                last = now;
                changed = t;
            } else if (!now.isEmpty() && now.containsAll(expected) && t - changed >= QUIET_MS) {
                out.println("Deployed adapters: " + String.join(", ", now));
                return List.copyOf(adapters.get());
            }
            if (t - start > MAX_MS) {
                if (now.isEmpty()) {
                    throw new IllegalStateException("no adapter is deployed: put adapter bundles in deploy/");
                }
                Set<String> missing = new TreeSet<>(expected);
                missing.removeAll(now);
                out.println("Deployed adapters: " + String.join(", ", now) + " (not started, though configured and in deploy/: "
                        + String.join(", ", missing) + "; the log says why)");
                return List.copyOf(adapters.get());
            }
            Thread.sleep(200);
        }
    }
}
