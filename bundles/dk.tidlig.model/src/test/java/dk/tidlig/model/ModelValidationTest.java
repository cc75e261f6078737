// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/** The model's constraints, checked with Hibernate Validator as the ingest pipeline does. */
class ModelValidationTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void start() {
        factory = Validation.byProvider(HibernateValidator.class).configure()
                .ignoreXmlConfiguration().messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    private static Set<String> problems(Object o) {
        return validator.validate(o).stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.toSet());
    }

    @Test
    void aGoodEventHasNoViolations() {
        RiskEvent e = new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "150620-4123", LocalDate.of(2025, 3, 4), null, "TP-77",
                List.of(DetailCode.of("dental.visit", "ROUTINE")));
        assertThat(problems(e)).isEmpty();
    }

    @Test
    void anInvalidCprIsReportedWithTheRuleNotTheNumber() {
        RiskEvent e = new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "311320-4123", LocalDate.of(2025, 3, 4), null, "TP-77", null);
        Set<ConstraintViolation<RiskEvent>> v = validator.validate(e);
        assertThat(v).hasSize(1);
        ConstraintViolation<RiskEvent> only = v.iterator().next();
        assertThat(only.getPropertyPath().toString()).isEqualTo("subjectCpr");
        assertThat(only.getMessage()).isEqualTo("CPR number has a month that does not exist").doesNotContain("3113");
    }

    @Test
    void sourceRecordIdsMustNotCarryCprNumbers() {
        RiskEvent e = new RiskEvent(Indicator.CHILD_DENTAL_NO_SHOW, "150620-4123", LocalDate.of(2025, 3, 4), null, "visit-1506204123", null);
        assertThat(problems(e)).containsExactly("sourceRecordId: must not contain a CPR number");
    }

    @Test
    void periodsMustBeOrderedAndNotInTheFuture() {
        RiskEvent e = new RiskEvent(Indicator.PARENT_UNEMPLOYED, "010190-1234", LocalDate.of(2025, 3, 4), LocalDate.of(2025, 1, 1), "A-1", null);
        assertThat(problems(e)).containsExactly("ordered: period ends before it starts");
        RiskEvent future = new RiskEvent(Indicator.PARENT_UNEMPLOYED, "010190-1234", LocalDate.now().plusDays(3), null, "A-2", null);
        assertThat(problems(future)).containsExactly("start: date lies in the future");
    }

    @Test
    void relationsNeedTwoDifferentPersons() {
        RelationRecord r = new RelationRecord(RelationType.CUSTODY_HOLDER_OF, "010190-1234", "0101901234", null, null);
        assertThat(problems(r)).containsExactly("betweenTwoPersons: a relation must be between two different persons");
    }

    @Test
    void addressesNeedCodes() {
        AddressRecord a = new AddressRecord("010190-1234", "0159", "", "12", null, null, null, null, "28", null);
        assertThat(problems(a)).containsExactlyInAnyOrder("streetCode: street code is missing",
                "streetCode: street code must be 1-4 digits", "postalCode: postal code must be 4 digits");
        AddressRecord bad = new AddressRecord("010190-1234", "59", "42", "12", null, null, null, null, null, null);
        assertThat(problems(bad)).containsExactly("municipalityCode: municipality code must be three digits (CPR may prefix a zero)");
    }

    @Test
    void dwellingKeyIgnoresPaddingAndCase() {
        AddressRecord a = new AddressRecord("010190-1234", "0159", "0042", "12a", "02", "tv", null, null, null, null);
        AddressRecord b = new AddressRecord("010190-1234", "159", "42", "12A ", "2", "TV", null, null, null, null);
        assertThat(a.dwellingKey()).isEqualTo(b.dwellingKey()).isEqualTo("159|42|12A|2|TV");
    }

    @Test
    void toStringNeverShowsPersonalData() {
        String cpr = "0101901234";
        assertThat(PersonRecord.ofCpr(cpr).toString()).doesNotContain(cpr);
        assertThat(new NameRecord(cpr, "Anna", null, "Testesen").toString()).doesNotContain(cpr).doesNotContain("Anna");
        assertThat(new RelationRecord(RelationType.MOTHER_OF, cpr, "0101151234", null, null).toString()).doesNotContain(cpr);
        assertThat(new RiskEvent(Indicator.CHILD_NOTIFICATION, cpr, LocalDate.of(2025, 1, 1), null, null, null).toString()).doesNotContain(cpr);
    }
}
