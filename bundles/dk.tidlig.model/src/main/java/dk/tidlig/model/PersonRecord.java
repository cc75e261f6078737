// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;

import dk.tidlig.model.validation.Cpr;
import dk.tidlig.model.validation.MunicipalityCode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/**
 * A person as registered in CPR (record 001) or in a source system's patient register.
 *
 * @param cpr              the CPR number
 * @param sex              registered sex, or null to take it from the number
 * @param birthDate        registered birth date, or null to take it from the number
 * @param status           CPR status, or null when the source does not know it
 * @param municipalityCode the municipality of residence (3 digits, CPR writes 4 with a leading zero),
 *                         or null when the source does not know it
 */
public record PersonRecord(
        @NotNull @Cpr String cpr,
        Sex sex,
        @PastOrPresent LocalDate birthDate,
        PersonStatus status,
        @MunicipalityCode String municipalityCode) implements SourceRecord {

    /** A person known only by CPR number: sex and birth date follow from the number. */
    public static PersonRecord ofCpr(String cpr) {
        return new PersonRecord(cpr, null, null, null, null);
    }

    @Override
    public String toString() {
        return "PersonRecord[cpr=" + Masked.CPR + ", status=" + status + ", municipality=" + municipalityCode + "]";
    }
}
