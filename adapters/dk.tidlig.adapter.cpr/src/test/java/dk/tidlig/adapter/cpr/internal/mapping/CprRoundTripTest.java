// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.cpr.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.tidlig.adapter.ExportWriter.WrittenFile;
import dk.tidlig.adapter.SyntheticData;
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

/** What the writer writes, the mapper reads back. */
class CprRoundTripTest {

    static final String CHILD = CprExtractMapperTest.CHILD;
    static final String MOTHER = CprExtractMapperTest.MOTHER;
    static final String FATHER = CprExtractMapperTest.FATHER;
    static final String STEPFATHER = "1207884321";

    @TempDir
    Path dir;

    static SyntheticData family(double brokenShare) {
        LocalDate born = LocalDate.of(2022, 3, 15);
        return new SyntheticData("159", LocalDate.of(2026, 11, 1),
                List.of(new PersonRecord(CHILD, Sex.FEMALE, born, PersonStatus.RESIDENT, "0159"),
                        new PersonRecord(MOTHER, Sex.FEMALE, LocalDate.of(1994, 5, 5), PersonStatus.RESIDENT, "0159"),
                        new PersonRecord(FATHER, Sex.MALE, LocalDate.of(1990, 1, 1), PersonStatus.RESIDENT, "0159"),
                        new PersonRecord(STEPFATHER, Sex.MALE, LocalDate.of(1988, 7, 12), PersonStatus.RESIDENT, "0159")),
                List.of(new NameRecord(CHILD, "Alma", null, "Testesen"), new NameRecord(MOTHER, "Birthe", "Marie", "Testesen"),
                        new NameRecord(FATHER, "Carl", null, "Prøvesen"), new NameRecord(STEPFATHER, "Dan", null, "Øvelund")),
                List.of(new AddressRecord(CHILD, "0159", "0042", "12", "2", "tv", born, "Egevej 12, 2. tv", "2860", "Søborg"),
                        new AddressRecord(MOTHER, "0159", "0042", "12", "2", "tv", LocalDate.of(2020, 1, 1), "Egevej 12, 2. tv", "2860", "Søborg"),
                        new AddressRecord(STEPFATHER, "0159", "0042", "12", "2", "tv", LocalDate.of(2025, 5, 1), "Egevej 12, 2. tv", "2860", "Søborg"),
                        new AddressRecord(FATHER, "0159", "0107", "3", null, null, LocalDate.of(2025, 2, 1), "Bøgevej 3", "2880", "Bagsværd")),
                List.of(new RelationRecord(RelationType.MOTHER_OF, MOTHER, CHILD, born, null),
                        new RelationRecord(RelationType.FATHER_OF, FATHER, CHILD, born, null),
                        new RelationRecord(RelationType.CUSTODY_HOLDER_OF, MOTHER, CHILD, born, null),
                        new RelationRecord(RelationType.CUSTODY_HOLDER_OF, FATHER, CHILD, born, null),
                        new RelationRecord(RelationType.SPOUSE_OF, MOTHER, STEPFATHER, LocalDate.of(2025, 8, 8), null)),
                List.of(new RiskEvent(Indicator.PARENTS_SEPARATION, FATHER, LocalDate.of(2025, 1, 31), null, null, null),
                        new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, CHILD, LocalDate.of(2025, 1, 31), null, "TP-1", null)),
                brokenShare);
    }

    @Test
    void writtenRecordsReadBackAsTheSameRecords() throws Exception {
        List<WrittenFile> files = new CprExtractWriter().write(family(0), dir, new Random(1));
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.file().getFileName().toString()).isEqualTo("U12170-P.20261101");
            assertThat(f.broken()).isZero();
        });
        List<String> lines = Files.readAllLines(files.get(0).file(), StandardCharsets.ISO_8859_1);
        assertThat(Files.readString(files.get(0).file(), StandardCharsets.ISO_8859_1)).contains("\r\n");
        CprExtractMapperTest.Collected c = CprExtractMapperTest.map(lines);
        assertThat(c.rejected).isEmpty();
        List<SourceRecord> read = c.all();
        SyntheticData d = family(0);
        assertThat(read).containsAll(d.persons().stream().map(p -> new PersonRecord(p.cpr(), p.sex(), p.birthDate(), p.status(), null)).toList());
        assertThat(read).containsAll(d.names());
        // the coded address makes the household, the written one goes to the vault
        assertThat(read).containsAll(d.addresses().stream().map(a -> new AddressRecord(a.cpr(), a.municipalityCode(), a.streetCode(), a.houseNumber(),
                a.floor(), a.door(), a.since(), null, null, null)).toList());
        assertThat(read).containsAll(d.addresses().stream().map(a -> new dk.tidlig.model.WrittenAddressRecord(a.cpr(), a.municipalityCode(),
                a.streetName(), a.postalCode(), a.city())).toList());
        // custody by the mother or the father is written as the CPR office writes it, and read as such
        assertThat(read).contains(new RelationRecord(RelationType.CUSTODY_BY_MOTHER, CHILD, CHILD, LocalDate.of(2022, 3, 15), null),
                new RelationRecord(RelationType.CUSTODY_BY_FATHER, CHILD, CHILD, LocalDate.of(2022, 3, 15), null));
        assertThat(read).contains(d.relations().stream().filter(r -> r.type() != RelationType.CUSTODY_HOLDER_OF).toArray(SourceRecord[]::new));
        // the written addresses stand as a section of their own after everybody's other records
        List<String> codes = lines.stream().map(l -> l.substring(0, 3)).toList();
        assertThat(codes.subList(codes.size() - 5, codes.size() - 1)).containsOnly("003");
        assertThat(read).contains(new RiskEvent(Indicator.PARENTS_SEPARATION, FATHER, LocalDate.of(2025, 1, 31), null, null, null));
        // the reverse side of the couples and the children records are there too
        assertThat(read).contains(new RelationRecord(RelationType.SPOUSE_OF, STEPFATHER, MOTHER, LocalDate.of(2025, 8, 8), null),
                new RelationRecord(RelationType.PARENT_OF, MOTHER, CHILD, null, null));
        assertThat(read).noneMatch(r -> r instanceof RiskEvent e && e.indicator() == Indicator.CHILD_DENTAL_NO_SHOW);
    }

    @Test
    void brokenRecordsAreCountedAndQuarantined() throws Exception {
        List<WrittenFile> files = new CprExtractWriter().write(family(1.0), dir, new Random(7));
        assertThat(files.get(0).broken()).isEqualTo(4);
        CprExtractMapperTest.Collected c = CprExtractMapperTest.map(Files.readAllLines(files.get(0).file(), StandardCharsets.ISO_8859_1));
        // the mapper catches broken dates; broken street codes and names are caught by validation in the pipeline
        long brokenInMapper = c.rejected.size();
        long brokenForValidation = c.all().stream().filter(r -> r instanceof AddressRecord a && !a.streetCode().matches("\\d+")).count();
        assertThat(brokenInMapper + brokenForValidation).isEqualTo(4);
    }
}
