package dk.tidlig.core.transparency;

import java.util.List;

import dk.tidlig.core.LegalBasis;
import dk.tidlig.model.Indicator;

/**
 * The public description of the active scoring model: what it counts, with how many points, where each
 * number comes from, when a family is flagged, under which legal basis, and how far it is validated.
 *
 * @param legalBasis       the configured legal basis, or null
 * @param legalBasisInForce whether it is in force today
 * @param validationStatus what is known about the model's accuracy
 */
public record ModelCard(String id, String version, String title, String description, String digest, int threshold, String thresholdProvenance,
        int minIndicators, int windowMonths, String windowProvenance, int ageMin, int ageMax, List<Rule> rules, LegalBasis legalBasis,
        boolean legalBasisInForce, String validationStatus) {

    public ModelCard {
        rules = List.copyOf(rules);
    }

    /**
     * @param basis      ONCE, PER_EVENT or PER_YEAR
     * @param maxCount   most occurrences counted (PER_EVENT), 0 for no limit
     * @param provenance PUBLISHED, REPORTED or MUNICIPAL_DECISION
     */
    public record Rule(Indicator indicator, int points, String basis, int maxCount, String provenance, String note) {
    }
}
