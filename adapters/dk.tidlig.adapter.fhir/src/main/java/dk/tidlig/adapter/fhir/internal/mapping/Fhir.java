// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.time.ZoneId;

/** Code systems and identifier systems the adapter reads, as HL7 Denmark's DK-core profiles name them. */
public final class Fhir {

    /** The CPR number on Patient and RelatedPerson (DK-core cpr identifier slice). */
    public static final String CPR = "urn:oid:1.2.208.176.1.2";
    /** SKS, the Danish health classification: ICD-10 with a leading D in the D branch (DF322). */
    public static final String SKS = "urn:oid:1.2.208.176.2.4.12";
    /** Plain ICD-10 (F32.2). */
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    /** HL7 v3 RoleCode: MTH, FTH, GUARD, CHILD, SPS, ... */
    public static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    /** The same code system under its FHIR STU3 address, still met in exports. */
    public static final String ROLE_CODE_OLD = "http://hl7.org/fhir/v3/RoleCode";
    /** Condition.verificationStatus. */
    public static final String CONDITION_VER_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    /** HL7's example code system for Appointment.serviceType, used by the default service-type table. */
    public static final String SERVICE_TYPE = "http://terminology.hl7.org/CodeSystem/service-type";

    /** Times with a zone are turned into Danish calendar days. */
    public static final ZoneId DANISH_TIME = ZoneId.of("Europe/Copenhagen");

    private Fhir() {
    }
}
