// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

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
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.ingest.DeliveryArchive;
import dk.tidlig.core.internal.ingest.DeliveryArchive.Entry;
import dk.tidlig.model.CprNumbers;

/**
 * {@code bin/tidlig archive}: the administrator's view of the archive of deliveries. {@code list} shows what it holds
 * (one JSON line per delivery: never its content); {@code reprocess <id>} reads a sealed delivery through its adapter's
 * ingest route again, without writing it out; {@code open <id> --out FILE --reason TEXT} writes its clear text to a new
 * file readable by its owner only. Reading one is audited with the operating-system user and the reason.
 */
@Component(service = TidligCommand.class, property = TidligCommand.NAME + "=archive")
public class ArchiveCommand implements TidligCommand {

    private final BundleContext context;
    private final DeliveryArchive archive;
    private final AuditTrail audit;
    private final CamelContext camel;

    @Activate
    public ArchiveCommand(BundleContext context, @Reference DeliveryArchive archive, @Reference AuditTrail audit, @Reference CamelContext camel) {
        this.context = context;
        this.archive = archive;
        this.audit = audit;
        this.camel = camel;
    }

    @Override
    public String usage() {
        return "archive list [--adapter ID] | archive reprocess <id> | archive open <id> --out FILE --reason TEXT";
    }

    @Override
    public int execute(List<String> args, PrintStream out) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("say list, reprocess or open");
        }
        switch (args.get(0)) {
            case "list" -> {
                String adapter = option(args, "--adapter");
                for (Entry e : archive.list()) {
                    if (adapter == null || adapter.equals(e.adapterId())) {
                        out.println(json(e));
                    }
                }
                return 0;
            }
            case "reprocess" -> {
                Entry e = entry(args);
                SourceAdapter adapter = Deployed.await(context, camel, e.adapterId(), 60_000);
                audit.record(Actor.system(e.tenant()), Action.DELIVERY_REPROCESSED, "delivery " + e.id(), "read again through adapter "
                        + adapter.descriptor().id() + " by OS user " + OsUser.name());
                FileOutcome outcome;
                try (ProducerTemplate template = camel.createProducerTemplate()) {
                    Exchange ex = template.send(SourceAdapter.ingestEndpoint(e.adapterId()), x -> {
                        x.getIn().setBody(archive.file(e));
                        x.getIn().setHeader(SourceAdapter.DELIVERED_BY, "reprocess of archived delivery " + e.id() + " by OS user " + OsUser.name());
                    });
                    outcome = ex.getMessage().getBody(FileOutcome.class);
                }
                if (outcome == null) {
                    out.println("{\"id\":\"" + e.id() + "\",\"status\":\"failed\"}");
                    return 1;
                }
                out.println(outcome.toJson());
                return outcome.status() == FileOutcome.Status.COMPLETED ? 0 : 1;
            }
            case "open" -> {
                Entry e = entry(args);
                String to = option(args, "--out");
                String reason = option(args, "--reason");
                if (to == null || reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("say where to write it (--out FILE) and why (--reason TEXT)");
                }
                if (CprNumbers.containsCprLike(reason) || reason.length() > 200) {
                    throw new IllegalArgumentException("the reason is at most 200 characters and never a CPR number");
                }
                Path target = Path.of(to).toAbsolutePath();
                audit.record(Actor.system(e.tenant()), Action.DELIVERY_OPENED, "delivery " + e.id(), "written out in clear text by OS user "
                        + OsUser.name() + ": " + reason.strip());
                try {
                    Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException x) {
                    Files.createFile(target);
                }
                try (InputStream in = archive.file(e).open(); OutputStream o = Files.newOutputStream(target)) {
                    in.transferTo(o);
                }
                out.println("Wrote delivery " + e.id() + " (" + e.adapterId() + ", " + e.name() + ") to " + target
                        + ", readable by you only. It holds personal data in clear text: delete it when you are done.");
                return 0;
            }
            default -> throw new IllegalArgumentException("say list, reprocess or open");
        }
    }

    private Entry entry(List<String> args) throws IOException {
        if (args.size() < 2 || !DeliveryArchive.isId(args.get(1))) {
            throw new IllegalArgumentException("name a delivery by its id, as 'archive list' shows it");
        }
        Optional<Entry> e = archive.get(args.get(1));
        return e.orElseThrow(() -> new IllegalArgumentException("the archive holds no delivery " + args.get(1) + " (any more)"));
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " takes a value");
        }
        return args.get(i + 1);
    }


    static String json(Entry e) {
        return "{\"id\":" + q(e.id()) + ",\"municipality\":" + q(e.tenant()) + ",\"adapter\":" + q(e.adapterId()) + ",\"file\":" + q(e.name())
                + ",\"received\":" + q(e.received().toString()) + ",\"bytes\":" + e.size() + ",\"status\":" + q(e.status().toLowerCase(java.util.Locale.ROOT))
                + (e.reason() == null ? "" : ",\"reason\":" + q(e.reason())) + (e.fileId() == 0 ? "" : ",\"delivery\":" + e.fileId()) + "}";
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
