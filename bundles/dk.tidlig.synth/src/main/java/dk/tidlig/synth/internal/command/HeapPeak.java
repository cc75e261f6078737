// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.synth.internal.command;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The largest heap in use after a garbage collection while it listens: the live data a run needed, which
 * is what the heap must hold (the heap pools' peaks before collections include garbage and, summed over
 * pools, moments that never coincide). Read from the collectors' notifications through the platform's
 * open types only, so no {@code com.sun.management} import is needed.
 */
final class HeapPeak implements AutoCloseable {

    /** The notification type HotSpot's collectors send after each collection. */
    private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    HeapPeak() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, n -> GC_NOTIFICATION.equals(n.getType()), null);
                emitters.add(emitter);
            }
        }
    }

    private void collected(Notification n, Object handback) {
        if (!(n.getUserData() instanceof CompositeData info) || !(info.get("gcInfo") instanceof CompositeData gc)
                || !(gc.get("memoryUsageAfterGc") instanceof TabularData after)) {
            return;
        }
        long used = 0;
        for (Object row : after.values()) {
            CompositeData entry = (CompositeData) row;
            if (heapPools.contains(String.valueOf(entry.get("key"))) && entry.get("value") instanceof CompositeData usage) {
                used += ((Number) usage.get("used")).longValue();
            }
        }
        collections.incrementAndGet();
        peak.accumulateAndGet(used, Math::max);
    }

    /**
     * The largest heap in use after a collection, in MiB. Collects once at the end, so that a run too short
     * for any collection still reports what it left in use.
     */
    long peakMb() {
        System.gc();
        long deadline = System.currentTimeMillis() + 2_000;
        while (collections.get() == 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10); // the notification of the collection above arrives on another thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (collections.get() == 0) {
            // a collector that sends no notifications: the heap in use after the explicit collection
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        }
        return peak.get() >> 20;
    }

    /** How many collections it saw. */
    long collections() {
        return collections.get();
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ex) {
                // already gone
            }
        }
    }
}
