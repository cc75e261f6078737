// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code dk.tidlig.core}: the municipality and the active model. */
@ObjectClassDefinition(name = "tidlig core", description = "The municipality tidlig serves and which scoring model is active.")
public @interface CoreConfig {

    String PID = "dk.tidlig.core";

    @AttributeDefinition(name = "Municipality code", description = "Three-digit code of the municipality (tenant), e.g. 159 for Gladsaxe.")
    String municipalityCode();

    @AttributeDefinition(name = "Active model", description = "Id of the scoring model to run (a dk.tidlig.scoring.model configuration).")
    String activeModel();
}
