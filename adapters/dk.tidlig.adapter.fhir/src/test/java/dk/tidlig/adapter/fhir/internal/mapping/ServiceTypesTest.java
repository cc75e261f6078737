// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.adapter.fhir.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dk.tidlig.model.Indicator;

class ServiceTypesTest {

    @Test
    void theDefaultsAreHl7ServiceTypes() {
        ServiceTypes t = ServiceTypes.defaults();
        assertThat(t.indicator(Fhir.SERVICE_TYPE, "88")).contains(Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(t.indicator(Fhir.SERVICE_TYPE, "92")).contains(Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(t.indicator(Fhir.SERVICE_TYPE, "58")).contains(Indicator.CHILD_HEALTH_VISITOR_NO_SHOW);
        assertThat(t.indicator(Fhir.SERVICE_TYPE, "124")).contains(Indicator.MISSED_DOCTOR_APPOINTMENT);
        assertThat(t.indicator(Fhir.SERVICE_TYPE, "65")).isEmpty();
        assertThat(t.indicator(null, "124")).isEmpty();
    }

    @Test
    void aMunicipalityListsItsOwnCodesAndMayLeaveAKindOut() {
        ServiceTypes t = ServiceTypes.parse(" urn:oid:1.2.208.176.2.1|TAND , https://region.example/ydelse|TP-01", "", "urn:oid:x|LAEGE");
        assertThat(t.indicator("urn:oid:1.2.208.176.2.1", "TAND")).contains(Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(t.indicator("https://region.example/ydelse", "TP-01")).contains(Indicator.CHILD_DENTAL_NO_SHOW);
        assertThat(t.indicator(Fhir.SERVICE_TYPE, "58")).isEmpty();
        assertThat(t.indicator("urn:oid:x", "LAEGE")).contains(Indicator.MISSED_DOCTOR_APPOINTMENT);
    }

    @Test
    void wrongEntriesNameTheSetting() {
        assertThatThrownBy(() -> ServiceTypes.parse("88", "", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("setting 'dentalServiceTypes': each entry must be system|code");
        assertThatThrownBy(() -> ServiceTypes.parse("s|1", "", "s|1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'doctorServiceTypes': a service type is also listed for CHILD_DENTAL_NO_SHOW");
    }
}
