// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.hl7.fhir.r4.model.Identifier;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.model.CprNumbers;

/** The CPR number among a Patient's or RelatedPerson's identifiers (DK-core: system urn:oid:1.2.208.176.1.2). */
final class CprIdentifiers {

    private CprIdentifiers() {
    }

    /**
     * The person's current CPR number, or empty when the identifiers hold none (eCPR only, a local number).
     * Identifiers marked old or whose period has ended are not current.
     *
     * @param what the resource type, for the reason
     * @throws RecordException when a CPR identifier breaks the CPR office's rules, or there are two
     */
    static Optional<String> current(List<Identifier> identifiers, String what) throws RecordException {
        TreeSet<String> found = new TreeSet<>();
        for (Identifier id : identifiers) {
            if (!id.hasSystem() || !Fhir.CPR.equals(id.getSystem().strip()) || !current(id)) {
                continue;
            }
            Optional<String> problem = CprNumbers.problem(id.getValue());
            if (problem.isPresent()) {
                throw new RecordException(what + ": CPR identifier: " + problem.get());
            }
            found.add(CprNumbers.normalise(id.getValue()));
        }
        if (found.size() > 1) {
            throw new RecordException(what + ": more than one current CPR identifier");
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found.first());
    }

    private static boolean current(Identifier id) {
        if (id.getUse() == Identifier.IdentifierUse.OLD) {
            return false;
        }
        if (id.hasPeriod() && id.getPeriod().hasEnd()) {
            Optional<LocalDate> end = FhirDates.lastDay(id.getPeriod().getEndElement());
            return end.isEmpty() || !end.get().isBefore(LocalDate.now());
        }
        return true;
    }
}
