// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;

import dk.tidlig.model.validation.Cpr;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;

/**
 * A person's current citizenship (CPR record 010), by the CPR office's four-digit country code (5100 is Denmark).
 * tidlig keeps only whether it is Danish: enough to check a model for unequal treatment of the parents' citizenship
 * (as critics found in Allegheny and SyRI), and no more than that.
 *
 * @param countryCode the CPR country code
 * @param since       the day the citizenship was registered, if known
 */
public record CitizenshipRecord(
        @NotNull @Cpr String cpr,
        @NotNull(message = "country code is missing") @Pattern(regexp = "\\d{4}", message = "country code must be 4 digits") String countryCode,
        @PastOrPresent LocalDate since) implements SourceRecord {

    /** The CPR office's country code of Denmark. */
    public static final String DENMARK = "5100";

    public boolean danish() {
        return DENMARK.equals(countryCode);
    }

    @Override
    public String toString() {
        return "CitizenshipRecord[cpr=" + Masked.CPR + ", danish=" + danish() + "]";
    }
}
