// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The distribution folder and its parts. */
record Home(Path root) {

    /** From the system property tidlig.home (set by bin/tidlig), else the folder above lib/tidlig-launcher.jar. */
    static Home locate() {
        String prop = System.getProperty("tidlig.home");
        if (prop != null && !prop.isBlank()) {
            return new Home(Path.of(prop).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Home(jar.getParent().getParent().toAbsolutePath().normalize());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the distribution folder; set -Dtidlig.home", e);
        }
    }

    Path bundles() {
        return root.resolve("bundle");
    }

    Path bundleList() {
        return root.resolve("etc/bundles.list");
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    Path config() {
        return root.resolve("config");
    }

    Path etc() {
        return root.resolve("etc");
    }

    Path var() {
        return root.resolve("var");
    }

    Path demo() {
        return var().resolve("demo");
    }

    boolean looksRight() {
        return Files.isRegularFile(bundleList()) && Files.isDirectory(bundles());
    }
}
