// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import dk.tidlig.model.validation.Cpr;
import dk.tidlig.model.validation.MunicipalityCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person's address written out (CPR record 003): only for the encrypted identity vault, so that outreach staff
 * can find the family. The household comes from the coded address ({@link AddressRecord}), a record of its own: the
 * two may stand anywhere in a delivery, and each gives its own part.
 *
 * @param streetName the street address ("Bygaden 12, 2. tv")
 * @param postalCode postal code, or null
 * @param city       postal district, or null
 */
public record WrittenAddressRecord(
        @NotNull @Cpr String cpr,
        @NotNull(message = "municipality code is missing") @MunicipalityCode String municipalityCode,
        @NotBlank(message = "the written address is missing") @Size(max = 80) String streetName,
        @Pattern(regexp = "\\d{4}", message = "postal code must be 4 digits") String postalCode,
        @Size(max = 40) String city) implements SourceRecord {

    /** The address for the vault: street, postal code and district, and the municipality. */
    public String written() {
        return written(streetName, postalCode, city, municipalityCode);
    }

    static String written(String streetName, String postalCode, String city, String municipalityCode) {
        StringBuilder sb = new StringBuilder(streetName.strip());
        if (postalCode != null && !postalCode.isBlank()) {
            sb.append(", ").append(postalCode.strip());
            if (city != null && !city.isBlank()) {
                sb.append(' ').append(city.strip());
            }
        }
        return sb.append(" (kommune ").append(AddressRecord.withoutLeadingZeros(municipalityCode.strip())).append(')').toString();
    }

    @Override
    public String toString() {
        return "WrittenAddressRecord[cpr=" + Masked.CPR + ", municipality=" + municipalityCode + ", address=" + Masked.TEXT + "]";
    }
}
