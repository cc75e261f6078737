// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.ingest;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dk.tidlig.model.SourceRecord;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/**
 * Validates common-model records with Hibernate Validator. Bootstrapped explicitly with the provider
 * and a parameter-only message interpolator, so it needs neither service-loader discovery nor an
 * expression language in OSGi, and no message can evaluate an expression.
 */
@Component(service = RecordValidator.class)
public class RecordValidator {

    private final ValidatorFactory factory;
    private final Validator validator;

    public RecordValidator() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HibernateValidator.class.getClassLoader());
        try {
            factory = Validation.byProvider(HibernateValidator.class)
                    .providerResolver(() -> List.of(new HibernateValidator()))
                    .configure()
                    .ignoreXmlConfiguration()
                    .messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory();
            validator = factory.getValidator();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The problems of a line's records as one reason ("subjectCpr: CPR number has a month that does not exist; …"), or
     * empty when all are valid. Messages name fields and rules, never values.
     */
    public Optional<String> problems(List<? extends SourceRecord> records) {
        TreeSet<String> problems = new TreeSet<>();
        for (SourceRecord r : records) {
            for (ConstraintViolation<SourceRecord> v : validator.validate(r)) {
                problems.add(v.getPropertyPath() + ": " + v.getMessage());
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    @Deactivate
    public void close() {
        factory.close();
    }
}
