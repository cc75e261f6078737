// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.crypto;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.store.KeyGenerationStore;

/**
 * Keeps a process from mixing generations of a key: one whose key file has another generation of the pseudonym or
 * family-id key than a municipality's rows are held under would make pseudonyms and family ids that match nothing
 * (a delivery would store every person again, a look-up would find nobody). Ingest, scoring and the look-up of a person
 * by CPR number ask first and are refused, with what to do.
 */
@Component(service = KeyGuard.class)
public final class KeyGuard {

    private final KeyRing keys;
    private final KeyGenerationStore generations;

    @Activate
    public KeyGuard(@Reference KeyRing keys, @Reference KeyGenerationStore generations) {
        this.keys = keys;
        this.generations = generations;
    }

    /** Refused because the key file and the municipality's rows hold different generations of a key. */
    public static final class MismatchException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        MismatchException(String message) {
            super(message);
        }
    }

    /**
     * @throws MismatchException when the municipality's rows are held under another generation of one of the keys than
     *                           the key file has (a rekeying waits until it has ended)
     */
    public void require(String tenant, KeyPurpose... purposes) {
        for (KeyPurpose p : purposes) {
            int mine = keys.generation(p);
            KeyGenerationStore.Held ours = new KeyGenerationStore.Held(mine, keys.keyCheck(p, mine));
            KeyGenerationStore.Held rows = generations.held(tenant, p.fileName(), ours);
            int held = rows.generation();
            if (held == mine && rows.check() != null && !rows.check().equals(ours.check())) {
                throw new MismatchException("the key file " + keys.file() + " has another generation " + mine + " of the " + p.fileName()
                        + " key than municipality " + tenant + "'s data is held under (two key files were raised apart): copy the key file of "
                        + "the node that ran 'bin/tidlig keys rekey " + p.fileName() + "' here, then restart tidlig");
            }
            if (held > mine) {
                throw new MismatchException("municipality " + tenant + "'s data is held under generation " + held + " of the " + p.fileName()
                        + " key, and the key file " + keys.file() + " has generation " + mine + ": copy the key file of the node that ran "
                        + "'bin/tidlig keys rekey " + p.fileName() + "' here, then restart tidlig");
            }
            if (held < mine) {
                throw new MismatchException("the key file " + keys.file() + " has generation " + mine + " of the " + p.fileName()
                        + " key, and municipality " + tenant + "'s data is still held under generation " + held + ": finish the rekeying with "
                        + "'bin/tidlig keys rekey " + p.fileName() + "'");
            }
        }
    }
}
