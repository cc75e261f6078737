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

import dk.tidlig.model.internal.CprValidator;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated string is a CPR number by the CPR office's rules (see {@code CprNumbers}). Null is
 * valid; combine with {@code @NotNull}. The violation message names the rule that failed, never the
 * number.
 */
@Documented
@Constraint(validatedBy = CprValidator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Cpr {
    String message() default "not a valid CPR number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
