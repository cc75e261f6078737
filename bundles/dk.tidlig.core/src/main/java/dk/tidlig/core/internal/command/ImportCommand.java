// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.adapter.FileOutcome;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.TidligCommand;
import dk.tidlig.model.CprNumbers;

/**
 * {@code bin/tidlig import <adapter-id> <file>…}: sends each file through the adapter's ingest route
 * (the same route its inbox feeds) and prints one JSON line per file with its counts. A file whose import was
 * interrupted (the process killed) is resumed after the lines already stored.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=import")
public class ImportCommand implements TidligCommand {

    private final BundleContext context;
    private final CamelContext camel;

    private final dk.tidlig.core.internal.ingest.InterruptedDeliveries interrupted;

    @Activate
    public ImportCommand(BundleContext context, @Reference CamelContext camel, @Reference dk.tidlig.core.internal.ingest.InterruptedDeliveries interrupted) {
        this.context = context;
        this.camel = camel;
        this.interrupted = interrupted;
    }

    @Override
    public String usage() {
        return "import <adapter-id> <file>…";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.size() < 2) {
            throw new IllegalArgumentException("name an adapter and at least one file");
        }
        String adapterId = args.get(0);
        Deployed.await(context, camel, adapterId, 60_000);
        // an import a killed process left unfinished is never left RUNNING; importing the same file resumes it
        interrupted.sweep();
        boolean allCompleted = true;
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            for (String name : args.subList(1, args.size())) {
                Path file = Path.of(name).toAbsolutePath();
                FileOutcome outcome;
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    outcome = failed(adapterId, file, "no readable file at this path");
                } else {
                    Exchange ex = template.send(SourceAdapter.ingestEndpoint(adapterId), e -> {
                        e.getIn().setBody(file.toFile());
                        e.getIn().setHeader(Exchange.FILE_NAME_ONLY, file.getFileName().toString());
                        e.getIn().setHeader(SourceAdapter.DELIVERED_BY, "import by OS user " + OsUser.name());
                    });
                    if (ex.getException() != null) {
                        outcome = failed(adapterId, file, ex.getException().getClass().getSimpleName() + ": "
                                + CprNumbers.mask(String.valueOf(ex.getException().getMessage())));
                    } else {
                        outcome = ex.getMessage().getBody(FileOutcome.class);
                    }
                }
                out.println(outcome.toJson());
                allCompleted &= outcome.status() == FileOutcome.Status.COMPLETED;
            }
        }
        return allCompleted ? 0 : 1;
    }

    private static FileOutcome failed(String adapterId, Path file, String reason) {
        return new FileOutcome(0, adapterId, file.getFileName().toString(), FileOutcome.Status.FAILED, 0, 0, 0, 0, 0, reason);
    }
}
