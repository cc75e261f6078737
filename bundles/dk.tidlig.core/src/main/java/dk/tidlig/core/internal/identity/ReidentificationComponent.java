// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.identity;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.Reidentification;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityVaultStore;

/** Re-identification from the vault, behind the legal-basis gate. */
@Component(service = Reidentification.class)
public class ReidentificationComponent implements Reidentification {

    private static final Logger LOG = LoggerFactory.getLogger(ReidentificationComponent.class);

    private final KeyRing keys;
    private final VaultReader vault;
    private final LegalBasisGate gate;
    /** Refuses when the key file and the rows hold different generations of a key; set by the framework, or by {@link #guardedBy}. */
    @org.osgi.service.component.annotations.Reference
    private dk.tidlig.core.internal.crypto.KeyGuard guard;

    @Activate
    public ReidentificationComponent(@Reference KeyRing keys, @Reference IdentityVaultStore vault, @Reference LegalBasisGate gate) {
        this.keys = keys;
        this.vault = new VaultReader(keys, vault);
        this.gate = gate;
    }

    @Override
    public Optional<Identity> reveal(String municipalityCode, PersonId person, String purpose) throws LegalBasisException {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("re-identification needs a stated purpose");
        }
        LegalBasis basis = gate.require("re-identification");
        Optional<Identity> identity = vault.read(municipalityCode, person);
        // never the pseudonym: a log line must not tell which person was looked at (the audit trail says it, keyed)
        identity.ifPresent(i -> LOG.debug("Re-identified a person under legal basis {}", basis.id()));
        return identity;
    }

    @Override
    public PersonId pseudonymOf(String municipalityCode, String cpr) {
        if (guard != null) {
            guard.require(municipalityCode, dk.tidlig.core.internal.crypto.KeyPurpose.PSEUDONYM);
        }
        return keys.pseudonym(municipalityCode, cpr);
    }

    /** Outside OSGi: guarded against a key file of another generation than the rows. */
    public ReidentificationComponent guardedBy(dk.tidlig.core.internal.crypto.KeyGuard keyGuard) {
        this.guard = keyGuard;
        return this;
    }
}
