// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.access.Actor;
import dk.tidlig.core.audit.AuditEntry;
import dk.tidlig.core.audit.AuditTrail;
import dk.tidlig.core.internal.crypto.KeyPurpose;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.AuditRecord;
import dk.tidlig.store.AuditStore;
import dk.tidlig.store.OutreachStore;
import dk.tidlig.store.OutreachStore.FamilyReference;

/**
 * The chain: each entry's hash is HMAC-SHA256, under the key file's key, over its sequence number, its
 * fields and the previous entry's hash. Someone who can write to the database but does not hold the key
 * cannot make an altered entry fit.
 */
@Component(service = AuditTrail.class)
public class AuditTrailImpl implements AuditTrail {

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_DETAIL = 500;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final java.util.regex.Pattern SEALED = java.util.regex.Pattern.compile(" \\[sealed:([A-Za-z0-9+/=]+)\\]$");
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("A-[B-Z]{5}-[B-Z]{5}");

    private final AuditStore store;
    private final KeyRing keys;
    private final OutreachStore references;
    private final ChainHead head;
    /** Writes the head file on a thread of its own, so that no caller waits for its fsync. */
    private final HeadRecorder headRecorder;
    /** Concurrent appends share one transaction. */
    private final GroupCommit group;

    @Activate
    public AuditTrailImpl(@Reference AuditStore store, @Reference KeyRing keys, @Reference OutreachStore references) {
        this.store = store;
        this.keys = keys;
        this.references = references;
        this.head = new ChainHead(keys.file().resolveSibling(keys.file().getFileName() + ".audit-head"));
        this.headRecorder = new HeadRecorder(head::advance);
        this.group = new GroupCommit(store, this::hash, headRecorder);
    }

    @Deactivate
    public void deactivate() {
        headRecorder.close();
    }

    @Override
    public AuditEntry recordFamily(Actor actor, Action action, String familyId, String detail, String sealedDetail) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        FamilyReference ref = references.reference(actor.tenant(), familyId, KeyRing.letters("A-", random), secret);
        String d = detail == null ? "" : detail;
        if (sealedDetail != null && !sealedDetail.isBlank()) {
            d += " [sealed:" + Base64.getEncoder().encodeToString(seal(actor.tenant(), ref, sealedDetail)) + "]";
        }
        return record(actor, action, ref.reference(), d);
    }

    private static byte[] seal(String tenant, FamilyReference ref, String text) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(ref.secret(), "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(("audit|" + tenant + "|" + ref.reference()).getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(text.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing an audit detail failed", e);
        }
    }

    private static String open(String tenant, FamilyReference ref, byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(ref.secret(), "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            c.updateAAD(("audit|" + tenant + "|" + ref.reference()).getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public List<String> possiblyBusy(String tenant, java.util.Set<Action> actions, Instant since, int limit) {
        return store.actorsWithManySubjectsInAnHour(tenant, actions.stream().map(Enum::name).sorted().toList(), since, limit / 2 + 1);
    }

    @Override
    public List<Shown> search(Query q) {
        String subject = null;
        if (q.familyId() != null) {
            Optional<FamilyReference> ref = references.referenceOf(q.tenant(), q.familyId());
            if (ref.isEmpty()) {
                return List.of();
            }
            subject = ref.get().reference();
        }
        List<AuditRecord> entries = store.find(new AuditStore.Query(q.tenant(), q.action() == null ? null : q.action().name(), q.actor(), subject,
                q.from(), q.to(), q.beforeSeq(), q.limit()));
        Map<String, FamilyReference> refs = references.byReference(q.tenant(),
                entries.stream().map(AuditRecord::subject).filter(x -> REFERENCE.matcher(x).matches()).collect(Collectors.toSet()));
        List<Shown> out = new ArrayList<>(entries.size());
        for (AuditRecord e : entries) {
            FamilyReference ref = refs.get(e.subject());
            String sealed = null;
            Matcher m = SEALED.matcher(e.detail());
            if (ref != null && m.find()) {
                sealed = open(q.tenant(), ref, Base64.getDecoder().decode(m.group(1)));
            }
            out.add(new Shown(entry(e), ref == null ? null : ref.familyId(), sealed));
        }
        return out;
    }

    @Override
    public AuditEntry record(Actor actor, Action action, String subject, String detail) {
        // control characters (among them the hash's field separator) become spaces: a field's text cannot shift its boundary
        String s = subject == null ? "" : subject.replaceAll("\\p{Cntrl}", " ").strip();
        String d = detail == null ? "" : detail.replaceAll("\\p{Cntrl}", " ").strip();
        if (CprNumbers.containsCprLike(s) || CprNumbers.containsCprLike(d)) {
            throw new IllegalArgumentException("an audit entry must not hold a CPR number");
        }
        if (s.length() > 64) {
            throw new IllegalArgumentException("an audit subject is at most 64 characters");
        }
        if (d.length() > MAX_DETAIL) {
            d = d.substring(0, MAX_DETAIL - 1) + "…";
        }
        AuditRecord entry = group.append(AuditRecord.draft(actor.tenant(), Instant.now(), actor.user(), actor.role().name(), action.name(), s, d,
                keys.generation(KeyPurpose.AUDIT)));
        return entry(entry);
    }

    /** The stored entry as the trail's API hands it out. */
    private static AuditEntry entry(AuditRecord r) {
        return new AuditEntry(r.seq(), r.tenant(), r.at(), r.actor(), r.role(), r.action(), r.subject(), r.detail(), r.keyGeneration(),
                r.prevHash(), r.hash());
    }

    String hash(AuditRecord e) {
        return HEX.formatHex(keys.hmac(KeyPurpose.AUDIT, e.keyGeneration(), Long.toString(e.seq()), e.tenant(),
                Long.toString(e.at().toEpochMilli()), e.actor(), e.role(), e.action(), e.subject(), e.detail(), Integer.toString(e.keyGeneration()),
                e.prevHash()));
    }

    /** The MAC of the chain's start after a purge: without the key, nobody can move it. */
    String startMac(AuditStore.Start s) {
        return HEX.formatHex(keys.hmac(KeyPurpose.AUDIT, s.keyGeneration(), "start", Long.toString(s.seq()), s.prevHash(),
                Long.toString(s.purgedBefore().toEpochMilli()), Integer.toString(s.keyGeneration())));
    }

    @Override
    public Map<String, Long> purgeBefore(Instant cut) {
        Map<String, Long> deleted = store.purgeBefore(cut, keys.generation(KeyPurpose.AUDIT), this::startMac);
        if (!deleted.isEmpty()) {
            lastVerification = null;
            long first = store.start().map(AuditStore.Start::seq).orElse(1L);
            long all = deleted.values().stream().mapToLong(Long::longValue).sum();
            deleted.forEach((tenant, n) -> record(Actor.system(tenant), Action.AUDIT_PURGED, "audit trail", n + " of the municipality's entries "
                    + "older than " + java.time.LocalDate.ofInstant(cut, java.time.ZoneOffset.UTC) + " deleted by retention (" + all
                    + " in the installation); the chain now starts at entry " + first));
        }
        return deleted;
    }

    @Override
    public Verification verify() {
        List<Problem> problems = new ArrayList<>();
        headRecorder.flush(); // the entries of this process are then all covered by the head
        java.util.Optional<ChainHead.Head> anchor = head.read();
        String[] atAnchor = {null};
        long[] count = {0};
        long[] expected = {1};
        String[] previous = {AuditRecord.GENESIS};
        java.util.Optional<AuditStore.Start> start = store.start();
        long first = start.map(AuditStore.Start::seq).orElse(1L);
        if (start.isPresent()) {
            AuditStore.Start s = start.get();
            if (!java.security.MessageDigest.isEqual(startMac(s).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    s.mac().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                problems.add(new Problem(s.seq(), "the chain's start after retention (entry " + s.seq() + ") does not match its MAC: it was moved "
                        + "or altered without the key"));
            }
            expected[0] = s.seq();
            previous[0] = s.prevHash();
        }
        store.forEach(e -> {
            if (e.seq() < first) {
                return; // left by a purge stopped half-way: past retention, the next purge deletes it
            }
            count[0]++;
            if (e.seq() > expected[0]) {
                problems.add(new Problem(expected[0], e.seq() == expected[0] + 1 ? "entry " + expected[0] + " is missing: it was removed"
                        : "entries " + expected[0] + " to " + (e.seq() - 1) + " are missing: they were removed"));
            }
            if (!e.prevHash().equals(previous[0])) {
                problems.add(new Problem(e.seq(), "entry " + e.seq() + " does not follow the entry before it: an entry before it was removed, "
                        + "inserted or altered"));
            }
            if (!hash(e).equals(e.hash())) {
                problems.add(new Problem(e.seq(), "entry " + e.seq() + " does not match its hash: it was altered, or inserted without the key"));
            }
            if (anchor.isPresent() && e.seq() == anchor.get().seq()) {
                atAnchor[0] = e.hash();
            }
            previous[0] = e.hash();
            expected[0] = e.seq() + 1;
        });
        // the head kept beside the key file finds what the chain alone cannot: its newest entries removed
        anchor.ifPresent(a -> {
            long last = expected[0] - 1;
            if (a.seq() > last) {
                problems.add(new Problem(last + 1, (a.seq() == last + 1 ? "entry " + a.seq() + " is" : "entries " + (last + 1) + " to " + a.seq() + " are")
                        + " missing at the end: removed (the chain's head kept beside the key file is entry " + a.seq() + ")"));
            } else if (atAnchor[0] != null && !atAnchor[0].equals(a.hash())) {
                problems.add(new Problem(a.seq(), "entry " + a.seq() + " is not the entry the head kept beside the key file names: the chain was rewritten"));
            }
        });
        return new Verification(count[0], previous[0], problems, Instant.now());
    }

    private volatile Verification lastVerification;

    @Override
    public synchronized Verification verify(java.time.Duration maxAge) {
        Verification last = lastVerification;
        if (last == null || last.checkedAt().plus(maxAge).isBefore(Instant.now())) {
            last = verify();
            lastVerification = last;
        }
        return last;
    }

}
