package dk.tidlig.core.transparency;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.core.access.Actor;

/** The model card, the data inventory and the citizen's access report. */
@ProviderType
public interface Transparency {

    /**
     * The active model's card, for everybody signed in.
     *
     * @throws IllegalStateException when no valid model is active
     */
    ModelCard modelCard();

    /** The deployed adapters' sources, data categories and purposes, and the retention. */
    DataInventory dataInventory();

    /**
     * Everything held about the person with this CPR number, for an access request. Team leads and
     * auditors (the data protection officer) may produce it; it is audited, without the CPR number. It
     * needs no scoring legal basis: the right of access holds whatever tidlig may otherwise do.
     *
     * @param purpose the request's reference, e.g. the case number of the access request
     */
    AccessReport accessReport(Actor actor, String cpr, String purpose);
}
