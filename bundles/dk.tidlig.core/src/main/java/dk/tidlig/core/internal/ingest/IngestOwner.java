package dk.tidlig.core.internal.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process ingests a delivery, as {@code pid@host/start} (start in epoch seconds), so that a delivery whose
 * process died (killed, out of memory, power loss) is told from one that is still being read. Only a process on
 * the same host can be judged: a delivery owned on another host counts as alive.
 */
public final class IngestOwner {

    private static final String HOST = host();
    private static final String CURRENT = token(ProcessHandle.current());

    private IngestOwner() {
    }

    /** This process's token. */
    public static String current() {
        return CURRENT;
    }

    /** True when the owner is a process on this host that no longer runs (its pid is gone, or another process has it now). */
    public static boolean isDead(String owner) {
        if (owner == null) {
            return true; // recorded before deliveries had owners: nothing can still be ingesting it
        }
        int at = owner.indexOf('@');
        int slash = owner.lastIndexOf('/');
        if (at < 1 || slash < at) {
            return false;
        }
        if (!owner.substring(at + 1, slash).equals(HOST)) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(owner.substring(0, at));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isEmpty() || !p.get().isAlive() || !token(p.get()).equals(owner);
    }

    private static String token(ProcessHandle p) {
        long start = p.info().startInstant().map(Instant::getEpochSecond).orElse(0L);
        return p.pid() + "@" + HOST + "/" + start;
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.length() > 100 ? h.substring(0, 100) : h;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
