// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.model.CprNumbers;
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

/**
 * Maps FHIR R4 resources in the DK-core profiles to the common model. Pure: no I/O, no OSGi, no Camel.
 *
 * <ul>
 * <li>Patient with a CPR identifier → {@link PersonRecord} (sex from gender, birth date) and, from the
 * official name, {@link NameRecord}. Without a CPR identifier (eCPR only): nothing, the person cannot be
 * linked.</li>
 * <li>RelatedPerson with a CPR identifier → {@link RelationRecord} per v3 RoleCode relationship: MTH/NMTH
 * mother, FTH/NFTH father, PRN/NPRN parent, GUARD custody holder (the related person of the patient);
 * CHILD/NCHILD/SON/DAU/SONC/DAUC child (the patient is the related person's parent); SPS/HUSB/WIFE spouse;
 * dated by RelatedPerson.period. Other relationships: nothing.</li>
 * <li>Appointment with status noshow and a service type in the {@link ServiceTypes} table → the
 * table's no-show indicator for the patient participant, dated by start. Any other appointment retracts
 * an earlier no-show with the same id.</li>
 * <li>Condition coded in SKS or ICD-10 chapter F → {@link Indicator#PARENT_PSYCHIATRIC_ILLNESS}, F10–F19
 * → {@link Indicator#PARENT_SUBSTANCE_ABUSE_TREATMENT}, dated by onset (or recorded date), with the code as
 * detail. Substance use is a period: from the onset to the abatement, or the onset day alone when the
 * condition has no abatement (an open period would count for ever). Only a condition whose
 * verificationStatus is {@code confirmed}, or that has no verificationStatus, gives an event; one that is
 * unconfirmed, provisional, differential, refuted or entered in error, or that is not in chapter F,
 * retracts an earlier event.</li>
 * </ul>
 *
 * Events are identified by {@code <ResourceType>/<id>}; a resource id that looks like a CPR number is
 * refused. An empty list means the resource carries nothing tidlig reads. The codes' display texts are
 * free text written by people and are not kept: the explanation names the code.
 */
public final class FhirMapper {

    /** The resource types read; every other type is skipped unread. */
    public static final Set<String> TYPES = Set.of("Patient", "RelatedPerson", "Appointment", "Condition");
    /** Resource types whose deletion (a Bundle entry with request DELETE) retracts an event. */
    private static final Set<String> EVENT_TYPES = Set.of("Appointment", "Condition");

    private static final Pattern PSYCHIATRIC = Pattern.compile("F\\d.*");
    private static final Pattern SUBSTANCE = Pattern.compile("F1\\d.*");
    private static final int MAX_SYSTEM = 64;
    /** Detail code system for a service type whose own system URL is too long to keep. */
    static final String SERVICE_TYPE_DETAIL = "fhir.serviceType";

    /** RoleCode → relation, and whether the patient (not the related person) is the relation's "from". */
    private record Role(RelationType type, boolean patientIsFrom) {
    }

    private static final Map<String, Role> ROLES = Map.ofEntries(
            Map.entry("MTH", new Role(RelationType.MOTHER_OF, false)),
            Map.entry("NMTH", new Role(RelationType.MOTHER_OF, false)),
            Map.entry("FTH", new Role(RelationType.FATHER_OF, false)),
            Map.entry("NFTH", new Role(RelationType.FATHER_OF, false)),
            Map.entry("PRN", new Role(RelationType.PARENT_OF, false)),
            Map.entry("NPRN", new Role(RelationType.PARENT_OF, false)),
            Map.entry("GUARD", new Role(RelationType.CUSTODY_HOLDER_OF, false)),
            Map.entry("CHILD", new Role(RelationType.PARENT_OF, true)),
            Map.entry("NCHILD", new Role(RelationType.PARENT_OF, true)),
            Map.entry("SON", new Role(RelationType.PARENT_OF, true)),
            Map.entry("DAU", new Role(RelationType.PARENT_OF, true)),
            Map.entry("SONC", new Role(RelationType.PARENT_OF, true)),
            Map.entry("DAUC", new Role(RelationType.PARENT_OF, true)),
            Map.entry("SPS", new Role(RelationType.SPOUSE_OF, false)),
            Map.entry("HUSB", new Role(RelationType.SPOUSE_OF, false)),
            Map.entry("WIFE", new Role(RelationType.SPOUSE_OF, false)));

    private final ServiceTypes serviceTypes;

    public FhirMapper(ServiceTypes serviceTypes) {
        this.serviceTypes = serviceTypes;
    }

    /**
     * Maps one resource.
     *
     * @param patients the delivery's Patients, for references
     * @return the records it gives; empty when it gives none
     * @throws RecordException to quarantine the resource, with the reason
     */
    public List<SourceRecord> map(Resource resource, PatientIndex patients) throws RecordException {
        if (resource instanceof Patient) {
            return patient((Patient) resource);
        }
        if (resource instanceof RelatedPerson) {
            return relatedPerson((RelatedPerson) resource, patients);
        }
        if (resource instanceof Appointment) {
            return appointment((Appointment) resource, patients);
        }
        if (resource instanceof Condition) {
            return condition((Condition) resource, patients);
        }
        return List.of();
    }

    /**
     * A Bundle entry that deletes a resource ({@code request.method = DELETE}): deleting an appointment or
     * a condition retracts the event it gave.
     *
     * @param url the entry's request URL, e.g. {@code Condition/123}
     */
    public List<SourceRecord> deleted(String url) throws RecordException {
        IdType id = new IdType(url == null ? "" : url.strip());
        if (!id.hasResourceType() || !EVENT_TYPES.contains(id.getResourceType())) {
            return List.of();
        }
        return List.of(new Retraction(recordId(id.getResourceType(), id.getIdPart())));
    }

    // --- Patient -------------------------------------------------------------------------------------

    private static List<SourceRecord> patient(Patient p) throws RecordException {
        Optional<String> cpr = CprIdentifiers.current(p.getIdentifier(), "Patient");
        if (cpr.isEmpty()) {
            return List.of(); // eCPR or a local number only: cannot be linked to anybody
        }
        List<SourceRecord> records = new ArrayList<>(2);
        records.add(new PersonRecord(cpr.get(), sex(p.getGender()), FhirDates.day(p.getBirthDateElement()).orElse(null), null, null));
        official(p.getName()).ifPresent(n -> {
            String given = n.getGiven().stream().map(StringType::getValue).filter(v -> v != null && !v.isBlank()).map(String::strip)
                    .reduce((a, b) -> a + " " + b).orElse("");
            String family = n.getFamily() == null ? "" : n.getFamily().strip();
            if (!given.isEmpty() && !family.isEmpty()) {
                records.add(new NameRecord(cpr.get(), given, null, family));
            }
        });
        return records;
    }

    private static Sex sex(AdministrativeGender gender) {
        if (gender == AdministrativeGender.FEMALE) {
            return Sex.FEMALE;
        }
        if (gender == AdministrativeGender.MALE) {
            return Sex.MALE;
        }
        return null; // other, unknown or absent: the CPR number says
    }

    /** The official name (DK-core slice name[official]); else the only name when it has no use. */
    private static Optional<HumanName> official(List<HumanName> names) {
        for (HumanName n : names) {
            if (n.getUse() == HumanName.NameUse.OFFICIAL) {
                return Optional.of(n);
            }
        }
        if (names.size() == 1 && !names.get(0).hasUse()) {
            return Optional.of(names.get(0));
        }
        return Optional.empty();
    }

    // --- RelatedPerson -------------------------------------------------------------------------------

    private static List<SourceRecord> relatedPerson(RelatedPerson rp, PatientIndex patients) throws RecordException {
        Optional<String> related = CprIdentifiers.current(rp.getIdentifier(), "RelatedPerson");
        if (related.isEmpty()) {
            return List.of();
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (CodeableConcept concept : rp.getRelationship()) {
            for (Coding c : concept.getCoding()) {
                if (c.hasSystem() && c.hasCode() && (Fhir.ROLE_CODE.equals(c.getSystem()) || Fhir.ROLE_CODE_OLD.equals(c.getSystem()))) {
                    Role role = ROLES.get(c.getCode().strip().toUpperCase(Locale.ROOT));
                    if (role != null) {
                        roles.add(role);
                    }
                }
            }
        }
        if (roles.isEmpty()) {
            return List.of(); // neighbour, sibling, contact person, ...: not a family relation tidlig uses
        }
        String patient = patients.cpr(rp.getPatient(), "RelatedPerson: patient");
        Period period = rp.getPeriod();
        LocalDate start = period.hasStart() ? FhirDates.firstDay(period.getStartElement()).orElse(null) : null;
        LocalDate end = period.hasEnd() ? FhirDates.lastDay(period.getEndElement()).orElse(null) : null;
        List<SourceRecord> records = new ArrayList<>(roles.size());
        for (Role role : roles) {
            records.add(role.patientIsFrom()
                    ? new RelationRecord(role.type(), patient, related.get(), start, end)
                    : new RelationRecord(role.type(), related.get(), patient, start, end));
        }
        return records;
    }

    // --- Appointment ---------------------------------------------------------------------------------

    private List<SourceRecord> appointment(Appointment a, PatientIndex patients) throws RecordException {
        String id = recordId("Appointment", a.getIdElement().getIdPart());
        if (a.getStatus() != Appointment.AppointmentStatus.NOSHOW) {
            return List.of(new Retraction(id)); // booked, fulfilled, cancelled, ...: not (or no longer) a no-show
        }
        Optional<Coding> service = Optional.empty();
        Optional<Indicator> indicator = Optional.empty();
        for (CodeableConcept concept : a.getServiceType()) {
            for (Coding c : concept.getCoding()) {
                indicator = serviceTypes.indicator(c.getSystem(), c.getCode());
                if (indicator.isPresent()) {
                    service = Optional.of(c);
                    break;
                }
            }
            if (indicator.isPresent()) {
                break;
            }
        }
        if (indicator.isEmpty()) {
            return List.of(new Retraction(id)); // a no-show at a service the model does not count
        }
        Appointment.AppointmentParticipantComponent patient = null;
        for (Appointment.AppointmentParticipantComponent p : a.getParticipant()) {
            if (patients.isPatient(p.getActor())) {
                if (patient != null) {
                    throw new RecordException("Appointment: more than one participant is a patient");
                }
                patient = p;
            }
        }
        if (patient == null) {
            throw new RecordException("Appointment: no participant is a patient");
        }
        String cpr = patients.cpr(patient.getActor(), "Appointment: participant");
        if (!a.hasStart()) {
            throw new RecordException("Appointment: start is missing");
        }
        LocalDate date = FhirDates.day(a.getStartElement()).orElseThrow(() -> new RecordException("Appointment: start is not a day"));
        Coding c = service.get();
        String system = c.getSystem().strip();
        return List.of(new RiskEvent(indicator.get(), cpr, date, null, id,
                List.of(DetailCode.of(system.length() <= MAX_SYSTEM ? system : SERVICE_TYPE_DETAIL, c.getCode().strip()))));
    }

    // --- Condition -----------------------------------------------------------------------------------

    private static List<SourceRecord> condition(Condition c, PatientIndex patients) throws RecordException {
        String id = recordId("Condition", c.getIdElement().getIdPart());
        if (!confirmedOrUnstated(c.getVerificationStatus())) {
            return List.of(new Retraction(id)); // a suspicion, a differential diagnosis, refuted or an error
        }
        Coding code = coding(c.getCode(), Fhir.SKS).or(() -> coding(c.getCode(), Fhir.ICD10)).orElse(null);
        if (code == null) {
            return List.of(new Retraction(id)); // neither SKS nor ICD-10: not a diagnosis tidlig reads
        }
        boolean sks = Fhir.SKS.equals(code.getSystem());
        Indicator indicator = classify(code.getCode(), sks);
        if (indicator == null) {
            return List.of(new Retraction(id)); // not a mental or behavioural disorder (chapter F)
        }
        LocalDate date = onset(c);
        LocalDate end = indicator.isPeriod() ? abatement(c).orElse(date) : null;
        if (end != null && end.isBefore(date)) {
            throw new RecordException("Condition: abatement lies before the onset");
        }
        String cpr = patients.cpr(c.getSubject(), "Condition: subject");
        return List.of(new RiskEvent(indicator, cpr, date, end, id,
                List.of(DetailCode.of(sks ? DetailCode.SKS : DetailCode.ICD10, code.getCode().strip()))));
    }

    /**
     * True for {@code confirmed}, and for a condition that states no verification status at all (many
     * systems only send confirmed diagnoses and leave the element out). A status in another code system
     * is read by its code.
     */
    private static boolean confirmedOrUnstated(CodeableConcept status) {
        List<Coding> codes = status.getCoding().stream().filter(v -> v.hasCode() && !v.getCode().isBlank())
                .filter(v -> !v.hasSystem() || Fhir.CONDITION_VER_STATUS.equals(v.getSystem())).toList();
        return codes.isEmpty() || codes.stream().allMatch(v -> "confirmed".equals(v.getCode().strip()));
    }

    /** The day the condition abated, from abatementDateTime or abatementPeriod.end, when it gives one. */
    private static Optional<LocalDate> abatement(Condition c) {
        if (c.hasAbatementDateTimeType()) {
            return FhirDates.day(c.getAbatementDateTimeType());
        }
        if (c.hasAbatementPeriod() && c.getAbatementPeriod().hasEnd()) {
            return FhirDates.lastDay(c.getAbatementPeriod().getEndElement());
        }
        return Optional.empty();
    }

    private static Optional<Coding> coding(CodeableConcept concept, String system) {
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem()) && c.hasCode() && !c.getCode().isBlank()).findFirst();
    }

    /** Chapter F of ICD-10 (SKS: DF): F10–F19 substance use, the rest psychiatric illness; null otherwise. */
    static Indicator classify(String code, boolean sks) {
        String c = code.strip().toUpperCase(Locale.ROOT);
        int plus = c.indexOf('+'); // SKS additional codes: DF322+TUL1
        if (plus >= 0) {
            c = c.substring(0, plus);
        }
        if (sks) {
            if (!c.startsWith("D")) {
                return null;
            }
            c = c.substring(1);
        }
        c = c.replace(".", "");
        if (!PSYCHIATRIC.matcher(c).matches()) {
            return null;
        }
        return SUBSTANCE.matcher(c).matches() ? Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT : Indicator.PARENT_PSYCHIATRIC_ILLNESS;
    }

    /** onsetDateTime when it gives a day, else recordedDate. */
    private static LocalDate onset(Condition c) throws RecordException {
        if (c.hasOnsetDateTimeType()) {
            Optional<LocalDate> day = FhirDates.day(c.getOnsetDateTimeType());
            if (day.isPresent()) {
                return day.get();
            }
        }
        if (c.hasRecordedDate()) {
            Optional<LocalDate> day = FhirDates.day(c.getRecordedDateElement());
            if (day.isPresent()) {
                return day.get();
            }
        }
        throw new RecordException("Condition: neither onsetDateTime nor recordedDate gives a day");
    }

    // --- common --------------------------------------------------------------------------------------

    /** {@code <ResourceType>/<id>}, the event's record id in tidlig. */
    private static String recordId(String type, String id) throws RecordException {
        if (id == null || id.isBlank()) {
            throw new RecordException(type + ": the resource has no id, so a later correction could not be matched to it");
        }
        if (CprNumbers.containsCprLike(id)) {
            throw new RecordException(type + ": the resource id looks like a CPR number and cannot be used as record id");
        }
        return type + "/" + id.strip();
    }
}
