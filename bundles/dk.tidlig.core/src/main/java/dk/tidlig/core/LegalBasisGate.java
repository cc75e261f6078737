// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The legal-basis gate: scoring and re-identification run only under a legal basis in force.
 */
@ProviderType
public interface LegalBasisGate {

    /** The configured basis, in force or not; empty when none is configured. */
    Optional<LegalBasis> configured();

    /**
     * The basis in force today.
     *
     * @param operation what is about to be done, for the message ("scoring", "re-identification")
     * @throws LegalBasisException with a message saying what is missing and where to configure it
     */
    LegalBasis require(String operation) throws LegalBasisException;
}
