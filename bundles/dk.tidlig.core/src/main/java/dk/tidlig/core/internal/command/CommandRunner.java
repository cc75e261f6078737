// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.ScoringService;
import dk.tidlig.core.Tenant;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.store.Database;
import dk.tidlig.model.CprNumbers;

/**
 * Runs the command the launcher was started with. The launcher registers two services in the system
 * bundle: the command line ({@code Supplier<String[]>}, property {@code tidlig.role=command-line}) and
 * the exit hook ({@code IntConsumer}, {@code tidlig.role=exit}). This component waits for the named
 * {@link TidligCommand} to appear, runs it on its own thread, and exits with its code.
 */
@Component(immediate = true)
public class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** How long a command may take to appear: adapters in deploy/ are installed after the framework starts. */
    static final long WAIT_MS = 120_000;
    /** How long the database may take to come up before a command that needs it is given up. */
    /** How long a command that is registered but cannot be activated is asked again (the configuration's churn at boot). */
    static final long RETRY_MS = 15_000;

    static final long DATABASE_WAIT_MS = 30_000;

    private final Thread thread;

    @Activate
    public CommandRunner(BundleContext context,
            @Reference(service = Supplier.class, target = "(tidlig.role=command-line)") Supplier<?> commandLine,
            @Reference(service = IntConsumer.class, target = "(tidlig.role=exit)") IntConsumer exit) {
        String[] line = (String[]) commandLine.get();
        thread = new Thread(() -> run(context, line, exit, System.out, System.err), "tidlig-command");
        thread.start();
    }

    static void run(BundleContext context, String[] line, IntConsumer exit, PrintStream out, PrintStream err) {
        String name = line.length == 0 ? "" : line[0];
        List<String> args = Arrays.asList(line).subList(Math.min(1, line.length), line.length);
        int code;
        try {
            TidligCommand command = await(context, name);
            if (command == null) {
                err.println("tidlig " + name + ": " + whyMissing(context));
                code = 2;
            } else {
                try {
                    code = command.execute(args, out);
                } catch (IllegalArgumentException e) {
                    err.println("tidlig " + name + ": " + CprNumbers.mask(e.getMessage()));
                    err.println("usage: bin/tidlig " + command.usage());
                    code = 2;
                } catch (TidligCommand.Refused e) {
                    err.println("tidlig " + name + ": " + CprNumbers.mask(e.getMessage()));
                    code = e.code();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            err.println("tidlig " + name + " failed: " + CprNumbers.mask(String.valueOf(e.getMessage())));
            LOG.error("Command {} failed", name, e);
            code = 1;
        }
        out.flush();
        if (code != TidligCommand.KEEP_RUNNING) {
            exit.accept(code);
        }
    }

    private static TidligCommand await(BundleContext context, String name) throws InterruptedException, InvalidSyntaxException {
        long start = System.currentTimeMillis();
        long refused = -1;
        String filter = "(" + TidligCommand.NAME + "=" + name.replaceAll("[^a-z-]", "") + ")";
        while (true) {
            Collection<ServiceReference<TidligCommand>> refs = context.getServiceReferences(TidligCommand.class, filter);
            long waited = System.currentTimeMillis() - start;
            if (!refs.isEmpty()) {
                ServiceReference<TidligCommand> ref = refs.iterator().next();
                TidligCommand command = context.getService(ref);
                if (command != null) {
                    return command;
                }
                // registered, but not activated: while the configuration is delivered at boot a dependency can go and come back
                // (the adapters' routes are rebuilt); try again until the wait is over, then its dependencies failed for good
                context.ungetService(ref);
                refused = refused < 0 ? waited : refused;
                if (waited - refused > RETRY_MS || waited > WAIT_MS) {
                    return null;
                }
                Thread.sleep(100);
                continue;
            }
            // commands that need no database (keys) appear at once; the others wait for it
            if (waited > WAIT_MS || (waited > DATABASE_WAIT_MS && !available(context, Database.class))) {
                return null;
            }
            Thread.sleep(100);
        }
    }

    /**
     * Whether a service can actually be obtained. A delayed component's service is registered before it is
     * activated, so its registration alone says nothing about whether it works.
     */
    static boolean available(BundleContext context, Class<?> type) {
        ServiceReference<?> ref = context.getServiceReference(type);
        if (ref == null) {
            return false;
        }
        try {
            return context.getService(ref) != null;
        } finally {
            context.ungetService(ref);
        }
    }

    /** Why a command did not appear, as far as can be told from the services that are missing. */
    static String whyMissing(BundleContext context) {
        String log = "var/log/tidlig-" + context.getProperty("tidlig.mode") + ".log";
        if (!available(context, Database.class)) {
            return "the database is not available: check config/dk.tidlig.store.cfg (url, user, .password) and that the server runs; "
                    + "details in " + log;
        }
        if (!available(context, Tenant.class)) {
            return "config/dk.tidlig.core.cfg is missing or has no valid municipalityCode; details in " + log;
        }
        if (!available(context, ScoringService.class)) {
            return "the core did not start (is the key file there? 'bin/tidlig keys init' creates it); details in " + log;
        }
        return "this command is not available (its bundle is not installed or did not start); details in " + log;
    }

    @Deactivate
    void stop() {
        thread.interrupt();
    }
}
