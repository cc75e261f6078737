// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.web.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dk.tidlig.core.access.SignedInSessions;

/** Sessions in memory, for the tests of the parts that do not need the database. */
final class MemorySessions implements SignedInSessions {

    private final Map<ByteBuffer, Stored> sessions = new ConcurrentHashMap<>();

    @Override
    public void save(Stored session) {
        sessions.put(ByteBuffer.wrap(session.idHash()), session);
    }

    @Override
    public Optional<Stored> find(byte[] idHash) {
        return Optional.ofNullable(sessions.get(ByteBuffer.wrap(idHash)));
    }

    @Override
    public void touch(byte[] idHash, Instant lastUsed, String language) {
        sessions.computeIfPresent(ByteBuffer.wrap(idHash), (k, s) -> new Stored(s.idHash(), s.actor(), s.csrf(), s.credential(), language,
                s.started(), lastUsed.isAfter(s.lastUsed()) ? lastUsed : s.lastUsed()));
    }

    @Override
    public void remove(byte[] idHash) {
        sessions.remove(ByteBuffer.wrap(idHash));
    }

    @Override
    public int removeFor(String username) {
        int before = sessions.size();
        sessions.values().removeIf(s -> username == null || s.actor().user().equals(username));
        return before - sessions.size();
    }

    @Override
    public int removeExpired(Instant lastUsedBefore, Instant startedBefore) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.lastUsed().isBefore(lastUsedBefore) || s.started().isBefore(startedBefore));
        return before - sessions.size();
    }

    private final java.util.Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public boolean firstUse(String kind, String id, Instant validUntil) {
        return used.add(kind + "\n" + id);
    }
}
