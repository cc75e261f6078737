// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import java.time.LocalDate;

import dk.tidlig.model.validation.Cpr;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * A dated relation between two persons.
 *
 * @param start first day the relation holds, or null when the source does not say
 * @param end   last day the relation holds, or null while it lasts
 */
public record RelationRecord(
        @NotNull(message = "relation type is missing") RelationType type,
        @NotNull @Cpr String fromCpr,
        @NotNull @Cpr String toCpr,
        LocalDate start,
        LocalDate end) implements SourceRecord {

    /** Between two different persons; custody by "the mother" or "the father" names the child twice (from = to). */
    @AssertTrue(message = "a relation must be between two different persons")
    public boolean isBetweenTwoPersons() {
        boolean same = fromCpr != null && toCpr != null && fromCpr.strip().replace("-", "").equals(toCpr.strip().replace("-", ""));
        return type != null && type.isCustodyByParent() ? same : !same;
    }

    @AssertTrue(message = "relation ends before it starts")
    public boolean isOrdered() {
        return start == null || end == null || !end.isBefore(start);
    }

    @Override
    public String toString() {
        return "RelationRecord[" + type + ", from=" + Masked.CPR + ", to=" + Masked.CPR + ", start=" + start + ", end=" + end + "]";
    }
}
