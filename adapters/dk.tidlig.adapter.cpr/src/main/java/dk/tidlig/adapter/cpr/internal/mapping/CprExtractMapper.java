// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.mapping;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.LineMapper;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.RecordSink;
import dk.tidlig.adapter.cpr.internal.layout.RecordType;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;
import dk.tidlig.model.SourceRecord;
import dk.tidlig.model.WrittenAddressRecord;

/**
 * Maps a CPR extract (record layout P12170) to the common model, one record at a time.
 *
 * <p>Each record gives its own part, whatever stands before or after it: a person's records need not follow each
 * other (in the CPR office's own extracts the written addresses, 003, come as a section of their own after everybody
 * else's records), and nothing is held from one line to the next, so a national extract is read in bounded memory.
 * Where a record refers to another - custody by "the mother" (016 type 0003) names her through record 015 - it
 * gives a relation that says so ({@link RelationType#CUSTODY_BY_MOTHER}), resolved when families are linked.
 *
 * <ul>
 * <li>001 → {@link PersonRecord} (status, sex, birth date)</li>
 * <li>002 → {@link AddressRecord}: the coded address, i.e. the household</li>
 * <li>003 → {@link WrittenAddressRecord}: the address written out, for the identity vault</li>
 * <li>008 → {@link NameRecord}; a name record with blank names (names not disclosed) gives nothing</li>
 * <li>010 → {@link CitizenshipRecord}</li>
 * <li>012 → {@link RelationType#SPOUSE_OF} when married or in registered partnership (G, P);
 * {@link Indicator#PARENTS_SEPARATION} when divorced or partnership dissolved (F, O)</li>
 * <li>013 → {@link Indicator#PARENTS_SEPARATION}</li>
 * <li>014 → {@link RelationType#PARENT_OF}, one per child</li>
 * <li>015 → {@link RelationType#MOTHER_OF}, {@link RelationType#FATHER_OF}</li>
 * <li>016 → {@link RelationType#CUSTODY_HOLDER_OF} for a named holder, {@link RelationType#CUSTODY_BY_MOTHER} or
 * {@link RelationType#CUSTODY_BY_FATHER}; one per holder and period</li>
 * <li>023 → {@link PreviousAddressRecord}: an earlier household, with the days moved in and out; a record marked as
 * annulled (ANNKOR A) gives nothing</li>
 * </ul>
 *
 * The extract must begin with a start record (000) and end with an end record (999) whose counter (TAELLER) is the
 * number of records between them; a file whose records do not add up is refused. Reasons never quote a field's content.
 */
public final class CprExtractMapper implements LineMapper {

    static final String NO_CPR = "0000000000";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private boolean started;
    private boolean ended;
    /** Records between the start and the end record, as the end record's counter counts them. */
    private long records;
    private String countProblem;

    @Override
    public void map(Line line, RecordSink sink) throws RecordException, FileFormatException {
        String text = line.text();
        if (text.isBlank()) {
            sink.skip(line);
            return;
        }
        if (started && !ended) {
            records++;
        }
        if (text.length() < 3) {
            throw new RecordException("the line is too short to hold a record type");
        }
        String code = text.substring(0, 3);
        if (!started) {
            if (!code.equals(RecordType.START.code())) {
                throw new FileFormatException("the file does not begin with a start record (000): it is not a CPR extract");
            }
            started = true;
            sink.skip(line);
            return;
        }
        if (ended) {
            throw new RecordException("a record after the end record (999)");
        }
        if (code.equals(RecordType.START.code())) {
            throw new RecordException("a second start record (000)");
        }
        if (code.equals(RecordType.END.code())) {
            records--; // the end record is not one of the records it counts
            ended = true;
            countProblem = count(text);
            sink.skip(line);
            return;
        }
        if (!digits(code, 3)) { // ASCII digits: a type in other digits (under another encoding) is no CPR record type
            throw new RecordException("the record type is not three digits");
        }
        Optional<RecordType> type = RecordType.of(code);
        List<SourceRecord> out;
        try {
            out = type.isPresent() ? map(type.get(), RecordType.PERSON.field("PNR").read(text), text) : List.of();
        } catch (RecordException e) {
            throw new RecordException("record " + code + ": " + e.getMessage());
        }
        sink.accept(line, out);
    }

    /** Why the end record's counter does not match the records read, or null when it does. */
    private String count(String text) {
        String counter = RecordType.END.field("TAELLER").read(text);
        if (!counter.matches("\\d{1,8}")) {
            return "the end record's counter (TAELLER) is not a number";
        }
        long said = Long.parseLong(counter);
        return said == records ? null : "the end record (999) counts " + said + " records, the file holds " + records
                + ": it is incomplete or was altered. Deliver the complete extract again";
    }

    @Override
    public void finish(RecordSink sink) throws FileFormatException {
        if (started && !ended) {
            throw new FileFormatException("the extract has no end record (999): it may be truncated. "
                    + "The records read were stored; deliver the complete extract again");
        }
        if (countProblem != null) {
            throw new FileFormatException(countProblem);
        }
    }

    private static List<SourceRecord> map(RecordType type, String pnr, String text) throws RecordException {
        switch (type) {
            case PERSON: {
                PersonStatus status = status(text);
                Sex sex;
                try {
                    sex = Sex.fromCprCode(field(type, "KOEN", text));
                } catch (IllegalArgumentException e) {
                    throw new RecordException("field KOEN must be K or M");
                }
                return List.of(new PersonRecord(pnr, sex, date(type, "FOED_DT", text), status, null));
            }
            case ADDRESS:
                return address(pnr, text);
            case WRITTEN_ADDRESS:
                return writtenAddress(pnr, text);
            case NAME: {
                String first = field(type, "FORNVN", text);
                String last = field(type, "EFTERNVN", text);
                if (first.isBlank() || last.isBlank()) {
                    return List.of(); // names not disclosed: the person is stored without a name
                }
                return List.of(new NameRecord(pnr, first, blankToNull(field(type, "MELNVN", text)), last));
            }
            case CIVIL_STATUS:
                return civilStatus(pnr, text);
            case SEPARATION: {
                LocalDate start = date(type, "START_DT-SEPARATION", text);
                return start == null ? List.of() : List.of(new RiskEvent(Indicator.PARENTS_SEPARATION, pnr, start, null, null, null));
            }
            case CHILD:
                return List.of(new RelationRecord(RelationType.PARENT_OF, pnr, cpr(type, "PNRBARN", text, true), null, null));
            case PARENTS:
                return parents(pnr, text);
            case CUSTODY:
                return List.of(custody(pnr, text));
            case CITIZENSHIP: {
                String country = field(type, "LANDEKOD", text);
                if (!digits(country, 4) || country.equals("0000")) {
                    throw new RecordException("field LANDEKOD is not a four-digit country code");
                }
                return List.of(new CitizenshipRecord(pnr, country, timestampDate(type, "HAENSTART-STATSBORGERSKAB", text)));
            }
            case PREVIOUS_ADDRESS:
                return previousAddress(pnr, text);
            default:
                return List.of();
        }
    }

    private static PersonStatus status(String text) throws RecordException {
        String s = field(RecordType.PERSON, "STATUS", text);
        try {
            return PersonStatus.fromCprCode(Integer.parseInt(s));
        } catch (IllegalArgumentException e) {
            throw new RecordException("field STATUS is not a CPR status code");
        }
    }

    /** Record 002: the coded address, which makes the household. KOMKOD 0000 is no address in Denmark (e.g. emigrated). */
    private static List<SourceRecord> address(String pnr, String text) throws RecordException {
        RecordType type = RecordType.ADDRESS;
        String municipality = field(type, "KOMKOD", text);
        if (municipality.isEmpty() || municipality.equals("0000")) {
            return List.of();
        }
        return List.of(new AddressRecord(pnr, municipality, field(type, "VEJKOD", text), stripZeros(field(type, "HUSNR", text)),
                blankToNull(field(type, "ETAGE", text)), blankToNull(field(type, "SIDEDOER", text)), timestampDate(type, "TILFLYDTO", text), null,
                null, null));
    }

    /** Record 023: an earlier address. A record annulled as registered in error (ANNKOR A) or outside Denmark gives nothing. */
    private static List<SourceRecord> previousAddress(String pnr, String text) throws RecordException {
        RecordType type = RecordType.PREVIOUS_ADDRESS;
        String municipality = field(type, "KOMKOD", text);
        if (field(type, "ANNKOR", text).equals("A") || municipality.isEmpty() || municipality.equals("0000")) {
            return List.of();
        }
        LocalDate until = timestampDate(type, "FRAFLYDTO", text);
        if (until == null) {
            throw new RecordException("field FRAFLYDTO is empty: an earlier address has the day the person moved out");
        }
        return List.of(new PreviousAddressRecord(pnr, municipality, field(type, "VEJKOD", text), stripZeros(field(type, "HUSNR", text)),
                blankToNull(field(type, "ETAGE", text)), blankToNull(field(type, "SIDEDOER", text)), timestampDate(type, "TILFLYDTO", text), until));
    }

    /** Record 003: the address written out, for the identity vault. */
    private static List<SourceRecord> writtenAddress(String pnr, String text) {
        RecordType type = RecordType.WRITTEN_ADDRESS;
        String municipality = field(type, "KOMKOD", text);
        String street = field(type, "STANDARDADR", text);
        if (municipality.isEmpty() || municipality.equals("0000") || street.isBlank()) {
            return List.of();
        }
        return List.of(new WrittenAddressRecord(pnr, municipality, street, blankToNull(field(type, "POSTNR", text)),
                blankToNull(field(type, "POSTDISTTXT", text))));
    }

    private static List<SourceRecord> civilStatus(String pnr, String text) throws RecordException {
        RecordType type = RecordType.CIVIL_STATUS;
        String code = field(type, "CIVST", text);
        LocalDate since = timestampDate(type, "HAENSTART-CIVILSTAND", text);
        switch (code) {
            case "G":
            case "P": {
                String spouse = cpr(type, "AEGTEPNR", text, false);
                return spouse == null ? List.of() : List.of(new RelationRecord(RelationType.SPOUSE_OF, pnr, spouse, since, null));
            }
            case "F":
            case "O":
                return since == null ? List.of() : List.of(new RiskEvent(Indicator.PARENTS_SEPARATION, pnr, since, null, null, null));
            case "U":
            case "E":
            case "L":
            case "D":
                return List.of();
            default:
                throw new RecordException("field CIVST is not a civil status code (U, G, F, E, P, O, L, D)");
        }
    }

    private static List<SourceRecord> parents(String pnr, String text) throws RecordException {
        RecordType type = RecordType.PARENTS;
        List<SourceRecord> out = new ArrayList<>(2);
        String mother = cpr(type, "PNRMOR", text, false);
        if (mother != null) {
            out.add(new RelationRecord(RelationType.MOTHER_OF, mother, pnr, date(type, "MOR_DT", text), null));
        }
        String father = cpr(type, "PNRFAR", text, false);
        if (father != null) {
            out.add(new RelationRecord(RelationType.FATHER_OF, father, pnr, date(type, "FAR_DT", text), null));
        }
        return out;
    }

    /**
     * Record 016: a holder of custody of the child, for a period. Types 0005/0006 name the holder (RELPNR); 0003 and
     * 0004 are the mother and the father, who are named in the child's record 015 wherever that stands.
     */
    private static RelationRecord custody(String pnr, String text) throws RecordException {
        RecordType type = RecordType.CUSTODY;
        String kind = field(type, "RELTYP-FORAELDREMYN", text);
        LocalDate start = date(type, "START_DT-FORAELDREMYN", text);
        LocalDate end = date(type, "SLET_DT-FORAELDREMYN", text);
        String holder = cpr(type, "RELPNR", text, false);
        if (holder != null) {
            return new RelationRecord(RelationType.CUSTODY_HOLDER_OF, holder, pnr, start, end);
        }
        return switch (kind) {
            case "0003" -> new RelationRecord(RelationType.CUSTODY_BY_MOTHER, pnr, pnr, start, end);
            case "0004" -> new RelationRecord(RelationType.CUSTODY_BY_FATHER, pnr, pnr, start, end);
            default -> throw new RecordException("custody of type " + kind + " names no holder (RELPNR is empty)");
        };
    }

    private static String field(RecordType type, String name, String text) {
        return type.field(name).read(text);
    }

    /** A CPR number field; "0000000000" or blank is no number (null), unless required. */
    private static String cpr(RecordType type, String name, String text, boolean required) throws RecordException {
        String v = field(type, name, text);
        if (v.isEmpty() || v.equals(NO_CPR)) {
            if (required) {
                throw new RecordException("field " + name + " is empty");
            }
            return null;
        }
        return v;
    }

    /** A yyyy-MM-dd date; blank or 0000-00-00 is no date. */
    private static LocalDate date(RecordType type, String name, String text) throws RecordException {
        String v = field(type, name, text);
        if (v.isEmpty() || v.equals("0000-00-00")) {
            return null;
        }
        try {
            return LocalDate.parse(v, ISO);
        } catch (DateTimeParseException e) {
            throw new RecordException("field " + name + " is not a date yyyy-MM-dd");
        }
    }

    /** The date of a yyyyMMddHHmm timestamp; blank or zeros is no date. */
    private static LocalDate timestampDate(RecordType type, String name, String text) throws RecordException {
        String v = field(type, name, text);
        if (v.isEmpty() || v.chars().allMatch(c -> c == '0')) {
            return null;
        }
        try {
            return LocalDate.parse(v.substring(0, Math.min(8, v.length())), COMPACT);
        } catch (DateTimeParseException e) {
            throw new RecordException("field " + name + " is not a timestamp yyyyMMddHHmm");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Without leading zeros, keeping the last character ("007" gives "7", "000" gives "0"); no regular expression per field. */
    private static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** Exactly n ASCII digits. */
    private static boolean digits(String s, int n) {
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
