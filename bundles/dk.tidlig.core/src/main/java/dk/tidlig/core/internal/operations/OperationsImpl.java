// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.operations;

import dk.tidlig.core.InvalidRequestException;
import dk.tidlig.core.InvalidRequestException.Problem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import java.util.Dictionary;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dk.tidlig.adapter.AdapterInbox;
import dk.tidlig.adapter.SourceAdapter;
import dk.tidlig.core.access.Actor;
import dk.tidlig.core.access.Role;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.audit.AuditTrail.Action;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.operations.ConfigurationView;
import dk.tidlig.core.operations.Delivery;
import dk.tidlig.core.operations.DeployedAdapter;
import dk.tidlig.core.operations.Operations;
import dk.tidlig.core.operations.QuarantinedLine;
import dk.tidlig.core.operations.SourceFreshness;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.FileRecord;
import dk.tidlig.store.IngestStore;
import dk.tidlig.store.QuarantineEntry;

/** The operator's view, on the ingest store: the actor's municipality only, administrators and the system only. */
@Component(service = Operations.class)
public class OperationsImpl implements Operations {

    private final IngestStore store;
    private final AuditTrail audit;
    private final KeyRing keys;
    private final Clock clock;
    /** The adapters whose inbox runs here, with when this process first saw each. */
    private final Map<String, Watched> inboxes = new ConcurrentHashMap<>();

    private record Watched(AdapterInbox inbox, Instant since) {
    }

    @Activate
    public OperationsImpl(@Reference IngestStore store, @Reference AuditTrail audit, @Reference KeyRing keys) {
        this(store, audit, keys, Clock.systemUTC());
    }

    OperationsImpl(IngestStore store, AuditTrail audit, KeyRing keys, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    volatile ConfigurationAdmin configurationAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    volatile MetaTypeService metatype;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addInbox(AdapterInbox inbox, Map<String, Object> props) {
        String id = String.valueOf(props.get(SourceAdapter.ADAPTER_ID));
        inboxes.merge(id, new Watched(inbox, clock.instant()), (old, now) -> new Watched(inbox, old.since()));
    }

    void removeInbox(AdapterInbox inbox, Map<String, Object> props) {
        inboxes.computeIfPresent(String.valueOf(props.get(SourceAdapter.ADAPTER_ID)), (id, w) -> w.inbox() == inbox ? null : w);
    }

    private void operator(Actor actor) {
        if (actor.role() != Role.ADMINISTRATOR && actor.role() != Role.SYSTEM) {
            throw audit.refuse(actor, "deliveries and quarantine", "only an administrator sees the deliveries and the quarantine");
        }
    }

    @Override
    public List<Delivery> deliveries(Actor actor, String adapterId, int limit) {
        operator(actor);
        return store.deliveries(actor.tenant(), adapterId, Math.max(1, Math.min(10_000, limit))).stream().map(OperationsImpl::delivery).toList();
    }

    @Override
    public Optional<Delivery> delivery(Actor actor, long id) {
        operator(actor);
        return store.file(id).filter(f -> f.tenant().equals(actor.tenant())).map(OperationsImpl::delivery);
    }

    static Delivery delivery(FileRecord f) {
        return new Delivery(f.id(), f.adapterId(), f.sourceSystem(), f.fileName(), f.size(), status(f.status()), f.lines(), f.accepted(),
                f.duplicates(), f.quarantined(), f.skipped(), f.linesDone(), f.bytesDone(), f.deliveredBy(), f.reason(), f.startedAt(),
                f.finishedAt(), f.progressAt());
    }

    private static Delivery.Status status(String s) {
        for (Delivery.Status v : Delivery.Status.values()) {
            if (v.name().equals(s)) {
                return v;
            }
        }
        return Delivery.Status.FAILED;
    }

    @Override
    public List<QuarantinedLine> quarantine(Actor actor, Long deliveryId, boolean openOnly, int limit) {
        operator(actor);
        return store.quarantined(actor.tenant(), deliveryId, openOnly, Math.max(1, Math.min(100_000, limit))).stream()
                .map(OperationsImpl::line).toList();
    }

    private static QuarantinedLine line(QuarantineEntry q) {
        return new QuarantinedLine(q.id(), q.fileId(), q.adapterId(), q.line(), q.reason(), q.createdAt(), q.resolvedAt(), q.resolvedBy());
    }

    @Override
    public String openQuarantinedLine(Actor actor, long lineId, String reason) {
        operator(actor);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 3 || why.length() > 200 || CprNumbers.containsCprLike(why)) {
            throw new InvalidRequestException(Problem.READING_REASON_INVALID);
        }
        QuarantineEntry.Content c = store.quarantinedLine(actor.tenant(), lineId)
                .orElseThrow(() -> new InvalidRequestException(Problem.NO_SUCH_LINE, String.valueOf(lineId), actor.tenant()));
        QuarantineEntry q = c.entry();
        // audited before it is opened: a reading that fails half-way is still on record
        audit.record(actor, Action.QUARANTINE_OPENED, "delivery " + q.fileId(), "line " + q.line() + " (quarantine " + q.id() + ") read: " + why);
        return keys.open("quarantine|" + actor.tenant() + "|" + q.fileId() + "|" + q.line(), c.line());
    }

    @Override
    public int resolveQuarantine(Actor actor, long deliveryId, long correctionId) {
        operator(actor);
        Delivery original = delivery(actor, deliveryId)
                .orElseThrow(() -> new InvalidRequestException(Problem.NO_SUCH_DELIVERY, String.valueOf(deliveryId), actor.tenant()));
        Delivery correction = delivery(actor, correctionId)
                .orElseThrow(() -> new InvalidRequestException(Problem.NO_SUCH_DELIVERY, String.valueOf(correctionId), actor.tenant()));
        if (!correction.adapterId().equals(original.adapterId())) {
            throw new InvalidRequestException(Problem.CORRECTION_OTHER_ADAPTER, String.valueOf(correctionId), correction.adapterId(), original.adapterId());
        }
        if (correction.id() <= original.id()) {
            throw new InvalidRequestException(Problem.CORRECTION_NOT_LATER, String.valueOf(correctionId), String.valueOf(deliveryId));
        }
        if (correction.status() != Delivery.Status.COMPLETED) {
            throw new InvalidRequestException(Problem.CORRECTION_NOT_COMPLETED, String.valueOf(correctionId), correction.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (correction.quarantined() > 0) {
            throw new InvalidRequestException(Problem.CORRECTION_QUARANTINED, String.valueOf(correctionId), correction.quarantined());
        }
        int resolved = store.resolveQuarantine(actor.tenant(), deliveryId, correctionId);
        audit.record(actor, Action.QUARANTINE_RESOLVED, "delivery " + deliveryId, resolved + " quarantined lines resolved by delivery " + correctionId);
        return resolved;
    }

    @Override
    public List<DeployedAdapter> adapters(Actor actor) {
        operator(actor);
        List<DeployedAdapter> out = new ArrayList<>();
        for (Map.Entry<String, Watched> e : new java.util.TreeMap<>(inboxes).entrySet()) {
            AdapterInbox inbox = e.getValue().inbox();
            if (!inbox.settings().municipalityCode().equals(actor.tenant())) {
                continue;
            }
            var d = inbox.adapter().descriptor();
            Bundle b = FrameworkUtil.getBundle(inbox.adapter().getClass());
            out.add(new DeployedAdapter(e.getKey(), d.sourceSystem(), d.title(), b == null ? "-" : b.getSymbolicName(),
                    b == null ? "-" : b.getVersion().toString(), inbox.settings().municipalityCode(), inbox.settings().location(),
                    inbox.settings().charset().name(), inbox.settings().deliveryInterval()));
        }
        return out;
    }

    /** Properties ConfigAdmin and FileInstall add themselves. */
    private static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename");

    @Override
    public List<ConfigurationView> configurations(Actor actor) {
        operator(actor);
        ConfigurationAdmin admin = configurationAdmin;
        if (admin == null) {
            return List.of();
        }
        Configuration[] all;
        try {
            all = admin.listConfigurations("(service.pid=dk.tidlig*)");
        } catch (java.io.IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException("the configuration could not be read: " + e.getMessage(), e);
        }
        Map<String, List<ConfigurationView.Change>> history = new java.util.HashMap<>();
        for (AuditEntry a : audit.find(actor.tenant(), Action.CONFIG_CHANGE, null, null, null, 500)) {
            history.computeIfAbsent(a.subject(), k -> new ArrayList<>()).add(new ConfigurationView.Change(a.at(), a.actor(), a.detail()));
        }
        List<ConfigurationView> out = new ArrayList<>();
        for (Configuration c : all == null ? new Configuration[0] : all) {
            Dictionary<String, Object> props = c.getProperties();
            if (props == null) {
                continue;
            }
            String metaPid = c.getFactoryPid() != null ? c.getFactoryPid() : c.getPid();
            ObjectClassDefinition ocd = definition(metaPid);
            Map<String, AttributeDefinition> attributes = new java.util.HashMap<>();
            if (ocd != null && ocd.getAttributeDefinitions(ObjectClassDefinition.ALL) != null) {
                for (AttributeDefinition a : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                    attributes.put(a.getID(), a);
                }
            }
            boolean adapter = c.getPid().startsWith("dk.tidlig.adapter.");
            Object municipality = props.get(dk.tidlig.adapter.InboxSettings.MUNICIPALITY_CODE);
            if (adapter && municipality != null && !String.valueOf(municipality).strip().replaceFirst("^0", "").equals(actor.tenant())) {
                continue; // another municipality's adapter in a shared installation
            }
            List<ConfigurationView.Setting> settings = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(java.util.Collections.list(props.keys()))) {
                if (BOOKKEEPING.contains(key)) {
                    continue;
                }
                AttributeDefinition a = attributes.get(key);
                String description = a != null ? a.getDescription() : adapter ? dk.tidlig.adapter.InboxSettings.DESCRIPTIONS.get(key) : null;
                boolean secret = key.startsWith(".") || (a != null && a.getType() == AttributeDefinition.PASSWORD)
                        || key.toLowerCase(java.util.Locale.ROOT).matches(".*(password|secret|token|key)$") && !key.equals("keyFile");
                Object v = props.get(key);
                String value = secret ? (v == null || String.valueOf(v).isBlank() ? "" : "••••••") : withoutCredentials(value(v));
                settings.add(new ConfigurationView.Setting(key, a != null ? a.getName() : key, description, value, secret));
            }
            Object file = props.get("felix.fileinstall.filename");
            String subject = c.getPid().length() <= 64 ? c.getPid() : c.getPid().substring(0, 61) + "...";
            out.add(new ConfigurationView(c.getPid(), ocd != null ? ocd.getName() : c.getPid(), ocd != null ? ocd.getDescription() : null,
                    file == null ? null : fileName(String.valueOf(file)), settings, history.getOrDefault(subject, List.of())));
        }
        out.sort(java.util.Comparator.comparing(ConfigurationView::pid));
        return out;
    }

    /** A value with any password in it masked: a URL's user:password@ or a password=... parameter. */
    static String withoutCredentials(String v) {
        return v.replaceAll("(?i)((?:password|pwd|secret|token)=)[^&;,\\s]+", "$1••••••").replaceAll("(//[^/:@\\s]+:)[^@/\\s]+@", "$1••••••@");
    }

    private static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                parts.add(String.valueOf(java.lang.reflect.Array.get(v, i)));
            }
            return String.join(", ", parts);
        }
        return String.valueOf(v);
    }

    /** The configuration file's name in config/ (FileInstall gives a file: URL or a path). */
    private static String fileName(String location) {
        String f = location.replace('\\', '/');
        int slash = f.lastIndexOf('/');
        return "config/" + (slash < 0 ? f : f.substring(slash + 1));
    }

    /** The metatype of a PID, from whichever bundle declares it; null when none does. */
    private ObjectClassDefinition definition(String pid) {
        MetaTypeService m = metatype;
        Bundle self = FrameworkUtil.getBundle(OperationsImpl.class);
        if (m == null || self == null || self.getBundleContext() == null) {
            return null;
        }
        for (Bundle b : self.getBundleContext().getBundles()) {
            MetaTypeInformation info = m.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String[] pids : new String[][] {info.getPids(), info.getFactoryPids()}) {
                if (pids != null && java.util.Arrays.asList(pids).contains(pid)) {
                    return info.getObjectClassDefinition(pid, null);
                }
            }
        }
        return null;
    }

    /** The installation's own municipality, under which adapters' deployments are audited. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    volatile dk.tidlig.core.Tenant installation;

    /** When each adapter was first deployed, as far as the audit trail still tells (its ADAPTER_DEPLOYED entries). */
    private Map<String, Instant> firstDeployed(Actor actor) {
        dk.tidlig.core.Tenant t = installation;
        Map<String, Instant> out = new java.util.HashMap<>();
        for (AuditEntry a : audit.find(t != null ? t.municipalityCode() : actor.tenant(), Action.ADAPTER_DEPLOYED, null, null, null, 1000)) {
            if (a.subject().startsWith("adapter ")) {
                out.merge(a.subject().substring("adapter ".length()), a.at(), (x, y) -> x.isBefore(y) ? x : y);
            }
        }
        return out;
    }

    @Override
    public List<SourceFreshness> freshness(Actor actor) {
        operator(actor);
        Map<String, Instant> last = store.lastCompleted(actor.tenant());
        Map<String, Instant> deployed = firstDeployed(actor);
        List<SourceFreshness> out = new ArrayList<>();
        for (Map.Entry<String, Watched> e : new java.util.TreeMap<>(inboxes).entrySet()) {
            AdapterInbox inbox = e.getValue().inbox();
            if (!inbox.settings().municipalityCode().equals(actor.tenant())) {
                continue;
            }
            // a source that never delivered counts from its first deployment (audited), or else from when this process first ran it
            Instant since = deployed.getOrDefault(e.getKey(), e.getValue().since());
            out.add(new SourceFreshness(e.getKey(), inbox.adapter().descriptor().sourceSystem(), inbox.settings().deliveryInterval(), last.get(e.getKey()),
                    since.isBefore(e.getValue().since()) ? since : e.getValue().since()));
        }
        return out;
    }
}
