// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

import dk.tidlig.core.TidligCommand;
import dk.tidlig.core.internal.crypto.KeyRing;

/**
 * {@code bin/tidlig keys init}: creates the key file named in config/dk.tidlig.keys.cfg, if there is none.
 * {@code keys rotate audit|vault}: replaces the audit chain's key or the active vault key, leaving every other
 * key as it is (the key file is rewritten in place, readable by its owner only; restart tidlig afterwards).
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=keys", configurationPid = KeyRing.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class KeysCommand implements TidligCommand {

    private final Path file;

    @Activate
    public KeysCommand(BundleContext context, KeyRing.Config config) {
        this.file = KeyRing.file(context, config);
    }

    @Override
    public String usage() {
        return "keys init | keys rotate audit|vault";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.size() == 2 && args.get(0).equals("rotate")) {
            if (!Files.exists(file)) {
                throw new IllegalArgumentException("there is no key file at " + file + " to rotate");
            }
            out.println("Rotated in " + file + ": " + KeyRing.rotate(file, args.get(1)) + ". Restart tidlig to use it.");
            return 0;
        }
        if (args.size() != 1 || !args.get(0).equals("init")) {
            throw new IllegalArgumentException("say 'keys init' or 'keys rotate audit|vault'");
        }
        if (Files.exists(file)) {
            out.println("A key file already exists at " + file + "; it was left as it is.");
            return 1;
        }
        KeyRing.create(file);
        out.println("Created " + file + " (readable by its owner only). Keep a copy in a safe place, apart from the database backups.");
        return 0;
    }
}
