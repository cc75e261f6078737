// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.model.DetailCode;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.Database;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.KeyGenerationStore;
import dk.tidlig.store.ProcessRegistry;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.store.Sealed;
import dk.tidlig.store.StoreException;

/**
 * Key generations and rekeying on MariaDB. A rekeying reads each table's rows of the municipality, changes them in
 * memory and writes them back in place of the old ones, all in one transaction: nothing is half carried over, and a
 * rekeying that fails leaves the rows as they were. Foreign keys are not checked within it (a family's scores, their
 * contributions and members change their key together).
 */
@Component(service = KeyGenerationStore.class)
public class JdbcKeyGenerationStore implements KeyGenerationStore {

    private static final String TENANT = "tenant=?";
    private static final String RUNS = "run_id IN (SELECT id FROM score_run WHERE tenant=?)";
    /** A delivery that made progress within this long is running; older ones were left by a process that is gone. */
    private static final int RUNNING_MINUTES = 10;

    /** Persons per page of the tables keyed by person, when a rekeying carries them over. */
    static final int PAGE = 2_000;

    private final DataSource ds;
    private final ProcessRegistry processes;
    private final int page;

    @Activate
    public JdbcKeyGenerationStore(@Reference Database database, @Reference ProcessRegistry processes) {
        this(database, processes, PAGE);
    }

    /**
     * With this many persons a page (a test pages a handful of persons through several).
     *
     * @param processes the processes on record, or null when none but this one uses the database
     */
    public JdbcKeyGenerationStore(Database database, ProcessRegistry processes, int page) {
        this.ds = database.dataSource();
        this.processes = processes;
        this.page = page;
    }

    @Override
    public Set<String> tenants() {
        Set<String> out = new TreeSet<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT DISTINCT tenant FROM person UNION "
                + "SELECT tenant FROM score_run UNION SELECT tenant FROM outreach_case UNION SELECT tenant FROM access_request UNION "
                + "SELECT tenant FROM trial_allocation UNION SELECT tenant FROM key_generation"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Listing the municipalities", e);
        }
    }

    @Override
    public Held held(String tenant, String purpose, Held ifNew) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT generation, key_check FROM key_generation WHERE tenant=? AND purpose=? LOCK IN SHARE MODE")) {
            ps.setString(1, tenant);
            ps.setString(2, purpose);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(2) != null) {
                    return new Held(rs.getInt(1), rs.getString(2)); // the usual answer: one read, nothing written
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO key_generation (tenant, purpose, generation, key_check, changed_at) "
                    + "VALUES (?,?,?,?,NOW(3))")) {
                insert.setString(1, tenant);
                insert.setString(2, purpose);
                insert.setInt(3, ifNew.generation());
                insert.setString(4, ifNew.check());
                insert.executeUpdate();
            }
            try (PreparedStatement claim = c.prepareStatement("UPDATE key_generation SET key_check=? WHERE tenant=? AND purpose=? AND generation=? "
                    + "AND key_check IS NULL")) {
                claim.setString(1, ifNew.check());
                claim.setString(2, tenant);
                claim.setString(3, purpose);
                claim.setInt(4, ifNew.generation());
                claim.executeUpdate();
            }
            ps.setString(1, tenant);
            ps.setString(2, purpose);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Held(rs.getInt(1), rs.getString(2)) : ifNew;
            }
        } catch (SQLException e) {
            throw new StoreException("Reading the key generation", e);
        }
    }

    @Override
    public java.util.Optional<String> obstacle(String tenant, String purpose) {
        try (Connection c = ds.getConnection()) {
            return java.util.Optional.ofNullable(obstacle(c, processes, tenant, purpose));
        } catch (SQLException e) {
            throw new StoreException("Checking whether a rekeying can run", e);
        }
    }

    /** What keeps the municipality's rows from being carried over now, or null. */
    private static String obstacle(Connection c, ProcessRegistry processes, String tenant, String purpose) throws SQLException {
        if (processes != null) {
            List<ProcessRegistry.Process> others = processes.others();
            if (!others.isEmpty()) {
                ProcessRegistry.Process p = others.get(0);
                return others.size() + " other tidlig process" + (others.size() == 1 ? " uses" : "es use") + " the database (a " + p.mode() + " on "
                        + p.host() + ", process " + p.osPid() + ", last heard of at " + p.seenAt() + "); stop tidlig on every node, then rekey";
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM ingest_file WHERE tenant=? AND status='RUNNING' "
                + "AND progress_at > NOW(3) - INTERVAL " + RUNNING_MINUTES + " MINUTE")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                if (!rs.wasNull()) {
                    return "delivery " + id + " of municipality " + tenant + " is running; stop tidlig on every node, then rekey";
                }
            }
        }
        if (purpose.equals(HOUSEHOLD)) {
            for (String table : List.of("residence", "residence_history")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant=? AND dwelling IS NULL")) {
                    ps.setString(1, tenant);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long unsealed = rs.getLong(1);
                        if (unsealed > 0) {
                            return unsealed + " rows of " + table + " of municipality " + tenant + " were stored without their sealed dwelling (before "
                                    + "version 28 of the schema, or erased by a decline); deliver the CPR extract once more (it keeps them), then rekey";
                        }
                    }
                }
            }
        }
        return null;
    }

    @Override
    public Map<String, Integer> rekey(String tenant, String purpose, Held to, java.util.function.IntFunction<Rekeying> how) {
        if (!List.of(PSEUDONYM, FAMILY, HOUSEHOLD).contains(purpose)) {
            throw new IllegalArgumentException("only the pseudonym, household and family-id keys are carried over in the database, not " + purpose);
        }
        // the parts of score runs never stored whole are not carried over (no query reaches them): they are removed first
        JdbcScoreStore.removeAbandonedParts(ds);
        try (Connection c = ds.getConnection()) {
            // the row exists before the rekeying's transaction locks it: a reader of the generation then waits for its end (a
            // municipality with rows and no generation recorded has held them since before generations were: under 1)
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO key_generation (tenant, purpose, generation, changed_at) "
                    + "VALUES (?,?,1,NOW(3))")) {
                ps.setString(1, tenant);
                ps.setString(2, purpose);
                ps.executeUpdate();
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks = 0");
            }
            try {
                Map<String, Integer> changed = new Rekey(c, tenant, purpose, to, how, page, processes).run();
                c.commit();
                return changed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION foreign_key_checks = 1");
                }
                c.setAutoCommit(true);
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            // with 20^10 family and offer ids, two of a municipality made the same by the new key: about one rekeying in ten million
            throw new StoreException("municipality " + tenant + "'s rows cannot be carried over: two rows would have the same key under the new "
                    + purpose + " key (" + CprNumbers.mask(String.valueOf(e.getMessage())) + "); nothing was changed: put back the key file "
                    + "saved before the rekeying and run it again, which makes another key");
        } catch (SQLException e) {
            throw new StoreException("Rekeying municipality " + tenant, e);
        }
    }

    /**
     * One municipality's rekeying, in the caller's transaction. Its memory is bounded by the municipality's persons, families
     * and offers (the maps from old to new) and one page of rows: the tables are carried over a page of persons, or one
     * score run, at a time; each page's rows are read, changed, deleted and written again.
     */
    private static final class Rekey {
        private final int page;
        private final Connection c;
        private final String tenant;
        private final String purpose;
        private final Held to;
        private final ProcessRegistry processes;
        private final java.util.function.IntFunction<Rekeying> making;
        private Rekeying how;
        private final boolean persons;
        private final boolean familyIds;
        private final boolean households;
        private final Map<PersonId, PersonId> pids = new HashMap<>();
        private final Map<String, String> families = new HashMap<>();
        private final Map<String, String> offers = new HashMap<>();
        /** A derived event id made again: (source system, old id) to the new. */
        private final Map<List<String>, String> eventIds = new HashMap<>();
        private final Map<String, Integer> changed = new LinkedHashMap<>();
        private int unlinkedPersons;
        private int unlinkedFamilies;
        private int unlinkedOffers;
        /** The family id the old key made for each person, by id: built when a case's family is not in any score run. */
        private Map<String, PersonId> children;

        Rekey(Connection c, String tenant, String purpose, Held to, java.util.function.IntFunction<Rekeying> how, int page,
                ProcessRegistry processes) {
            this.page = page;
            this.processes = processes;
            this.c = c;
            this.tenant = tenant;
            this.purpose = purpose;
            this.to = to;
            this.making = how;
            this.persons = purpose.equals(PSEUDONYM);
            this.familyIds = persons || purpose.equals(FAMILY);
            this.households = purpose.equals(HOUSEHOLD);
        }

        Map<String, Integer> run() throws SQLException {
            int from;
            try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM key_generation WHERE tenant=? AND purpose=? FOR UPDATE")) {
                ps.setString(1, tenant);
                ps.setString(2, purpose);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    from = rs.getInt(1);
                }
            }
            if (from >= to.generation()) {
                throw new StoreException("the " + purpose + " rows of municipality " + tenant + " are held under generation " + from
                        + " already; the key file's generation is " + to.generation());
            }
            String obstacle = JdbcKeyGenerationStore.obstacle(c, processes, tenant, purpose);
            if (obstacle != null) {
                throw new StoreException(obstacle + "; nothing was changed");
            }
            how = making.apply(from);

            Map<PersonId, List<Household>> homes = households ? dwellings() : homes();
            if (persons) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pid, key_id, iv, ciphertext FROM identity_vault WHERE tenant=? AND kind=?")) {
                    ps.setString(1, tenant);
                    ps.setString(2, IdentityKind.CPR.name());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            PersonId old = PersonId.of(rs.getBytes(1));
                            PersonId now = how.person(old, new Sealed(rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
                            if (now != null) {
                                pids.put(old, now);
                            }
                        }
                    }
                }
                // every other person a row names, whose CPR number the vault does not hold: kept, linked to nobody
                for (String sql : List.of("SELECT pid FROM person WHERE tenant=?", "SELECT pid FROM identity_vault WHERE tenant=?",
                        "SELECT pid FROM residence WHERE tenant=?", "SELECT pid FROM residence_history WHERE tenant=?",
                        "SELECT pid FROM person_attribute WHERE tenant=?", "SELECT from_pid FROM relation WHERE tenant=?",
                        "SELECT to_pid FROM relation WHERE tenant=?", "SELECT subject_pid FROM risk_event WHERE tenant=?",
                        "SELECT child_pid FROM family_score WHERE " + RUNS, "SELECT person_pid FROM score_contribution WHERE " + RUNS,
                        "SELECT person_pid FROM family_member WHERE " + RUNS)) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, tenant);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                person(PersonId.of(rs.getBytes(1)));
                            }
                        }
                    }
                }
            }
            familiesAndOffers(homes);
            if (familyIds) {
                // the cases' families, resolved while the persons still have their old pseudonyms
                try (PreparedStatement ps = c.prepareStatement("SELECT family_id FROM outreach_case WHERE tenant=? UNION SELECT family_id FROM "
                        + "outreach_step WHERE tenant=? UNION SELECT family_id FROM case_session WHERE tenant=? UNION SELECT family_id FROM "
                        + "family_reference WHERE tenant=?")) {
                    for (int i = 1; i <= 4; i++) {
                        ps.setString(i, tenant);
                    }
                    List<String> ids = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                    ids.forEach(this::family);
                }
            }
            if (persons) {
                List<PersonId> all = new ArrayList<>(pids.keySet());
                for (int i = 0; i < all.size(); i += page) {
                    personsPage(all.subList(i, Math.min(all.size(), i + page)));
                }
            }
            List<Long> runs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM score_run WHERE tenant=? ORDER BY id")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(rs.getLong(1));
                    }
                }
            }
            for (long run : runs) {
                scores(run);
            }
            if (!eventIds.isEmpty()) {
                Table marks = Table.read(c, "disputed_event", TENANT, tenant);
                marks.change(r -> marks.set(r, "source_record_id", eventId(marks.string(r, "source_system"), marks.string(r, "source_record_id"))));
                write(marks);
            }
            if (familyIds) {
                for (String table : List.of("outreach_case", "case_session", "family_reference")) {
                    Table t = Table.read(c, table, TENANT, tenant);
                    t.change(r -> t.set(r, "family_id", family(t.string(r, "family_id"))));
                    write(t);
                }
                Table steps = Table.read(c, "outreach_step", TENANT, tenant);
                steps.change(r -> {
                    String old = steps.string(r, "family_id");
                    String now = family(old);
                    steps.set(r, "family_id", now);
                    if (steps.get(r, "note") != null) {
                        Sealed note = how.note(old, now, new Sealed(steps.string(r, "note_key"), steps.bytes(r, "note_iv"), steps.bytes(r, "note")));
                        steps.set(r, "note_key", note.keyId());
                        steps.set(r, "note_iv", note.iv());
                        steps.set(r, "note", note.ciphertext());
                    }
                });
                write(steps);
            }
            Table trial = Table.read(c, "trial_allocation", TENANT, tenant);
            trial.change(r -> {
                String offer = trial.string(r, "offer_id");
                trial.set(r, "offer_id", offer == null ? null : offer(offer));
            });
            write(trial);
            if (persons) {
                Table requests = Table.read(c, "access_request", TENANT, tenant);
                if (!requests.rows.isEmpty()) {
                    Map<String, String> references = new HashMap<>();
                    pids.forEach((old, now) -> references.put(how.personReference(old), how.personReference(now)));
                    requests.change(r -> requests.set(r, "person_ref", references.getOrDefault(requests.string(r, "person_ref"),
                            requests.string(r, "person_ref"))));
                    write(requests);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE key_generation SET generation=?, key_check=?, changed_at=NOW(3) "
                    + "WHERE tenant=? AND purpose=?")) {
                ps.setInt(1, to.generation());
                ps.setString(2, to.check());
                ps.setString(3, tenant);
                ps.setString(4, purpose);
                ps.executeUpdate();
            }
            changed.put("unlinked persons", unlinkedPersons);
            changed.put("unlinked families", unlinkedFamilies);
            changed.put("unlinked offers", unlinkedOffers);
            return changed;
        }

        /** The rows of a page of persons, in every table keyed by a person, under their new pseudonyms. */
        private void personsPage(List<PersonId> part) throws SQLException {
            String in = " IN (" + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")";
            Object[] args = new Object[part.size() + 1];
            args[0] = tenant;
            for (int i = 0; i < part.size(); i++) {
                args[i + 1] = part.get(i).bytes();
            }
            Table vault = Table.read(c, "identity_vault", "tenant=? AND pid" + in, args);
            vault.change(r -> {
                PersonId old = vault.pid(r, "pid");
                PersonId now = person(old);
                Resealed s = how.identity(old, now, IdentityKind.valueOf(vault.string(r, "kind")), vault.sealed(r));
                vault.set(r, "pid", now.bytes());
                vault.set(r, "key_id", s.sealed().keyId());
                vault.set(r, "iv", s.sealed().iv());
                vault.set(r, "ciphertext", s.sealed().ciphertext());
                vault.set(r, "content_hash", s.contentHash());
            });
            write(vault);
            Table person = Table.read(c, "person", "tenant=? AND pid" + in, args);
            person.change(r -> person.set(r, "pid", person(person.pid(r, "pid")).bytes()));
            write(person);
            Table residence = Table.read(c, "residence", "tenant=? AND pid" + in, args);
            residence.change(r -> {
                PersonId now = person(residence.pid(r, "pid"));
                residence.set(r, "pid", now.bytes());
                residence.set(r, "content_hash", how.residenceHash(now, residence.bytes(r, "household"), residence.string(r, "municipality_code"),
                        residence.date(r, "since")));
            });
            write(residence);
            Table history = Table.read(c, "residence_history", "tenant=? AND pid" + in, args);
            history.change(r -> {
                PersonId now = person(history.pid(r, "pid"));
                history.set(r, "pid", now.bytes());
                history.set(r, "content_hash", how.previousResidenceHash(now, history.bytes(r, "household"), history.string(r, "municipality_code"),
                        history.date(r, "moved_in"), history.date(r, "moved_out")));
            });
            write(history);
            Table attributes = Table.read(c, "person_attribute", "tenant=? AND pid" + in, args);
            attributes.change(r -> {
                PersonId now = person(attributes.pid(r, "pid"));
                attributes.set(r, "pid", now.bytes());
                attributes.set(r, "content_hash", how.attributeHash(now, attributes.string(r, "name"), attributes.string(r, "value")));
            });
            write(attributes);
            // by the person a relation is to: the index there is (tenant, to_pid)
            Table relations = Table.read(c, "relation", "tenant=? AND to_pid" + in, args);
            relations.change(r -> {
                PersonId f = person(relations.pid(r, "from_pid"));
                PersonId t = person(relations.pid(r, "to_pid"));
                relations.set(r, "from_pid", f.bytes());
                relations.set(r, "to_pid", t.bytes());
                relations.set(r, "content_hash", how.relationHash(relations.string(r, "type"), f, t, relations.date(r, "start_date"),
                        relations.date(r, "end_date")));
            });
            write(relations);
            // the events of the page's persons, with their details (read and deleted while the events still name the old pseudonyms)
            Object[] twice = new Object[args.length + 1];
            twice[0] = tenant;
            System.arraycopy(args, 0, twice, 1, args.length);
            Table details = Table.read(c, "risk_event_detail", "tenant=? AND (source_system, source_record_id) IN (SELECT source_system, "
                    + "source_record_id FROM risk_event WHERE tenant=? AND subject_pid" + in + ")", twice);
            Map<List<String>, List<Object[]>> byEvent = new HashMap<>();
            for (Object[] r : details.rows) {
                byEvent.computeIfAbsent(List.of(details.string(r, "source_system"), details.string(r, "source_record_id")), k -> new ArrayList<>()).add(r);
            }
            Table events = Table.read(c, "risk_event", "tenant=? AND subject_pid" + in, args);
            events.change(r -> {
                PersonId old = events.pid(r, "subject_pid");
                PersonId now = person(old);
                String system = events.string(r, "source_system");
                String id = events.string(r, "source_record_id");
                List<Object[]> rows = new ArrayList<>(byEvent.getOrDefault(List.of(system, id), List.of()));
                rows.sort((a, b) -> Integer.compare(((Number) details.get(a, "seq")).intValue(), ((Number) details.get(b, "seq")).intValue()));
                List<DetailCode> codes = rows.stream().map(d -> new DetailCode(details.string(d, "code_system"), details.string(d, "code"),
                        details.string(d, "display"))).toList();
                Event e = how.event(id, old, now, events.string(r, "indicator"), events.date(r, "start_date"), events.date(r, "end_date"),
                        events.date(r, "registered_on"), codes);
                events.set(r, "subject_pid", now.bytes());
                events.set(r, "content_hash", e.contentHash());
                if (!e.recordId().equals(id)) {
                    events.set(r, "source_record_id", e.recordId());
                    eventIds.put(List.of(system, id), e.recordId());
                    rows.forEach(d -> details.set(d, "source_record_id", e.recordId()));
                }
            });
            write(details);
            write(events);
        }

        /** One score run's families, their contributions and members. */
        private void scores(long run) throws SQLException {
            Table scores = Table.read(c, "family_score", "run_id=?", run);
            scores.change(r -> {
                if (persons) {
                    scores.set(r, "child_pid", person(scores.pid(r, "child_pid")).bytes());
                }
                scores.set(r, "family_id", family(scores.string(r, "family_id")));
                String offer = scores.string(r, "offer_id");
                scores.set(r, "offer_id", offer == null ? null : offer(offer));
            });
            write(scores);
            if (!persons && !familyIds) {
                return; // a household's rekeying changes the offers alone
            }
            Table contributions = Table.read(c, "score_contribution", "run_id=?", run);
            contributions.change(r -> {
                contributions.set(r, "family_id", family(contributions.string(r, "family_id")));
                if (persons) {
                    contributions.set(r, "person_pid", person(contributions.pid(r, "person_pid")).bytes());
                    contributions.set(r, "source_record_id", eventId(contributions.string(r, "source_system"), contributions.string(r, "source_record_id")));
                }
            });
            write(contributions);
            Table members = Table.read(c, "family_member", "run_id=?", run);
            members.change(r -> {
                members.set(r, "family_id", family(members.string(r, "family_id")));
                if (persons) {
                    members.set(r, "person_pid", person(members.pid(r, "person_pid")).bytes());
                }
            });
            write(members);
        }

        /** The children the score runs hold an offer for: only their households are needed to carry the offers over. */
        private java.util.Set<PersonId> offeredChildren() throws SQLException {
            java.util.Set<PersonId> out = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT child_pid FROM family_score WHERE offer_id IS NOT NULL AND " + RUNS)) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(PersonId.of(rs.getBytes(1)));
                    }
                }
            }
            return out;
        }

        /** The offered children's households (current and earlier), the same under the old key and the new. */
        private Map<PersonId, List<Household>> homes() throws SQLException {
            java.util.Set<PersonId> children = offeredChildren();
            Map<PersonId, List<Household>> out = new HashMap<>();
            for (String table : List.of("residence", "residence_history")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pid, household FROM " + table + " WHERE tenant=?")) {
                    ps.setString(1, tenant);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            PersonId pid = PersonId.of(rs.getBytes(1));
                            if (children.contains(pid)) {
                                byte[] h = rs.getBytes(2);
                                out.computeIfAbsent(pid, k -> new ArrayList<>()).add(new Household(h, h));
                            }
                        }
                    }
                }
            }
            return out;
        }

        /**
         * Each residence's household made again from its sealed dwelling (written back with its content hash and the dwelling
         * sealed for the new household), a page of persons at a time (their pseudonyms stay, so they page in order); the
         * offered children's households under the old key and the new.
         */
        private Map<PersonId, List<Household>> dwellings() throws SQLException {
            java.util.Set<PersonId> children = offeredChildren();
            Map<PersonId, List<Household>> out = new HashMap<>();
            for (String table : List.of("residence", "residence_history")) {
                byte[] after = new byte[16];
                boolean first = true;
                while (true) {
                    Table t = first ? Table.read(c, table, "tenant=? AND pid IN (SELECT * FROM (SELECT DISTINCT pid FROM " + table
                            + " WHERE tenant=? ORDER BY pid LIMIT " + page + ") p)", tenant, tenant)
                            : Table.read(c, table, "tenant=? AND pid IN (SELECT * FROM (SELECT DISTINCT pid FROM " + table
                                    + " WHERE tenant=? AND pid > ? ORDER BY pid LIMIT " + page + ") p)", tenant, tenant, after);
                    first = false;
                    if (t.rows.isEmpty()) {
                        break;
                    }
                    t.change(r -> {
                        byte[] old = t.bytes(r, "household");
                        Dwelling d = how.household(old, new Sealed(t.string(r, "dwelling_key"), t.bytes(r, "dwelling_iv"), t.bytes(r, "dwelling")));
                        PersonId pid = t.pid(r, "pid");
                        if (children.contains(pid)) {
                            out.computeIfAbsent(pid, k -> new ArrayList<>()).add(new Household(old, d.household()));
                        }
                        t.set(r, "household", d.household());
                        t.set(r, "dwelling_key", d.sealed().keyId());
                        t.set(r, "dwelling_iv", d.sealed().iv());
                        t.set(r, "dwelling", d.sealed().ciphertext());
                        String municipality = t.string(r, "municipality_code");
                        t.set(r, "content_hash", table.equals("residence") ? how.residenceHash(pid, d.household(), municipality, t.date(r, "since"))
                                : how.previousResidenceHash(pid, d.household(), municipality, t.date(r, "moved_in"), t.date(r, "moved_out")));
                    });
                    for (Object[] r : t.rows) {
                        byte[] pid = t.bytes(r, "pid");
                        if (java.util.Arrays.compareUnsigned(pid, after) > 0) {
                            after = pid;
                        }
                    }
                    write(t);
                }
            }
            return out;
        }

        /** Each family id and offer the scores hold, carried over through its child (and the child's households, for an offer). */
        private void familiesAndOffers(Map<PersonId, List<Household>> homes) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT family_id, child_pid, offer_id FROM family_score WHERE " + RUNS)) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        PersonId child = PersonId.of(rs.getBytes(2));
                        PersonId now = persons ? person(child) : child;
                        // each child of a family or an offer is tried until one gives its old id (a sibling may, where a child that moved does not)
                        String family = rs.getString(1);
                        if (familyIds && !families.containsKey(family)) {
                            String now2 = how.family(family, child, now);
                            if (now2 != null) {
                                families.put(family, now2);
                            }
                        }
                        String offer = rs.getString(3);
                        if (offer != null && !offers.containsKey(offer)) {
                            String made = how.offer(offer, child, now, homes.getOrDefault(child, List.of()));
                            if (made != null) {
                                offers.put(offer, made);
                            }
                        }
                    }
                }
            }
        }

        private PersonId person(PersonId old) {
            if (!persons) {
                return old;
            }
            return pids.computeIfAbsent(old, k -> {
                unlinkedPersons++;
                return how.stranger();
            });
        }

        private String family(String old) {
            if (!familyIds) {
                return old;
            }
            String known = families.get(old);
            if (known != null) {
                return known;
            }
            // a case whose score runs are gone: its child is found among the municipality's persons, once for all such cases
            if (children == null) {
                children = new HashMap<>();
                for (String sql : List.of("SELECT pid FROM person WHERE tenant=?", "SELECT pid FROM identity_vault WHERE tenant=? AND kind='CPR'")) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, tenant);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                PersonId p = PersonId.of(rs.getBytes(1));
                                children.putIfAbsent(how.oldFamily(p), p);
                            }
                        }
                    } catch (SQLException e) {
                        throw new StoreException("Finding the children of cases", e);
                    }
                }
            }
            PersonId child = children.get(old);
            String made = child == null ? null : how.family(old, child, person(child));
            if (made == null) {
                unlinkedFamilies++;
                made = how.unlinkedFamily();
            }
            families.put(old, made);
            return made;
        }

        private String offer(String old) {
            return offers.computeIfAbsent(old, k -> {
                unlinkedOffers++;
                return how.unlinkedOffer();
            });
        }

        private String eventId(String system, String id) {
            return eventIds.getOrDefault(List.of(system, id), id);
        }

        private void write(Table t) throws SQLException {
            int n = t.write(c);
            if (n > 0) {
                changed.merge(t.name, n, Integer::sum);
            }
        }
    }

    /** Rows of a table, read, changed in memory, and written back in place of those read. */
    private static final class Table {
        final String name;
        final String where;
        final Object[] params;
        final List<String> columns = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        int[] types;
        final List<Object[]> rows = new ArrayList<>();

        private Table(String name, String where, Object[] params) {
            this.name = name;
            this.where = where;
            this.params = params;
        }

        private void bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
        }

        /** The rows of the table that {@code where} (with its parameters) selects; the same are deleted when they are written back. */
        static Table read(Connection c, String name, String where, Object... params) throws SQLException {
            Table t = new Table(name, where, params);
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + name + " WHERE " + where)) {
                t.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    t.types = new int[md.getColumnCount()];
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        t.index.put(md.getColumnName(i), i - 1);
                        t.columns.add(md.getColumnName(i));
                        t.types[i - 1] = md.getColumnType(i);
                    }
                    while (rs.next()) {
                        Object[] row = new Object[t.columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        t.rows.add(row);
                    }
                }
            }
            return t;
        }

        void change(Consumer<Object[]> f) {
            rows.forEach(f);
        }

        int write(Connection c) throws SQLException {
            if (rows.isEmpty()) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + name + " WHERE " + where)) {
                bind(ps);
                ps.executeUpdate();
            }
            MultiRow insert = new MultiRow("INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES",
                    "(" + String.join(",", java.util.Collections.nCopies(columns.size(), "?")) + ")", "");
            insert.execute(c, rows, (ps, i, row) -> {
                for (int k = 0; k < row.length; k++) {
                    if (row[k] == null) {
                        ps.setNull(i++, types[k]);
                    } else {
                        ps.setObject(i++, row[k]);
                    }
                }
                return i;
            });
            return rows.size();
        }

        Object get(Object[] row, String column) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalStateException(name + " has no column " + column);
            }
            return row[i];
        }

        void set(Object[] row, String column, Object value) {
            get(row, column);
            row[index.get(column)] = value;
        }

        String string(Object[] row, String column) {
            Object v = get(row, column);
            return v == null ? null : v.toString();
        }

        byte[] bytes(Object[] row, String column) {
            return (byte[]) get(row, column);
        }

        PersonId pid(Object[] row, String column) {
            return PersonId.of(bytes(row, column));
        }

        LocalDate date(Object[] row, String column) {
            Object v = get(row, column);
            if (v instanceof java.sql.Date d) {
                return d.toLocalDate();
            }
            return (LocalDate) v;
        }

        Sealed sealed(Object[] row) {
            return new Sealed(string(row, "key_id"), bytes(row, "iv"), bytes(row, "ciphertext"));
        }
    }
}
