// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;

/**
 * The keyed hashes of what a row holds, by which a delivery of the same content again is known, and the ids derived
 * from an event's content: one place for their inputs, used by ingest and by the rekeying that makes them again for
 * new pseudonyms. Changing an input changes every hash (the next delivery then stores each row again once).
 */
public final class ContentHashes {

    private ContentHashes() {
    }

    public static byte[] residence(KeyRing keys, PersonId pid, byte[] household, String municipality, LocalDate since) {
        return keys.contentHash("residence", pid.hex(), HexFormat.of().formatHex(household), municipality, String.valueOf(since));
    }

    public static byte[] previousResidence(KeyRing keys, PersonId pid, byte[] household, String municipality, LocalDate from, LocalDate until) {
        return keys.contentHash("previous-residence", pid.hex(), HexFormat.of().formatHex(household), municipality, String.valueOf(from),
                String.valueOf(until));
    }

    public static byte[] relation(KeyRing keys, String type, PersonId from, PersonId to, LocalDate start, LocalDate end) {
        return keys.contentHash("relation", type, from.hex(), to.hex(), String.valueOf(start), String.valueOf(end));
    }

    public static byte[] attribute(KeyRing keys, String name, PersonId pid, String value) {
        return keys.contentHash("attribute", name, pid.hex(), value);
    }

    public static byte[] identity(KeyRing keys, IdentityKind kind, PersonId pid, String value) {
        return keys.contentHash("identity", kind.name(), pid.hex(), value);
    }

    /** What an event says, as the input of its hash and its derived id. */
    public static String eventContent(String indicator, PersonId subject, LocalDate start, LocalDate end, List<DetailCode> details) {
        StringBuilder d = new StringBuilder();
        for (DetailCode c : details) {
            d.append(c.system()).append('=').append(c.code()).append('/').append(c.display()).append(';');
        }
        return String.join("|", indicator, subject.hex(), String.valueOf(start), String.valueOf(end), d.toString());
    }

    /** The id of an event whose source gives none: from its content, so the same event delivered again has the same id. */
    public static String derivedEventId(KeyRing keys, String content) {
        return "derived-" + HexFormat.of().formatHex(keys.contentHash("event-id", content)).substring(0, 24);
    }

    /** The registration day is part of the content (a correction of it is a change), not of a derived id. */
    public static byte[] event(KeyRing keys, String content, LocalDate registered) {
        return keys.contentHash("event", registered == null ? content : content + "|registered=" + registered);
    }
}
