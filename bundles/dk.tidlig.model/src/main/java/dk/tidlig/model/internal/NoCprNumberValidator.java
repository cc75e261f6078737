// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.model.internal;

import dk.tidlig.model.CprNumbers;
import dk.tidlig.model.validation.NoCprNumber;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NoCprNumber}. */
public class NoCprNumberValidator implements ConstraintValidator<NoCprNumber, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return !CprNumbers.containsCprLike(value);
    }
}
