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
 * an object per row, and the buffer handed to the digest when it is full: a country's input (some 20 million rows) in
 * seconds. Days between {@link #FIRST_YEAR} and {@link #LAST_YEAR} are copied from a table of their text, made once.
 */
final class InputFingerprint {

    /** The years whose days' text is kept in {@link Days}; others are written as {@link LocalDate#toString()} writes them. */
    static final int FIRST_YEAR = 1850;
    static final int LAST_YEAR = 2149;
    /** Rows whose persons are fetched from memory together. */
    private static final int BLOCK = 512;

    private InputFingerprint() {
    }

    /** The text of every day from {@link #FIRST_YEAR} to {@link #LAST_YEAR} ({@code yyyy-MM-dd}, 10 bytes each), made on first use. */
    private static final class Days {
        static final long FIRST = LocalDate.of(FIRST_YEAR, 1, 1).toEpochDay();
        static final long LAST = LocalDate.of(LAST_YEAR, 12, 31).toEpochDay();
        static final byte[] TEXT = new byte[(int) (LAST - FIRST + 1) * 10];

        static {
            for (long d = FIRST; d <= LAST; d++) {
                byte[] text = LocalDate.ofEpochDay(d).toString().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, TEXT, (int) (d - FIRST) * 10, 10);
            }
        }
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
        // the persons a relation or an event names, and the households of the persons, lie anywhere in memory: they are
        // fetched for a block of rows in a loop of their own, so the processor waits for many of them at once instead of one
        // per line (on 5.25 million rows of random persons, 1.1-1.5 s against 3.3-4.4 s one line after another)
        long[] hi = new long[2 * BLOCK];
        long[] lo = new long[2 * BLOCK];
        byte[][] households = new byte[BLOCK][];
        for (int from = 0; from < input.personCount(); from += BLOCK) {
            int to = Math.min(from + BLOCK, input.personCount());
            for (int i = from; i < to; i++) {
                households[i - from] = input.household(i);
            }
            for (int i = from; i < to; i++) {
                line.text("p|").pid(input.pidHigh(i), input.pidLow(i)).bar().day(input.birthDay(i)).bar().name(input.sex(i)).bar()
                        .name(input.status(i)).bar().text(String.valueOf(input.municipalityCode(i))).bar();
                if (households[i - from] != null) {
                    line.hex(households[i - from]);
                }
                line.end();
            }
        }
        for (int from = 0; from < input.relationCount(); from += BLOCK) {
            int to = Math.min(from + BLOCK, input.relationCount());
            for (int r = from; r < to; r++) {
                int a = input.relationFrom(r);
                int b = input.relationTo(r);
                int k = 2 * (r - from);
                hi[k] = input.pidHigh(a);
                lo[k] = input.pidLow(a);
                hi[k + 1] = input.pidHigh(b);
                lo[k + 1] = input.pidLow(b);
            }
            for (int r = from; r < to; r++) {
                int k = 2 * (r - from);
                line.text("r|").name(input.relationType(r)).bar().pid(hi[k], lo[k]).bar().pid(hi[k + 1], lo[k + 1]).bar()
                        .day(input.relationStart(r)).bar().day(input.relationEnd(r)).end();
            }
        }
        for (int from = 0; from < input.eventCount(); from += BLOCK) {
            int to = Math.min(from + BLOCK, input.eventCount());
            for (int e = from; e < to; e++) {
                int subject = input.eventSubject(e);
                hi[e - from] = input.pidHigh(subject);
                lo[e - from] = input.pidLow(subject);
            }
            for (int e = from; e < to; e++) {
                line.text("e|").text(input.eventSource(e)).bar().recordId(input, e).bar().pid(hi[e - from], lo[e - from]).bar()
                        .name(input.eventIndicator(e)).bar().day(input.eventStart(e)).bar().day(input.eventEnd(e)).end();
            }
        }
        line.flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Lines written one after another into a buffer, handed to the digest whenever a line ends in its last part. */
    private static final class Line {
        private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        /** The buffer's size, and how full it may be when a line ends before it is handed to the digest. */
        private static final int SIZE = 1 << 16;
        private static final int FULL = SIZE - 1024;
        private final MessageDigest sha;
        private byte[] buf = new byte[SIZE];
        private int at;

        Line(MessageDigest sha) {
            this.sha = sha;
        }

        private void room(int n) {
            if (at + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, at + n));
            }
        }

        /** The event's record id, copied in UTF-8 as the input holds it. */
        Line recordId(ScoringInput input, int e) {
            int n = input.eventRecordIdLength(e);
            room(n);
            input.copyEventRecordId(e, buf, at);
            at += n;
            return this;
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

        Line pid(long high, long low) {
            return hex(high).hex(low);
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
            if (epochDay < Days.FIRST || epochDay > Days.LAST) {
                return text(LocalDate.ofEpochDay(epochDay).toString());
            }
            room(10);
            System.arraycopy(Days.TEXT, (int) (epochDay - Days.FIRST) * 10, buf, at, 10);
            at += 10;
            return this;
        }

        void end() {
            room(1);
            buf[at++] = '\n';
            if (at >= FULL) {
                flush();
            }
        }

        void flush() {
            sha.update(buf, 0, at);
            at = 0;
        }
    }
}
