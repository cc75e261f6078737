// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import dk.tidlig.model.validation.Cpr;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A person's current name (CPR record 008). Names go only to the encrypted identity vault.
 */
public record NameRecord(
        @NotNull @Cpr String cpr,
        @NotBlank(message = "first name is missing") @Size(max = 50) String firstNames,
        @Size(max = 40) String middleName,
        @NotBlank(message = "last name is missing") @Size(max = 40) String lastName) implements SourceRecord {

    /** The name as written on a letter: first, middle and last names. */
    public String fullName() {
        StringBuilder sb = new StringBuilder(firstNames.strip());
        if (middleName != null && !middleName.isBlank()) {
            sb.append(' ').append(middleName.strip());
        }
        return sb.append(' ').append(lastName.strip()).toString();
    }

    @Override
    public String toString() {
        return "NameRecord[cpr=" + Masked.CPR + ", name=" + Masked.TEXT + "]";
    }
}
