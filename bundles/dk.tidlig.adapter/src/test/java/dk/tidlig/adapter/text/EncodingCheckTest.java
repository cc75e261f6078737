// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.text;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EncodingCheckTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final String DANISH = "Navn;By\r\nSøren Ærø;Åbenrå\r\n";

    private static Optional<String> problem(byte[] bytes, Charset expected) throws IOException {
        return EncodingCheck.scan(new ByteArrayInputStream(bytes), expected).problem();
    }

    @Test
    void rightEncodingsPass() throws IOException {
        assertThat(problem(DANISH.getBytes(UTF_8), UTF_8)).isEmpty();
        assertThat(problem(DANISH.getBytes(ISO_8859_1), ISO_8859_1)).isEmpty();
        assertThat(problem(DANISH.getBytes(CP1252), CP1252)).isEmpty();
        assertThat(problem("plain ascii;1\n".getBytes(UTF_8), ISO_8859_1)).isEmpty();
    }

    @Test
    void latin1ReadAsUtf8IsRefusedWithTheLine() throws IOException {
        byte[] bytes = ("a;b\nc;d\n" + DANISH).getBytes(ISO_8859_1);
        assertThat(problem(bytes, UTF_8)).hasValueSatisfying(p -> assertThat(p).startsWith("not valid UTF-8 from line 4"));
    }

    @Test
    void utf8ReadAsLatin1IsRefused() throws IOException {
        assertThat(problem(DANISH.getBytes(UTF_8), ISO_8859_1))
                .hasValueSatisfying(p -> assertThat(p).startsWith("the file is UTF-8 (line 2"));
    }

    @Test
    void byteOrderMarksAreRecognised() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ';', 'b', '\n'};
        assertThat(problem(bom, UTF_8)).isEmpty();
        assertThat(problem(bom, ISO_8859_1)).hasValueSatisfying(p -> assertThat(p).contains("UTF-8 byte-order mark"));
        byte[] utf16 = "a;b\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        assertThat(problem(withBom, UTF_8)).hasValueSatisfying(p -> assertThat(p).contains("UTF-16"));
    }

    @Test
    void windows1252DeclaredAsLatin1IsRefused() throws IOException {
        byte[] bytes = "pris 5 \u20ac\n".getBytes(CP1252); // the euro sign is 0x80 in Windows-1252
        assertThat(problem(bytes, ISO_8859_1)).hasValueSatisfying(p -> assertThat(p).contains("Windows-1252"));
        assertThat(problem(bytes, CP1252)).isEmpty();
    }

    @Test
    void overlongAndSurrogateSequencesAreNotUtf8() throws IOException {
        assertThat(problem(new byte[] {'a', (byte) 0xC0, (byte) 0xAF}, UTF_8)).isPresent();
        assertThat(problem(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, UTF_8)).isPresent();
        assertThat(problem(new byte[] {'a', (byte) 0xC3}, UTF_8)).isPresent(); // truncated at end of file
    }

    @Test
    void aUtf8FileWithAFewBrokenLinesIsReadAndOneMostlyBrokenIsRefused() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            text.append("Søren Ærø Åberg;").append(i).append('\n');
        }
        byte[] good = text.toString().getBytes(UTF_8);
        // drop the second byte of one line's Æ: that line is cut inside a character
        int at = text.substring(0, text.indexOf("Ærø", text.indexOf("\n", 1000))).getBytes(UTF_8).length + 1;
        byte[] cutOne = new byte[good.length - 1];
        System.arraycopy(good, 0, cutOne, 0, at);
        System.arraycopy(good, at + 1, cutOne, at, good.length - at - 1);
        assertThat(problem(cutOne, UTF_8)).as("one line cut inside a character: read, that line quarantined").isEmpty();
        assertThat(problem(text.toString().getBytes(ISO_8859_1), UTF_8)).hasValueSatisfying(p -> assertThat(p).contains("(200 lines)"));
    }

    @Test
    void binaryFilesAreRefused() throws IOException {
        assertThat(problem(new byte[] {'a', '\n', 0, 1, 2}, UTF_8)).hasValue("line 2 contains NUL bytes: this is not a text file in UTF-8");
    }

    @Test
    void sha256AndSizeAreComputed() throws IOException {
        EncodingCheck.Result r = EncodingCheck.scan(new ByteArrayInputStream("abc".getBytes(UTF_8)), UTF_8);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
