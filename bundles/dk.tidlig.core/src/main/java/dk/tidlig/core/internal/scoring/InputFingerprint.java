// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

import dk.tidlig.store.ScoringInput;

/**
 * SHA-256 over everything a run reads, in the store's stable order, plus the tenant, the reference
 * date and the model's digest. Two runs with the same fingerprint read the same input with the same
 * model, and so must give the same result.
 */
final class InputFingerprint {

    private InputFingerprint() {
    }

    static String of(String tenant, LocalDate asOf, String modelDigest, ScoringInput input) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder line = new StringBuilder(200);
        feed(sha, line.append("run|").append(tenant).append('|').append(asOf).append('|').append(modelDigest));
        HexFormat hex = HexFormat.of();
        for (ScoringInput.PersonFacts p : input.persons()) {
            line.setLength(0);
            feed(sha, line.append("p|").append(p.pid()).append('|').append(p.birthDate()).append('|').append(p.sex()).append('|')
                    .append(p.status()).append('|').append(p.municipalityCode()).append('|')
                    .append(p.household() == null ? "" : hex.formatHex(p.household())));
        }
        for (ScoringInput.RelationFacts r : input.relations()) {
            line.setLength(0);
            feed(sha, line.append("r|").append(r.type()).append('|').append(r.from()).append('|').append(r.to()).append('|').append(r.start())
                    .append('|').append(r.end()));
        }
        for (ScoringInput.EventFacts e : input.events()) {
            line.setLength(0);
            feed(sha, line.append("e|").append(e.sourceSystem()).append('|').append(e.sourceRecordId()).append('|').append(e.subject())
                    .append('|').append(e.indicator()).append('|').append(e.start()).append('|').append(e.end()));
        }
        return hex.formatHex(sha.digest());
    }

    private static void feed(MessageDigest sha, CharSequence line) {
        sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }
}
