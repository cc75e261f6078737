// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process ingests a delivery, as {@code pid@host/start} (start in epoch seconds), so that a delivery whose
 * process died (killed, out of memory, power loss) is told from one that is still being read. A process on the same
 * host is judged by its process id; one on another host (a second node) by the delivery's progress: it counts as
 * gone when the delivery has stored nothing for longer than the ingest's {@code ownerSilentMinutes}. A process taken
 * for gone that was only slow stores nothing more once another took its delivery over: each chunk is stored only
 * while the delivery is still its process's.
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

    private static final java.util.concurrent.atomic.AtomicLong SESSIONS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A token for one reading of a delivery by this process: the process's token and a number, {@code pid@host/start#n}.
     * The delivery's chunks and its end are stored only while it is this reading's, so that a reading another took the
     * delivery over from stores nothing more.
     */
    public static String newReading() {
        return CURRENT + "#" + SESSIONS.incrementAndGet();
    }

    /** The process part of an owner token (without a reading's number). */
    static String process(String owner) {
        int hash = owner.indexOf('#');
        return hash < 0 ? owner : owner.substring(0, hash);
    }

    /**
     * True when the delivery's process is gone: on this host, its process no longer runs; on another host, the delivery
     * has made no progress since {@code now - silence}.
     */
    public static boolean isGone(dk.tidlig.store.FileRecord delivery, java.time.Duration silence, Instant now) {
        if (delivery.owner() != null && !onThisHost(process(delivery.owner()))) {
            return delivery.progressAt() == null || delivery.progressAt().isBefore(now.minus(silence));
        }
        return isDead(delivery.owner());
    }

    private static boolean onThisHost(String owner) {
        int at = owner.indexOf('@');
        int slash = owner.lastIndexOf('/');
        return at < 1 || slash < at || owner.substring(at + 1, slash).equals(HOST);
    }

    /** True when the owner is a process on this host that no longer runs (its pid is gone, or another process has it now). */
    public static boolean isDead(String token) {
        if (token == null) {
            return true; // recorded before deliveries had owners: nothing can still be ingesting it
        }
        String owner = process(token);
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
