// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dk.tidlig.model.Indicator;

/**
 * Which appointment service types (Appointment.serviceType, as {@code system|code}) mean a no-show at the
 * municipal dental care, at the health visitor or at the doctor. Configured per municipality, because
 * regions and vendors code their services differently.
 */
public final class ServiceTypes {

    /** HL7 service-type 88 "General Dental" and 92 "Paediatric Dentistry". */
    public static final String DEFAULT_DENTAL = Fhir.SERVICE_TYPE + "|88, " + Fhir.SERVICE_TYPE + "|92";
    /** HL7 service-type 58 "Maternal & Child Health". */
    public static final String DEFAULT_HEALTH_VISITOR = Fhir.SERVICE_TYPE + "|58";
    /** HL7 service-type 124 "General Practice". */
    public static final String DEFAULT_DOCTOR = Fhir.SERVICE_TYPE + "|124";

    private final Map<String, Indicator> table;

    private ServiceTypes(Map<String, Indicator> table) {
        this.table = Map.copyOf(table);
    }

    public static ServiceTypes defaults() {
        return parse(DEFAULT_DENTAL, DEFAULT_HEALTH_VISITOR, DEFAULT_DOCTOR);
    }

    /**
     * Reads the three settings: each a comma-separated list of {@code system|code}.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static ServiceTypes parse(String dental, String healthVisitor, String doctor) {
        Map<String, Indicator> table = new LinkedHashMap<>();
        add(table, "dentalServiceTypes", dental, Indicator.CHILD_DENTAL_NO_SHOW);
        add(table, "healthVisitorServiceTypes", healthVisitor, Indicator.CHILD_HEALTH_VISITOR_NO_SHOW);
        add(table, "doctorServiceTypes", doctor, Indicator.MISSED_DOCTOR_APPOINTMENT);
        return new ServiceTypes(table);
    }

    private static void add(Map<String, Indicator> table, String setting, String entries, Indicator indicator) {
        if (entries == null || entries.isBlank()) {
            return; // this kind of no-show is not read
        }
        for (String entry : entries.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int bar = e.lastIndexOf('|');
            if (bar <= 0 || bar == e.length() - 1) {
                throw new IllegalArgumentException("setting '" + setting + "': each entry must be system|code, e.g. "
                        + Fhir.SERVICE_TYPE + "|124");
            }
            Indicator before = table.put(key(e.substring(0, bar), e.substring(bar + 1)), indicator);
            if (before != null && before != indicator) {
                throw new IllegalArgumentException("setting '" + setting + "': a service type is also listed for " + before);
            }
        }
    }

    /** The indicator a no-show of this service type gives, if any. */
    public Optional<Indicator> indicator(String system, String code) {
        if (system == null || code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.get(key(system, code)));
    }

    private static String key(String system, String code) {
        return system.strip() + "|" + code.strip();
    }
}
