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

/** {@code bin/tidlig keys init}: creates the key file named in config/dk.tidlig.keys.cfg, if there is none. */
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
        return "keys init";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.size() != 1 || !args.get(0).equals("init")) {
            throw new IllegalArgumentException("the only keys command is 'init'");
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
