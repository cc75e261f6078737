// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;
import java.util.List;

import dk.tidlig.model.validation.Cpr;
import dk.tidlig.model.validation.NoCprNumber;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/**
 * A dated fact about a person that a scoring model may count.
 *
 * @param indicator      what the event is
 * @param subjectCpr     the person it is about
 * @param start          the date it happened, or the first day of its period
 * @param end            the last day of its period, null for a dated occurrence or an open period
 * @param sourceRecordId the source system's own id of the record, for idempotency and so a disputed
 *                       data point can be traced back and corrected; null when the source has none,
 *                       in which case the pipeline derives one from the pseudonymised content. Must
 *                       never contain a CPR number.
 * @param details        codes that explain the event
 * @param registered     the day the source system registered it, when the source gives one (a notification received on
 *                       the 3rd may be registered on the 10th): a back-test as of a past day uses only what was
 *                       registered by then; null when the source does not say
 */
public record RiskEvent(
        @NotNull(message = "indicator is missing") Indicator indicator,
        @NotNull @Cpr String subjectCpr,
        @NotNull(message = "date is missing") @PastOrPresent(message = "date lies in the future") LocalDate start,
        LocalDate end,
        @Size(max = 128) @NoCprNumber String sourceRecordId,
        List<@Valid DetailCode> details,
        @PastOrPresent(message = "registration date lies in the future") LocalDate registered) implements SourceRecord {

    public RiskEvent {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** An event whose source does not say when it was registered. */
    public RiskEvent(Indicator indicator, String subjectCpr, LocalDate start, LocalDate end, String sourceRecordId, List<DetailCode> details) {
        this(indicator, subjectCpr, start, end, sourceRecordId, details, null);
    }

    @AssertTrue(message = "registered before the day it happened")
    public boolean isRegisteredAfterStart() {
        return start == null || registered == null || !registered.isBefore(start);
    }

    @AssertTrue(message = "period ends before it starts")
    public boolean isOrdered() {
        return start == null || end == null || !end.isBefore(start);
    }

    @Override
    public String toString() {
        return "RiskEvent[" + indicator + ", subject=" + Masked.CPR + ", start=" + start + ", end=" + end
                + ", sourceRecordId=" + sourceRecordId + ", details=" + details + (registered == null ? "" : ", registered=" + registered) + "]";
    }
}
