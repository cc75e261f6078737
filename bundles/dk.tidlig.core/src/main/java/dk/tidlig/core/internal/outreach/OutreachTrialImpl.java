// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
package dk.tidlig.core.internal.outreach;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dk.tidlig.core.LegalBasisException;
import dk.tidlig.core.LegalBasisGate;
import dk.tidlig.core.evidence.OutcomeDefinition;
import dk.tidlig.core.evidence.OutreachTrial;
import dk.tidlig.core.internal.crypto.KeyRing;
import dk.tidlig.model.PersonId;
import dk.tidlig.model.score.FamilyScore;
import dk.tidlig.model.score.ScoreRun;
import dk.tidlig.store.EvidenceStore;
import dk.tidlig.store.IdentityVaultStore;
import dk.tidlig.store.ScoreStore;
import dk.tidlig.store.TrialStore;
import dk.tidlig.store.TrialStore.Allocation;

/** {@link OutreachTrial} from the lottery's allocations, the runs' household offers and the outcome events. */
@Component(service = OutreachTrial.class)
public class OutreachTrialImpl implements OutreachTrial {

    private final TrialStore trial;
    private final ScoreStore scores;
    private final EvidenceStore evidence;
    private final LegalBasisGate gate;
    private final SuppressionMarkers markers;

    @Activate
    public OutreachTrialImpl(@Reference TrialStore trial, @Reference ScoreStore scores, @Reference EvidenceStore evidence,
            @Reference LegalBasisGate gate, @Reference KeyRing keys, @Reference IdentityVaultStore vault) {
        this.trial = trial;
        this.scores = scores;
        this.evidence = evidence;
        this.gate = gate;
        this.markers = new SuppressionMarkers(keys, vault);
    }

    @Override
    public List<Household> households(String tenant, OutcomeDefinition outcome, LocalDate until) throws LegalBasisException {
        gate.require("evaluating the outreach's effect");
        List<Allocation> all = trial.allocations(tenant);
        // each lottery's day: the first outcome of every child after it
        Map<LocalDate, Map<PersonId, LocalDate>> outcomes = new HashMap<>();
        for (Allocation a : all) {
            outcomes.computeIfAbsent(a.asOf(), d -> d.isBefore(until) ? evidence.firstEvents(tenant, outcome.indicators(), d.plusDays(1), until)
                    : Map.of());
        }
        followUpDeclined(tenant, all, outcomes);
        Map<Long, LocalDate> runDays = new HashMap<>();
        List<Household> out = new ArrayList<>(all.size());
        for (Allocation a : trial.allocations(tenant)) {
            if (a.offerId() == null && !"DECLINED".equals(a.response())) {
                continue; // its score run was purged by retention: whose children it held is no longer known, so neither its outcome
            }
            LocalDate first;
            if (a.offerId() == null) {
                first = a.outcomeDay() != null && !a.outcomeDay().isAfter(until) ? a.outcomeDay() : null;
            } else {
                Map<PersonId, LocalDate> days = outcomes.get(a.asOf());
                first = scores.offer(a.runId(), a.offerId()).stream().map(FamilyScore::child).filter(Objects::nonNull).map(PersonId::parse)
                        .map(days::get).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
            }
            LocalDate afterWait = null;
            if (a.arm() == TrialStore.Arm.WAIT && a.listedRun() != null) {
                afterWait = runDays.computeIfAbsent(a.listedRun(), id -> scores.run(id).map(ScoreRun::asOf).orElse(null));
            }
            out.add(new Household(a.asOf(), a.arm() == TrialStore.Arm.OFFER, afterWait, a.offeredOn(), a.response(), first, a.children()));
        }
        return out;
    }

    /**
     * A household that declined was erased, but its children's later outcome events arrive like anyone's: a child whose
     * marker (made from the CPR number the register delivered) is one of the declined household's has its outcome kept with
     * the household's place in the trial, which outlives the marker.
     */
    private void followUpDeclined(String tenant, List<Allocation> all, Map<LocalDate, Map<PersonId, LocalDate>> outcomes) {
        Map<String, Long> followed = trial.followedMarkers(tenant);
        if (followed.isEmpty()) {
            return;
        }
        Map<Long, Allocation> byId = new HashMap<>();
        all.forEach(a -> byId.put(a.id(), a));
        Set<PersonId> candidates = new java.util.HashSet<>();
        outcomes.values().forEach(m -> candidates.addAll(m.keySet()));
        for (Map.Entry<PersonId, String> m : markers.of(tenant, candidates).entrySet()) {
            Long id = followed.get(m.getValue());
            Allocation a = id == null ? null : byId.get(id);
            if (a != null) {
                LocalDate day = outcomes.get(a.asOf()).get(m.getKey());
                if (day != null) {
                    trial.outcomeObserved(a.id(), day);
                }
            }
        }
    }
}
