// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.model.CprNumbers;

/**
 * The Patients of one delivery, so that references to them can be turned into CPR numbers. A reference
 * is resolved, in this order:
 * <ol>
 * <li>to a contained Patient ({@code #p1});</li>
 * <li>to a Patient of the delivery by its full URL ({@code urn:uuid:…}, {@code https://…/Patient/123}) or by
 * type and id ({@code Patient/123}, also absolute or versioned);</li>
 * <li>logically, by its identifier, when that is a CPR number (a Patient need not be in the delivery then).</li>
 * </ol>
 * What cannot be resolved is a reason to quarantine the referring resource. Reasons never quote a
 * reference or a number.
 */
public final class PatientIndex {

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    /** What a key leads to: a CPR number, or why there is none. */
    private record Known(String cpr, String problem) {
    }

    private static final Known AMBIGUOUS = new Known(null, "a patient that occurs more than once in this delivery with different CPR numbers");

    private final Map<String, Known> byKey = new HashMap<>();

    /** Adds a Patient of the delivery, under its full URL (in a Bundle) and its type and id. */
    public void add(String fullUrl, Patient patient) {
        Known known = known(patient);
        if (fullUrl != null && !fullUrl.isBlank()) {
            put(fullUrl.strip(), known);
            IdType url = new IdType(fullUrl.strip());
            if ("Patient".equals(url.getResourceType()) && url.hasIdPart()) {
                put("Patient/" + url.getIdPart(), known);
            }
        }
        String id = patient.getIdElement().getIdPart();
        if (id != null && !id.isBlank()) {
            put("Patient/" + id, known);
        }
    }

    public int size() {
        return byKey.size();
    }

    private void put(String key, Known known) {
        byKey.merge(key, known, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
    }

    private static Known known(Patient patient) {
        try {
            Optional<String> cpr = CprIdentifiers.current(patient.getIdentifier(), "Patient");
            return cpr.isPresent() ? new Known(cpr.get(), null) : new Known(null, "a patient without a CPR number");
        } catch (RecordException e) {
            return new Known(null, "a patient whose CPR identifier is invalid");
        }
    }

    /**
     * The CPR number of the patient a reference points at.
     *
     * @param where the resource type and element, for the reason ("Condition: subject")
     * @throws RecordException when the reference cannot be resolved to a CPR number
     */
    public String cpr(Reference reference, String where) throws RecordException {
        if (reference == null || reference.isEmpty()) {
            throw new RecordException(where + " is missing");
        }
        IBaseResource target = reference.getResource();
        if (target != null) {
            if (!(target instanceof Patient)) {
                throw new RecordException(where + " refers to " + typeName(target.fhirType()) + ", not a patient");
            }
            return unwrap(known((Patient) target), where);
        }
        if (reference.hasReference()) {
            String ref = reference.getReference().strip();
            Known known = byKey.get(ref);
            if (known == null) {
                IdType id = new IdType(ref);
                if (id.hasResourceType() && id.hasIdPart()) {
                    if (!"Patient".equals(id.getResourceType())) {
                        throw new RecordException(where + " refers to " + typeName(id.getResourceType()) + ", not a patient");
                    }
                    known = byKey.get("Patient/" + id.getIdPart());
                }
            }
            if (known != null) {
                return unwrap(known, where);
            }
            if (!reference.hasIdentifier()) {
                throw new RecordException(where + " refers to a patient not in this delivery");
            }
        }
        if (reference.hasIdentifier()) {
            return logical(reference.getIdentifier(), where);
        }
        throw new RecordException(where + " has neither a reference nor a CPR identifier");
    }

    /** True when the reference points at a patient (rather than a practitioner, a location, ...). */
    public boolean isPatient(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return false;
        }
        if (reference.getResource() != null) {
            return reference.getResource() instanceof Patient;
        }
        if (reference.hasReference()) {
            String ref = reference.getReference().strip();
            if (byKey.containsKey(ref)) {
                return true;
            }
            IdType id = new IdType(ref);
            if (id.hasResourceType()) {
                return "Patient".equals(id.getResourceType());
            }
        }
        if (reference.hasType()) {
            return "Patient".equals(reference.getType());
        }
        return reference.hasIdentifier() && Fhir.CPR.equals(reference.getIdentifier().getSystem());
    }

    private static String logical(Identifier identifier, String where) throws RecordException {
        if (!identifier.hasSystem() || !Fhir.CPR.equals(identifier.getSystem().strip())) {
            throw new RecordException(where + " refers to a patient by an identifier that is not a CPR number");
        }
        Optional<String> problem = CprNumbers.problem(identifier.getValue());
        if (problem.isPresent()) {
            throw new RecordException(where + " refers to a patient by an invalid CPR identifier: " + problem.get());
        }
        return CprNumbers.normalise(identifier.getValue());
    }

    private static String unwrap(Known known, String where) throws RecordException {
        if (known.cpr() == null) {
            throw new RecordException(where + " refers to " + known.problem());
        }
        return known.cpr();
    }

    /** "a Group", or a neutral phrase when the type is not a FHIR type name (it comes from the file). */
    private static String typeName(String type) {
        if (type == null || !TYPE_NAME.matcher(type).matches()) {
            return "a resource";
        }
        return ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}
