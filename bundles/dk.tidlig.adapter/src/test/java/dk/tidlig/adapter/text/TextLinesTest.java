// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.Line;

/**
 * {@link TextLines} against the rules it states, written out the plain way in {@link #reference}: split at LF, drop a
 * CR before it, a UTF-8 byte-order mark and a final empty line, decode each line strictly or else with replacement
 * characters and a problem, cut a line over {@link TextLines#MAX_LINE_BYTES}. Files of random lines in several
 * charsets, read through streams that hand over a few bytes at a time, must give exactly the reference's lines.
 */
class TextLinesTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    @Test
    void randomFilesGiveTheLinesTheRulesSay() throws Exception {
        Random random = new Random(20261207);
        for (Charset charset : List.of(UTF_8, ISO_8859_1, US_ASCII, CP1252, UTF_16LE)) {
            for (int file = 0; file < 300; file++) {
                byte[] bytes = randomFile(random, charset);
                int chunk = 1 + random.nextInt(7);
                int piece = 1 + random.nextInt(random.nextBoolean() ? 5 : 70_000);
                assertThat(read(bytes, charset, chunk, piece)).as("%s file %d", charset, file)
                        .usingRecursiveFieldByFieldElementComparator().isEqualTo(reference(bytes, charset));
            }
        }
    }

    @Test
    void linesOfEveryKindAreReadAsStated() throws Exception {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "Søren;Ærø\r\n".getBytes(UTF_8), "plain\n".getBytes(UTF_8),
                new byte[] {'c', 'u', 't', (byte) 0xC3, '\n'}, "\r\n".getBytes(UTF_8), "last".getBytes(UTF_8));
        List<Line> lines = read(bytes, UTF_8, 2, 3);
        assertThat(lines).extracting(Line::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(lines).extracting(Line::text).containsExactly("Søren;Ærø", "plain", "cut\uFFFD", "", "last");
        assertThat(lines).extracting(l -> l.problem() != null).containsExactly(false, false, true, false, false);

        // the same Danish letters in ISO-8859-1 are characters of their own; in US-ASCII they are broken bytes
        byte[] latin = "Søren\n".getBytes(ISO_8859_1);
        assertThat(read(latin, ISO_8859_1, 10, 100)).extracting(Line::text, Line::problem).containsExactly(org.assertj.core.groups.Tuple.tuple("Søren", null));
        assertThat(read(latin, US_ASCII, 10, 100).get(0).problem()).contains("not valid US-ASCII");
    }

    @Test
    void anOverlongLineIsCutAndTheNextLineReadWhole() throws Exception {
        byte[] big = new byte[TextLines.MAX_LINE_BYTES + 10];
        Arrays.fill(big, (byte) 'x');
        List<Line> lines = read(concat(big, "\nnext\n".getBytes(UTF_8)), UTF_8, 5, 65_536);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).text()).hasSize(TextLines.MAX_LINE_BYTES);
        assertThat(lines.get(0).problem()).contains("bytes long");
        assertThat(lines.get(1)).usingRecursiveComparison().isEqualTo(new Line(2, "next"));
    }

    @Test
    void aLineJustUnderTheLimitIsReadWholeAndStrictly() throws Exception {
        String text = "ø".repeat(TextLines.MAX_LINE_BYTES / 2 - 1) + "x"; // two bytes a letter: one byte under the limit
        byte[] bytes = (text + "\r\n" + "æ\n").getBytes(UTF_8);
        List<Line> lines = read(bytes, UTF_8, 5, 65_536);
        assertThat(lines).usingRecursiveFieldByFieldElementComparator().containsExactly(new Line(1, text), new Line(2, "æ"));
    }

    /** The limit is on the line's content: a line of exactly the limit ended by CRLF is read whole; one byte more is cut. */
    @Test
    void theLimitCountsTheContentNotTheCarriageReturn() throws Exception {
        byte[] limit = new byte[TextLines.MAX_LINE_BYTES];
        Arrays.fill(limit, (byte) 'y');
        byte[] over = Arrays.copyOf(limit, limit.length + 1);
        over[limit.length] = 'z';
        byte[] file = concat(concat(limit, "\r\n".getBytes(UTF_8)), concat(over, "\r\nlast\r\n".getBytes(UTF_8)));
        for (Charset charset : List.of(UTF_8, ISO_8859_1)) {
            List<Line> lines = read(file, charset, 2, 100_000);
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0).problem()).isNull();
            assertThat(lines.get(0).text()).isEqualTo(new String(limit, US_ASCII));
            assertThat(lines.get(1).problem()).startsWith("the line is " + (TextLines.MAX_LINE_BYTES + 1) + " bytes long");
            assertThat(lines.get(1).text()).isEqualTo(new String(limit, US_ASCII));
            assertThat(lines.get(2)).usingRecursiveComparison().isEqualTo(new Line(3, "last"));
            assertThat(lines).usingRecursiveFieldByFieldElementComparator().isEqualTo(reference(file, charset));
        }
    }

    @Test
    void theLimitDoesNotCountTheByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] limit = new byte[TextLines.MAX_LINE_BYTES];
        Arrays.fill(limit, (byte) 'y');
        byte[] over = Arrays.copyOf(limit, limit.length + 1);
        over[limit.length] = 'z';
        for (byte[] first : List.of(limit, over)) {
            byte[] file = concat(bom, first, "\r\nlast\n".getBytes(UTF_8));
            for (int piece : new int[] {1, 2, 100_000}) {
                List<Line> lines = read(file, UTF_8, 2, piece);
                assertThat(lines).hasSize(2);
                assertThat(lines.get(0).text()).isEqualTo(new String(limit, US_ASCII));
                if (first == limit) {
                    assertThat(lines.get(0).problem()).isNull();
                } else {
                    assertThat(lines.get(0).problem()).startsWith("the line is " + (TextLines.MAX_LINE_BYTES + 1) + " bytes long");
                }
                assertThat(lines.get(1)).usingRecursiveComparison().isEqualTo(new Line(2, "last"));
                assertThat(lines).usingRecursiveFieldByFieldElementComparator().isEqualTo(reference(file, UTF_8));
            }
        }
        // in another charset those three bytes are characters, and count
        List<Line> latin = read(concat(bom, limit, "\n".getBytes(UTF_8)), ISO_8859_1, 2, 100_000);
        assertThat(latin.get(0).problem()).startsWith("the line is " + (TextLines.MAX_LINE_BYTES + 3) + " bytes long");
    }

    private static List<Line> read(byte[] bytes, Charset charset, int chunk, int piece) throws Exception {
        List<Line> lines = new ArrayList<>();
        try (TextLines in = new TextLines(new Trickle(bytes, piece), charset, chunk)) {
            while (in.hasNext()) {
                List<Line> next = in.next();
                assertThat(next).hasSizeBetween(1, chunk);
                lines.addAll(next);
            }
            assertThat(in.lineCount()).isEqualTo(lines.size());
        }
        return lines;
    }

    /** The rules, the plain way: one array per line, a new decoder per line. */
    private static List<Line> reference(byte[] bytes, Charset charset) {
        List<byte[]> raw = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                raw.add(Arrays.copyOfRange(bytes, from, i));
                from = i + 1;
            }
        }
        if (raw.get(raw.size() - 1).length == 0) {
            raw.remove(raw.size() - 1); // a final empty line is no line
        }
        List<Line> lines = new ArrayList<>();
        for (int n = 0; n < raw.size(); n++) {
            byte[] line = raw.get(n);
            if (line.length > 0 && line[line.length - 1] == '\r') {
                line = Arrays.copyOf(line, line.length - 1); // the line ends at CRLF: the carriage return is no content
            }
            long number = n + 1;
            if (number == 1 && charset.equals(UTF_8) && line.length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                    && (line[2] & 0xFF) == 0xBF) {
                line = Arrays.copyOfRange(line, 3, line.length); // the byte-order mark is no content
            }
            boolean overlong = line.length > TextLines.MAX_LINE_BYTES;
            byte[] kept = Arrays.copyOf(line, Math.min(line.length, TextLines.MAX_LINE_BYTES));
            ByteBuffer content = ByteBuffer.wrap(kept);
            String lenient = charset.decode(content.duplicate()).toString();
            if (overlong) {
                lines.add(new Line(number, lenient, "the line is " + line.length + " bytes long; lines of at most " + TextLines.MAX_LINE_BYTES
                        + " bytes are read, and its first " + TextLines.MAX_LINE_BYTES + " bytes are kept"));
                continue;
            }
            try {
                String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(content.duplicate()).toString();
                lines.add(new Line(number, number == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text));
            } catch (CharacterCodingException e) {
                lines.add(new Line(number, lenient, "the line is not valid " + charset.name() + " (a broken byte sequence, for example a "
                        + "character cut in two): it is kept as read, with the broken bytes replaced"));
            }
        }
        return lines;
    }

    /**
     * Lines of ASCII, of the charset's own letters, CRs, byte-order marks and stray bytes; now and then a long one (up to
     * 70,000 bytes), so that the buffers kept from line to line grow, and are used again for the short lines after it. In
     * UTF-16 the lines split at the byte 0x0A as in any charset, which means nothing there: it is read to go through the
     * decoder's own path, with two bytes a character.
     */
    private static byte[] randomFile(Random random, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        int lines = random.nextInt(40);
        for (int l = 0; l < lines; l++) {
            int parts = random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                int pick = random.nextInt(40);
                if (pick == 0) { // one part in forty: a long run
                    out.writeBytes(("Åbenrå " + "x".repeat(random.nextInt(70_000))).getBytes(charset.newEncoder().canEncode('å') ? charset : UTF_8));
                    continue;
                }
                switch (pick % 10) {
                    case 0 -> out.writeBytes("ÆØÅæøå".getBytes(charset.newEncoder().canEncode('æ') ? charset : UTF_8));
                    case 1 -> out.write(0x80 + random.nextInt(128)); // a stray byte: broken in UTF-8 and US-ASCII, a letter in ISO-8859-1
                    case 2 -> out.write('\r');
                    case 3 -> out.writeBytes("\uFEFF".getBytes(UTF_8));
                    case 4 -> out.write(random.nextInt(128));
                    default -> out.writeBytes("0101;Bygaden 12;2100".getBytes(US_ASCII));
                }
            }
            if (l < lines - 1 || random.nextBoolean()) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A stream that hands over at most {@code piece} bytes a read, as a pipe or a slow disk may. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final int piece;

        Trickle(byte[] bytes, int piece) {
            this.in = new ByteArrayInputStream(bytes);
            this.piece = piece;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, piece));
        }
    }
}
