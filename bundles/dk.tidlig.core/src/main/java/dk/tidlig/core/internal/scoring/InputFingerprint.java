// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.scoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;

import dk.tidlig.store.ScoringInput;

/**
 * SHA-256 over everything a run reads, in the store's stable order, plus the tenant, the reference
 * date and the model's digest. Two runs with the same fingerprint read the same input with the same
 * model, and so must give the same result.
 *
 * <p>One line of text per row, fields separated by {@code |}, each line ended by a newline, in UTF-8:
 * {@code run|tenant|asOf|modelDigest}, then {@code p|pid|birthDate|sex|status|municipalityCode|household} for each
 * person, {@code r|type|from|to|start|end} for each relation and {@code e|sourceSystem|sourceRecordId|subject|indicator|start|end}
 * for each event; pseudonyms and households in lower-case hexadecimal, days as ISO dates, an absent value as
 * {@code null} (an absent household as nothing). The lines are written from the input's columns into one buffer, without
 * an object per row: a country's input (some 20 million rows) in seconds.
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
        Line line = new Line(sha);
        line.text("run|").text(tenant).bar().text(asOf.toString()).bar().text(modelDigest).end();
        for (int i = 0; i < input.personCount(); i++) {
            line.text("p|").pid(input, i).bar().day(input.birthDay(i)).bar().name(input.sex(i)).bar().name(input.status(i)).bar()
                    .text(String.valueOf(input.municipalityCode(i))).bar();
            byte[] household = input.household(i);
            if (household != null) {
                line.hex(household);
            }
            line.end();
        }
        for (int r = 0; r < input.relationCount(); r++) {
            line.text("r|").name(input.relationType(r)).bar().pid(input, input.relationFrom(r)).bar().pid(input, input.relationTo(r)).bar()
                    .day(input.relationStart(r)).bar().day(input.relationEnd(r)).end();
        }
        for (int e = 0; e < input.eventCount(); e++) {
            line.text("e|").text(input.eventSource(e)).bar().text(input.eventRecordId(e)).bar().pid(input, input.eventSubject(e)).bar()
                    .name(input.eventIndicator(e)).bar().day(input.eventStart(e)).bar().day(input.eventEnd(e)).end();
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** One line at a time in a buffer of its own, handed to the digest with its newline. */
    private static final class Line {
        private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        private final MessageDigest sha;
        private byte[] buf = new byte[256];
        private int at;

        Line(MessageDigest sha) {
            this.sha = sha;
        }

        private void room(int n) {
            if (at + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
            }
        }

        Line bar() {
            room(1);
            buf[at++] = '|';
            return this;
        }

        /** The text in UTF-8 (plain ASCII written as it is). */
        Line text(String s) {
            int n = s.length();
            room(n);
            for (int k = 0; k < n; k++) {
                char c = s.charAt(k);
                if (c >= 0x80) {
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    room(utf8.length);
                    System.arraycopy(utf8, 0, buf, at, utf8.length);
                    at += utf8.length;
                    return this;
                }
                buf[at + k] = (byte) c;
            }
            at += n;
            return this;
        }

        Line name(Enum<?> value) {
            return text(value == null ? "null" : value.name());
        }

        Line pid(ScoringInput input, int i) {
            return hex(input.pidHigh(i)).hex(input.pidLow(i));
        }

        private Line hex(long v) {
            room(16);
            for (int k = 15; k >= 0; k--) {
                buf[at + k] = DIGITS[(int) (v & 0xF)];
                v >>>= 4;
            }
            at += 16;
            return this;
        }

        Line hex(byte[] bytes) {
            room(bytes.length * 2);
            for (byte b : bytes) {
                buf[at++] = DIGITS[(b >> 4) & 0xF];
                buf[at++] = DIGITS[b & 0xF];
            }
            return this;
        }

        /** The day as {@link LocalDate#toString()} writes it, or {@code null}. */
        Line day(int epochDay) {
            if (epochDay == ScoringInput.NO_DAY) {
                return text("null");
            }
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            int year = d.getYear();
            if (year < 1000 || year > 9999) {
                return text(d.toString());
            }
            room(10);
            digits(year, 4);
            buf[at++] = '-';
            digits(d.getMonthValue(), 2);
            buf[at++] = '-';
            digits(d.getDayOfMonth(), 2);
            return this;
        }

        private void digits(int v, int n) {
            for (int k = n - 1; k >= 0; k--) {
                buf[at + k] = (byte) ('0' + v % 10);
                v /= 10;
            }
            at += n;
        }

        void end() {
            room(1);
            buf[at++] = '\n';
            sha.update(buf, 0, at);
            at = 0;
        }
    }
}
