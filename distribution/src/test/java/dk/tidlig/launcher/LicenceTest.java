// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The licence the build declares (EUPL-1.2) is in the repository's LICENSE, and every source file says so in an SPDX header
 * (issue #10): a file added without one fails the build.
 */
class LicenceTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String HEADER = "SPDX-License-Identifier: EUPL-1.2";

    @Test
    void theLicenceTheBuildDeclaresIsInTheRepository() throws Exception {
        assertThat(Files.readString(REPO.resolve("LICENSE"), StandardCharsets.UTF_8).strip()).startsWith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
                .endsWith("EUPL version.");
        assertThat(Files.readString(REPO.resolve("pom.xml"))).contains("<name>EUPL-1.2</name>");
    }

    @Test
    void everySourceFileCarriesAnSpdxHeader() throws Exception {
        List<Path> missing;
        try (Stream<Path> files = Stream.of("bundles", "adapters", "distribution/src").map(REPO::resolve).flatMap(LicenceTest::walk)) {
            missing = files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".css"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> !head(p).contains(HEADER)).toList();
        }
        assertThat(missing).as("source files without '// " + HEADER + "' in their first lines").isEmpty();
        for (String script : List.of("distribution/src/main/dist/bin/tidlig", "adapters/new-adapter", ".ci/run")) {
            assertThat(head(REPO.resolve(script))).as(script).contains(HEADER);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir).filter(Files::isRegularFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String head(Path p) {
        try (var lines = Files.lines(p, StandardCharsets.UTF_8)) {
            return String.join("\n", lines.limit(4).toList());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
