// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ca.uhn.fhir.context.FhirContext;
import dk.tidlig.adapter.FileFormatException;

/** Cutting deliveries into items, and parsing items with HAPI FHIR. */
class DeliveryTest {

    static final Path SAMPLES = Path.of("src/test/resources/samples");
    static ResourceParser parser;

    @TempDir
    Path dir;

    @BeforeAll
    static void context() {
        parser = new ResourceParser(FhirContext.forR4());
    }

    static List<Item> items(Path file) throws IOException, FileFormatException {
        List<Item> items = new ArrayList<>();
        Delivery.open(file, file.getFileName().toString(), StandardCharsets.UTF_8).forEach(items::add);
        return items;
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aJsonBundleGivesOneItemPerEntryWithItsFullUrl() throws Exception {
        List<Item> items = items(SAMPLES.resolve("region-20260601.json"));
        assertThat(items).hasSize(13);
        assertThat(items).extracting(Item::position).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(items.get(0).fullUrl()).isEqualTo("urn:uuid:6f1c2d2e-5b7a-4c61-9a0e-2f4b8a1d3c01");
        assertThat(items).extracting(Item::resourceType).containsExactly("Patient", "Patient", "Patient", "RelatedPerson", "RelatedPerson",
                "Condition", "Appointment", "Condition", "Condition", "Appointment", "Patient", "Practitioner", "Condition");
        assertThat(items.get(0).text()).startsWith("{\"resourceType\":\"Patient\",\"id\":\"pt-1001\"").doesNotContain("\n");
        assertThat(items.get(0).xml()).isFalse();
    }

    @Test
    void anXmlBundleGivesEachEntrysResourceAsADocumentOfItsOwnAndDeletions() throws Exception {
        List<Item> items = items(SAMPLES.resolve("henvisninger-20260601.xml"));
        assertThat(items).extracting(Item::resourceType).containsExactly("Patient", "Condition", "Condition", "Condition", null);
        assertThat(items.get(0).text()).startsWith("<Patient xmlns=\"http://hl7.org/fhir\">");
        assertThat(items.get(0).fullUrl()).isEqualTo("urn:uuid:0b9e4c1a-7d2f-4e8b-b3a6-5c1d9e2f7a10");
        assertThat(items.get(4).deleteUrl()).isEqualTo("Appointment/appt-3201");
        ResourceParser.Parsed p = parser.parse(items.get(0));
        assertThat(p.problem()).isNull();
        assertThat(((Patient) p.resource()).getIdentifierFirstRep().getValue()).isEqualTo("0909894022");
        assertThat(parser.json(p.resource())).startsWith("{\"resourceType\":\"Patient\",\"id\":\"pt-3001\"");
    }

    @Test
    void ndjsonGivesOneItemPerLineWithBlankAndBrokenLinesMarked() throws Exception {
        List<Item> items = items(SAMPLES.resolve("bulk-20260601.ndjson"));
        assertThat(items).hasSize(11);
        assertThat(items.get(6).resourceType()).isNull();
        assertThat(items.get(6).problem()).isNull();
        assertThat(items.get(7).problem()).isEqualTo("the line is not valid JSON (column 91)");
        assertThat(items.get(10).resourceType()).isEqualTo("Observation");
    }

    @Test
    void aFileWithOneResourceIsOneItemAndAByteOrderMarkIsAllowed() throws Exception {
        Path json = write("one.json", "\uFEFF{\"resourceType\":\"Condition\",\"id\":\"c-1\"}");
        assertThat(items(json)).singleElement().satisfies(i -> {
            assertThat(i.position()).isEqualTo(1);
            assertThat(parser.parse(i).resource()).isInstanceOf(Condition.class);
        });
        Path xml = write("one.xml", "\uFEFF<?xml version=\"1.0\"?><Condition xmlns=\"http://hl7.org/fhir\"><id value=\"c-1\"/></Condition>");
        assertThat(items(xml)).singleElement().satisfies(i -> assertThat(parser.parse(i).resource()).isInstanceOf(Condition.class));
    }

    @Test
    void filesThatAreNotWhatTheirNameSaysAreRefusedWithoutQuotingThem() throws Exception {
        assertThatThrownBy(() -> items(write("a.json", "[{\"resourceType\":\"Patient\"}]"))).isInstanceOf(FileFormatException.class)
                .hasMessage("the file is not a FHIR resource in JSON: it is not a JSON object");
        assertThatThrownBy(() -> items(write("b.json", "{\"name\":\"0101901233\"}"))).isInstanceOf(FileFormatException.class)
                .hasMessage("the file is not a FHIR resource in JSON: it has no resourceType");
        assertThatThrownBy(() -> items(write("c.json", "{\"resourceType\":\"Bundle\",\"entry\":{}}"))).isInstanceOf(FileFormatException.class)
                .hasMessage("the Bundle's entry is not a list");
        assertThatThrownBy(() -> items(write("d.json", "{\"resourceType\":\"Patient\"} {}"))).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("the file is not valid JSON");
        assertThatThrownBy(() -> items(write("e.xml", "<Bundle xmlns=\"http://hl7.org/fhir\"><entry><resource>0101901233</entry></Bundle>")))
                .isInstanceOf(FileFormatException.class).hasMessage("the file is not well-formed XML (line 1, column 66)");
        assertThatThrownBy(() -> items(write("f.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Bundle xmlns=\"http://hl7.org/fhir\">&e;</Bundle>")))
                .isInstanceOf(FileFormatException.class).hasMessageStartingWith("the file is not well-formed XML");
        assertThatThrownBy(() -> items(write("g.csv", "a;b"))).isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("the file name must end in .json");
    }

    @Test
    void invalidValuesAreNamedByElementNeverQuoted() throws Exception {
        Item item = Item.resource(1, "{\"resourceType\":\"Patient\",\"gender\":\"0101901233\",\"birthDate\":\"1990-02-30\","
                + "\"identifier\":[{\"system\":\"urn:oid:1.2.208.176.1.2\",\"value\":\"0101901233\"}]}", false, "Patient", null);
        ResourceParser.Parsed p = parser.parse(item);
        assertThat(p.problem()).isEqualTo("Patient: invalid values in birthDate, gender");
        assertThat(((Patient) p.resource()).getIdentifierFirstRep().getValue()).as("what could be read is there").isEqualTo("0101901233");
        assertThat(parser.parse(Item.resource(1, "{\"resourceType\":\"Patient\",\"active\":\"yes\"}", false, "Patient", null)).problem())
                .isEqualTo("Patient: invalid value in active");
        assertThat(parser.parse(Item.resource(1, "{\"resourceType\":\"Patient\",\"contained\":[{\"resourceType\":\"Nonsense\"}]}", false,
                "Patient", null)).problem()).isEqualTo("Patient: not a valid FHIR R4 resource (HAPI-1684)");
        assertThat(parser.parse(Item.resource(1, "{\"resourceType\":\"Patient\",\"unknownElement\":1}", false, "Patient", null)).problem())
                .as("unknown elements are ignored").isNull();
    }
}
