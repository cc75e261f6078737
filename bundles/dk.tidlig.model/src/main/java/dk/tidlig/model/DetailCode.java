// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import dk.tidlig.model.validation.NoCprNumber;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A coded detail of a risk event, kept for explanation and evaluation: a KLE case number, an
 * ICD-10/SKS diagnosis code, a notifier category, an absence category, a socio-economic code.
 *
 * @param system  the code system: {@link #KLE}, {@link #SKS}, {@link #ICD10}, or an adapter's own
 * @param code    the code
 * @param display optional human-readable text of the code (never personal data)
 */
public record DetailCode(
        @NotBlank @Size(max = 64) String system,
        @NotBlank @Size(max = 40) @NoCprNumber String code,
        @Size(max = 120) @NoCprNumber String display) {

    /** KL's municipal case classification (KLE), e.g. 27.24.03. */
    public static final String KLE = "KLE";
    /** The Danish health classification system SKS (ICD-10 with a leading D), urn:oid:1.2.208.176.2.4.12. */
    public static final String SKS = "urn:oid:1.2.208.176.2.4.12";
    /** Plain ICD-10. */
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    /** Statistics Denmark's socio-economic classification (SOCIO13). */
    public static final String SOCIO = "DST-SOCIO";

    public static DetailCode of(String system, String code) {
        return new DetailCode(system, code, null);
    }
}
