// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;
import java.util.Locale;

import dk.tidlig.model.validation.Cpr;
import dk.tidlig.model.validation.MunicipalityCode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/**
 * A person's current address, coded (CPR record 002). The coded address identifies the household: persons
 * with the same municipality, street code, house number, floor and door live in the same dwelling; it is
 * stored as a keyed hash. When a source gives the address written out with it ({@code streetName}), that goes
 * to the encrypted identity vault; the CPR extract gives it in a record of its own ({@link WrittenAddressRecord}).
 *
 * @param since      date the person moved in, if known
 * @param streetName written street address ("Bygaden 12, 2. tv"), or null when only codes are known
 * @param postalCode postal code, or null
 * @param city       postal district, or null
 */
public record AddressRecord(
        @NotNull @Cpr String cpr,
        @NotNull(message = "municipality code is missing") @MunicipalityCode String municipalityCode,
        @NotBlank(message = "street code is missing") @Pattern(regexp = "\\d{1,4}", message = "street code must be 1-4 digits") String streetCode,
        @NotBlank(message = "house number is missing") @Size(max = 4) String houseNumber,
        @Size(max = 2) String floor,
        @Size(max = 4) String door,
        @PastOrPresent LocalDate since,
        @Size(max = 80) String streetName,
        @Pattern(regexp = "\\d{4}", message = "postal code must be 4 digits") String postalCode,
        @Size(max = 40) String city) implements SourceRecord {

    /**
     * The dwelling as a canonical string: municipality, street code, house number, floor and door,
     * normalised so that "0159|0042|12A|2|TV" equals what another record writes with other padding.
     * It identifies an address, so it is only ever stored hashed.
     */
    public String dwellingKey() {
        // run for every address of every delivery: no stream, no regular expression
        return new StringBuilder(32).append(stripZeros(municipalityCode)).append('|').append(stripZeros(streetCode)).append('|')
                .append(norm(houseNumber)).append('|').append(stripZeros(floor)).append('|').append(norm(door)).toString();
    }

    /** The written address for the vault, or null when the source gave only codes. */
    public String written() {
        return streetName == null || streetName.isBlank() ? null : WrittenAddressRecord.written(streetName, postalCode, city, municipalityCode);
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
    }

    private static String stripZeros(String s) {
        return withoutLeadingZeros(norm(s));
    }

    /**
     * The text without its leading zeros, one kept where nothing else would be: what {@code replaceFirst("^0+(?=.)", "")}
     * gives ("0042" gives "42", "000" gives "0", "0A" gives "A"), without compiling a regular expression per call. As
     * there, a line terminator is not a character that follows ({@code .} does not match it), so "00\n" gives "0\n".
     */
    static String withoutLeadingZeros(String s) {
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '0') {
            zeros++;
        }
        if (zeros == 0) {
            return s;
        }
        boolean follows = zeros < s.length() && !lineTerminator(s.charAt(zeros));
        return s.substring(follows ? zeros : zeros - 1);
    }

    private static boolean lineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    @Override
    public String toString() {
        return "AddressRecord[cpr=" + Masked.CPR + ", municipality=" + municipalityCode + ", address=" + Masked.TEXT + "]";
    }
}
