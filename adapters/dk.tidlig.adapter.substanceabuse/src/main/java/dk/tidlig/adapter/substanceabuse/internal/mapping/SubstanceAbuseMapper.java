// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.substanceabuse.internal.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dk.tidlig.adapter.RecordException;
import dk.tidlig.adapter.text.CsvLineMapper;
import dk.tidlig.adapter.text.Row;
import dk.tidlig.model.DetailCode;
import dk.tidlig.model.Indicator;
import dk.tidlig.model.Retraction;
import dk.tidlig.model.RiskEvent;
import dk.tidlig.model.SourceRecord;

/**
 * Maps the treatment system's export of substance-abuse treatment episodes: every episode is
 * {@link Indicator#PARENT_SUBSTANCE_ABUSE_TREATMENT} for the person treated, from Behandlingsstart to
 * Behandlingsslut (open while the episode is ongoing), with the kind of treatment, the primary substance
 * (as an SKS code) and the legal basis as details. An episode registered in error (Status Annulleret)
 * retracts the event its id gave before, and so does anonymous treatment under serviceloven § 101 a,
 * which is never read as an event: of such rows only status, id and legal basis are read. The episode id
 * identifies the record, so a re-delivered export is idempotent and a corrected episode (a new end date)
 * replaces the earlier one.
 */
public final class SubstanceAbuseMapper extends CsvLineMapper {

    /** Detail code system of the kind of treatment. */
    public static final String TREATMENT_CODES = TreatmentType.CODE_SYSTEM;
    /** Detail code system of the legal basis. */
    public static final String LAW_CODES = LegalBasis.CODE_SYSTEM;

    public SubstanceAbuseMapper() {
        super(';', SubstanceAbuseColumns.REQUIRED);
    }

    @Override
    protected List<? extends SourceRecord> map(Row row) throws RecordException {
        String status = row.oneOf(SubstanceAbuseColumns.STATUS, SubstanceAbuseColumns.STATUSES);
        String id = row.text(SubstanceAbuseColumns.ID);
        if (status.equals(SubstanceAbuseColumns.ANNULLED)) {
            return List.of(new Retraction(id)); // registered in error: removes the episode if it was delivered before
        }
        Optional<String> law = row.optional(SubstanceAbuseColumns.LAW);
        String basis = law.isPresent() ? LegalBasis.of(SubstanceAbuseColumns.LAW, law.get()) : null;
        if (basis != null && LegalBasis.isAnonymous(basis)) {
            return List.of(new Retraction(id)); // anonymous treatment is never linked to the person
        }
        String cpr = row.cpr(SubstanceAbuseColumns.CPR);
        LocalDate start = row.date(SubstanceAbuseColumns.START, Row.DANISH_DATE);
        LocalDate end = row.optionalDate(SubstanceAbuseColumns.END, Row.DANISH_DATE).orElse(null);
        if (end != null && end.isBefore(start)) {
            throw new RecordException("column " + SubstanceAbuseColumns.END + " lies before " + SubstanceAbuseColumns.START);
        }
        if (end == null && status.equals(SubstanceAbuseColumns.FINISHED)) {
            throw new RecordException("column " + SubstanceAbuseColumns.END + " is empty, but Status is " + SubstanceAbuseColumns.FINISHED);
        }
        TreatmentType type = TreatmentType.ofDanish(row.oneOf(SubstanceAbuseColumns.TYPE, TreatmentType.DANISH));
        List<DetailCode> details = new ArrayList<>(3);
        details.add(new DetailCode(TREATMENT_CODES, type.name(), type.danish()));
        if (row.optional(SubstanceAbuseColumns.SUBSTANCE).isPresent()) {
            details.add(Substance.ofDanish(row.oneOf(SubstanceAbuseColumns.SUBSTANCE, Substance.DANISH)).detail());
        }
        if (basis != null) {
            details.add(DetailCode.of(LAW_CODES, basis));
        }
        return List.of(new RiskEvent(Indicator.PARENT_SUBSTANCE_ABUSE_TREATMENT, cpr, start, end, id, details));
    }
}
