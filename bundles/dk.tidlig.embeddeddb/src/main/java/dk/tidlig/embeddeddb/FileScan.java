// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.embeddeddb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads every file under a folder, whatever it is (text, jars, database files, logs), and looks for personal data in
 * it: CPR numbers from a set (as ten digits, or six and four with a hyphen), and other strings (names, addresses) as
 * UTF-8 and as ISO-8859-1. For tests that prove no file outside the sealed archive and the encrypted vault holds
 * personal data in clear text.
 */
public final class FileScan {

    /**
     * @param files  how many files were read
     * @param bytes  how many bytes
     * @param places "file: what" for each find (the CPR number or needle is never named: its index)
     */
    public record Result(long files, long bytes, List<String> places) {
    }

    private FileScan() {
    }

    public static Result find(Path root, Set<String> cprNumbers, Collection<String> needles) throws IOException {
        List<byte[][]> wanted = new ArrayList<>();
        for (String n : needles) {
            wanted.add(new byte[][] {n.getBytes(StandardCharsets.UTF_8), n.getBytes(StandardCharsets.ISO_8859_1)});
        }
        List<String> places = new ArrayList<>();
        long files = 0;
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try (InputStream in = Files.newInputStream(f)) {
                    content = in.readAllBytes();
                } catch (IOException e) {
                    continue; // a file that went away while walking (a log rolled over, a lock file)
                }
                files++;
                bytes += content.length;
                int cpr = cprIn(content, cprNumbers);
                if (cpr >= 0) {
                    places.add(root.relativize(f) + ": a delivered person's CPR number at byte " + cpr);
                }
                for (int i = 0; i < wanted.size(); i++) {
                    for (byte[] w : wanted.get(i)) {
                        if (w.length > 0 && indexOf(content, w) >= 0) {
                            places.add(root.relativize(f) + ": needle " + i);
                            break;
                        }
                    }
                }
            }
        }
        return new Result(files, bytes, places);
    }

    /** The offset of the first number of the set in the bytes (ddmmyy-nnnn or ddmmyynnnn, not inside a longer number), or -1. */
    static int cprIn(byte[] b, Set<String> cprs) {
        int run = 0;
        for (int i = 0; i <= b.length; i++) {
            boolean digit = i < b.length && b[i] >= '0' && b[i] <= '9';
            if (digit) {
                run++;
                continue;
            }
            if (run == 10 && cprs.contains(new String(b, i - 10, 10, StandardCharsets.ISO_8859_1))) {
                return i - 10;
            }
            if (run == 6 && i < b.length && b[i] == '-' && i + 5 <= b.length) {
                boolean four = true;
                for (int k = 1; k <= 4; k++) {
                    four &= b[i + k] >= '0' && b[i + k] <= '9';
                }
                boolean longer = i + 5 < b.length && b[i + 5] >= '0' && b[i + 5] <= '9';
                if (four && !longer && cprs.contains(new String(b, i - 6, 6, StandardCharsets.ISO_8859_1) + new String(b, i + 1, 4,
                        StandardCharsets.ISO_8859_1))) {
                    return i - 6;
                }
            }
            run = 0;
        }
        return -1;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
