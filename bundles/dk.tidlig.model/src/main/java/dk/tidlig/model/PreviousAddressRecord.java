// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;

import dk.tidlig.model.validation.Cpr;
import dk.tidlig.model.validation.MunicipalityCode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/**
 * An address a person lived at before, coded, with the days moved in and out (CPR record 023). Like the current address
 * ({@link AddressRecord}) it identifies a household, stored as a keyed hash; it lets a back-test as of a past day see
 * the family as it lived then (a father who moved out last year was in the household two years ago).
 *
 * @param from  the day the person moved in, if known
 * @param until the day the person moved out
 */
public record PreviousAddressRecord(
        @NotNull @Cpr String cpr,
        @NotNull(message = "municipality code is missing") @MunicipalityCode String municipalityCode,
        @NotBlank(message = "street code is missing") @Pattern(regexp = "\\d{1,4}", message = "street code must be 1-4 digits") String streetCode,
        @NotBlank(message = "house number is missing") @Size(max = 4) String houseNumber,
        @Size(max = 2) String floor,
        @Size(max = 4) String door,
        @PastOrPresent LocalDate from,
        @NotNull(message = "the day the person moved out is missing") @PastOrPresent LocalDate until) implements SourceRecord {

    @AssertTrue(message = "moved out before moving in")
    public boolean isOrdered() {
        return from == null || until == null || !until.isBefore(from);
    }

    /** The dwelling, as {@link AddressRecord#dwellingKey()} writes it: the same dwelling gives the same household. */
    public String dwellingKey() {
        return new AddressRecord(cpr, municipalityCode, streetCode, houseNumber, floor, door, null, null, null, null).dwellingKey();
    }

    @Override
    public String toString() {
        return "PreviousAddressRecord[cpr=" + Masked.CPR + ", municipality=" + municipalityCode + ", from=" + from + ", until=" + until + "]";
    }
}
