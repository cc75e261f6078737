// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scaffolds a new adapter bundle from the tidlig adapter archetype and inserts it into the build and the
 * distribution. Run by adapters/new-adapter:
 *
 * <pre>
 * adapters/new-adapter &lt;id&gt; &lt;ClassPrefix&gt; "&lt;Source system&gt;" &lt;INDICATOR&gt; &lt;DATA_CATEGORY&gt;
 * adapters/new-adapter schoolabsence SchoolAbsence "Skolesystem" CHILD_SCHOOL_ABSENCE EDUCATION
 * </pre>
 *
 * It installs the archetype (and what it builds on), generates adapters/dk.tidlig.adapter.&lt;id&gt; (with its
 * configuration in src/main/config, which the distribution copies to config/), adds the module to the reactor and
 * the adapter to the distribution (both in sorted order), and creates its inbox folder in the distribution.
 */
public final class NewAdapter {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: adapters/new-adapter <id> <ClassPrefix> \"<Source system>\" <INDICATOR> <DATA_CATEGORY>");
            System.err.println("  e.g. adapters/new-adapter schoolabsence SchoolAbsence \"Skolesystem\" CHILD_SCHOOL_ABSENCE EDUCATION");
            System.exit(2);
        }
        String id = args[0];
        String prefix = args[1];
        String source = args[2];
        String indicator = args[3];
        String category = args[4];
        check(id.matches("[a-z][a-z0-9]{1,30}"), "the id is 2-31 lower-case letters and digits");
        check(prefix.matches("[A-Z][A-Za-z0-9]*"), "the class prefix is CamelCase");
        check(indicator.matches("[A-Z_]+") && category.matches("[A-Z_]+"), "indicator and data category are enum names");
        Path root = Path.of(System.getProperty("tidlig.root", ".")).toAbsolutePath().normalize();
        String artifact = "dk.tidlig.adapter." + id;
        Path module = root.resolve("adapters").resolve(artifact);
        check(!Files.exists(module), "adapters/" + artifact + " exists already");

        run(root, "mvn", "-B", "-q", "install", "-DskipTests", "-pl", "adapters/dk.tidlig.adapter.archetype", "-am");
        run(root, "mvn", "-B", "-q", "archetype:generate", "-DinteractiveMode=false",
                "-DarchetypeGroupId=dk.tidlig.adapters", "-DarchetypeArtifactId=dk.tidlig.adapter.archetype", "-DarchetypeVersion=0.1.0-SNAPSHOT",
                "-DoutputDirectory=" + root.resolve("adapters"), "-DgroupId=dk.tidlig.adapters", "-DartifactId=" + artifact,
                "-Dversion=0.1.0-SNAPSHOT", "-Dpackage=" + artifact, "-DadapterId=" + id, "-DadapterClass=" + prefix,
                "-DsourceSystem=" + source, "-Dindicator=" + indicator, "-DdataCategory=" + category);

        insertSorted(root.resolve("pom.xml"), "    <module>adapters/" + artifact + "</module>", "<module>adapters/dk.tidlig.adapter.",
                "dk.tidlig.adapter.archetype");
        insertSorted(root.resolve("distribution/pom.xml"), "    <dependency><groupId>dk.tidlig.adapters</groupId><artifactId>" + artifact
                + "</artifactId><version>${project.version}</version><scope>provided</scope></dependency>",
                "<groupId>dk.tidlig.adapters</groupId><artifactId>dk.tidlig.adapter.", null);
        Path inbox = root.resolve("distribution/src/main/dist/inbox").resolve(id);
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve(".keep"), "");

        System.out.println("Created adapters/" + artifact + " (its configuration in src/main/config/" + artifact + ".cfg, which the distribution "
                + "copies to config/); added it to pom.xml and distribution/pom.xml.");
        System.out.println("Next: shape " + prefix + "Columns, " + prefix + "Mapper, " + prefix + "Writer, the sample and the README to the vendor's");
        System.out.println("export (adapters/README.md, \"Writing an adapter\"), then: mvn -B verify");
    }

    /** Inserts a line among the lines that contain {@code marker}, in sorted order, skipping lines containing {@code skip}. */
    static void insertSorted(Path file, String line, String marker, String skip) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int at = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains(marker) && (skip == null || !l.contains(skip))) {
                last = i;
                if (at < 0 && l.strip().compareTo(line.strip()) > 0) {
                    at = i;
                }
            }
        }
        check(last >= 0, file + " has no line with " + marker);
        lines.add(at >= 0 ? at : last + 1, line);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        check(p.waitFor() == 0, String.join(" ", command[0], command[3]) + " failed");
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            System.err.println("new-adapter: " + message);
            System.exit(1);
        }
    }
}
