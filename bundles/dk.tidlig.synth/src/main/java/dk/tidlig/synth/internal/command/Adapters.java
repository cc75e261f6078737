package dk.tidlig.synth.internal.command;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dk.tidlig.adapter.SourceAdapter;

/** Waits for the adapters FileInstall deploys from deploy/ when the framework starts. */
final class Adapters {

    private static final long QUIET_MS = 3000;
    private static final long MAX_MS = 90_000;

    private Adapters() {
    }

    /** The deployed adapters, once the set has not changed for a few seconds. */
    static List<SourceAdapter> awaitStable(Supplier<List<SourceAdapter>> adapters, PrintStream out) throws InterruptedException {
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
            } else if (!now.isEmpty() && t - changed >= QUIET_MS) {
                out.println("Deployed adapters: " + String.join(", ", now));
                return List.copyOf(adapters.get());
            }
            if (t - start > MAX_MS) {
                throw new IllegalStateException("no adapter is deployed: put adapter bundles in deploy/");
            }
            Thread.sleep(200);
        }
    }
}
