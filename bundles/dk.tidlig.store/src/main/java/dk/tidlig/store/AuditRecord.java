// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store;

import java.time.Instant;

/**
 * One entry of the audit trail. It never holds a CPR number, a name or an address: subjects are
 * pseudonymous (a family id, a run id, a file) and details are purposes, counts and states.
 *
 * @param seq      position in the chain, from 1, without gaps
 * @param tenant   the municipality code the action concerned
 * @param actor    the signed-in user, or {@code system} for scheduled work
 * @param role     the actor's role when acting
 * @param action   what was done, e.g. {@code REIDENTIFY}
 * @param subject  what it was done to, or empty
 * @param detail   the purpose, the new state, a count; or empty
 * @param keyGeneration the generation of the audit key the entry's hash was made with
 * @param prevHash the previous entry's hash (64 zeros before the first entry)
 * @param hash     this entry's hash
 */
public record AuditRecord(long seq, String tenant, Instant at, String actor, String role, String action, String subject, String detail,
        int keyGeneration, String prevHash, String hash) {

    /** The chain's start: the "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** A new entry, before the store gives it its place in the chain. */
    public static AuditRecord draft(String tenant, Instant at, String actor, String role, String action, String subject, String detail,
            int keyGeneration) {
        return new AuditRecord(0, tenant, at, actor, role, action, subject == null ? "" : subject, detail == null ? "" : detail, keyGeneration,
                null, null);
    }

    /** This entry at a place in the chain. */
    public AuditRecord at(long seq, String prevHash) {
        return new AuditRecord(seq, tenant, at, actor, role, action, subject, detail, keyGeneration, prevHash, null);
    }

    public AuditRecord withHash(String hash) {
        return new AuditRecord(seq, tenant, at, actor, role, action, subject, detail, keyGeneration, prevHash, hash);
    }
}
