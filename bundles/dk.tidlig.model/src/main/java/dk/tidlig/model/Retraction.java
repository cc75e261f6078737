// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import dk.tidlig.model.validation.NoCprNumber;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A source record that is not (or no longer) a risk event: an appointment the child came to after all, a
 * period recoded from unemployment to employment, a quarter whose absence was corrected below the
 * threshold. If tidlig holds an event with this id from the same source system, it is removed, so a
 * correction in the source system reaches the scores. If it holds none, nothing happens.
 *
 * @param sourceRecordId the source system's id of the record
 */
public record Retraction(
        @NotBlank(message = "the record id is missing") @Size(max = 128) @NoCprNumber String sourceRecordId) implements SourceRecord {
}
