// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import dk.tidlig.adapter.ExportWriter;
import dk.tidlig.adapter.SyntheticData;
import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;

/**
 * Writes what the region's FHIR server would export about the synthetic municipality, as one bulk-export
 * style NDJSON file (UTF-8, one resource per line, Patients first, so that every reference resolves in the
 * same file): psychiatric diagnoses (Condition, SKS code) for {@link Indicator#PARENT_PSYCHIATRIC_ILLNESS},
 * no-shows at the general practitioner (Appointment, status noshow, service type 124) for
 * {@link Indicator#MISSED_DOCTOR_APPOINTMENT}, the Patients those concern and the persons related to them
 * as mother, father or custody holder (RelatedPerson MTH, FTH, GUARD).
 *
 * <p>Dental, health-visitor and substance-abuse events are not written: other adapters deliver them, and
 * writing them twice would count them twice.
 *
 * <p>With a broken share above zero, that share of resources is broken in a way the adapter quarantines:
 * a Patient's birth date or a Condition's onset that does not exist (30 February), a RelatedPerson's CPR
 * number with month 13, an Appointment whose patient is given by a CPR number with month 13.
 */
public final class FhirWriter implements ExportWriter {

    static final String PATIENT_PROFILE = "http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient";
    static final String RELATED_PERSON_PROFILE = "http://hl7.dk/fhir/core/StructureDefinition/dk-core-related-person";
    static final String CONDITION_PROFILE = "http://hl7.dk/fhir/core/StructureDefinition/dk-core-condition";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Map<RelationType, String> ROLES = new EnumMap<>(Map.of(
            RelationType.MOTHER_OF, "MTH", RelationType.FATHER_OF, "FTH", RelationType.CUSTODY_HOLDER_OF, "GUARD"));

    private final FhirContext context;

    /** @param context the adapter's FHIR context (creating one takes a second) */
    public FhirWriter(FhirContext context) {
        this.context = context;
    }

    @Override
    public List<WrittenFile> write(SyntheticData data, Path directory, Random random) throws IOException {
        // as in the adapter's routes: HAPI FHIR looks for its model through the thread's class loader
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(FhirWriter.class.getClassLoader());
        try {
            return writeFile(data, directory, random);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private List<WrittenFile> writeFile(SyntheticData data, Path directory, Random random) throws IOException {
        List<RiskEvent> events = data.events().stream()
                .filter(e -> e.indicator() == Indicator.PARENT_PSYCHIATRIC_ILLNESS || e.indicator() == Indicator.MISSED_DOCTOR_APPOINTMENT)
                .toList();
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> subjects = new LinkedHashSet<>();
        events.forEach(e -> subjects.add(CprNumbers.normalise(e.subjectCpr())));
        List<RelationRecord> relations = new ArrayList<>();
        Set<String> persons = new LinkedHashSet<>(subjects);
        for (RelationRecord r : data.relations()) {
            String from = CprNumbers.normalise(r.fromCpr());
            String to = CprNumbers.normalise(r.toCpr());
            if (ROLES.containsKey(r.type()) && (subjects.contains(from) || subjects.contains(to))) {
                relations.add(r);
                persons.add(from);
                persons.add(to);
            }
        }
        Map<String, PersonRecord> registered = new HashMap<>();
        data.persons().forEach(p -> registered.put(CprNumbers.normalise(p.cpr()), p));
        Map<String, NameRecord> names = new HashMap<>();
        data.names().forEach(n -> names.put(CprNumbers.normalise(n.cpr()), n));
        Map<String, String> patientIds = new LinkedHashMap<>();
        for (String cpr : persons) {
            patientIds.put(cpr, "pt-" + (patientIds.size() + 1));
        }

        Files.createDirectories(directory);
        Path file = directory.resolve("sundhedsdata-" + data.extractDate().format(COMPACT) + ".ndjson");
        long written = 0;
        long broken = 0;
        IParser json = context.newJsonParser();
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (Map.Entry<String, String> p : patientIds.entrySet()) {
                boolean breakIt = breaks(data, random);
                out.write(patient(p.getValue(), p.getKey(), registered.get(p.getKey()), names.get(p.getKey()), breakIt, json));
                written++;
                broken += breakIt ? 1 : 0;
            }
            int n = 0;
            for (RelationRecord r : relations) {
                boolean breakIt = breaks(data, random);
                out.write(relatedPerson("rp-" + (++n), r, patientIds, breakIt, json));
                written++;
                broken += breakIt ? 1 : 0;
            }
            n = 0;
            for (RiskEvent e : events) {
                boolean breakIt = breaks(data, random);
                String id = e.sourceRecordId() != null && FHIR_ID.matcher(e.sourceRecordId()).matches() ? e.sourceRecordId() : "ev-" + (++n);
                String patient = "Patient/" + patientIds.get(CprNumbers.normalise(e.subjectCpr()));
                out.write(e.indicator() == Indicator.PARENT_PSYCHIATRIC_ILLNESS
                        ? condition(id, e, patient, breakIt, json)
                        : appointment(id, e, patient, breakIt, random, json));
                written++;
                broken += breakIt ? 1 : 0;
            }
        }
        return List.of(new WrittenFile(file, written, broken));
    }

    private static boolean breaks(SyntheticData data, Random random) {
        return data.brokenShare() > 0 && random.nextDouble() < data.brokenShare();
    }

    private static String patient(String id, String cpr, PersonRecord person, NameRecord name, boolean breakIt, IParser json) {
        Patient p = new Patient();
        p.setId(id);
        p.getMeta().addProfile(PATIENT_PROFILE);
        p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(Fhir.CPR).setValue(cpr);
        if (name != null) {
            HumanName n = p.addName().setUse(HumanName.NameUse.OFFICIAL)
                    .setFamily(name.middleName() == null || name.middleName().isBlank() ? name.lastName() : name.middleName() + " " + name.lastName());
            for (String given : name.firstNames().strip().split("\\s+")) {
                n.addGiven(given);
            }
        }
        Sex sex = person != null && person.sex() != null ? person.sex() : CprNumbers.sex(cpr);
        p.setGender(sex == Sex.FEMALE ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        LocalDate born = person != null && person.birthDate() != null ? person.birthDate() : CprNumbers.birthDate(cpr);
        p.setBirthDateElement(new DateType(born.toString()));
        String text = json.encodeResourceToString(p);
        return line(breakIt ? impossibleDate(text, "birthDate", born) : text);
    }

    private static String relatedPerson(String id, RelationRecord r, Map<String, String> patientIds, boolean breakIt, IParser json) {
        String related = CprNumbers.normalise(r.fromCpr());
        RelatedPerson rp = new RelatedPerson();
        rp.setId(id);
        rp.getMeta().addProfile(RELATED_PERSON_PROFILE);
        rp.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(Fhir.CPR).setValue(breakIt ? monthThirteen(related) : related);
        rp.setPatient(new Reference("Patient/" + patientIds.get(CprNumbers.normalise(r.toCpr()))));
        rp.addRelationship().addCoding().setSystem(Fhir.ROLE_CODE).setCode(ROLES.get(r.type()));
        if (r.start() != null) {
            rp.getPeriod().setStartElement(new DateTimeType(r.start().toString()));
        }
        if (r.end() != null) {
            rp.getPeriod().setEndElement(new DateTimeType(r.end().toString()));
        }
        return line(json.encodeResourceToString(rp));
    }

    private static String condition(String id, RiskEvent e, String patient, boolean breakIt, IParser json) {
        DetailCode sks = e.details().stream().filter(d -> DetailCode.SKS.equals(d.system())).findFirst()
                .orElse(new DetailCode(DetailCode.SKS, "DF99", "Psykisk lidelse uden specifikation"));
        Condition c = new Condition();
        c.setId(id);
        c.getMeta().addProfile(CONDITION_PROFILE);
        c.getClinicalStatus().addCoding().setSystem(CONDITION_CLINICAL).setCode("active");
        c.getVerificationStatus().addCoding().setSystem(Fhir.CONDITION_VER_STATUS).setCode("confirmed");
        c.addCategory().addCoding().setSystem(CONDITION_CATEGORY).setCode("encounter-diagnosis");
        c.getCode().addCoding().setSystem(Fhir.SKS).setCode(sks.code()).setDisplay(sks.display());
        c.setSubject(new Reference(patient));
        c.setOnset(new DateTimeType(e.start().toString()));
        String text = json.encodeResourceToString(c);
        return line(breakIt ? impossibleDate(text, "onsetDateTime", e.start()) : text);
    }

    private static String appointment(String id, RiskEvent e, String patient, boolean breakIt, Random random, IParser json) {
        Appointment a = new Appointment();
        a.setId(id);
        a.setStatus(Appointment.AppointmentStatus.NOSHOW);
        a.addServiceType().addCoding().setSystem(Fhir.SERVICE_TYPE).setCode("124").setDisplay("General Practice");
        Date start = Date.from(e.start().atTime(8 + random.nextInt(7), 15 * random.nextInt(4)).atZone(Fhir.DANISH_TIME).toInstant());
        a.setStartElement(danish(new InstantType(start)));
        a.setEndElement(danish(new InstantType(new Date(start.getTime() + 15 * 60_000L))));
        Reference actor = new Reference(patient);
        if (breakIt) {
            String cpr = CprNumbers.normalise(e.subjectCpr());
            actor = new Reference().setIdentifier(new Identifier().setSystem(Fhir.CPR).setValue(monthThirteen(cpr)));
        }
        a.addParticipant().setActor(actor).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(new Reference().setDisplay("Lægehuset")).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return line(json.encodeResourceToString(a));
    }

    private static InstantType danish(InstantType t) {
        t.setTimeZone(TimeZone.getTimeZone(Fhir.DANISH_TIME));
        return t;
    }

    /** The same date element with 30 February of its year: HAPI will not write an impossible date, so the text is changed. */
    private static String impossibleDate(String json, String element, LocalDate date) {
        String written = "\"" + element + "\":\"" + date + "\"";
        if (!json.contains(written)) {
            throw new IllegalStateException("the writer did not find the " + element + " it wrote");
        }
        return json.replace(written, "\"" + element + "\":\"" + date.getYear() + "-02-30\"");
    }

    private static String monthThirteen(String cpr) {
        return cpr.substring(0, 2) + "13" + cpr.substring(4);
    }

    private static String line(String text) {
        return text + "\n";
    }
}
