package dk.tidlig.adapter.text;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import dk.tidlig.adapter.Line;

/**
 * The lines of a text file in chunks, for streaming through a Camel splitter. Lines end at LF or CRLF;
 * a UTF-8 byte-order mark is dropped; a final empty line is not a line. Decoding is strict: a malformed
 * byte sequence is an error, never a replacement character.
 */
public final class TextLines implements Iterator<List<Line>>, Closeable {

    private final BufferedReader reader;
    private final int chunkSize;
    private long number;
    private List<Line> next;

    public TextLines(Path file, Charset charset, int chunkSize) throws IOException {
        this(Files.newInputStream(file), charset, chunkSize);
    }

    /** The lines of a stream, which this closes. */
    public TextLines(java.io.InputStream in, Charset charset, int chunkSize) {
        this.reader = new BufferedReader(new InputStreamReader(in,
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                1 << 16);
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
            String text;
            while (chunk.size() < chunkSize && (text = reader.readLine()) != null) {
                number++;
                if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                chunk.add(new Line(number, text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read line " + (number + 1) + ": " + e.getClass().getSimpleName(), e);
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
