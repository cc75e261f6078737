// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 */
public final class TextLines implements Iterator<List<Line>>, Closeable {

    /** The longest line read whole; no export tidlig reads has lines anywhere near it. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private final Charset charset;
    private final CharsetDecoder strict;
    private final int chunkSize;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
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
        buffer.reset();
        long length = 0;
        boolean ended = false;
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
            if (length < MAX_LINE_BYTES) {
                buffer.write(buf, from, (int) Math.min(n, MAX_LINE_BYTES - length));
            }
            length += n;
            if (pos < limit) {
                pos++; // the line feed
                ended = true;
            }
        }
        number++;
        byte[] bytes = buffer.toByteArray();
        int end = bytes.length;
        if (length <= MAX_LINE_BYTES && end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        int start = 0;
        if (number == 1 && end >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
                && charset.equals(StandardCharsets.UTF_8)) {
            start = 3;
        }
        ByteBuffer content = ByteBuffer.wrap(bytes, start, end - start);
        if (length > MAX_LINE_BYTES) {
            return new Line(number, lenient(content), "the line is " + length + " bytes long; lines of at most " + MAX_LINE_BYTES
                    + " bytes are read, and its first " + MAX_LINE_BYTES + " bytes are kept");
        }
        try {
            String text = strict.reset().decode(content.duplicate()).toString();
            if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1);
            }
            return new Line(number, text);
        } catch (CharacterCodingException e) {
            return new Line(number, lenient(content), "the line is not valid " + charset.name() + " (a broken byte sequence, for example a "
                    + "character cut in two): it is kept as read, with the broken bytes replaced");
        }
    }

    private String lenient(ByteBuffer content) {
        return charset.decode(content.duplicate()).toString(); // replaces what it cannot decode
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
