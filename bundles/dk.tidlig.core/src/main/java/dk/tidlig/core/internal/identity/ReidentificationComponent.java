package dk.tidlig.core.internal.identity;

import java.util.Map;
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
import dk.tidlig.core.internal.ingest.VaultAad;
import dk.tidlig.model.PersonId;
import dk.tidlig.store.IdentityKind;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.Sealed;

/** Re-identification from the vault, behind the legal-basis gate. */
@Component(service = Reidentification.class)
public class ReidentificationComponent implements Reidentification {

    private static final Logger LOG = LoggerFactory.getLogger(ReidentificationComponent.class);

    private final KeyRing keys;
    private final IdentityVaultStore vault;
    private final LegalBasisGate gate;

    @Activate
    public ReidentificationComponent(@Reference KeyRing keys, @Reference IdentityVaultStore vault, @Reference LegalBasisGate gate) {
        this.keys = keys;
        this.vault = vault;
        this.gate = gate;
    }

    @Override
    public Optional<Identity> reveal(String municipalityCode, PersonId person, String purpose) throws LegalBasisException {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("re-identification needs a stated purpose");
        }
        LegalBasis basis = gate.require("re-identification");
        Map<IdentityKind, Sealed> entries = vault.read(municipalityCode, person);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        LOG.info("Re-identified person {} under legal basis {}", person.hex(), basis.id());
        return Optional.of(new Identity(open(municipalityCode, person, IdentityKind.CPR, entries), open(municipalityCode, person, IdentityKind.NAME, entries),
                open(municipalityCode, person, IdentityKind.ADDRESS, entries)));
    }

    private String open(String tenant, PersonId pid, IdentityKind kind, Map<IdentityKind, Sealed> entries) {
        Sealed s = entries.get(kind);
        return s == null ? null : keys.open(VaultAad.of(tenant, pid, kind), s);
    }

    @Override
    public PersonId pseudonymOf(String cpr) {
        return keys.pseudonym(cpr);
    }
}
