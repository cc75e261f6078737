package dk.tidlig.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

import dk.tidlig.model.Indicator;
import dk.tidlig.model.PersonId;

/** What an evaluation reads beside the scoring input: the outcomes that followed a day, and persons' coarse attributes. */
@ProviderType
public interface EvidenceStore {

    /** The municipality's persons' coarse attributes (citizenship, district). */
    Map<PersonId, Map<Row.Attribute, String>> attributes(String tenant);

    /**
     * For each person with one, the first day in [from, to] on which an event of one of the indicators began; events
     * marked as disputed or wrong do not count.
     */
    Map<PersonId, LocalDate> firstEvents(String tenant, Set<Indicator> indicators, LocalDate from, LocalDate to);

    /** A stored evaluation: which model version, as of which day, on which outcome, its figures (JSON) and report. */
    record EvaluationRow(long id, String tenant, String modelId, String modelVersion, String modelDigest, LocalDate asOf, String outcome,
            String outcomeSource, Instant createdAt, String createdBy, String figures, String reportDir) {
    }

    /** Stores an evaluation; returns it with its id. */
    EvaluationRow saveEvaluation(EvaluationRow row);

    /** The municipality's evaluations, newest first. */
    List<EvaluationRow> evaluations(String tenant, int limit);

    Optional<EvaluationRow> evaluation(String tenant, long id);
}
