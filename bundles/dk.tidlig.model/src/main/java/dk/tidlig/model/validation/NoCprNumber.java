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

import dk.tidlig.model.internal.NoCprNumberValidator;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated text contains nothing shaped like a CPR number. Put on every field that is stored in
 * clear text (source record ids, codes), so that a vendor who builds ids from CPR numbers is caught at
 * the door.
 */
@Documented
@Constraint(validatedBy = NoCprNumberValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface NoCprNumber {
    String message() default "must not contain a CPR number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
