// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads a file once, before anything of it is ingested: computes its SHA-256 and checks that its bytes
 * are text in the encoding the adapter is configured for. A file in the wrong encoding is refused with a
 * reason that says what it looks like instead, never turned into mojibake.
 *
 * <ul>
 * <li>UTF-8 expected: the file must be valid UTF-8 but for a few lines (at most 10, or one in a hundred) in a file
 * that is otherwise UTF-8 (it has valid multi-byte characters): those are quarantined one by one as broken (a line
 * cut inside a multi-byte character); a file with more, or with no valid multi-byte character at all, is refused as
 * not UTF-8.</li>
 * <li>ISO-8859-1 or Windows-1252 expected: a UTF-8 byte-order mark, or non-ASCII bytes that all form
 * valid UTF-8 sequences, mean the file is UTF-8. For ISO-8859-1, bytes 0x80–0x9F (control characters
 * there, letters in Windows-1252) mean the file is Windows-1252.</li>
 * <li>Always: UTF-16 byte-order marks and NUL bytes mean the file is not text of this kind.</li>
 * </ul>
 */
public final class EncodingCheck {

    /** A UTF-8 file with at most this many broken lines (or one in a hundred) is read, those lines quarantined. */
    static final int MAX_BROKEN_LINES = 10;

    /** What the scan found. */
    public record Result(String sha256, long size, Optional<String> problem) {
    }

    private EncodingCheck() {
    }

    public static Result scan(Path file, Charset expected) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in, expected);
        }
    }

    public static Result scan(InputStream in, Charset expected) throws IOException {
        MessageDigest sha = sha256();
        Utf8Scanner utf8 = new Utf8Scanner();
        byte[] buf = new byte[1 << 16];
        long size = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            sha.update(buf, 0, n);
            utf8.feed(buf, n, size);
            size += n;
        }
        utf8.end();
        return new Result(HexFormat.of().formatHex(sha.digest()), size, judge(utf8, expected));
    }

    private static Optional<String> judge(Utf8Scanner s, Charset expected) {
        if (s.utf16Bom) {
            return Optional.of("the file is UTF-16 (byte-order mark); the adapter reads " + expected.name());
        }
        if (s.firstNulLine > 0) {
            return Optional.of("line " + s.firstNulLine + " contains NUL bytes: this is not a text file in " + expected.name());
        }
        boolean utf8Expected = expected.equals(StandardCharsets.UTF_8);
        if (utf8Expected) {
            // a file whose non-ASCII bytes are all broken is in another encoding; a UTF-8 file with a few broken lines is read
            if (s.invalidLines > 0 && (s.validMultibyte == 0 || s.invalidLines > Math.max(MAX_BROKEN_LINES, s.line / 100))) {
                return Optional.of("not valid UTF-8 from line " + s.firstInvalidLine + " (" + s.invalidLines + " lines)"
                        + "; the file looks like ISO-8859-1 or Windows-1252. Ask for a UTF-8 export or set the adapter's encoding accordingly");
            }
            return Optional.empty();
        }
        if (s.utf8Bom) {
            return Optional.of("the file starts with a UTF-8 byte-order mark but the adapter reads " + expected.name()
                    + ". Set the adapter's encoding to UTF-8 or ask for a " + expected.name() + " export");
        }
        if (s.validMultibyte > 0 && s.firstInvalidLine == 0) {
            return Optional.of("the file is UTF-8 (line " + s.firstMultibyteLine + " has a UTF-8 multi-byte character) but the adapter reads "
                    + expected.name() + ". Set the adapter's encoding to UTF-8 or ask for a " + expected.name() + " export");
        }
        if (expected.equals(StandardCharsets.ISO_8859_1) && s.firstC1Line > 0) {
            return Optional.of("line " + s.firstC1Line + " has a byte between 0x80 and 0x9F, a control character in ISO-8859-1;"
                    + " the file is probably Windows-1252. Set the adapter's encoding to windows-1252");
        }
        return Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** A byte-level UTF-8 validator that remembers where things first happened. */
    private static final class Utf8Scanner {
        long line = 1;
        int pending;          // continuation bytes still expected
        int lowerBound = 0x80; // allowed range of the next continuation byte (rejects overlong forms and surrogates)
        int upperBound = 0xBF;
        long sequenceLine;
        long validMultibyte;
        long firstInvalidLine;
        long invalidLines;
        long lastInvalidLine;
        long firstMultibyteLine;
        long firstC1Line;
        long firstNulLine;
        boolean utf8Bom;
        boolean utf16Bom;
        int[] head = new int[3];
        int headLen;

        void feed(byte[] buf, int n, long offset) {
            for (int i = 0; i < n; i++) {
                int b = buf[i] & 0xFF;
                if (offset + i < 3) {
                    head[headLen++] = b;
                    checkBom();
                }
                if (b == '\n') {
                    line++;
                }
                if (b == 0 && firstNulLine == 0) {
                    firstNulLine = line;
                }
                if (pending > 0) {
                    if (b >= lowerBound && b <= upperBound) {
                        pending--;
                        lowerBound = 0x80;
                        upperBound = 0xBF;
                        if (pending == 0) {
                            validMultibyte++;
                            if (firstMultibyteLine == 0) {
                                firstMultibyteLine = sequenceLine;
                            }
                        }
                        continue;
                    }
                    invalid(sequenceLine);
                    pending = 0;
                    lowerBound = 0x80;
                    upperBound = 0xBF;
                    // fall through: judge this byte on its own
                }
                if (b < 0x80) {
                    continue;
                }
                if (b <= 0x9F && firstC1Line == 0) {
                    firstC1Line = line;
                }
                sequenceLine = line;
                if (b >= 0xC2 && b <= 0xDF) {
                    pending = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    pending = 2;
                    if (b == 0xE0) {
                        lowerBound = 0xA0;
                    } else if (b == 0xED) {
                        upperBound = 0x9F;
                    }
                } else if (b >= 0xF0 && b <= 0xF4) {
                    pending = 3;
                    if (b == 0xF0) {
                        lowerBound = 0x90;
                    } else if (b == 0xF4) {
                        upperBound = 0x8F;
                    }
                } else {
                    invalid(line);
                }
            }
        }

        void end() {
            if (pending > 0) {
                invalid(sequenceLine);
            }
        }

        private void invalid(long at) {
            if (firstInvalidLine == 0) {
                firstInvalidLine = at;
            }
            if (at != lastInvalidLine) {
                invalidLines++;
                lastInvalidLine = at;
            }
        }

        private void checkBom() {
            if (headLen == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
                utf16Bom = true;
            }
            if (headLen == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) {
                utf8Bom = true;
            }
        }
    }
}
