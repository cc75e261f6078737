// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.audit;

import java.time.Instant;

/**
 * One entry of the audit trail, as the trail hands it out. It never holds a CPR number, a name or an address:
 * subjects are pseudonymous (an audit reference for a family, a run, a file) and details are purposes, counts and
 * states.
 *
 * @param seq           position in the chain, from 1
 * @param tenant        the municipality code the action concerned
 * @param at            when
 * @param actor         the signed-in user, or {@code system} for scheduled work
 * @param role          the actor's role when acting
 * @param action        what was done, an {@link AuditTrail.Action}'s name
 * @param subject       what it was done to, or empty
 * @param detail        the purpose, the new state, a count; or empty
 * @param keyGeneration the generation of the audit key the entry's hash was made with
 * @param prevHash      the previous entry's hash
 * @param hash          this entry's hash
 */
public record AuditEntry(long seq, String tenant, Instant at, String actor, String role, String action, String subject, String detail,
        int keyGeneration, String prevHash, String hash) {
}
