// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every adapter's README ends with an example: the commands to import its sample file and what they
 * print. This test runs those commands, as written, on a fresh installation of the distribution (against
 * the demo's embedded database) and compares the output line by line: a
 * README cannot drift from what the adapter does. The READMEs run in the order of their adapters' names on
 * one installation, so an example sees what the examples before it imported (the FHIR samples' family is
 * the CPR sample's, and a README says so where its counts depend on it).
 * <p>
 * Example commands are the lines of a fenced block that start with {@code $ }, continued by a trailing
 * backslash; the lines after a command, up to the next command or the end of the block, are its output.
 * Two commands are understood: {@code bin/tidlig import …} (run with {@code --demo}) and
 * {@code cp <file> config/} (copies a file of the repository into the installation's configuration).
 */
// a bin/tidlig start or import per example: in the long-tests profile, which .ci/run runs after mvn -B verify (kept under 15 minutes)
@org.junit.jupiter.api.Tag("long")
class ReadmeExamplesIT {

    record Example(Path readme, int line, String command, List<String> output) {
    }

    static Installation installation;

    @BeforeAll
    static void install() throws IOException {
        installation = Installation.copy("readme-it");
    }

    static List<Example> examples(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        List<Example> examples = new ArrayList<>();
        boolean inBlock = false;
        Example current = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                current = null;
            } else if (inBlock && line.startsWith("$ ")) {
                int start = i + 1;
                StringBuilder command = new StringBuilder(line.substring(2).strip());
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(lines.get(++i).strip());
                }
                current = new Example(readme, start, command.toString().replaceAll(" +", " "), new ArrayList<>());
                examples.add(current);
            } else if (inBlock && current != null) {
                current.output().add(line);
            }
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyAdaptersReadmeExampleGivesTheOutputItStates() throws IOException {
        List<Path> readmes;
        try (Stream<Path> dirs = Files.list(Installation.REPO.resolve("adapters"))) {
            readmes = dirs.map(d -> d.resolve("README.md")).filter(Files::isRegularFile)
                    .filter(r -> !r.getParent().getFileName().toString().endsWith(".archetype")).sorted().toList();
        }
        List<Example> all = new ArrayList<>();
        for (Path readme : readmes) {
            List<Example> examples = examples(readme);
            assertThat(examples).as(Installation.REPO.relativize(readme) + " has an example import").isNotEmpty();
            all.addAll(examples);
        }
        return all.stream().map(e -> DynamicTest.dynamicTest(Installation.REPO.relativize(e.readme()).getParent() + ":" + e.line() + " "
                + e.command(), () -> run(e)));
    }

    private static void run(Example e) throws Exception {
        String[] words = e.command().split(" ");
        if (words[0].equals("cp") && words.length == 3 && words[2].equals("config/")) {
            Path source = Installation.REPO.resolve(words[1]);
            Files.copy(source, installation.home.resolve("config").resolve(source.getFileName()));
            assertThat(e.output()).as("cp prints nothing").isEmpty();
            return;
        }
        assertThat(words.length).as("an example command is bin/tidlig import <adapter> <file>…").isGreaterThanOrEqualTo(4);
        assertThat(words[0] + " " + words[1]).as("an example command is bin/tidlig import <adapter> <file>…").isEqualTo("bin/tidlig import");
        List<String> args = new ArrayList<>(List.of("import", "--demo"));
        args.addAll(List.of(words).subList(2, words.length));
        Installation.Run run = installation.tidlig(args.toArray(String[]::new));
        assertThat(run.out().lines().toList()).as(e.command() + "\n" + run.err()).isEqualTo(e.output());
        LauncherIT.assertNoCprLikeNumber("the output of " + e.command(), run.out() + run.err());
    }
}
