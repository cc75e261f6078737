// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
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
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.NameRecord;
import dk.tidlig.model.PersonRecord;
import dk.tidlig.model.RelationRecord;
import dk.tidlig.model.RelationType;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.Sex;
import dk.tidlig.model.SourceRecord;

/** The mapping on HAPI resources built in code: no parsing, no Camel. */
class FhirMapperTest {

    static final String CHILD = "1503224012";
    static final String MOTHER = "0505941234";
    static final String FATHER = "0101901233";

    final FhirMapper mapper = new FhirMapper(ServiceTypes.defaults());
    PatientIndex patients;

    @BeforeEach
    void family() {
        patients = new PatientIndex();
        patients.add("urn:uuid:child", patient("pt-1", CHILD));
        patients.add("https://fhir.example/fhir/Patient/pt-2", patient("pt-2", MOTHER));
        patients.add(null, patient("pt-3", FATHER));
        Patient eCpr = new Patient();
        eCpr.setId("pt-4");
        eCpr.addIdentifier().setSystem("urn:oid:1.2.208.176.1.6.1.1").setValue("2811880XK3");
        patients.add(null, eCpr);
    }

    static Patient patient(String id, String cpr) {
        Patient p = new Patient();
        p.setId(id);
        p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(Fhir.CPR).setValue(cpr);
        return p;
    }

    List<SourceRecord> map(Resource r) throws RecordException {
        return mapper.map(r, patients);
    }

    String reason(Resource r) {
        try {
            List<SourceRecord> records = map(r);
            throw new AssertionError("expected a quarantine reason, got " + records);
        } catch (RecordException e) {
            return e.getMessage();
        }
    }

    @Nested
    class Patients {
        @Test
        void aPatientWithCprNumberIsAPersonWithTheOfficialName() throws RecordException {
            Patient p = patient("pt-1", CHILD);
            p.addName().setUse(HumanName.NameUse.USUAL).addGiven("Allie");
            p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily("Testesen").addGiven("Alma").addGiven("Sofie");
            p.setGender(AdministrativeGender.FEMALE).setBirthDateElement(new DateType("2022-03-15"));
            assertThat(map(p)).containsExactly(new PersonRecord(CHILD, Sex.FEMALE, LocalDate.of(2022, 3, 15), null, null),
                    new NameRecord(CHILD, "Alma Sofie", null, "Testesen"));
        }

        @Test
        void sexAndBirthDateAreLeftToTheCprNumberWhenTheResourceDoesNotSayThemPrecisely() throws RecordException {
            Patient p = patient("pt-1", "150322-4012").setGender(AdministrativeGender.UNKNOWN).setBirthDateElement(new DateType("2022"));
            p.addName().setFamily("Testesen"); // no given name: no name record
            assertThat(map(p)).containsExactly(PersonRecord.ofCpr(CHILD));
        }

        @Test
        void aPatientWithoutCprNumberCannotBeLinkedAndGivesNothing() throws RecordException {
            Patient p = new Patient();
            p.addIdentifier().setSystem("urn:oid:1.2.208.176.1.6.1.1").setValue("2811880XK3");
            assertThat(map(p)).isEmpty();
            Patient old = patient("pt-1", CHILD);
            old.getIdentifierFirstRep().setUse(Identifier.IdentifierUse.OLD);
            assertThat(map(old)).isEmpty();
        }

        @Test
        void aBrokenCprNumberOrTwoOfThemAreQuarantinedWithoutQuotingThem() {
            assertThat(reason(patient("pt-1", "3113204123"))).isEqualTo("Patient: CPR identifier: CPR number has a month that does not exist");
            Patient two = patient("pt-1", CHILD);
            two.addIdentifier().setSystem(Fhir.CPR).setValue(MOTHER);
            assertThat(reason(two)).isEqualTo("Patient: more than one current CPR identifier");
        }
    }

    @Nested
    class RelatedPersons {
        RelatedPerson related(String cpr, String patientReference, String... roles) {
            RelatedPerson rp = new RelatedPerson();
            rp.setId("rp-1");
            rp.addIdentifier().setSystem(Fhir.CPR).setValue(cpr);
            rp.setPatient(new Reference(patientReference));
            for (String role : roles) {
                rp.addRelationship().addCoding().setSystem(Fhir.ROLE_CODE).setCode(role);
            }
            return rp;
        }

        @Test
        void motherAndCustodyHolderOfThePatient() throws RecordException {
            RelatedPerson rp = related(MOTHER, "urn:uuid:child", "MTH", "GUARD");
            rp.getPeriod().setStartElement(new DateTimeType("2022-03-15"));
            assertThat(map(rp)).containsExactly(new RelationRecord(RelationType.MOTHER_OF, MOTHER, CHILD, LocalDate.of(2022, 3, 15), null),
                    new RelationRecord(RelationType.CUSTODY_HOLDER_OF, MOTHER, CHILD, LocalDate.of(2022, 3, 15), null));
        }

        @Test
        void fatherByTypeAndIdWithAPeriodGivenToTheYear() throws RecordException {
            RelatedPerson rp = related(FATHER, "Patient/pt-1", "FTH");
            rp.getPeriod().setStartElement(new DateTimeType("2022")).setEndElement(new DateTimeType("2024-02"));
            assertThat(map(rp)).containsExactly(new RelationRecord(RelationType.FATHER_OF, FATHER, CHILD, LocalDate.of(2022, 1, 1),
                    LocalDate.of(2024, 2, 29)));
        }

        @Test
        void aChildOfThePatientMakesThePatientItsParent() throws RecordException {
            assertThat(map(related(CHILD, "https://fhir.example/fhir/Patient/pt-2", "CHILD")))
                    .containsExactly(new RelationRecord(RelationType.PARENT_OF, MOTHER, CHILD, null, null));
        }

        @Test
        void aSpouse() throws RecordException {
            assertThat(map(related(FATHER, "Patient/pt-2", "SPS"))).containsExactly(new RelationRecord(RelationType.SPOUSE_OF, FATHER, MOTHER, null, null));
        }

        @Test
        void neighboursAndPersonsWithoutCprNumberGiveNothing() throws RecordException {
            assertThat(map(related(FATHER, "Patient/pt-1", "NBOR"))).isEmpty();
            RelatedPerson noCpr = related(FATHER, "Patient/pt-1", "FTH");
            noCpr.getIdentifierFirstRep().setSystem("urn:oid:1.2.208.176.1.6.1.1");
            assertThat(map(noCpr)).isEmpty();
        }

        @Test
        void aPatientThatCannotBeResolvedIsAReason() {
            assertThat(reason(related(FATHER, "Patient/pt-99", "FTH"))).isEqualTo("RelatedPerson: patient refers to a patient not in this delivery");
            assertThat(reason(related(FATHER, "Patient/pt-4", "FTH"))).isEqualTo("RelatedPerson: patient refers to a patient without a CPR number");
            assertThat(reason(related(FATHER, "Group/g-1", "FTH"))).isEqualTo("RelatedPerson: patient refers to a Group, not a patient");
        }
    }

    @Nested
    class Appointments {
        Appointment appointment(String id, AppointmentStatus status, String serviceCode, Reference... actors) {
            Appointment a = new Appointment();
            a.setId(id);
            a.setStatus(status);
            a.addServiceType().addCoding().setSystem(Fhir.SERVICE_TYPE).setCode(serviceCode).setDisplay("Service " + serviceCode);
            a.setStartElement(new InstantType("2025-11-03T08:30:00+01:00"));
            for (Reference actor : actors) {
                a.addParticipant().setActor(actor);
            }
            return a;
        }

        @Test
        void aNoShowIsTheServiceTypesIndicatorForThePatientParticipant() throws RecordException {
            for (String[] c : new String[][] {{"88", "CHILD_DENTAL_NO_SHOW"}, {"92", "CHILD_DENTAL_NO_SHOW"},
                {"58", "CHILD_HEALTH_VISITOR_NO_SHOW"}, {"124", "MISSED_DOCTOR_APPOINTMENT"}}) {
                assertThat(map(appointment("a-1", AppointmentStatus.NOSHOW, c[0], new Reference("Practitioner/dr"), new Reference("urn:uuid:child"))))
                        .containsExactly(new RiskEvent(Indicator.valueOf(c[1]), CHILD, LocalDate.of(2025, 11, 3), null, "Appointment/a-1",
                                List.of(DetailCode.of(Fhir.SERVICE_TYPE, c[0]))));
            }
        }

        @Test
        void theDayIsTheDanishDay() throws RecordException {
            Appointment a = appointment("a-1", AppointmentStatus.NOSHOW, "124", new Reference("Patient/pt-1"));
            a.setStartElement(new InstantType("2025-03-29T23:30:00Z"));
            assertThat(((RiskEvent) map(a).get(0)).start()).isEqualTo(LocalDate.of(2025, 3, 30));
        }

        @Test
        void thePatientMayBeGivenByCprNumberOrContained() throws RecordException {
            Reference logical = new Reference().setIdentifier(new Identifier().setSystem(Fhir.CPR).setValue("2109194001"));
            assertThat(((RiskEvent) map(appointment("a-1", AppointmentStatus.NOSHOW, "124", logical)).get(0)).subjectCpr()).isEqualTo("2109194001");
            Appointment contained = appointment("a-2", AppointmentStatus.NOSHOW, "124", new Reference("#p"));
            Patient p = patient("p", MOTHER);
            contained.addContained(p);
            contained.getParticipantFirstRep().getActor().setResource(p);
            assertThat(((RiskEvent) map(contained).get(0)).subjectCpr()).isEqualTo(MOTHER);
        }

        @Test
        void otherStatusesAndOtherServicesRetractAnEarlierNoShow() throws RecordException {
            assertThat(map(appointment("a-1", AppointmentStatus.FULFILLED, "124", new Reference("Patient/pt-1"))))
                    .containsExactly(new Retraction("Appointment/a-1"));
            assertThat(map(appointment("a-2", AppointmentStatus.NOSHOW, "65", new Reference("Patient/pt-1"))))
                    .containsExactly(new Retraction("Appointment/a-2"));
        }

        @Test
        void participantsThatAreNotOneResolvablePatientAreReasons() {
            assertThat(reason(appointment("a-1", AppointmentStatus.NOSHOW, "124", new Reference("Patient/pt-99"))))
                    .isEqualTo("Appointment: participant refers to a patient not in this delivery");
            assertThat(reason(appointment("a-1", AppointmentStatus.NOSHOW, "124", new Reference("Practitioner/dr"))))
                    .isEqualTo("Appointment: no participant is a patient");
            assertThat(reason(appointment("a-1", AppointmentStatus.NOSHOW, "124", new Reference("Patient/pt-1"), new Reference("Patient/pt-2"))))
                    .isEqualTo("Appointment: more than one participant is a patient");
            Reference badCpr = new Reference().setIdentifier(new Identifier().setSystem(Fhir.CPR).setValue("0113204123"));
            assertThat(reason(appointment("a-1", AppointmentStatus.NOSHOW, "124", badCpr)))
                    .isEqualTo("Appointment: participant refers to a patient by an invalid CPR identifier: CPR number has a month that does not exist");
            Appointment noStart = appointment("a-1", AppointmentStatus.NOSHOW, "124", new Reference("Patient/pt-1"));
            noStart.setStartElement(null);
            assertThat(reason(noStart)).isEqualTo("Appointment: start is missing");
        }

        @Test
        void anIdThatLooksLikeACprNumberOrNoIdIsAReason() {
            assertThat(reason(appointment("0101901233", AppointmentStatus.FULFILLED, "124")))
                    .isEqualTo("Appointment: the resource id looks like a CPR number and cannot be used as record id");
            Appointment noId = appointment("x", AppointmentStatus.NOSHOW, "124", new Reference("Patient/pt-1"));
            noId.setIdElement(null);
            assertThat(reason(noId)).isEqualTo("Appointment: the resource has no id, so a later correction could not be matched to it");
        }
    }

    @Nested
    class Conditions {
        Condition condition(String id, String system, String code, String subject) {
            Condition c = new Condition();
            c.setId(id);
            c.getCode().addCoding().setSystem(system).setCode(code);
            c.setSubject(new Reference(subject));
            c.setOnset(new DateTimeType("2025-03-02"));
            return c;
        }

        @Test
        void chapterFIsAPsychiatricIllnessAndF10ToF19SubstanceUse() throws RecordException {
            assertThat(map(condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2"))).containsExactly(new RiskEvent(Indicator.PARENT_PSYCHIATRIC_ILLNESS,
                    MOTHER, LocalDate.of(2025, 3, 2), null, "Condition/c-1", List.of(DetailCode.of(DetailCode.SKS, "DF322"))));
            assertThat(map(condition("c-2", Fhir.ICD10, "F10.2", "Patient/pt-3"))).containsExactly(new RiskEvent(
                    Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, FATHER, LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 2), "Condition/c-2",
                    List.of(DetailCode.of(DetailCode.ICD10, "F10.2"))));
        }

        @Test
        void classification() {
            assertThat(FhirMapper.classify("DF20", true)).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
            assertThat(FhirMapper.classify("DF322+TUL1", true)).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
            assertThat(FhirMapper.classify("df101", true)).isEqualTo(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT);
            assertThat(FhirMapper.classify("DF19", true)).isEqualTo(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT);
            assertThat(FhirMapper.classify("DF20", false)).as("SKS code in the ICD-10 system").isNull();
            assertThat(FhirMapper.classify("F32.2", false)).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
            assertThat(FhirMapper.classify("F1", false)).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
            assertThat(FhirMapper.classify("F09", false)).isEqualTo(Indicator.PARENT_PSYCHIATRIC_ILLNESS);
            assertThat(FhirMapper.classify("F19.9", false)).isEqualTo(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT);
            assertThat(FhirMapper.classify("DE11", true)).isNull();
            assertThat(FhirMapper.classify("DZ340", true)).isNull();
            assertThat(FhirMapper.classify("F", false)).isNull();
        }

        @Test
        void anOnsetGivenToTheMonthGivesWayToTheRecordedDate() throws RecordException {
            Condition c = condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2");
            c.setOnset(new DateTimeType("2025-03"));
            c.setRecordedDateElement(new DateTimeType("2025-04-07T23:10:00Z"));
            assertThat(((RiskEvent) map(c).get(0)).start()).isEqualTo(LocalDate.of(2025, 4, 8));
            c.setRecordedDateElement(null);
            assertThat(reason(c)).isEqualTo("Condition: neither onsetDateTime nor recordedDate gives a day");
        }

        @Test
        void errorsRefutationsAndOtherDiagnosesRetractAnEarlierEvent() throws RecordException {
            for (String status : new String[] {"entered-in-error", "refuted", "unconfirmed", "provisional", "differential"}) {
                Condition c = condition("c-1", Fhir.SKS, "DF322", "Patient/pt-99");
                c.getVerificationStatus().addCoding().setSystem(Fhir.CONDITION_VER_STATUS).setCode(status);
                assertThat(map(c)).containsExactly(new Retraction("Condition/c-1"));
            }
            assertThat(map(condition("c-2", Fhir.SKS, "DE11", "Patient/pt-2"))).containsExactly(new Retraction("Condition/c-2"));
            assertThat(map(condition("c-3", "http://snomed.info/sct", "35489007", "Patient/pt-2"))).containsExactly(new Retraction("Condition/c-3"));
        }

        @Test
        void aConfirmedConditionOrOneWithoutVerificationStatusCounts() throws RecordException {
            Condition confirmed = condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2");
            confirmed.getVerificationStatus().addCoding().setSystem(Fhir.CONDITION_VER_STATUS).setCode("confirmed");
            assertThat(map(confirmed)).singleElement().isInstanceOf(RiskEvent.class);
            Condition noSystem = condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2");
            noSystem.getVerificationStatus().addCoding().setCode("provisional");
            assertThat(map(noSystem)).as("a status code without its system is still read").containsExactly(new Retraction("Condition/c-1"));
            assertThat(map(condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2"))).singleElement().isInstanceOf(RiskEvent.class);
        }

        @Test
        void substanceUseLastsFromOnsetToAbatementOrOnlyTheOnsetDay() throws RecordException {
            Condition c = condition("c-2", Fhir.ICD10, "F10.2", "Patient/pt-3");
            c.setAbatement(new DateTimeType("2025-09-30"));
            assertThat(((RiskEvent) map(c).get(0)).end()).isEqualTo(LocalDate.of(2025, 9, 30));
            c.setAbatement(new org.hl7.fhir.r4.model.Period().setEndElement(new DateTimeType("2025-10")));
            assertThat(((RiskEvent) map(c).get(0)).end()).isEqualTo(LocalDate.of(2025, 10, 31));
            c.setAbatement(new DateTimeType("2025-01-01"));
            assertThat(reason(c)).isEqualTo("Condition: abatement lies before the onset");
            c.setAbatement(null);
            assertThat(((RiskEvent) map(c).get(0)).end()).as("no abatement: the onset day, not an open period").isEqualTo(LocalDate.of(2025, 3, 2));
            assertThat(((RiskEvent) map(condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2")).get(0)).end()).as("psychiatric illness is dated").isNull();
        }

        @Test
        void theCodesDisplayTextIsNotKept() throws RecordException {
            Condition c = condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2");
            c.getCode().getCodingFirstRep().setDisplay("free text a person wrote");
            assertThat(((RiskEvent) map(c).get(0)).details()).containsExactly(DetailCode.of(DetailCode.SKS, "DF322"));
        }

        @Test
        void theSubjectMustBeAPatientWithCprNumber() {
            assertThat(reason(condition("c-1", Fhir.SKS, "DF322", "Group/g-1"))).isEqualTo("Condition: subject refers to a Group, not a patient");
            assertThat(reason(condition("c-1", Fhir.SKS, "DF322", "Patient/pt-4"))).isEqualTo("Condition: subject refers to a patient without a CPR number");
            assertThat(reason(condition("c-1", Fhir.SKS, "DF322", "0101901233/x"))).isEqualTo("Condition: subject refers to a resource, not a patient");
            Condition none = condition("c-1", Fhir.SKS, "DF322", "Patient/pt-2");
            none.setSubject(null);
            assertThat(reason(none)).isEqualTo("Condition: subject is missing");
        }
    }

    @Test
    void aDeletedAppointmentOrConditionRetractsItsEvent() throws RecordException {
        assertThat(mapper.deleted("Condition/c-1")).containsExactly(new Retraction("Condition/c-1"));
        assertThat(mapper.deleted("https://fhir.example/fhir/Appointment/a-1/_history/3")).containsExactly(new Retraction("Appointment/a-1"));
        assertThat(mapper.deleted("Patient/pt-1")).isEmpty();
    }

    @Test
    void aPatientIdGivenTwiceWithDifferentCprNumbersResolvesToNeither() {
        patients.add(null, patient("pt-1", "2109194001"));
        Condition c = new Condition();
        c.setId("c-1");
        c.getCode().addCoding().setSystem(Fhir.SKS).setCode("DF322");
        c.setSubject(new Reference("Patient/pt-1"));
        c.setOnset(new DateTimeType("2025-03-02"));
        assertThat(reason(c)).isEqualTo("Condition: subject refers to a patient that occurs more than once in this delivery with different CPR numbers");
    }

    @Test
    void otherResourceTypesGiveNothing() throws RecordException {
        assertThat(map(new org.hl7.fhir.r4.model.Observation())).isEmpty();
    }
}
