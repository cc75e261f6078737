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
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;
import dk.tidlig.model.SourceRecord;

/**
 * Maps a CPR extract (record layout P12170) to the common model.
 *
 * <p>The extract holds one block of records per person, in order: 001 person, 002 address, 003 written
 * address, 008 name, 012 civil status, 013 separation, 014 one per child, 015 parents, 016 one per
 * custody holder, and types tidlig does not read. The mapper collects a person's block and maps it when
 * the next person begins, because records refer to each other: custody by "the mother" (016 type 0003)
 * names her through record 015, and the written address (003) completes the coded one (002).
 *
 * <ul>
 * <li>001 → {@link PersonRecord} (status, sex, birth date)</li>
 * <li>002 (+003) → {@link AddressRecord}; 003 alone when there is no 002</li>
 * <li>008 → {@link NameRecord}</li>
 * <li>012 → {@link RelationType#SPOUSE_OF} when married or in registered partnership (G, P);
 * {@link Indicator#PARENTS_SEPARATION} when divorced or partnership dissolved (F, O)</li>
 * <li>013 → {@link Indicator#PARENTS_SEPARATION}</li>
 * <li>014 → {@link RelationType#PARENT_OF}</li>
 * <li>015 → {@link RelationType#MOTHER_OF}, {@link RelationType#FATHER_OF}</li>
 * <li>016 → {@link RelationType#CUSTODY_HOLDER_OF}</li>
 * </ul>
 *
 * The extract must begin with a start record (000) and end with an end record (999). Reasons never
 * quote a field's content.
 */
public final class CprExtractMapper implements LineMapper {

    static final String NO_CPR = "0000000000";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private boolean started;
    private boolean ended;
    private Block block;

    /** One person's records. */
    private static final class Block {
        final String pnr;
        final List<Line> lines = new ArrayList<>();
        Line parents;
        Line writtenAddress;
        Line address;

        Block(String pnr) {
            this.pnr = pnr;
        }
    }

    @Override
    public void map(Line line, RecordSink sink) throws RecordException, FileFormatException {
        String text = line.text();
        if (text.isBlank()) {
            sink.skip(line);
            return;
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
            flush(sink);
            ended = true;
            sink.skip(line);
            return;
        }
        if (!code.chars().allMatch(Character::isDigit)) {
            throw new RecordException("the record type is not three digits");
        }
        String pnr = RecordType.PERSON.field("PNR").read(text);
        if (block == null || !block.pnr.equals(pnr)) {
            flush(sink);
            block = new Block(pnr);
        }
        block.lines.add(line);
        if (code.equals(RecordType.PARENTS.code())) {
            block.parents = line;
        } else if (code.equals(RecordType.WRITTEN_ADDRESS.code())) {
            block.writtenAddress = line;
        } else if (code.equals(RecordType.ADDRESS.code())) {
            block.address = line;
        }
    }

    @Override
    public void finish(RecordSink sink) throws FileFormatException {
        flush(sink);
        if (started && !ended) {
            throw new FileFormatException("the extract has no end record (999): it may be truncated. "
                    + "The records read were stored; deliver the complete extract again");
        }
    }

    private void flush(RecordSink sink) {
        if (block == null) {
            return;
        }
        Block held = block;
        block = null; // whatever the sink does, these lines are reported once
        for (Line line : held.lines) {
            String code = line.text().substring(0, 3);
            List<SourceRecord> records;
            try {
                Optional<RecordType> type = RecordType.of(code);
                records = type.isPresent() ? map(held, type.get(), line.text()) : List.of();
            } catch (RecordException e) {
                sink.reject(line, "record " + code + ": " + e.getMessage());
                continue;
            }
            sink.accept(line, records);
        }
    }

    private static List<SourceRecord> map(Block block, RecordType type, String text) throws RecordException {
        String pnr = block.pnr;
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
                return address(block, text, block.writtenAddress == null ? null : block.writtenAddress.text());
            case WRITTEN_ADDRESS:
                // completes record 002 of the same person; on its own only when there is none
                return block.address != null ? List.of() : address(block, null, text);
            case NAME:
                return List.of(new NameRecord(pnr, field(type, "FORNVN", text), blankToNull(field(type, "MELNVN", text)),
                        field(type, "EFTERNVN", text)));
            case CIVIL_STATUS:
                return civilStatus(block, text);
            case SEPARATION: {
                LocalDate start = date(type, "START_DT-SEPARATION", text);
                return start == null ? List.of() : List.of(new RiskEvent(Indicator.PARENTS_SEPARATION, pnr, start, null, null, null));
            }
            case CHILD:
                return List.of(new RelationRecord(RelationType.PARENT_OF, pnr, cpr(type, "PNRBARN", text, true), null, null));
            case PARENTS:
                return parents(block, text);
            case CUSTODY:
                return List.of(custody(block, text));
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

    private static List<SourceRecord> address(Block block, String coded, String written) throws RecordException {
        RecordType type = coded != null ? RecordType.ADDRESS : RecordType.WRITTEN_ADDRESS;
        String text = coded != null ? coded : written;
        String municipality = field(type, "KOMKOD", text);
        if (municipality.isEmpty() || municipality.equals("0000")) {
            return List.of(); // no address in Denmark (e.g. emigrated)
        }
        LocalDate since = coded == null ? null : timestampDate(RecordType.ADDRESS, "TILFLYDTO", coded);
        String streetName = null;
        String postalCode = null;
        String city = null;
        if (written != null) {
            streetName = blankToNull(field(RecordType.WRITTEN_ADDRESS, "STANDARDADR", written));
            postalCode = blankToNull(field(RecordType.WRITTEN_ADDRESS, "POSTNR", written));
            city = blankToNull(field(RecordType.WRITTEN_ADDRESS, "POSTDISTTXT", written));
        }
        return List.of(new AddressRecord(block.pnr, municipality, field(type, "VEJKOD", text), stripZeros(field(type, "HUSNR", text)),
                blankToNull(field(type, "ETAGE", text)), blankToNull(field(type, "SIDEDOER", text)), since, streetName, postalCode, city));
    }

    private static List<SourceRecord> civilStatus(Block block, String text) throws RecordException {
        RecordType type = RecordType.CIVIL_STATUS;
        String code = field(type, "CIVST", text);
        LocalDate since = timestampDate(type, "HAENSTART-CIVILSTAND", text);
        switch (code) {
            case "G":
            case "P": {
                String spouse = cpr(type, "AEGTEPNR", text, false);
                return spouse == null ? List.of() : List.of(new RelationRecord(RelationType.SPOUSE_OF, block.pnr, spouse, since, null));
            }
            case "F":
            case "O":
                return since == null ? List.of() : List.of(new RiskEvent(Indicator.PARENTS_SEPARATION, block.pnr, since, null, null, null));
            case "U":
            case "E":
            case "L":
            case "D":
                return List.of();
            default:
                throw new RecordException("field CIVST is not a civil status code (U, G, F, E, P, O, L, D)");
        }
    }

    private static List<SourceRecord> parents(Block block, String text) throws RecordException {
        RecordType type = RecordType.PARENTS;
        List<SourceRecord> out = new ArrayList<>(2);
        String mother = cpr(type, "PNRMOR", text, false);
        if (mother != null) {
            out.add(new RelationRecord(RelationType.MOTHER_OF, mother, block.pnr, date(type, "MOR_DT", text), null));
        }
        String father = cpr(type, "PNRFAR", text, false);
        if (father != null) {
            out.add(new RelationRecord(RelationType.FATHER_OF, father, block.pnr, date(type, "FAR_DT", text), null));
        }
        return out;
    }

    private static RelationRecord custody(Block block, String text) throws RecordException {
        RecordType type = RecordType.CUSTODY;
        String kind = field(type, "RELTYP-FORAELDREMYN", text);
        String holder = cpr(type, "RELPNR", text, false);
        if (holder == null) {
            String parentField = kind.equals("0003") ? "PNRMOR" : kind.equals("0004") ? "PNRFAR" : null;
            if (parentField == null) {
                throw new RecordException("custody of type " + kind + " names no holder (RELPNR is empty)");
            }
            if (block.parents == null) {
                throw new RecordException("custody by the " + (kind.equals("0003") ? "mother" : "father")
                        + " (type " + kind + "), but the person has no parents record (015)");
            }
            holder = cpr(RecordType.PARENTS, parentField, block.parents.text(), false);
            if (holder == null) {
                throw new RecordException("custody by the " + (kind.equals("0003") ? "mother" : "father")
                        + " (type " + kind + "), but record 015 gives no CPR number for her or him");
            }
        }
        return new RelationRecord(RelationType.CUSTODY_HOLDER_OF, holder, block.pnr, date(type, "START_DT-FORAELDREMYN", text),
                date(type, "SLET_DT-FORAELDREMYN", text));
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

    private static String stripZeros(String s) {
        return s.replaceFirst("^0+(?=.)", "");
    }
}
