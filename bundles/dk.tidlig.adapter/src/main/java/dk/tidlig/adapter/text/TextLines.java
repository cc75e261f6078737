// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import dk.tidlig.adapter.Line;

/**
 * The lines of a text file in chunks, for streaming through a Camel splitter. Lines end at LF or CRLF; a UTF-8
 * byte-order mark is dropped; a final empty line is not a line.
 *
 * <p>Each line is decoded on its own, strictly: a line with a broken byte sequence (a line cut inside a multi-byte
 * character) is handed on with a {@link Line#problem()} and its text decoded with replacement characters, so that it
 * is quarantined and the rest of the file is read. A line longer than {@link #MAX_LINE_BYTES} is read only that far
 * (the rest is passed over, not held in memory) and handed on with a problem too.
 *
 * <p>A line is gathered in a buffer kept for the next one and decoded from there, into a character buffer kept too, so
 * that what a line leaves behind is its text. In ISO-8859-1 every byte is a character; in UTF-8 and US-ASCII a line of bytes below
 * 0x80 is those characters, so such lines (most of any export) become their text without a decoder.
 */
public final class TextLines implements Iterator<List<Line>>, Closeable {

    /** The longest line read whole; no export tidlig reads has lines anywhere near it. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** UTF-8's byte-order mark, which a file may start with and which is no content. */
    private static final int BOM_BYTES = 3;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private final Charset charset;
    private final CharsetDecoder strict;
    /** Every byte is the character of the same number. */
    private final boolean latin1;
    /** A byte below 0x80 is the character of the same number wherever it stands. */
    private final boolean asciiCompatible;
    private final int chunkSize;
    /** The line being read, without its line feed: at most {@link #MAX_LINE_BYTES}. */
    private byte[] held = new byte[256];
    private int heldLength;
    private CharBuffer decoded = CharBuffer.allocate(256);
    private long number;
    private boolean eof;
    private List<Line> next;

    public TextLines(Path file, Charset charset, int chunkSize) throws IOException {
        this(Files.newInputStream(file), charset, chunkSize);
    }

    /** The lines of a stream, which this closes. */
    public TextLines(InputStream in, Charset charset, int chunkSize) {
        this.in = in;
        this.charset = charset;
        this.strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        this.latin1 = charset.equals(StandardCharsets.ISO_8859_1);
        this.asciiCompatible = latin1 || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
        this.chunkSize = chunkSize;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return !next.isEmpty();
    }

    @Override
    public List<Line> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Line> chunk = next;
        next = null;
        return chunk;
    }

    /** Lines read so far. */
    public long lineCount() {
        return number;
    }

    private List<Line> read() {
        List<Line> chunk = new ArrayList<>(chunkSize);
        try {
            while (chunk.size() < chunkSize && !eof) {
                Line line = line();
                if (line != null) {
                    chunk.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read line " + (number + 1) + ": " + e.getClass().getSimpleName(), e);
        }
        return chunk;
    }

    /** The next line, or null at the end (an empty last line is no line). */
    private Line line() throws IOException {
        heldLength = 0;
        long length = 0;
        byte last = 0; // the line's last byte before its line feed, held or not: a carriage return there is no content
        boolean ended = false;
        // the first line in UTF-8 may start with a byte-order mark, which is held but not counted towards the limit
        int most = number == 0 && charset.equals(StandardCharsets.UTF_8) ? MAX_LINE_BYTES + BOM_BYTES : MAX_LINE_BYTES;
        while (!ended) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    if (length == 0) {
                        return null;
                    }
                    break;
                }
            }
            int from = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - from;
            if (n > 0) {
                last = buf[pos - 1];
            }
            if (length < most) {
                hold(from, (int) Math.min(n, most - length));
            }
            length += n;
            if (pos < limit) {
                pos++; // the line feed
                ended = true;
            }
        }
        number++;
        long content = last == '\r' ? length - 1 : length;
        int start = 0;
        if (number == 1 && content >= BOM_BYTES && heldLength >= BOM_BYTES && (held[0] & 0xFF) == 0xEF && (held[1] & 0xFF) == 0xBB
                && (held[2] & 0xFF) == 0xBF && charset.equals(StandardCharsets.UTF_8)) {
            start = BOM_BYTES;
        }
        long size = content - start;
        int end = (int) Math.min(Math.min(content, heldLength), start + (long) MAX_LINE_BYTES);
        if (size > MAX_LINE_BYTES) {
            return new Line(number, lenient(start, end), "the line is " + size + " bytes long; lines of at most " + MAX_LINE_BYTES
                    + " bytes are read, and its first " + MAX_LINE_BYTES + " bytes are kept");
        }
        String text = strictly(start, end);
        if (text == null) {
            return new Line(number, lenient(start, end), "the line is not valid " + charset.name() + " (a broken byte sequence, for example a "
                    + "character cut in two): it is kept as read, with the broken bytes replaced");
        }
        if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return new Line(number, text);
    }

    private void hold(int from, int n) {
        if (heldLength + n > held.length) {
            held = Arrays.copyOf(held, Math.min(MAX_LINE_BYTES + BOM_BYTES, Math.max(heldLength + n, 2 * held.length)));
        }
        System.arraycopy(buf, from, held, heldLength, n);
        heldLength += n;
    }

    /** The held bytes from {@code start} to {@code end} decoded, or null where they are not valid in the charset. */
    private String strictly(int start, int end) {
        if (latin1 || asciiCompatible && ascii(start, end)) {
            return new String(held, start, end - start, StandardCharsets.ISO_8859_1);
        }
        int most = (int) Math.ceil((end - start) * (double) strict.maxCharsPerByte()) + 1;
        if (decoded.capacity() < most) {
            decoded = CharBuffer.allocate(most);
        }
        decoded.clear();
        strict.reset();
        CoderResult result = strict.decode(ByteBuffer.wrap(held, start, end - start), decoded, true);
        if (result.isUnderflow()) {
            result = strict.flush(decoded);
        }
        if (result.isError()) {
            return null;
        }
        if (result.isOverflow()) { // a decoder that gave more than its own maxCharsPerByte: decode again into a growing buffer
            try {
                return strict.reset().decode(ByteBuffer.wrap(held, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                return null;
            }
        }
        return decoded.flip().toString();
    }

    private boolean ascii(int start, int end) {
        for (int i = start; i < end; i++) {
            if (held[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private String lenient(int start, int end) {
        return charset.decode(ByteBuffer.wrap(held, start, end - start)).toString(); // replaces what it cannot decode
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
