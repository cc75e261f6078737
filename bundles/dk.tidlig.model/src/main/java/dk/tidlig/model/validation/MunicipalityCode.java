// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * A Danish municipality code: three digits (101 København … 860 Hjørring), which CPR writes with a
 * leading zero as four. Null is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "0?[1-9]\\d{2}")
@ReportAsSingleViolation
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface MunicipalityCode {
    String message() default "municipality code must be three digits (CPR may prefix a zero)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
