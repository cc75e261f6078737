// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundles to install, from etc/bundles.list: one "start-level file" per line, # for comments. The
 * same list is read by the integration tests, so they boot exactly what bin/tidlig boots.
 */
public record BundleList(List<Entry> entries) {

    public record Entry(int startLevel, Path file) {
    }

    public static BundleList read(Path list, Path bundleDir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(list)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            if (parts.length != 2) {
                throw new IOException(list + " line " + n + ": expected 'start-level file'");
            }
            Path file = bundleDir.resolve(parts[1]);
            if (!Files.isRegularFile(file)) {
                throw new IOException(list + " line " + n + ": no bundle " + file);
            }
            entries.add(new Entry(Integer.parseInt(parts[0]), file));
        }
        return new BundleList(List.copyOf(entries));
    }

    public int highestLevel() {
        return entries.stream().mapToInt(Entry::startLevel).max().orElse(1);
    }
}
