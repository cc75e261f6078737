// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.FileFormatException;
import dk.tidlig.adapter.Line;
import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.RecordSink;
import dk.tidlig.adapter.cpr.internal.layout.RecordType;
import dk.tidlig.model.AddressRecord;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.CitizenshipRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.PreviousAddressRecord;
import dk.tidlig.model.PersonStatus;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;
import dk.tidlig.model.SourceRecord;
import dk.tidlig.model.WrittenAddressRecord;

class CprExtractMapperTest {

    static final String CHILD = "1503224012";
    static final String MOTHER = "0505941234";
    static final String FATHER = "0101901233";
    static final String GRANDMOTHER = "0202604110";

    /** Collects what the mapper reports, by line number. */
    static final class Collected implements RecordSink {
        final Map<Long, List<? extends SourceRecord>> accepted = new LinkedHashMap<>();
        final Map<Long, String> rejected = new LinkedHashMap<>();
        final List<Long> skipped = new ArrayList<>();

        @Override
        public void accept(Line line, List<? extends SourceRecord> records) {
            if (records.isEmpty()) {
                skipped.add(line.number());
            } else {
                accepted.put(line.number(), records);
            }
        }

        @Override
        public void reject(Line line, String reason) {
            rejected.put(line.number(), reason);
        }

        @Override
        public void skip(Line line) {
            skipped.add(line.number());
        }

        List<SourceRecord> all() {
            List<SourceRecord> out = new ArrayList<>();
            accepted.values().forEach(out::addAll);
            return out;
        }

        int reported() {
            return accepted.size() + rejected.size() + skipped.size();
        }
    }

    static Collected map(List<String> lines) throws FileFormatException {
        CprExtractMapper m = new CprExtractMapper();
        Collected c = new Collected();
        long n = 0;
        for (String text : lines) {
            Line line = new Line(++n, text);
            try {
                m.map(line, c);
            } catch (RecordException e) {
                c.reject(line, e.getMessage());
            }
        }
        m.finish(c);
        return c;
    }

    static Records childBlock(Records r) {
        return r.add(RecordType.PERSON, "PNR", CHILD, "PNRGAELD", CHILD, "STATUS", "1", "KOEN", "K", "FOED_DT", "2022-03-15")
                .add(RecordType.ADDRESS, "PNR", CHILD, "KOMKOD", "159", "VEJKOD", "42", "HUSNR", "012", "ETAGE", "02", "SIDEDOER", "tv",
                        "TILFLYDTO", "202203150000")
                .add(RecordType.WRITTEN_ADDRESS, "PNR", CHILD, "STANDARDADR", "Egevej 12, 2. tv", "POSTNR", "2860", "POSTDISTTXT", "Søborg",
                        "KOMKOD", "159", "VEJKOD", "42", "HUSNR", "12", "ETAGE", "02", "SIDEDOER", "tv")
                .add(RecordType.NAME, "PNR", CHILD, "FORNVN", "Alma", "EFTERNVN", "Testesen")
                .add(RecordType.CIVIL_STATUS, "PNR", CHILD, "CIVST", "U")
                .add(RecordType.PARENTS, "PNR", CHILD, "MOR_DT", "2022-03-15", "PNRMOR", MOTHER, "FAR_DT", "2022-03-15", "PNRFAR", FATHER)
                .add(RecordType.CUSTODY, "PNR", CHILD, "RELTYP-FORAELDREMYN", "0003", "START_DT-FORAELDREMYN", "2022-03-15")
                .add(RecordType.CUSTODY, "PNR", CHILD, "RELTYP-FORAELDREMYN", "0005", "START_DT-FORAELDREMYN", "2024-01-01",
                        "RELPNR", GRANDMOTHER);
    }

    @Test
    void eachRecordGivesItsOwnPart() throws FileFormatException {
        Collected c = map(childBlock(Records.extract()).end().lines());
        assertThat(c.rejected).isEmpty();
        assertThat(c.skipped).containsExactly(1L, 6L, 10L); // 000, 012 unmarried, 999
        assertThat(c.all()).containsExactly(
                new PersonRecord(CHILD, Sex.FEMALE, LocalDate.of(2022, 3, 15), PersonStatus.RESIDENT, null),
                new AddressRecord(CHILD, "0159", "0042", "12", "02", "tv", LocalDate.of(2022, 3, 15), null, null, null),
                new WrittenAddressRecord(CHILD, "0159", "Egevej 12, 2. tv", "2860", "Søborg"),
                new NameRecord(CHILD, "Alma", null, "Testesen"),
                new RelationRecord(RelationType.MOTHER_OF, MOTHER, CHILD, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.FATHER_OF, FATHER, CHILD, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.CUSTODY_BY_MOTHER, CHILD, CHILD, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.CUSTODY_HOLDER_OF, GRANDMOTHER, CHILD, LocalDate.of(2024, 1, 1), null));
    }

    /** Two persons' records in three layouts: blocks, blocks with the 003 section apart (as the CPR office writes), and shuffled. */
    @Test
    void theResultDoesNotDependOnWhereAPersonsRecordsStand() throws FileFormatException {
        Records two = childBlock(Records.extract())
                .add(RecordType.PERSON, "PNR", MOTHER, "STATUS", "1", "KOEN", "K", "FOED_DT", "1994-05-05")
                .add(RecordType.ADDRESS, "PNR", MOTHER, "KOMKOD", "159", "VEJKOD", "42", "HUSNR", "012", "ETAGE", "02", "SIDEDOER", "tv",
                        "TILFLYDTO", "202001010000")
                .add(RecordType.WRITTEN_ADDRESS, "PNR", MOTHER, "STANDARDADR", "Egevej 12, 2. tv", "POSTNR", "2860", "POSTDISTTXT", "Søborg",
                        "KOMKOD", "159", "VEJKOD", "42", "HUSNR", "12")
                .add(RecordType.NAME, "PNR", MOTHER, "FORNVN", "Birthe", "EFTERNVN", "Testesen")
                .add(RecordType.CHILD, "PNR", MOTHER, "PNRBARN", CHILD)
                .end();
        List<String> blocks = two.lines();
        List<String> apart = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String l : blocks.subList(0, blocks.size() - 1)) {
            (l.startsWith("003") ? written : apart).add(l);
        }
        apart.addAll(written);
        apart.add(blocks.get(blocks.size() - 1));
        List<String> shuffled = new ArrayList<>(blocks.subList(1, blocks.size() - 1));
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.add(0, blocks.get(0));
        shuffled.add(blocks.get(blocks.size() - 1));
        java.util.Set<SourceRecord> expected = new java.util.HashSet<>(map(blocks).all());
        assertThat(expected).hasSize(13);
        assertThat(new java.util.HashSet<>(map(apart).all())).isEqualTo(expected);
        assertThat(new java.util.HashSet<>(map(shuffled).all())).isEqualTo(expected);
    }

    @Test
    void distinctFactsOfOneRecordTypeAreAllKept() throws FileFormatException {
        Records r = Records.extract()
                .add(RecordType.CUSTODY, "PNR", CHILD, "RELTYP-FORAELDREMYN", "0005", "START_DT-FORAELDREMYN", "2022-03-15",
                        "SLET_DT-FORAELDREMYN", "2023-01-31", "RELPNR", GRANDMOTHER)
                .add(RecordType.CUSTODY, "PNR", CHILD, "RELTYP-FORAELDREMYN", "0005", "START_DT-FORAELDREMYN", "2024-06-01", "RELPNR", GRANDMOTHER)
                .add(RecordType.CHILD, "PNR", MOTHER, "PNRBARN", CHILD)
                .add(RecordType.CHILD, "PNR", MOTHER, "PNRBARN", "2006214019")
                .end();
        assertThat(map(r.lines()).all()).containsExactly(
                new RelationRecord(RelationType.CUSTODY_HOLDER_OF, GRANDMOTHER, CHILD, LocalDate.of(2022, 3, 15), LocalDate.of(2023, 1, 31)),
                new RelationRecord(RelationType.CUSTODY_HOLDER_OF, GRANDMOTHER, CHILD, LocalDate.of(2024, 6, 1), null),
                new RelationRecord(RelationType.PARENT_OF, MOTHER, CHILD, null, null),
                new RelationRecord(RelationType.PARENT_OF, MOTHER, "2006214019", null, null));
    }

    @Test
    void aNameRecordWithBlankNamesStoresThePersonWithoutAName() throws FileFormatException {
        Records r = Records.extract()
                .add(RecordType.PERSON, "PNR", MOTHER, "STATUS", "1", "KOEN", "K", "FOED_DT", "1994-05-05")
                .add(RecordType.NAME, "PNR", MOTHER)
                .end();
        Collected c = map(r.lines());
        assertThat(c.rejected).isEmpty();
        assertThat(c.skipped).contains(3L);
        assertThat(c.all()).singleElement().isInstanceOf(PersonRecord.class);
    }

    @Test
    void anEndRecordWhoseCounterDoesNotMatchRefusesTheFile() {
        List<String> lines = new ArrayList<>(childBlock(Records.extract()).end().lines());
        lines.remove(3); // a record lost on the way
        assertThatThrownBy(() -> map(lines)).isInstanceOf(FileFormatException.class)
                .hasMessage("the end record (999) counts 8 records, the file holds 7: it is incomplete or was altered. Deliver the complete extract again");
    }

    @Test
    void custodyByAParentIsARelationThatFamilyLinkingResolves() throws FileFormatException {
        Records r = Records.extract()
                .add(RecordType.CUSTODY, "PNR", CHILD, "RELTYP-FORAELDREMYN", "0004", "START_DT-FORAELDREMYN", "2022-03-15")
                .add(RecordType.PARENTS, "PNR", CHILD, "PNRMOR", "0000000000", "PNRFAR", FATHER)
                .end();
        assertThat(map(r.lines()).all()).containsExactly(
                new RelationRecord(RelationType.CUSTODY_BY_FATHER, CHILD, CHILD, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.FATHER_OF, FATHER, CHILD, null, null));
    }

    @Test
    void custodyOfAnotherTypeWithoutAHolderIsQuarantined() throws FileFormatException {
        Records r = Records.extract()
                .add(RecordType.PERSON, "PNR", MOTHER, "STATUS", "1", "KOEN", "K", "FOED_DT", "1994-05-05")
                .add(RecordType.CUSTODY, "PNR", MOTHER, "RELTYP-FORAELDREMYN", "0005")
                .end();
        Collected c = map(r.lines());
        assertThat(c.rejected).containsExactly(Map.entry(3L, "record 016: custody of type 0005 names no holder (RELPNR is empty)"));
    }

    @Test
    void civilStatusGivesSpousesAndSeparations() throws FileFormatException {
        Records r = Records.extract()
                .add(RecordType.CIVIL_STATUS, "PNR", MOTHER, "CIVST", "G", "AEGTEPNR", FATHER, "HAENSTART-CIVILSTAND", "201906010000")
                .add(RecordType.CIVIL_STATUS, "PNR", GRANDMOTHER, "CIVST", "F", "HAENSTART-CIVILSTAND", "202502280000")
                .add(RecordType.SEPARATION, "PNR", FATHER, "START_DT-SEPARATION", "2025-01-15")
                .end();
        Collected c = map(r.lines());
        assertThat(c.all()).containsExactly(
                new RelationRecord(RelationType.SPOUSE_OF, MOTHER, FATHER, LocalDate.of(2019, 6, 1), null),
                new RiskEvent(Indicator.PARENTS_SEPARATION, GRANDMOTHER, LocalDate.of(2025, 2, 28), null, null, null),
                new RiskEvent(Indicator.PARENTS_SEPARATION, FATHER, LocalDate.of(2025, 1, 15), null, null, null));
    }

    @Test
    void brokenFieldsAreQuarantinedWithTheirRecordAndField() throws FileFormatException {
        Records r = Records.extract()
                .add(RecordType.PERSON, "PNR", CHILD, "STATUS", "1", "KOEN", "K", "FOED_DT", "2022-02-30")
                .add(RecordType.NAME, "PNR", CHILD, "FORNVN", "Alma", "EFTERNVN", "Testesen")
                .add(RecordType.PERSON, "PNR", MOTHER, "STATUS", "42", "KOEN", "K", "FOED_DT", "1994-05-05")
                .add(RecordType.PERSON, "PNR", FATHER, "STATUS", "1", "KOEN", "X", "FOED_DT", "1990-01-01")
                .add(RecordType.CIVIL_STATUS, "PNR", FATHER, "CIVST", "Q")
                .raw("01")
                .raw("0x1" + FATHER)
                .end();
        Collected c = map(r.lines());
        assertThat(c.rejected).containsOnly(
                Map.entry(2L, "record 001: field FOED_DT is not a date yyyy-MM-dd"),
                Map.entry(4L, "record 001: field STATUS is not a CPR status code"),
                Map.entry(5L, "record 001: field KOEN must be K or M"),
                Map.entry(6L, "record 012: field CIVST is not a civil status code (U, G, F, E, P, O, L, D)"),
                Map.entry(7L, "the line is too short to hold a record type"),
                Map.entry(8L, "the record type is not three digits"));
        assertThat(c.accepted).containsOnlyKeys(3L);
        assertThat(c.reported()).isEqualTo(r.lines().size());
        assertThat(c.rejected.values()).noneMatch(reason -> reason.contains(CHILD) || reason.contains(FATHER));
    }

    @Test
    void rightTrimmedLinesAndUnknownRecordTypesAreRead() throws FileFormatException {
        Records r = Records.extract()
                .raw((RecordType.PERSON.blank().replace(3, 13, CHILD).replace(23, 25, "01").replace(38, 39, "K")
                        .replace(39, 49, "2022-03-15")).toString().stripTrailing())
                .raw("011" + CHILD + "F")
                .end();
        Collected c = map(r.lines());
        assertThat(c.rejected).isEmpty();
        assertThat(c.all()).containsExactly(new PersonRecord(CHILD, Sex.FEMALE, LocalDate.of(2022, 3, 15), PersonStatus.RESIDENT, null));
        assertThat(c.skipped).containsExactly(1L, 3L, 4L);
    }

    @Test
    void citizenshipsAndEarlierAddressesAreRead() throws FileFormatException {
        StringBuilder danish = RecordType.CITIZENSHIP.blank();
        RecordType.CITIZENSHIP.field("PNR").write(danish, CHILD);
        RecordType.CITIZENSHIP.field("LANDEKOD").write(danish, "5100");
        RecordType.CITIZENSHIP.field("HAENSTART-STATSBORGERSKAB").write(danish, "202203150000");
        StringBuilder foreign = new StringBuilder(danish);
        RecordType.CITIZENSHIP.field("PNR").write(foreign, FATHER);
        RecordType.CITIZENSHIP.field("LANDEKOD").write(foreign, "5120");
        StringBuilder earlier = RecordType.PREVIOUS_ADDRESS.blank();
        RecordType.PREVIOUS_ADDRESS.field("PNR").write(earlier, FATHER);
        RecordType.PREVIOUS_ADDRESS.field("KOMKOD").write(earlier, "159");
        RecordType.PREVIOUS_ADDRESS.field("VEJKOD").write(earlier, "42");
        RecordType.PREVIOUS_ADDRESS.field("HUSNR").write(earlier, "012");
        RecordType.PREVIOUS_ADDRESS.field("TILFLYDTO").write(earlier, "201905010000");
        RecordType.PREVIOUS_ADDRESS.field("FRAFLYDTO").write(earlier, "202402290000");
        StringBuilder annulled = new StringBuilder(earlier);
        RecordType.PREVIOUS_ADDRESS.field("ANNKOR").write(annulled, "A");
        StringBuilder open = new StringBuilder(earlier);
        RecordType.PREVIOUS_ADDRESS.field("FRAFLYDTO").write(open, "");
        Records r = Records.extract().raw(danish.toString()).raw(foreign.toString()).raw(earlier.toString()).raw(annulled.toString())
                .raw(open.toString()).end();
        Collected c = map(r.lines());
        assertThat(c.all()).containsExactly(new CitizenshipRecord(CHILD, "5100", LocalDate.of(2022, 3, 15)),
                new CitizenshipRecord(FATHER, "5120", LocalDate.of(2022, 3, 15)),
                new PreviousAddressRecord(FATHER, "0159", "0042", "12", null, null, LocalDate.of(2019, 5, 1), LocalDate.of(2024, 2, 29)));
        assertThat(((CitizenshipRecord) c.all().get(0)).danish()).isTrue();
        assertThat(((CitizenshipRecord) c.all().get(1)).danish()).isFalse();
        assertThat(c.skipped).as("the start and end records, and the annulled address").containsExactly(1L, 5L, 7L);
        assertThat(c.rejected).containsOnlyKeys(6L);
        assertThat(c.rejected.get(6L)).isEqualTo("record 023: field FRAFLYDTO is empty: an earlier address has the day the person moved out");
    }

    @Test
    void theExtractMustBeginWithAStartRecord() {
        assertThatThrownBy(() -> map(List.of("001" + CHILD))).isInstanceOf(FileFormatException.class)
                .hasMessage("the file does not begin with a start record (000): it is not a CPR extract");
    }

    @Test
    void aTruncatedExtractStoresWhatItHasAndIsReported() {
        List<String> lines = childBlock(Records.extract()).lines();
        assertThatThrownBy(() -> map(lines)).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("the extract has no end record (999): it may be truncated");
    }

    @Test
    void nothingFollowsTheEndRecord() throws FileFormatException {
        List<String> lines = new ArrayList<>(Records.extract().end().lines());
        lines.add(lines.get(0));
        Collected c = map(lines);
        assertThat(c.rejected).containsExactly(Map.entry(3L, "a record after the end record (999)"));
    }
}
