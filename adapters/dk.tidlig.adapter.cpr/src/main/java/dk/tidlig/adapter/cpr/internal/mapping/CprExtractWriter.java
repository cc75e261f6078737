// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.adapter.cpr.internal.layout.RecordType;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;

/**
 * Writes common-model data as a CPR extract laid out as the CPR office's own test extracts are: start record, one
 * block of records per person (001, 002, 008, 010, 012, 014, 015, 016, 023), then the written addresses (003) of everybody as a
 * section of their own, then the end record with the number of records; ISO-8859-1, CRLF. Custody by a parent is
 * written as type 0003/0004 without RELPNR, as the CPR office does; by anyone else as 0005 with RELPNR.
 *
 * <p>With a broken share above zero, about that share of person blocks get one deliberately broken
 * record: an impossible birth date (001), a street code with letters (002) or an unknown civil status (012).
 */
public final class CprExtractWriter implements ExportWriter {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    /** What follows the street's name in a written address: the house number and the rest. */
    private static final java.util.regex.Pattern HOUSE_NUMBER = java.util.regex.Pattern.compile("\\s*\\d.*$");

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        Index ix = new Index(data);
        Path file = directory.resolve("U12170-P." + data.extractDate().format(COMPACT));
        Files.createDirectories(directory);
        long records = 0;
        long broken = 0;
        var encoder = StandardCharsets.ISO_8859_1.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT);
        // the 003 section is written beside the blocks and appended after them: no person's records are held in memory
        Path section = directory.resolve("." + file.getFileName() + ".003.tmp");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), encoder), 1 << 16);
                Writer written = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(section),
                        StandardCharsets.ISO_8859_1.newEncoder().onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16)) {
            StringBuilder start = RecordType.START.blank();
            put(start, RecordType.START, "OPGAVENR", "1");
            put(start, RecordType.START, "PRODDTO", data.extractDate().format(COMPACT));
            put(start, RecordType.START, "PRODDTOFORRIG", data.extractDate().minusMonths(1).format(COMPACT));
            line(out, start);
            for (PersonRecord p : data.persons()) {
                List<StringBuilder> block = block(p, ix);
                if (data.brokenShare() > 0 && random.nextDouble() < data.brokenShare()) {
                    breakOne(block, random);
                    broken++;
                }
                for (StringBuilder r : block) {
                    line(RecordType.WRITTEN_ADDRESS.isTypeOf(r) ? written : out, r);
                }
                records += block.size();
            }
            written.flush();
            out.flush();
            try (var in = Files.newBufferedReader(section, StandardCharsets.ISO_8859_1)) {
                in.transferTo(out);
            }
            StringBuilder end = RecordType.END.blank();
            put(end, RecordType.END, "TAELLER", Long.toString(records));
            line(out, end);
        } finally {
            Files.deleteIfExists(section);
        }
        return List.of(new WrittenFile(file, records, broken));
    }

    private static List<StringBuilder> block(PersonRecord p, Index ix) {
        String pnr = CprNumbers.normalise(p.cpr());
        List<StringBuilder> block = new ArrayList<>();
        LocalDate born = p.birthDate() != null ? p.birthDate() : CprNumbers.birthDate(pnr);

        StringBuilder person = RecordType.PERSON.blank();
        put(person, RecordType.PERSON, "PNR", pnr);
        put(person, RecordType.PERSON, "PNRGAELD", pnr);
        PersonStatus status = p.status() == null ? PersonStatus.RESIDENT : p.status();
        put(person, RecordType.PERSON, "STATUS", Integer.toString(status.cprCode()));
        put(person, RecordType.PERSON, "STATUSHAENSTART", born.format(COMPACT) + "0000");
        put(person, RecordType.PERSON, "KOEN", (p.sex() != null ? p.sex() : CprNumbers.sex(pnr)).cprCode());
        put(person, RecordType.PERSON, "FOED_DT", born.format(ISO));
        put(person, RecordType.PERSON, "START_DT-PERSON", born.format(ISO));
        block.add(person);

        AddressRecord a = ix.addresses.get(pnr);
        if (a != null) {
            StringBuilder coded = RecordType.ADDRESS.blank();
            put(coded, RecordType.ADDRESS, "PNR", pnr);
            put(coded, RecordType.ADDRESS, "KOMKOD", withoutLeadingZero(a.municipalityCode()));
            put(coded, RecordType.ADDRESS, "VEJKOD", a.streetCode());
            put(coded, RecordType.ADDRESS, "HUSNR", a.houseNumber());
            put(coded, RecordType.ADDRESS, "ETAGE", a.floor());
            put(coded, RecordType.ADDRESS, "SIDEDOER", a.door());
            if (a.since() != null) {
                put(coded, RecordType.ADDRESS, "TILFLYDTO", a.since().format(COMPACT) + "0000");
                put(coded, RecordType.ADDRESS, "START_DT-ADRTXT", a.since().format(ISO));
            }
            block.add(coded);
            if (a.streetName() != null) {
                StringBuilder written = RecordType.WRITTEN_ADDRESS.blank();
                put(written, RecordType.WRITTEN_ADDRESS, "PNR", pnr);
                NameRecord n = ix.names.get(pnr);
                if (n != null) {
                    put(written, RecordType.WRITTEN_ADDRESS, "ADRNVN", cut(n.fullName(), 34));
                }
                put(written, RecordType.WRITTEN_ADDRESS, "STANDARDADR", cut(a.streetName(), 34));
                put(written, RecordType.WRITTEN_ADDRESS, "BYNVN", cut(a.city(), 34));
                put(written, RecordType.WRITTEN_ADDRESS, "POSTNR", a.postalCode());
                put(written, RecordType.WRITTEN_ADDRESS, "POSTDISTTXT", cut(a.city(), 20));
                put(written, RecordType.WRITTEN_ADDRESS, "KOMKOD", withoutLeadingZero(a.municipalityCode()));
                put(written, RecordType.WRITTEN_ADDRESS, "VEJKOD", a.streetCode());
                put(written, RecordType.WRITTEN_ADDRESS, "HUSNR", a.houseNumber());
                put(written, RecordType.WRITTEN_ADDRESS, "ETAGE", a.floor());
                put(written, RecordType.WRITTEN_ADDRESS, "SIDEDOER", a.door());
                put(written, RecordType.WRITTEN_ADDRESS, "VEJADRNVN", cut(HOUSE_NUMBER.matcher(a.streetName()).replaceFirst(""), 20));
                block.add(written);
            }
        }

        NameRecord n = ix.names.get(pnr);
        if (n != null) {
            StringBuilder name = RecordType.NAME.blank();
            put(name, RecordType.NAME, "PNR", pnr);
            put(name, RecordType.NAME, "FORNVN", cut(n.firstNames(), 50));
            put(name, RecordType.NAME, "MELNVN", cut(n.middleName(), 40));
            put(name, RecordType.NAME, "EFTERNVN", cut(n.lastName(), 40));
            put(name, RecordType.NAME, "NVNHAENSTART", born.format(COMPACT) + "0000");
            put(name, RecordType.NAME, "ADRNVN", cut(n.lastName() + "," + n.firstNames(), 34));
            block.add(name);
        }

        CitizenshipRecord citizenship = ix.citizenships.get(pnr);
        if (citizenship != null) {
            StringBuilder c = RecordType.CITIZENSHIP.blank();
            put(c, RecordType.CITIZENSHIP, "PNR", pnr);
            put(c, RecordType.CITIZENSHIP, "LANDEKOD", citizenship.countryCode());
            put(c, RecordType.CITIZENSHIP, "HAENSTART-STATSBORGERSKAB", (citizenship.since() == null ? born : citizenship.since()).format(COMPACT) + "0000");
            block.add(c);
        }

        StringBuilder civil = RecordType.CIVIL_STATUS.blank();
        put(civil, RecordType.CIVIL_STATUS, "PNR", pnr);
        RelationRecord spouse = ix.spouses.get(pnr);
        LocalDate divorced = ix.separations.get(pnr);
        if (spouse != null) {
            String other = CprNumbers.normalise(spouse.fromCpr()).equals(pnr) ? CprNumbers.normalise(spouse.toCpr())
                    : CprNumbers.normalise(spouse.fromCpr());
            put(civil, RecordType.CIVIL_STATUS, "CIVST", "G");
            put(civil, RecordType.CIVIL_STATUS, "AEGTEPNR", other);
            put(civil, RecordType.CIVIL_STATUS, "AEGTEFOED_DT", CprNumbers.birthDate(other).format(ISO));
            NameRecord sn = ix.names.get(other);
            if (sn != null) {
                put(civil, RecordType.CIVIL_STATUS, "AEGTENVN", cut(sn.fullName(), 34));
            }
            if (spouse.start() != null) {
                put(civil, RecordType.CIVIL_STATUS, "HAENSTART-CIVILSTAND", spouse.start().format(COMPACT) + "0000");
            }
        } else if (divorced != null) {
            put(civil, RecordType.CIVIL_STATUS, "CIVST", "F");
            put(civil, RecordType.CIVIL_STATUS, "HAENSTART-CIVILSTAND", divorced.format(COMPACT) + "0000");
        } else {
            put(civil, RecordType.CIVIL_STATUS, "CIVST", "U");
            put(civil, RecordType.CIVIL_STATUS, "HAENSTART-CIVILSTAND", born.format(COMPACT) + "0000");
        }
        block.add(civil);

        for (String child : ix.children.getOrDefault(pnr, List.of())) {
            StringBuilder c = RecordType.CHILD.blank();
            put(c, RecordType.CHILD, "PNR", pnr);
            put(c, RecordType.CHILD, "PNRBARN", child);
            block.add(c);
        }

        String mother = ix.mothers.get(pnr);
        String father = ix.fathers.get(pnr);
        if (mother != null || father != null) {
            StringBuilder parents = RecordType.PARENTS.blank();
            put(parents, RecordType.PARENTS, "PNR", pnr);
            parent(parents, "MOR", "PNRMOR", mother, born, ix);
            parent(parents, "FAR", "PNRFAR", father, born, ix);
            block.add(parents);
        }

        for (RelationRecord c : ix.custody.getOrDefault(pnr, List.of())) {
            String holder = CprNumbers.normalise(c.fromCpr());
            StringBuilder custody = RecordType.CUSTODY.blank();
            put(custody, RecordType.CUSTODY, "PNR", pnr);
            String kind = holder.equals(mother) ? "0003" : holder.equals(father) ? "0004" : "0005";
            put(custody, RecordType.CUSTODY, "RELTYP-FORAELDREMYN", kind);
            put(custody, RecordType.CUSTODY, "START_DT-FORAELDREMYN", c.start() == null ? null : c.start().format(ISO));
            put(custody, RecordType.CUSTODY, "SLET_DT-FORAELDREMYN", c.end() == null ? null : c.end().format(ISO));
            if (kind.equals("0005")) {
                put(custody, RecordType.CUSTODY, "RELPNR", holder);
                put(custody, RecordType.CUSTODY, "START_DT-RELPNR_PNR", c.start() == null ? null : c.start().format(ISO));
            }
            block.add(custody);
        }
        for (PreviousAddressRecord former : ix.previous.getOrDefault(pnr, List.of())) {
            StringBuilder earlier = RecordType.PREVIOUS_ADDRESS.blank();
            put(earlier, RecordType.PREVIOUS_ADDRESS, "PNR", pnr);
            put(earlier, RecordType.PREVIOUS_ADDRESS, "KOMKOD", withoutLeadingZero(former.municipalityCode()));
            put(earlier, RecordType.PREVIOUS_ADDRESS, "VEJKOD", former.streetCode());
            put(earlier, RecordType.PREVIOUS_ADDRESS, "HUSNR", former.houseNumber());
            put(earlier, RecordType.PREVIOUS_ADDRESS, "ETAGE", former.floor());
            put(earlier, RecordType.PREVIOUS_ADDRESS, "SIDEDOER", former.door());
            if (former.from() != null) {
                put(earlier, RecordType.PREVIOUS_ADDRESS, "TILFLYDTO", former.from().format(COMPACT) + "0000");
            }
            put(earlier, RecordType.PREVIOUS_ADDRESS, "FRAFLYDTO", former.until().format(COMPACT) + "0000");
            block.add(earlier);
        }
        return block;
    }

    private static void parent(StringBuilder record, String prefix, String pnrField, String parent, LocalDate born, Index ix) {
        if (parent == null) {
            put(record, RecordType.PARENTS, pnrField, CprExtractMapper.NO_CPR);
            return;
        }
        put(record, RecordType.PARENTS, prefix + "_DT", born.format(ISO));
        put(record, RecordType.PARENTS, pnrField, parent);
        put(record, RecordType.PARENTS, prefix + "_FOED_DT", CprNumbers.birthDate(parent).format(ISO));
        NameRecord n = ix.names.get(parent);
        if (n != null) {
            put(record, RecordType.PARENTS, prefix + "NVN", cut(n.fullName(), 34));
        }
    }

    /** Breaks one record of a block so that the mapper or the pipeline must quarantine it. */
    private static void breakOne(List<StringBuilder> block, Random random) {
        int kind = random.nextInt(3);
        for (int attempt = 0; attempt < 3; attempt++, kind = (kind + 1) % 3) {
            String code = kind == 0 ? "001" : kind == 1 ? "002" : "012";
            for (StringBuilder r : block) {
                if (r.substring(0, 3).equals(code)) {
                    switch (kind) {
                        case 0 -> put(r, RecordType.PERSON, "FOED_DT", "2019-02-30");
                        case 1 -> put(r, RecordType.ADDRESS, "VEJKOD", "VEJ?");
                        default -> put(r, RecordType.CIVIL_STATUS, "CIVST", "Q");
                    }
                    return;
                }
            }
        }
    }

    private static void put(StringBuilder record, RecordType type, String field, String value) {
        type.field(field).write(record, value);
    }

    /** A municipality code as the CPR office writes it: "0159" as "159" (one leading zero dropped). */
    private static String withoutLeadingZero(String code) {
        return code.startsWith("0") ? code.substring(1) : code;
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }

    private static void line(Writer out, CharSequence record) throws IOException {
        out.append(record).append("\r\n");
    }

    /** The data indexed by person, in the order it was given. */
    private static final class Index {
        final Map<String, NameRecord> names = new HashMap<>();
        final Map<String, AddressRecord> addresses = new HashMap<>();
        final Map<String, String> mothers = new HashMap<>();
        final Map<String, String> fathers = new HashMap<>();
        final Map<String, List<String>> children = new LinkedHashMap<>();
        final Map<String, List<RelationRecord>> custody = new HashMap<>();
        final Map<String, RelationRecord> spouses = new HashMap<>();
        final Map<String, LocalDate> separations = new HashMap<>();
        final Map<String, CitizenshipRecord> citizenships = new HashMap<>();
        final Map<String, List<PreviousAddressRecord>> previous = new HashMap<>();

        Index(SyntheticData data) {
            data.citizenships().forEach(c -> citizenships.put(CprNumbers.normalise(c.cpr()), c));
            data.previousAddresses().forEach(a -> previous.computeIfAbsent(CprNumbers.normalise(a.cpr()), k -> new ArrayList<>()).add(a));
            data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
            data.addresses().forEach(a -> addresses.put(CprNumbers.normalise(a.cpr()), a));
            for (RelationRecord r : data.relations()) {
                String from = CprNumbers.normalise(r.fromCpr());
                String to = CprNumbers.normalise(r.toCpr());
                if (r.type() == RelationType.MOTHER_OF) {
                    mothers.put(to, from);
                } else if (r.type() == RelationType.FATHER_OF) {
                    fathers.put(to, from);
                } else if (r.type() == RelationType.CUSTODY_HOLDER_OF) {
                    custody.computeIfAbsent(to, k -> new ArrayList<>()).add(r);
                } else if (r.type() == RelationType.SPOUSE_OF) {
                    spouses.put(from, r);
                    spouses.put(to, r);
                }
                if (r.type().isParenthood()) {
                    List<String> kids = children.computeIfAbsent(from, k -> new ArrayList<>());
                    if (!kids.contains(to)) {
                        kids.add(to);
                    }
                }
            }
            for (RiskEvent e : data.events()) {
                if (e.indicator() == Indicator.PARENTS_SEPARATION) {
                    separations.merge(CprNumbers.normalise(e.subjectCpr()), e.start(), (x, y) -> x.isAfter(y) ? x : y);
                }
            }
        }
    }
}
