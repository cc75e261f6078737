// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dk.tidlig.store.KeyGenerationStore;

/**
 * Replaces the pseudonym, household or family-id key in place: the key file gets a new generation (from a secret of its
 * own), then each municipality's rows are carried over to it in one transaction (see {@link KeyGenerationStore#rekey}).
 * Interrupted between municipalities, it is run again and continues with those still held under the older generation;
 * until then, processes with either key file refuse to ingest, score or look a person up for those ({@link KeyGuard}).
 */
public final class Rekeyer {

    /** What a rekeying does: the generation it carries the municipalities to, whether it raised it now, and which municipalities. */
    public record Plan(int generation, boolean raised, List<String> tenants) {
    }

    /** The keys whose values the database holds and a rekeying carries over. */
    public static final java.util.Set<KeyPurpose> REKEYED = java.util.EnumSet.of(KeyPurpose.PSEUDONYM, KeyPurpose.HOUSEHOLD, KeyPurpose.FAMILY);

    private final Path file;
    private final KeyGenerationStore store;
    private KeyRing keys;

    public Rekeyer(Path file, KeyGenerationStore store) {
        this.file = file;
        this.store = store;
    }

    /**
     * Raises the purpose's key in the key file, unless a rekeying to the key file's generation has not finished.
     *
     * @throws IllegalStateException when the database holds a later generation than the key file (an older copy of it),
     *                               or the other key's rekeying has not finished
     */
    public Plan plan(KeyPurpose purpose) throws IOException {
        if (!REKEYED.contains(purpose)) {
            throw new IllegalArgumentException("only the pseudonym, household and family-id keys are carried over in the database");
        }
        KeyRing before = new KeyRing(file, false);
        int generation = before.generation(purpose);
        List<String> behind = new ArrayList<>();
        for (String tenant : store.tenants()) {
            KeyGenerationStore.Held rows = store.held(tenant, purpose.fileName(), held(before, purpose));
            int held = rows.generation();
            if (held == generation && !held(before, purpose).equals(rows)) {
                throw new IllegalStateException("municipality " + tenant + "'s data is held under another generation " + held + " of the "
                        + purpose.fileName() + " key than the key file " + file + " has (two key files were raised apart): use the one that rekeyed");
            }
            if (held > generation) {
                throw new IllegalStateException("municipality " + tenant + "'s data is held under generation " + held + " of the " + purpose.fileName()
                        + " key and the key file " + file + " has generation " + generation + ": this is an older copy of the key file; use the one "
                        + "that rekeyed");
            }
            for (KeyPurpose other : REKEYED) {
                int otherHeld = store.held(tenant, other.fileName(), held(before, other)).generation();
                if (other != purpose && otherHeld != before.generation(other)) {
                    throw new IllegalStateException("municipality " + tenant + "'s data is held under generation " + otherHeld + " of the "
                            + other.fileName() + " key and the key file " + file + " has generation " + before.generation(other)
                            + ": finish that first ('bin/tidlig keys rekey " + other.fileName() + "' with the key file that raised it)");
                }
            }
            if (held < generation) {
                behind.add(tenant);
            }
        }
        if (!behind.isEmpty()) {
            return new Plan(generation, false, behind);
        }
        // nothing is raised while the rows cannot follow: a raised key file would keep the delivery that could clear the way out
        for (String tenant : store.tenants()) {
            java.util.Optional<String> obstacle = store.obstacle(tenant, purpose.fileName());
            if (obstacle.isPresent()) {
                throw new IllegalStateException(obstacle.get() + "; the key file was left as it was");
            }
        }
        int raised = KeyRing.raise(file, purpose);
        return new Plan(raised, true, List.copyOf(store.tenants()));
    }

    /** Carries one municipality's rows over to the key file's generation of the purpose's key; rows changed per table. */
    public Map<String, Integer> rekey(KeyPurpose purpose, String tenant, int to) throws IOException {
        if (keys == null || keys.generation(purpose) != to) {
            keys = new KeyRing(file, false);
        }
        KeyRing ring = keys;
        return store.rekey(tenant, purpose.fileName(), held(ring, purpose), from -> new KeyRingRekeying(ring, tenant, purpose, from, to));
    }

    private static KeyGenerationStore.Held held(KeyRing keys, KeyPurpose purpose) {
        int g = keys.generation(purpose);
        return new KeyGenerationStore.Held(g, keys.keyCheck(purpose, g));
    }
}
